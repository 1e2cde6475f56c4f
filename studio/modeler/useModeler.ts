/**
 * The bpmn-js modeler's lifecycle for a React screen, free of UI: created once into the
 * screen's canvas and panel elements and destroyed with it; imports that do not count as edits;
 * undo/redo, lint and simulation state; the modeler's language following the studio's. Edits
 * are reported at once (`onEdit`) and, 400 ms after the last one, with the XML (`onSettled`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Translate } from '../i18n/index.js';
import type { ModelerLanguage } from './i18n/index.js';
import { createModeler, type Modeler } from './create-modeler.js';
import { flattenLintIssues, type LintItem } from './lint-issues.js';
import type { Shape } from './properties/bpmn-element.js';
import type { SopContextData } from './sop-context.js';

/** The properties panel asks for a bigger editor (condition builder, form designer). */
export interface EditorRequest { kind: 'condition' | 'form'; element: Shape }

export interface ModelerOptions {
  lang: ModelerLanguage;
  t: Translate;
  fetchDocuments?: SopContextData['fetchDocuments'];
  onEdit?(): void;
  onSettled?(xml: string): void;
  onEditorRequest?(request: EditorRequest): void;
}

export function useModeler(options: ModelerOptions) {
  const canvasRef = useRef<HTMLDivElement>(null);
  /** the palette's column, beside the canvas (tool-column.ts) */
  const toolsRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler>(undefined);
  const importing = useRef(false);
  const opts = useRef(options);
  opts.current = options;
  const [modeler, setModeler] = useState<Modeler>();
  const [lint, setLint] = useState<LintItem[]>([]);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [simulating, setSimulating] = useState(false);

  useEffect(() => {
    const { lang, t, fetchDocuments } = opts.current;
    const m = createModeler({ container: canvasRef.current!, propertiesParent: panelRef.current!, toolParent: toolsRef.current ?? undefined, lang });
    modelerRef.current = m;
    setModeler(m);
    m.get('sopContext').update({ t, fetchDocuments });
    let settle: ReturnType<typeof setTimeout> | undefined;
    m.on('commandStack.changed', () => {
      const stack = m.get('commandStack');
      setCanUndo(stack.canUndo());
      setCanRedo(stack.canRedo());
      if (importing.current) return;
      opts.current.onEdit?.();
      clearTimeout(settle);
      settle = setTimeout(() => {
        void m.saveXML({ format: true }).then(({ xml }) => xml && opts.current.onSettled?.(xml));
      }, 400);
    });
    m.on('linting.completed', (e: { issues: Parameters<typeof flattenLintIssues>[0] }) => setLint(flattenLintIssues(e.issues)));
    m.on('sop.editor.open', (e: EditorRequest) => opts.current.onEditorRequest?.({ kind: e.kind, element: e.element }));
    m.on('tokenSimulation.toggleMode', (e: { active: boolean }) => setSimulating(e.active));
    return () => {
      clearTimeout(settle);
      modelerRef.current = undefined;
      m.destroy();
    };
  }, []);

  useEffect(() => {
    modelerRef.current?.get('modelerLanguage').set(options.lang);
    modelerRef.current?.get('sopContext').update({ t: options.t });
  }, [options.t, options.lang]);

  /** Show a diagram; its commands are not edits. */
  const importXml = useCallback(async (xml: string) => {
    const m = modelerRef.current!;
    importing.current = true;
    try {
      await m.importXML(xml);
    } finally {
      importing.current = false;
    }
    // bpmn-js's own fit: nothing lies over the canvas, the palette has a column of its own (tool-column.ts)
    m.get('canvas').zoom('fit-viewport');
  }, []);

  const currentXml = useCallback(async () => (await modelerRef.current!.saveXML({ format: true })).xml ?? '', []);

  /** Select an element and scroll it into view (a lint issue's element). */
  const reveal = useCallback((elementId: string) => {
    const m = modelerRef.current!;
    const el = m.get('elementRegistry').get(elementId);
    if (!el) return;
    m.get('selection').select(el);
    m.get('canvas').scrollToElement(el);
  }, []);

  return {
    canvasRef,
    toolsRef,
    panelRef,
    /** undefined until mounted */
    modeler,
    importXml,
    currentXml,
    reveal,
    lint,
    canUndo,
    canRedo,
    undo: () => modelerRef.current?.get('commandStack').undo(),
    redo: () => modelerRef.current?.get('commandStack').redo(),
    simulating,
    toggleSimulation: () => modelerRef.current?.get('toggleMode').toggleMode(),
  };
}

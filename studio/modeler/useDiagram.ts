/**
 * A read-only diagram in a React element: the published XML shown by the viewer (viewer.ts), each
 * marker (a CSS class) on the elements it names, then `onShown` places the view (fit, or the current
 * step). Rebuilt when the XML or the marked elements change. Used by the version compare and the
 * task's progress.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { Canvas, ElementRegistry } from './services.js';
import { createViewer } from './viewer.js';

export interface DiagramView {
  canvas: Canvas;
  registry: ElementRegistry;
}

export function useDiagram(xml: string, markers: Readonly<Record<string, readonly string[]>>, onShown: (view: DiagramView) => void): { container: RefObject<HTMLDivElement | null>; view: RefObject<DiagramView | null> } {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<DiagramView | null>(null);
  const shown = useRef(onShown);
  shown.current = onShown;
  const marked = JSON.stringify(markers);
  useEffect(() => {
    const viewer = createViewer(container.current!);
    let alive = true;
    viewer.importXML(xml).then(() => {
      if (!alive) return;
      const canvas = viewer.get('canvas');
      const registry = viewer.get('elementRegistry');
      for (const [marker, ids] of Object.entries(JSON.parse(marked) as Record<string, string[]>)) for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
      view.current = { canvas, registry };
      shown.current(view.current);
    }, () => undefined);
    return () => {
      alive = false;
      view.current = null;
      viewer.destroy();
    };
  }, [xml, marked]);
  return { container, view };
}

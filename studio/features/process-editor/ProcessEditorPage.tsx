/**
 * The process editor: bpmn-js Modeler + SOP properties panel + lint while drawing + token
 * simulation; save with revision checks (conflicts never lose a version), local autosave,
 * publish with lint and diff.
 */
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Divider, IconButton, List, ListItemButton, ListItemText, Snackbar, Toolbar, Tooltip, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import RedoIcon from '@mui/icons-material/Redo';
import DownloadIcon from '@mui/icons-material/Download';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api, ApiError, conflictOf, type DraftConflict, type RuleSetDoc } from '../../api/client.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.js';
import { ConditionBuilder } from '../../modeler/conditions/ConditionBuilder.js';
import { modelVariables } from '../../modeler/conditions/model-variables.js';
import { createModeler, type Modeler } from '../../modeler/create-modeler.js';
import { SopIdentityDialog } from './SopIdentityDialog.js';
import { ServiceStandardDialog } from './ServiceStandardDialog.js';
import { bpmnlintOptions } from '../../modeler/lint/config.js';
import { conditionBody, conditionSlot, type BusinessObject, type Shape } from '../../modeler/properties/bpmn-element.js';
import type { SopContext } from '../../modeler/sop-context.js';
import { requirementDocuments } from '../../modeler/requirement-documents.js';
import { modelerTranslate, type ModelerLanguageService } from '../../modeler/i18n/index.js';
import { DiffView } from '../publish/DiffView.js';
import { PublishDialog } from '../publish/PublishDialog.js';
import { flattenLintIssues, type LintItem } from './lint-issues.js';
import { clearLocalDraft, localDraftKey, readLocalDraft, writeLocalDraft, type LocalDraft } from './local-draft.js';
import { useUnsavedGuard } from './useUnsavedGuard.js';

const FormDesignerDialog = lazy(() => import('../form-designer/FormDesignerDialog.js'));

interface CommandStack { canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void }
interface Modeling {
  updateProperties(element: Shape, props: Record<string, unknown>): void;
  updateModdleProperties(element: Shape, target: BusinessObject, props: Record<string, unknown>): void;
}
interface Moddle { create(type: string, attrs?: Record<string, unknown>): BusinessObject }
interface ElementRegistry { get(id: string): Shape | undefined }
interface Selection { select(element: Shape): void }
interface Canvas { zoom(level: string): void; scrollToElement(element: Shape): void }
interface Linting { setLinterConfig(config: unknown): void }
interface ToggleMode { toggleMode(active?: boolean): void }

type EditorDialog = { kind: 'condition' | 'form'; element: Shape } | undefined;

function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The documents of a requirement set for the step's picker: its draft, else its latest publication. */
async function requirementSetDocuments(ruleSetKey: string) {
  const draft = await api.getRuleSetDraft(ruleSetKey);
  if (draft) return requirementDocuments(draft.content);
  const n = Math.max(0, ...(await api.versions('rulesets', ruleSetKey)).map((v) => v.n));
  return n ? requirementDocuments(JSON.parse((await api.version('rulesets', ruleSetKey, n)).content) as RuleSetDoc) : [];
}

export default function ProcessEditorPage() {
  const { key = '' } = useParams();
  const t = useT();
  const { lang } = useLanguage();
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler>(undefined);
  const [identityOpen, setIdentityOpen] = useState(false);
  const [standardOpen, setStandardOpen] = useState(false);
  const revisionRef = useRef<number | undefined>(undefined);
  const serverXmlRef = useRef<string>('');
  const importingRef = useRef(false);
  const storageKey = localDraftKey('process', key);

  const [loadError, setLoadError] = useState<string>();
  const [ready, setReady] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [lint, setLint] = useState<LintItem[]>([]);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [localFound, setLocalFound] = useState<LocalDraft>();
  const [conflict, setConflict] = useState<DraftConflict>();
  const [compare, setCompare] = useState<{ theirs: string; mine: string }>();
  const [publishing, setPublishing] = useState(false);
  const [editor, setEditor] = useState<EditorDialog>();
  const [simulating, setSimulating] = useState(false);
  const [title, setTitle] = useState(key);

  useUnsavedGuard(dirty, t('editor.unsaved'));

  const importXml = useCallback(async (xml: string) => {
    const modeler = modelerRef.current!;
    importingRef.current = true;
    try {
      await modeler.importXML(xml);
    } finally {
      importingRef.current = false;
    }
    (modeler.get('canvas') as Canvas).zoom('fit-viewport');
    const name = /<bpmn:process[^>]*\sname="([^"]*)"/.exec(xml)?.[1];
    if (name) setTitle(name);
  }, []);

  const currentXml = useCallback(async () => (await modelerRef.current!.saveXML({ format: true })).xml ?? '', []);

  // Create the modeler once per document and load the draft (or the latest publication).
  useEffect(() => {
    const modeler = createModeler({ container: canvasRef.current!, propertiesParent: panelRef.current!, lang });
    modelerRef.current = modeler;
    const ctx = modeler.get('sopContext') as SopContext;
    ctx.update({ t, fetchDocuments: requirementSetDocuments });
    let autosave: ReturnType<typeof setTimeout> | undefined;

    modeler.on('commandStack.changed', () => {
      const stack = modeler.get('commandStack') as CommandStack;
      setCanUndo(stack.canUndo());
      setCanRedo(stack.canRedo());
      if (importingRef.current) return;
      setDirty(true);
      clearTimeout(autosave);
      autosave = setTimeout(() => {
        void modeler.saveXML({ format: true }).then(({ xml }) => xml && writeLocalDraft(storageKey, xml, revisionRef.current));
      }, 400);
    });
    modeler.on('linting.completed', (e: { issues: Parameters<typeof flattenLintIssues>[0] }) => setLint(flattenLintIssues(e.issues)));
    modeler.on('sop.editor.open', (e: { kind: 'condition' | 'form'; element: Shape }) => setEditor({ kind: e.kind, element: e.element }));
    modeler.on('tokenSimulation.toggleMode', (e: { active: boolean }) => setSimulating(e.active));

    let alive = true;
    (async () => {
      const draft = await api.getProcessDraft(key);
      let xml: string;
      if (draft) {
        revisionRef.current = draft.revision;
        xml = draft.content;
      } else {
        const versions = await api.versions('processes', key);
        const n = Math.max(0, ...versions.map((v) => v.n));
        if (!n) throw new ApiError(404, 'PROCESS_NOT_FOUND', key);
        xml = (await api.version('processes', key, n)).content;
        revisionRef.current = undefined;
        setMessage(t('editor.notFound'));
      }
      if (!alive) return;
      serverXmlRef.current = xml;
      await importXml(xml);
      const local = readLocalDraft(storageKey);
      if (local && local.content !== xml) setLocalFound(local);
      setReady(true);
    })().catch((e: Error) => alive && setLoadError(e.message));

    // Pickers: roles, rule sets and processes from the server; the lint rules check against them too.
    Promise.all([api.roles(), api.list('rulesets'), api.list('processes')]).then(([roles, ruleSets, processes]) => {
      if (!alive) return;
      ctx.update({
        roles: roles.map((r) => ({ value: r.key, label: `${r.name} (${r.key})` })),
        ruleSets: ruleSets.map((r) => ({ value: r.key, label: `${r.name} (${r.key})` })),
        processes: processes.filter((p) => p.key !== key).map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
      });
      (modeler.get('linting') as Linting).setLinterConfig(bpmnlintOptions({ roles: roles.map((r) => r.key), ruleSets: ruleSets.map((r) => r.key) }));
    }, () => undefined);

    return () => {
      alive = false;
      clearTimeout(autosave);
      modeler.destroy();
    };
    // t changes only with the language; the panel labels follow through the effect below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, storageKey, importXml]);

  useEffect(() => {
    (modelerRef.current?.get('modelerLanguage') as ModelerLanguageService | undefined)?.set(lang);
    (modelerRef.current?.get('sopContext') as SopContext | undefined)?.update({ t });
  }, [t, lang]);

  async function save(overRevision?: number): Promise<boolean> {
    setError(undefined);
    const xml = await currentXml();
    try {
      const answer = await api.saveProcessDraft(key, xml, overRevision ?? revisionRef.current);
      revisionRef.current = answer.revision;
      serverXmlRef.current = xml;
      clearLocalDraft(storageKey);
      setDirty(false);
      setConflict(undefined);
      setMessage(t('editor.saved', { rev: answer.revision }));
      return true;
    } catch (e) {
      const c = conflictOf(e);
      if (c) {
        writeLocalDraft(storageKey, xml, revisionRef.current);
        setConflict(c);
      } else {
        setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
      }
      return false;
    }
  }

  async function reloadTheirs() {
    const draft = await api.getProcessDraft(key);
    if (!draft) return;
    // Mine stays in local storage (written on conflict) and can be restored from the banner.
    revisionRef.current = draft.revision;
    serverXmlRef.current = draft.content;
    await importXml(draft.content);
    setDirty(false);
    setConflict(undefined);
    const local = readLocalDraft(storageKey);
    if (local && local.content !== draft.content) setLocalFound(local);
  }

  async function openCompare() {
    const [draft, mine] = await Promise.all([api.getProcessDraft(key), currentXml()]);
    if (draft) setCompare({ theirs: draft.content, mine });
  }

  async function startPublish() {
    if (dirty && !(await save())) return;
    setPublishing(true);
  }

  function applyCondition(element: Shape, body: string | undefined) {
    const modeler = modelerRef.current!;
    const modeling = modeler.get('modeling') as Modeling;
    const moddle = modeler.get('moddle') as Moddle;
    const slot = conditionSlot(element.businessObject);
    if (slot) {
      // A flow's conditionExpression, a conditional event's condition, a complex gateway's activationCondition.
      const value = body === undefined ? undefined : moddle.create('bpmn:FormalExpression', { body, language: 'json-rules-engine' });
      if (slot.target === element.businessObject) modeling.updateProperties(element, { [slot.attr]: value });
      else modeling.updateModdleProperties(element, slot.target, { [slot.attr]: value });
    }
    setEditor(undefined);
  }

  function applyForm(element: Shape, form: string | undefined) {
    (modelerRef.current!.get('modeling') as Modeling).updateProperties(element, { 'sop:form': form });
    setEditor(undefined);
  }

  function selectIssue(item: LintItem) {
    const modeler = modelerRef.current!;
    const el = (modeler.get('elementRegistry') as ElementRegistry).get(item.element);
    if (!el) return;
    (modeler.get('selection') as Selection).select(el);
    (modeler.get('canvas') as Canvas).scrollToElement(el);
  }

  const errors = lint.filter((i) => i.category === 'error');
  const warnings = lint.filter((i) => i.category !== 'error');

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Toolbar variant="dense" sx={{ gap: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }} aria-label="editor">
        <Typography variant="h6" component="h1" sx={{ mr: 2 }} data-testid="editor-title">{title}</Typography>
        <Button variant="contained" onClick={() => void save()} disabled={!ready} data-testid="save-draft">{t('editor.save')}</Button>
        <Button variant="outlined" color="secondary" onClick={() => void startPublish()} disabled={!ready} data-testid="publish">{t('editor.publish')}</Button>
        <Tooltip title={t('editor.undo')}><span><IconButton aria-label={t('editor.undo')} disabled={!canUndo} onClick={() => (modelerRef.current!.get('commandStack') as CommandStack).undo()}><UndoIcon /></IconButton></span></Tooltip>
        <Tooltip title={t('editor.redo')}><span><IconButton aria-label={t('editor.redo')} disabled={!canRedo} onClick={() => (modelerRef.current!.get('commandStack') as CommandStack).redo()}><RedoIcon /></IconButton></span></Tooltip>
        <Tooltip title={t('editor.export')}><span><IconButton aria-label={t('editor.export')} disabled={!ready} onClick={() => void currentXml().then((xml) => downloadText(`${key}.bpmn`, xml, 'application/xml'))}><DownloadIcon /></IconButton></span></Tooltip>
        <Button onClick={() => (modelerRef.current!.get('toggleMode') as ToggleMode).toggleMode()} variant={simulating ? 'contained' : 'text'} data-testid="simulate">{t('editor.simulate')}</Button>
        <Button component={RouterLink} to={`/processes/${key}/versions`}>{t('editor.versions')}</Button>
        <Button onClick={() => setIdentityOpen(true)} disabled={!ready} data-testid="identity-open">{t('identity.open')}</Button>
        <Button onClick={() => setStandardOpen(true)} data-testid="standard-open">{t('standard.link')}</Button>
        <Button href={`/api/processes/${key}/sop-document`} target="_blank" rel="noopener" data-testid="sop-document">{t('sopdoc.html')}</Button>
        <Button href={`/api/processes/${key}/sop-document.pdf`} target="_blank" rel="noopener">{t('sopdoc.pdf')}</Button>
        <Box sx={{ flex: 1 }} />
        <Box aria-live="polite" data-testid="lint-summary">
          {errors.length === 0 && warnings.length === 0 ? <Chip size="small" color="success" label={t('editor.lintClean')} /> : null}
          {errors.length > 0 && <Chip size="small" color="error" label={t('editor.lintErrors', { n: errors.length })} sx={{ mr: 1 }} data-testid="lint-errors" />}
          {warnings.length > 0 && <Chip size="small" color="warning" label={t('editor.lintWarnings', { n: warnings.length })} />}
        </Box>
        {dirty && <Chip size="small" variant="outlined" label={t('editor.unsaved')} data-testid="dirty" />}
      </Toolbar>
      {loadError && <Alert severity="error">{loadError}</Alert>}
      {error && <Alert severity="error" onClose={() => setError(undefined)} data-testid="editor-error">{error}</Alert>}
      {localFound && (
        <Alert severity="warning" data-testid="local-found" action={
          <>
            <Button color="inherit" onClick={() => { void importXml(localFound.content).then(() => { setDirty(true); setLocalFound(undefined); setMessage(t('editor.localRestored')); }); }}>{t('editor.localRestore')}</Button>
            <Button color="inherit" onClick={() => { clearLocalDraft(storageKey); setLocalFound(undefined); }}>{t('editor.localDiscard')}</Button>
          </>
        }>
          {t('editor.localFound', { at: formatDateTime(localFound.savedAt, lang) })}
        </Alert>
      )}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
          <Box ref={canvasRef} className="sop-canvas" sx={{ flex: 1, minHeight: 0 }} data-testid="canvas" />
          <Divider />
          <Box sx={{ maxHeight: 150, overflow: 'auto' }} component="section" aria-label={t('editor.lint')}>
            <List dense disablePadding data-testid="lint-list">
              {lint.map((i, k) => (
                <ListItemButton key={k} onClick={() => selectIssue(i)} data-element={i.element} data-rule={i.rule}>
                  <ListItemText primary={`${i.category === 'error' ? '⛔' : '⚠'} ${modelerTranslate(lang, i.message)}`} secondary={`${i.element} · ${i.rule}`} />
                </ListItemButton>
              ))}
            </List>
          </Box>
        </Box>
        <Box ref={panelRef} className="sop-panel" sx={{ width: 340 }} data-testid="properties-panel" />
      </Box>

      {editor?.kind === 'condition' && (
        <ConditionBuilder
          body={conditionBody(editor.element.businessObject)}
          flowName={editor.element.businessObject.name}
          variables={modelerRef.current ? modelVariables(modelerRef.current.getDefinitions() as BusinessObject) : []}
          onApply={(body) => applyCondition(editor.element, body)}
          onClose={() => setEditor(undefined)}
        />
      )}
      {editor?.kind === 'form' && (
        <Suspense fallback={null}>
          <FormDesignerDialog
            taskName={editor.element.businessObject.name ?? editor.element.id}
            value={String(editor.element.businessObject.get('sop:form') ?? '')}
            onApply={(form) => applyForm(editor.element, form)}
            onClose={() => setEditor(undefined)}
          />
        </Suspense>
      )}
      {conflict && (
        <Dialog open onClose={() => setConflict(undefined)} aria-labelledby="conflict-title">
          <DialogTitle id="conflict-title">{t('editor.conflictTitle')}</DialogTitle>
          <DialogContent>
            <DialogContentText data-testid="conflict-text">
              {t('editor.conflictText', { by: conflict.updatedBy, at: formatDateTime(conflict.updatedAt, lang), rev: conflict.revision })}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => void reloadTheirs()}>{t('editor.conflictReload')}</Button>
            <Button onClick={() => void openCompare()}>{t('editor.conflictCompare')}</Button>
            <Button variant="contained" color="warning" onClick={() => void save(conflict.revision)}>{t('editor.conflictOverwrite')}</Button>
          </DialogActions>
        </Dialog>
      )}
      {compare && (
        <Dialog open onClose={() => setCompare(undefined)} maxWidth="lg" fullWidth aria-label={t('editor.conflictCompare')}>
          <DialogContent><DiffView oldXml={compare.theirs} newXml={compare.mine} /></DialogContent>
          <DialogActions><Button onClick={() => setCompare(undefined)}>{t('common.close')}</Button></DialogActions>
        </Dialog>
      )}
      {standardOpen && <ServiceStandardDialog processKey={key} onClose={() => setStandardOpen(false)} />}
      {identityOpen && modelerRef.current && <SopIdentityDialog modeler={modelerRef.current} onClose={() => setIdentityOpen(false)} />}
      {publishing && (
        <PublishDialogWithDiff
          docKey={key}
          lint={lint}
          currentXml={currentXml}
          onClose={() => setPublishing(false)}
          onPublished={(n) => { setPublishing(false); setMessage(t('publish.done', { n })); }}
        />
      )}
      <Snackbar open={!!message} autoHideDuration={4000} onClose={() => setMessage(undefined)} message={message} />
    </Box>
  );
}

function PublishDialogWithDiff(props: { docKey: string; lint: LintItem[]; currentXml: () => Promise<string>; onClose(): void; onPublished(n: number): void }) {
  const [xml, setXml] = useState<string>();
  // The XML is taken once, when the dialog opens: that is what gets published.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void props.currentXml().then(setXml), []);
  return (
    <PublishDialog
      kind="processes"
      docKey={props.docKey}
      lint={props.lint}
      renderDiff={(last) => (xml ? <DiffView oldXml={last} newXml={xml} /> : null)}
      onClose={props.onClose}
      onPublished={props.onPublished}
    />
  );
}

/**
 * The process editor: bpmn-js Modeler + SOP properties panel + lint while drawing + token
 * simulation; save with revision checks (conflicts never lose a version), local autosave,
 * publish with lint and diff. The modeler's lifecycle is `useModeler`, the draft's
 * `useDraftDocument`; this screen lays them out.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, Divider, List, ListItemButton, ListItemText, Snackbar } from '@mui/material';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { mayEditProcesses } from '../../../core/access.js';
import { useAuth } from '../../app/auth.js';
import { ConflictDialog, LocalCopyBanner } from '../../drafts/DraftNotices.js';
import { useDraftDocument } from '../../drafts/useDraftDocument.js';
import { useUnsavedGuard } from '../../drafts/useUnsavedGuard.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { modelerTranslate } from '../../modeler/i18n/index.js';
import { useModeler, type EditorRequest } from '../../modeler/useModeler.js';
import { DiffView } from '../publish/DiffView.js';
import { downloadText } from './download.js';
import { EditorToolbar } from './EditorToolbar.js';
import { ElementEditors } from './ElementEditors.js';
import { requirementSetDocuments, useModelerPickers } from './modeler-pickers.js';
import { PublishProcessDialog } from './PublishProcessDialog.js';
import { ServiceStandardDialog } from './ServiceStandardDialog.js';
import { SopIdentityDialog } from './SopIdentityDialog.js';

/** One editor per process: another key is another modeler and another draft. */
export default function ProcessEditorPage() {
  const { key = '' } = useParams();
  return <ProcessEditor key={key} docKey={key} />;
}

const processName = (xml: string) => /<bpmn:process[^>]*\sname="([^"]*)"/.exec(xml)?.[1];

function ProcessEditor({ docKey: key }: { docKey: string }) {
  const { user } = useAuth();
  // saving and publishing are an admin's or an every-office manager's (core/access.ts); others read
  const readOnly = !!user && !mayEditProcesses({ id: user.id ?? user.username, roles: user.roles });
  const t = useT();
  const { lang } = useLanguage();
  const [title, setTitle] = useState(key);
  const [message, setMessage] = useState<string>();
  const [editor, setEditor] = useState<EditorRequest>();
  const [open, setOpen] = useState<'identity' | 'standard' | 'publish'>();
  const [compare, setCompare] = useState<{ theirs: string; mine: string }>();

  // The modeler first: the draft is shown in it once loaded.
  const m = useModeler({ lang, t, fetchDocuments: requirementSetDocuments, onEdit: () => draft.edited(), onSettled: (xml) => draft.keepLocal(xml), onEditorRequest: setEditor });
  const draft = useDraftDocument('process', key, {
    holder: {
      current: m.currentXml,
      show: async (xml) => {
        await m.importXml(xml);
        const name = processName(xml);
        if (name) setTitle(name);
      },
    },
    onSaved: (rev) => setMessage(t('editor.saved', { rev })),
    onFromPublication: () => setMessage(t('editor.notFound')),
    onRestored: () => setMessage(t('editor.localRestored')),
  });
  useModelerPickers(m.modeler, key);
  useUnsavedGuard(draft.dirty, t('editor.unsaved'));

  async function openCompare() {
    const [theirs, mine] = await Promise.all([draft.theirs(), m.currentXml()]);
    if (theirs !== undefined) setCompare({ theirs, mine });
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <EditorToolbar
        docKey={key}
        title={title}
        ready={draft.ready}
        readOnly={readOnly}
        dirty={draft.dirty}
        lint={m.lint}
        canUndo={m.canUndo}
        canRedo={m.canRedo}
        simulating={m.simulating}
        onSave={() => void draft.save()}
        onPublish={() => void draft.saveIfDirty().then((ok) => ok && setOpen('publish'))}
        onUndo={m.undo}
        onRedo={m.redo}
        onExport={() => void m.currentXml().then((xml) => downloadText(`${key}.bpmn`, xml, 'application/xml'))}
        onSimulate={m.toggleSimulation}
        onIdentity={() => setOpen('identity')}
        onStandard={() => setOpen('standard')}
      />
      {readOnly && <Alert severity="info" data-testid="read-only">{t('editor.readOnlyRole')}</Alert>}
      {draft.loadError && <Alert severity="error">{draft.loadError}</Alert>}
      {draft.error && <Alert severity="error" onClose={draft.clearError} data-testid="editor-error">{draft.error}</Alert>}
      {draft.localCopy && <LocalCopyBanner copy={draft.localCopy} onRestore={() => void draft.restoreLocal()} onDiscard={draft.discardLocal} />}
      {/* On a phone the properties panel goes under the diagram: beside it, the canvas was 50 px wide. */}
      <Box sx={{ display: 'flex', flexDirection: { xs: 'column', md: 'row' }, flex: 1, minHeight: 0 }}>
        <Box sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0, minHeight: 0 }}>
          <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
            {/* the palette's column: beside the canvas, so it covers no lane name (tool-column.ts) */}
            <Box ref={m.toolsRef} sx={{ flex: 'none', borderRight: 1, borderColor: 'divider' }} data-testid="modeler-tools" />
            <Box ref={m.canvasRef} className="sop-canvas" sx={{ flex: 1, minWidth: 0 }} data-testid="canvas" />
          </Box>
          <Divider />
          <Box sx={{ maxHeight: { xs: 96, md: 150 }, overflow: 'auto' }} component="section" aria-label={t('editor.lint')}>
            <List dense disablePadding data-testid="lint-list">
              {m.lint.map((i, k) => (
                <ListItemButton key={k} onClick={() => m.reveal(i.element)} data-element={i.element} data-rule={i.rule}>
                  <ListItemText primary={`${i.category === 'error' ? '⛔' : '⚠'} ${modelerTranslate(lang, i.message)}`} secondary={`${i.element} · ${i.rule}`} />
                </ListItemButton>
              ))}
            </List>
          </Box>
        </Box>
        <Box ref={m.panelRef} className="sop-panel" sx={{ flex: 'none', width: { md: 340 }, height: { xs: '40%', md: '100%' }, borderLeft: { md: 1 }, borderTop: { xs: 1, md: 0 }, borderColor: 'divider' }} data-testid="properties-panel" />
      </Box>

      <ElementEditors request={editor} modeler={m.modeler} onClose={() => setEditor(undefined)} />
      {draft.conflict && (
        <ConflictDialog
          conflict={draft.conflict}
          titleId="conflict-title"
          onClose={draft.dismissConflict}
          onReload={() => void draft.reloadTheirs()}
          onCompare={() => void openCompare()}
          onOverwrite={() => void draft.overwrite()}
        />
      )}
      {compare && (
        <Dialog open onClose={() => setCompare(undefined)} maxWidth="lg" fullWidth aria-label={t('editor.conflictCompare')}>
          <DialogContent><DiffView oldXml={compare.theirs} newXml={compare.mine} /></DialogContent>
          <DialogActions><Button onClick={() => setCompare(undefined)}>{t('common.close')}</Button></DialogActions>
        </Dialog>
      )}
      {open === 'standard' && <ServiceStandardDialog processKey={key} onClose={() => setOpen(undefined)} />}
      {open === 'identity' && m.modeler && <SopIdentityDialog modeler={m.modeler} onClose={() => setOpen(undefined)} />}
      {open === 'publish' && (
        <PublishProcessDialog
          docKey={key}
          lint={m.lint}
          currentXml={m.currentXml}
          onClose={() => setOpen(undefined)}
          onPublished={(n) => { setOpen(undefined); setMessage(t('publish.done', { n })); }}
        />
      )}
      <Snackbar open={!!message} autoHideDuration={4000} onClose={() => setMessage(undefined)} message={message} />
    </Box>
  );
}

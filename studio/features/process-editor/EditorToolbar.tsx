/** The process editor's toolbar: save, publish, undo/redo, export, simulation, the SOP document's dialogs and links, the lint summary. */
import { Box, Button, Chip, IconButton, Toolbar, Tooltip, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import RedoIcon from '@mui/icons-material/Redo';
import DownloadIcon from '@mui/icons-material/Download';
import { Link as RouterLink } from 'react-router-dom';
import { useT } from '../../i18n/index.js';
import type { LintItem } from '../../modeler/lint-issues.js';

export interface EditorToolbarProps {
  docKey: string;
  title: string;
  ready: boolean;
  /** the user may read but not save or publish (a manager of one office): the two buttons are off */
  readOnly: boolean;
  dirty: boolean;
  lint: LintItem[];
  canUndo: boolean;
  canRedo: boolean;
  simulating: boolean;
  onSave(): void;
  onPublish(): void;
  onUndo(): void;
  onRedo(): void;
  onExport(): void;
  onSimulate(): void;
  onIdentity(): void;
  onStandard(): void;
}

export function EditorToolbar(p: EditorToolbarProps) {
  const t = useT();
  const key = p.docKey;
  return (
    <Toolbar variant="dense" sx={{ gap: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }} aria-label={t('title.processEditor')}>
      <Typography variant="h6" component="h1" sx={{ mr: 2 }} data-testid="editor-title">{p.title}</Typography>
      <Button variant="contained" onClick={p.onSave} disabled={!p.ready || p.readOnly} data-testid="save-draft">{t('editor.save')}</Button>
      <Button variant="outlined" color="secondary" onClick={p.onPublish} disabled={!p.ready || p.readOnly} data-testid="publish">{t('editor.publish')}</Button>
      <Tooltip title={t('editor.undo')}><span><IconButton aria-label={t('editor.undo')} disabled={!p.canUndo} onClick={p.onUndo}><UndoIcon /></IconButton></span></Tooltip>
      <Tooltip title={t('editor.redo')}><span><IconButton aria-label={t('editor.redo')} disabled={!p.canRedo} onClick={p.onRedo}><RedoIcon /></IconButton></span></Tooltip>
      <Tooltip title={t('editor.export')}><span><IconButton aria-label={t('editor.export')} disabled={!p.ready} onClick={p.onExport}><DownloadIcon /></IconButton></span></Tooltip>
      <Button onClick={p.onSimulate} variant={p.simulating ? 'contained' : 'text'} data-testid="simulate">{t('editor.simulate')}</Button>
      <Button component={RouterLink} to={`/processes/${key}/versions`}>{t('editor.versions')}</Button>
      <Button onClick={p.onIdentity} disabled={!p.ready} data-testid="identity-open">{t('identity.open')}</Button>
      <Button onClick={p.onStandard} data-testid="standard-open">{t('standard.link')}</Button>
      <Button href={`/api/processes/${key}/sop-document`} target="_blank" rel="noopener" data-testid="sop-document">{t('sopdoc.html')}</Button>
      <Button href={`/api/processes/${key}/sop-document.pdf`} target="_blank" rel="noopener">{t('sopdoc.pdf')}</Button>
      <Box sx={{ flex: 1 }} />
      <LintSummary lint={p.lint} />
      {p.dirty && <Chip size="small" variant="outlined" label={t('editor.unsaved')} data-testid="dirty" />}
    </Toolbar>
  );
}

function LintSummary({ lint }: { lint: LintItem[] }) {
  const t = useT();
  const errors = lint.filter((i) => i.category === 'error');
  const warnings = lint.filter((i) => i.category !== 'error');
  return (
    <Box aria-live="polite" data-testid="lint-summary">
      {errors.length === 0 && warnings.length === 0 ? <Chip size="small" color="success" label={t('editor.lintClean')} /> : null}
      {errors.length > 0 && <Chip size="small" color="error" label={t('editor.lintErrors', { n: errors.length })} sx={{ mr: 1 }} data-testid="lint-errors" />}
      {warnings.length > 0 && <Chip size="small" color="warning" label={t('editor.lintWarnings', { n: warnings.length })} />}
    </Box>
  );
}

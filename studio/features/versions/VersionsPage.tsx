/** Version history of a process or rule set: list, open read-only, compare any two, restore as draft. */
import { Alert, Box, Button, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Snackbar, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router-dom';
import { api, type Publication, type PublicationState, type PublicationVersion, type RuleSetDoc, type StoreKind } from '../../api/client.js';
import { formatDateTime, useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { DiagramWithMarkers, DiffView } from '../publish/DiffView.js';
import { JsonDiffTable } from '../rule-editor/JsonDiffTable.js';
import { ApprovalsPanel } from '../regchange/ApprovalsPanel.js';
import { ImpactDialog } from '../regchange/ImpactDialog.js';
import { MigrationDialog } from '../regchange/MigrationDialog.js';
import { errorWords } from '../../i18n/error-words.js';

export const STATE_LABEL: Record<PublicationState, MessageKey> = {
  'in-force': 'versions.state.in-force',
  scheduled: 'versions.state.scheduled',
  superseded: 'versions.state.superseded',
};

export default function VersionsPage() {
  const { key = '' } = useParams();
  const kind: StoreKind = useLocation().pathname.startsWith('/rulesets') ? 'rulesets' : 'processes';
  const t = useT();
  const { lang } = useLanguage();
  const [versions, setVersions] = useState<PublicationVersion[]>();
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<Publication>();
  const [compare, setCompare] = useState<[Publication, Publication]>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [impact, setImpact] = useState(false);
  const [migrate, setMigrate] = useState<{ from: number; to: number }>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api.versions(kind, key).then((v) => setVersions([...v].sort((a, b) => b.n - a.n)), (e: Error) => setError(e.message));
  }, [kind, key, reload]);

  const toggle = (n: number) => setSelected((s) => (s.includes(n) ? s.filter((x) => x !== n) : [...s.slice(-1), n]));

  async function doCompare() {
    const [a, b] = [...selected].sort((x, y) => x - y);
    setCompare([await api.version(kind, key, a!), await api.version(kind, key, b!)]);
  }

  async function restore(n: number) {
    setError(undefined);
    try {
      const v = await api.version(kind, key, n);
      if (kind === 'processes') {
        const draft = await api.getProcessDraft(key);
        await api.saveProcessDraft(key, v.content, draft?.revision);
      } else {
        const draft = await api.getRuleSetDraft(key);
        await api.saveRuleSetDraft(key, JSON.parse(v.content) as RuleSetDoc, draft?.revision);
      }
      setMessage(t('versions.restored', { n }));
    } catch (e) {
      setError(errorWords(t, e));
    }
  }

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1100, mx: 'auto' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flex: '1 1 16rem', overflowWrap: 'anywhere' }}>{t('versions.title', { key })}</Typography>
        <Button component={RouterLink} to={`/${kind}/${key}`}>{t('common.back')}</Button>
        <Button component={RouterLink} to={`/${kind}/${key}/changelog`} data-testid="changelog-link">{t('versions.changelog')}</Button>
        <Button onClick={() => setImpact(true)} data-testid="impact">{t('impact.open')}</Button>
        <Button variant="contained" disabled={selected.length !== 2} onClick={() => void doCompare()} data-testid="compare">{t('versions.compare')}</Button>
      </Box>
      <ApprovalsPanel kind={kind} docKey={key} onPublished={() => setReload((r) => r + 1)} />
      {error && <Alert severity="error">{error}</Alert>}
      {versions && versions.length === 0 && <Typography>{t('versions.none')}</Typography>}
      {versions && versions.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="versions-table">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" />
                <TableCell>{t('versions.n')}</TableCell>
                <TableCell>{t('versions.effectiveFrom')}</TableCell>
                <TableCell>{t('versions.state')}</TableCell>
                <TableCell>{t('versions.publishedBy')}</TableCell>
                <TableCell>{t('versions.publishedAt')}</TableCell>
                <TableCell>{t('versions.note')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {versions.map((v) => (
                <TableRow key={v.n} data-testid={`version-${v.n}`}>
                  <TableCell padding="checkbox"><Checkbox checked={selected.includes(v.n)} onChange={() => toggle(v.n)} slotProps={{ input: { 'aria-label': `${t('versions.n')} ${v.n}` } }} /></TableCell>
                  <TableCell>v{v.n}</TableCell>
                  <TableCell>{v.effectiveFrom}</TableCell>
                  <TableCell data-testid={`version-${v.n}-state`}>{v.state && v.state !== 'superseded' ? <Chip size="small" color={v.state === 'in-force' ? 'success' : 'info'} label={t(STATE_LABEL[v.state])} /> : v.state ? t('versions.state.superseded') : ''}</TableCell>
                  <TableCell>{v.publishedBy}</TableCell>
                  <TableCell>{formatDateTime(v.publishedAt, lang)}</TableCell>
                  <TableCell>{v.note}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => void api.version(kind, key, v.n).then(setOpen)}>{t('versions.open')}</Button>
                    <Button size="small" onClick={() => void restore(v.n)}>{t('versions.restore')}</Button>
                    {kind === 'processes' && <Button size="small" href={`/api/processes/${key}/sop-document?version=${v.n}`} target="_blank" rel="noopener" data-testid={`version-${v.n}-sopdoc`}>{t('sopdoc.html')}</Button>}
                    {kind === 'processes' && <Button size="small" href={`/api/processes/${key}/sop-document.pdf?version=${v.n}`} target="_blank" rel="noopener">{t('sopdoc.pdf')}</Button>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {open && (
        <Dialog open onClose={() => setOpen(undefined)} maxWidth="lg" fullWidth aria-labelledby="version-open-title">
          <DialogTitle id="version-open-title">{t('editor.readOnly', { n: open.n })}</DialogTitle>
          <DialogContent>
            {kind === 'processes' ? <DiagramWithMarkers xml={open.content} height={520} /> : <Box component="pre" sx={{ fontSize: 12 }}>{JSON.stringify(JSON.parse(open.content), null, 2)}</Box>}
          </DialogContent>
          <DialogActions><Button onClick={() => setOpen(undefined)}>{t('common.close')}</Button></DialogActions>
        </Dialog>
      )}
      {compare && (
        <Dialog open onClose={() => setCompare(undefined)} maxWidth="lg" fullWidth aria-labelledby="version-compare-title">
          <DialogTitle id="version-compare-title">{t('versions.compareTitle', { a: compare[0].n, b: compare[1].n })}</DialogTitle>
          <DialogContent>
            {kind === 'processes' ? <DiffView oldXml={compare[0].content} newXml={compare[1].content} /> : <JsonDiffTable before={JSON.parse(compare[0].content) as unknown} after={JSON.parse(compare[1].content) as unknown} />}
          </DialogContent>
          <DialogActions>
            {kind === 'processes' && (
              <Button color="warning" onClick={() => setMigrate({ from: compare[0].n, to: compare[1].n })} data-testid="migrate">{t('migration.open')}</Button>
            )}
            <Button onClick={() => setCompare(undefined)}>{t('common.close')}</Button>
          </DialogActions>
        </Dialog>
      )}
      {impact && <ImpactDialog kind={kind} docKey={key} onClose={() => setImpact(false)} />}
      {migrate && <MigrationDialog processKey={key} from={migrate.from} to={migrate.to} onClose={() => setMigrate(undefined)} />}
      <Snackbar open={!!message} autoHideDuration={4000} onClose={() => setMessage(undefined)} message={message} />
    </Box>
  );
}

/**
 * "Migrasikan aplikasi berjalan" (issue 19), opened from the version compare screen: the mapping
 * editor (old elements without a same-id target, each with a drop-down of the new version's
 * elements of the same kind), a dry run with its per-application result, then the run itself
 * with a progress bar. Blocked applications are reported with the reason and left as they are.
 */
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { pollJob, regchangeApi, type Job, type MigrationItem, type MigrationResult } from '../../api/regchange.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';
import { errorWords } from '../../i18n/error-words.js';

const STATUS: Record<MigrationItem['status'], MessageKey> = { ok: 'migration.status.ok', blocked: 'migration.status.blocked', moved: 'migration.status.moved', failed: 'migration.status.failed' };

export function MigrationDialog({ processKey, from, to, onClose }: { processKey: string; from: number; to: number; onClose(): void }) {
  const t = useT();
  const [options, setOptions] = useState<Awaited<ReturnType<typeof regchangeApi.migrationOptions>>>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [job, setJob] = useState<Job<MigrationResult, MigrationItem>>();
  const [error, setError] = useState<string>();
  const stop = useRef({ cancelled: false });
  useEffect(() => () => void (stop.current.cancelled = true), []);
  useEffect(() => {
    regchangeApi.migrationOptions(processKey, from, to).then(setOptions, (e: Error) => setError(e.message));
  }, [processKey, from, to]);

  async function start(dryRun: boolean) {
    setError(undefined);
    setJob(undefined);
    try {
      const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));
      const { id } = await regchangeApi.startMigration(processKey, { from, to, mapping: clean, dryRun });
      await pollJob(() => regchangeApi.migration(processKey, id), setJob, 500, stop.current);
    } catch (e) {
      setError(errorWords(t, e));
    }
  }
  const busy = !!job && job.status !== 'done' && job.status !== 'failed';
  const r = job?.status === 'done' ? job.result : undefined;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="migration-title">
      <DialogTitle id="migration-title">{t('migration.title', { key: processKey, from, to })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>{t('migration.intro')}</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {options && options.unmatched.length === 0 && <Alert severity="info">{t('migration.allMatched')}</Alert>}
        {options && options.unmatched.length > 0 && (
          <Table size="small" data-testid="migration-mapping">
            <TableHead><TableRow><TableCell>{t('migration.oldElement')}</TableCell><TableCell>{t('migration.target')}</TableCell></TableRow></TableHead>
            <TableBody>
              {options.unmatched.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>{u.name || u.id} <code>{u.id}</code></TableCell>
                  <TableCell>
                    <TextField
                      select
                      size="small"
                      sx={{ minWidth: 280 }}
                      label={t('migration.target')}
                      value={mapping[u.id] ?? ''}
                      onChange={(e) => setMapping({ ...mapping, [u.id]: e.target.value })}
                      slotProps={{ htmlInput: { 'data-testid': `map-${u.id}` } }}
                    >
                      <MenuItem value="">{t('migration.noTarget')}</MenuItem>
                      {options.targets.filter((x) => x.kind === u.kind).map((x) => <MenuItem key={x.id} value={x.id}>{x.name || x.id} ({x.id})</MenuItem>)}
                    </TextField>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {busy && (
          <Box sx={{ my: 2 }} data-testid="migration-progress">
            <Typography variant="body2">{t('impact.running', { pct: Math.round(job.progress * 100) })}</Typography>
            <LinearProgress variant="determinate" value={job.progress * 100} />
          </Box>
        )}
        {job?.status === 'failed' && <Alert severity="error">{job.error}</Alert>}
        {r && (
          <Box sx={{ mt: 2 }} data-testid="migration-result">
            <Alert severity={r.blocked + r.failed > 0 ? 'warning' : 'success'} sx={{ mb: 1 }}>
              {t(r.dryRun ? 'migration.dryRunSummary' : 'migration.runSummary', { ok: r.ok, moved: r.moved, blocked: r.blocked, failed: r.failed })}
            </Alert>
            <Table size="small">
              <TableHead><TableRow><TableCell>{t('impact.application')}</TableCell><TableCell>{t('impact.office')}</TableCell><TableCell>{t('migration.result')}</TableCell><TableCell>{t('migration.reason')}</TableCell></TableRow></TableHead>
              <TableBody>
                {job!.items.map((i) => (
                  <TableRow key={i.instanceId}>
                    <TableCell>{reference(t, i.businessKey)}</TableCell>
                    <TableCell>{i.office ?? ''}</TableCell>
                    <TableCell><Chip size="small" color={i.status === 'blocked' || i.status === 'failed' ? 'warning' : 'success'} label={t(STATUS[i.status])} /></TableCell>
                    <TableCell>{i.reason ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button onClick={() => void start(true)} disabled={busy || !options} data-testid="migration-dry-run">{t('migration.dryRun')}</Button>
        <Button variant="contained" color="warning" onClick={() => void start(false)} disabled={busy || !r || !r.dryRun} data-testid="migration-run">{t('migration.run')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * "Dampak" (issue 19): what a draft would change before it is published. Rule sets: the facts of
 * recent and open applications evaluated with the publication in force and with the draft on the
 * "as of" date, per application and in sum. Processes: the open applications on steps the draft
 * removes or changes. A background run on the server: started, then polled with a progress bar.
 * `ImpactPanel` is the run and its result; the rule and process editors and the versions screen
 * open it as a dialog, the approval panel shows it in place for the second person.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { formatRupiah } from '../../../core/money.js';
import { type StoreKind } from '../../api/client.js';
import { pollJob, regchangeApi, type Job, type ProcessImpactResult, type RuleImpactItem, type RuleImpactResult } from '../../api/regchange.js';
import { useT } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';
import { errorWords } from '../../i18n/error-words.js';

const signed = (amount: string) => (amount.startsWith('-') ? `− ${formatRupiah(amount.slice(1))}` : `+ ${formatRupiah(amount)}`);

export function ImpactDialog({ kind, docKey, onClose }: { kind: StoreKind; docKey: string; onClose(): void }) {
  const t = useT();
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="impact-title">
      <DialogTitle id="impact-title">{t('impact.title', { key: docKey })}</DialogTitle>
      <DialogContent>
        <ImpactPanel kind={kind} docKey={docKey} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function ImpactPanel({ kind, docKey }: { kind: StoreKind; docKey: string }) {
  const t = useT();
  const [asOf, setAsOf] = useState('');
  const [since, setSince] = useState('');
  const [job, setJob] = useState<Job<RuleImpactResult | ProcessImpactResult, unknown>>();
  const [error, setError] = useState<string>();
  const stop = useRef({ cancelled: false });
  useEffect(() => () => void (stop.current.cancelled = true), []);

  async function run() {
    setError(undefined);
    setJob(undefined);
    try {
      if (kind === 'rulesets') {
        const { id } = await regchangeApi.startRuleImpact(docKey, { ...(asOf ? { asOf } : {}), ...(since ? { since } : {}) });
        await pollJob(() => regchangeApi.ruleImpact(docKey, id), setJob as (j: Job<RuleImpactResult, RuleImpactItem>) => void, 500, stop.current);
      } else {
        const { id } = await regchangeApi.startProcessImpact(docKey);
        await pollJob(() => regchangeApi.processImpact(docKey, id), setJob, 500, stop.current);
      }
    } catch (e) {
      setError(errorWords(t, e));
    }
  }

  const rule = kind === 'rulesets' && job?.status === 'done' ? (job.result as RuleImpactResult) : undefined;
  const proc = kind === 'processes' && job?.status === 'done' ? (job.result as ProcessImpactResult) : undefined;
  const busy = !!job && job.status !== 'done' && job.status !== 'failed';
  return (
    <Box data-testid="impact-panel">
      <Typography variant="body2" sx={{ mb: 2 }}>{t(kind === 'rulesets' ? 'impact.ruleIntro' : 'impact.processIntro')}</Typography>
      <Box sx={{ display: 'flex', gap: 2, mb: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        {kind === 'rulesets' && (
          <>
            <TextField type="date" label={t('impact.asOf')} helperText={t('impact.asOfHelp')} value={asOf} onChange={(e) => setAsOf(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField type="date" label={t('impact.since')} helperText={t('impact.sinceHelp')} value={since} onChange={(e) => setSince(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          </>
        )}
        <Button variant="contained" onClick={() => void run()} disabled={busy} data-testid="impact-run" sx={{ mt: 1 }}>{t('impact.run')}</Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {busy && (
        <Box sx={{ my: 2 }} data-testid="impact-progress">
          <Typography variant="body2">{t('impact.running', { pct: Math.round(job.progress * 100) })}</Typography>
          <LinearProgress variant="determinate" value={job.progress * 100} />
        </Box>
      )}
      {job?.status === 'failed' && <Alert severity="error">{job.error}</Alert>}
      {rule && (
        <Box data-testid="impact-summary">
          <Alert severity={rule.changed > 0 ? 'warning' : 'success'} sx={{ mb: 2 }}>
            {t('impact.ruleSummary', { changed: rule.changed, applications: rule.applications, asOf: rule.asOf })}
            <br />
            {t('impact.totals', { before: formatRupiah(rule.totalBefore), after: formatRupiah(rule.totalAfter), difference: signed(rule.difference) })}
            {rule.eligibilityChanged > 0 && (<><br />{t('impact.eligibilityChanged', { n: rule.eligibilityChanged })}</>)}
            {rule.failed > 0 && (<><br />{t('impact.failed', { n: rule.failed })}</>)}
          </Alert>
          {(job!.items as RuleImpactItem[]).some((i) => i.status !== 'unchanged') && (
            <>
              <Typography variant="subtitle2" component="h3">{t('impact.largest')}</Typography>
              <Table size="small" data-testid="impact-table">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('impact.application')}</TableCell>
                    <TableCell>{t('impact.office')}</TableCell>
                    <TableCell align="right">{t('impact.before')}</TableCell>
                    <TableCell align="right">{t('impact.after')}</TableCell>
                    <TableCell align="right">{t('impact.difference')}</TableCell>
                    <TableCell>{t('impact.lines')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(job!.items as RuleImpactItem[]).filter((i) => i.status !== 'unchanged').map((i) => (
                    <TableRow key={i.instanceId}>
                      <TableCell>{reference(t, i.businessKey)}{i.open ? '' : ` (${t('impact.closed')})`}</TableCell>
                      <TableCell>{i.office}</TableCell>
                      <TableCell align="right">{i.status === 'failed' ? '—' : formatRupiah(i.totalBefore)}</TableCell>
                      <TableCell align="right">{i.status === 'failed' ? '—' : formatRupiah(i.totalAfter)}</TableCell>
                      <TableCell align="right">{i.status === 'failed' ? i.reason : signed(i.difference)}</TableCell>
                      <TableCell>
                        {i.evaluations.flatMap((e) => e.lines).map((l, k) => (
                          <div key={k}>{l.label}: {l.before === null ? '—' : formatRupiah(l.before)} → {l.after === null ? '—' : formatRupiah(l.after)}</div>
                        ))}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </Box>
      )}
      {proc && (
        <Box data-testid="impact-summary">
          <Alert severity={proc.affected > 0 ? 'warning' : 'success'} sx={{ mb: 2 }}>{t('impact.processSummary', { affected: proc.affected, open: proc.open })}</Alert>
          {proc.byElement.length > 0 && (
            <Table size="small" data-testid="impact-table">
              <TableHead><TableRow><TableCell>{t('impact.step')}</TableCell><TableCell>{t('impact.change')}</TableCell><TableCell align="right">{t('impact.openHere')}</TableCell></TableRow></TableHead>
              <TableBody>
                {proc.byElement.map((g) => (
                  <TableRow key={g.elementId}>
                    <TableCell>{g.name} <code>{g.elementId}</code></TableCell>
                    <TableCell>{t(g.change === 'removed' ? 'impact.removed' : 'impact.changed')}</TableCell>
                    <TableCell align="right">{g.instances}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Box>
      )}
    </Box>
  );
}

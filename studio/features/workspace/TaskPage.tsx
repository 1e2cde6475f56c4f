/**
 * The task page, generated from the model: step name and SOP instruction, the form (@rjsf/mui,
 * CSP-safe validator, the server validates again), the facts of the computation that follows,
 * the requirements checklist, the fee nota, decision buttons from the next gateway, a note for
 * the history, the history and the diagram. What was typed survives a 409 (a colleague took or
 * completed the task).
 */
import { Alert, Box, Button, Chip, Divider, Grid, Link, List, ListItem, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import Form from '@rjsf/mui';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { safeValidator } from '../../forms/safe-validator.js';
import { rjsfTranslator } from '../../forms/rjsf-i18n.js';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/index.js';
import { pdfUrl, printUrl, rupiah, uploadUrl, ws, type HistoryField, type HistoryItem, type PaymentRecord, type TaskContext, type TaskRow } from './api.js';
import { FactFields, missingFacts, type FactValues } from './FactFields.js';
import { FeeNotaView } from './FeeNotaView.js';
import { ProgressDiagram } from './ProgressDiagram.js';
import { PaymentFields, paymentVariables, type PaymentInput } from './PaymentFields.js';
import { SendToApplicant } from './SendToApplicant.js';
import { describeChanges, type Changes } from './history-changes.js';

function conflictMessage(t: Translate, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'TASK_NOT_CLAIMABLE') return typeof e.details?.claimedByName === 'string' ? t('ws.task.takenBy', { name: e.details.claimedByName }) : t('ws.task.takenByColleague');
    if (e.code === 'TASK_ALREADY_COMPLETED') return t('ws.task.completedByColleague');
    if (e.code === 'VARIABLES_INVALID') {
      const errs = (e.details?.errors as Array<{ path: string; message: string }> | undefined) ?? [];
      return t('ws.task.invalid', { errors: errs.map((x) => `${x.path} ${x.message}`).join('; ') });
    }
    return e.message;
  }
  return (e as Error).message;
}

export default function TaskPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [task, setTask] = useState<TaskRow | null>(null);
  const [ctx, setCtx] = useState<TaskContext | null>(null);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [historyFields, setHistoryFields] = useState<Record<string, HistoryField>>({});
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [facts, setFacts] = useState<FactValues | null>(null);
  const [note, setNote] = useState('');
  const [message4Applicant, setMessage4Applicant] = useState('');
  // the checklist's documents this officer has in hand (received); the rest count as missing
  const [received, setReceived] = useState<string[] | null>(null);
  const [message, setMessage] = useState<{ severity: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [payment, setPayment] = useState<PaymentInput>({ amount: '', method: 'tunai' });
  const [paymentError, setPaymentError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [tk, c] = await Promise.all([ws.task(id), ws.context(id)]);
      setTask(tk);
      setCtx(c);
      // What the officer typed is never overwritten by a reload.
      setReceived((r) => r ?? c.checklist.filter((d) => d.present).map((d) => d.code));
      setFacts((f) => f ?? { ...(c.facts?.values ?? {}) });
      const h = await ws.history(tk.instanceId);
      setHistory(h.items);
      setHistoryFields(h.fields);
    } catch (e) {
      setMessage({ severity: 'error', text: conflictMessage(t, e) });
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      setMessage({ severity: 'success', text: done });
      await load();
    } catch (e) {
      setMessage({ severity: 'warning', text: conflictMessage(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const complete = async (decision: Record<string, unknown> = {}) => {
    const negative = Object.values(decision).includes(false);
    if (ctx?.facts && !negative) {
      const absent = missingFacts(ctx.facts.schema.properties, ctx.facts.schema.required, facts ?? {});
      if (absent.length > 0) {
        setMessage({ severity: 'warning', text: t('ws.task.factsMissing', { fields: absent.join(', ') }) });
        return;
      }
    }
    setBusy(true);
    try {
      const variables: Record<string, unknown> = { ...(facts ?? {}), ...formData, ...decision, ...(note.trim() ? { catatan: note.trim() } : {}), ...(message4Applicant.trim() ? { pesanPemohon: message4Applicant.trim() } : {}) };
      if (ctx?.checklist.length) {
        // recorded once for every later post: on paper received here, or already uploaded
        const inHand = received ?? [];
        variables.dokumenDiterima = ctx.checklist.filter((d) => inHand.includes(d.code) && !d.upload).map((d) => d.code);
        if (negative) variables.dokumenKurang = ctx.checklist.filter((d) => !inHand.includes(d.code)).map((d) => d.code);
      }
      if (ctx?.payment) {
        // the kasir's amount received: checked here for the field, again by the server
        const p = paymentVariables(ctx.payment, payment);
        if ('problem' in p) {
          setPaymentError(t(p.problem, { amount: ctx.payment.due !== null ? rupiah(ctx.payment.due) : '' }));
          setBusy(false);
          return;
        }
        Object.assign(variables, p.variables);
        setPaymentError(null);
      }
      if (ctx?.signing && !passphrase) {
        setMessage({ severity: 'warning', text: t('ws.task.passphraseNeeded') });
        setBusy(false);
        return;
      }
      await ws.complete(id, variables, ctx?.signing ? passphrase : undefined);
      navigate('/inbox');
    } catch (e) {
      // A refused signature (wrong passphrase) leaves the task open: the official tries again.
      if (e instanceof ApiError && e.code === 'SIGNING_REFUSED') setPassphrase('');
      // the server's word on the amount goes next to the field
      if (e instanceof ApiError && (e.code === 'PAYMENT_TOO_LOW' || (e.code === 'VARIABLES_INVALID' && JSON.stringify(e.details?.paths ?? []).includes('/jumlahDiterima')))) setPaymentError(e.message);
      setMessage({ severity: 'warning', text: e instanceof ApiError && e.code === 'SIGNING_REFUSED' ? t('ws.task.signingRefused', { reason: e.message }) : conflictMessage(t, e) });
      setBusy(false);
    }
  };

  if (!task || !ctx) return <Box>{message ? <Alert severity={message.severity}>{message.text}</Alert> : t('common.loading')}</Box>;
  const open = task.status === 'open';
  const needsClaim = open && task.assignee === null && task.claimedBy === null;

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1">{ctx.name}</Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {task.onBehalf ? t('ws.task.onBehalf') : t('ws.task.role', { role: task.role, office: task.office })}
      </Typography>
      {ctx.registrationNumber && <Chip variant="outlined" sx={{ mb: 1 }} label={`${t('ws.registrationNumber')}: ${ctx.registrationNumber}`} data-testid="registration-number" />}
      {/* who and what the application is about comes first (issue 23) */}
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="task-applicant" aria-label={t('ws.task.applicant')}>
        <Typography variant="overline">{t('ws.task.applicant')}</Typography>
        <Typography variant="h6" component="p">{ctx.applicant.name ?? '-'}</Typography>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
          {([
            [t('ws.task.nik'), ctx.applicant.nik],
            [t('ws.task.phone'), ctx.applicant.phone],
            [t('ws.task.email'), ctx.applicant.email],
            [t('ws.task.address'), ctx.applicant.address],
            [t('ws.task.businessKey'), ctx.applicant.businessKey],
            ...ctx.applicant.object.map((f) => [f.label, f.value] as const),
          ] as ReadonlyArray<readonly [string, string | null]>)
            .filter(([, v]) => v)
            .map(([label, value]) => (
              <Box key={label} sx={{ display: 'contents' }}>
                <Typography component="dt" color="text.secondary">{label}</Typography>
                <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>{value}</Typography>
              </Box>
            ))}
        </Box>
      </Paper>
      {ctx.instruction && <Alert severity="info" sx={{ mb: 2 }}>{ctx.instruction}</Alert>}
      {message && <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)} data-testid="task-message">{message.text}</Alert>}
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        {needsClaim && <Button variant="contained" disabled={busy} onClick={() => void act(() => ws.claim(id), t('ws.task.claimed'))}>{t('ws.task.claim')}</Button>}
        {open && task.claimedBy !== null && task.assignee === null && <Button disabled={busy} onClick={() => void act(() => ws.unclaim(id), t('ws.task.released'))}>{t('ws.task.release')}</Button>}
        {!open && <Chip label={t('ws.task.done')} />}
      </Stack>
      {ctx.printable.length > 0 && (
        // each document this application produced, each button its own print view (issue 23)
        <Stack direction="row" useFlexGap spacing={1} sx={{ mb: 2, flexWrap: 'wrap' }} aria-label={t('ws.task.documents')} data-testid="task-documents">
          {ctx.printable.map((k) => (
            <Stack key={k} direction="row" spacing={0.5} data-kind={k}>
              <Button size="small" variant="outlined" href={printUrl(ctx.instanceId, k)} target="_blank">{t('ws.task.printKind', { doc: t(`print.kind.${k}`) })}</Button>
              <Button size="small" href={pdfUrl(ctx.instanceId, k)} download>{t('ws.task.pdfKind', { doc: t(`print.kind.${k}`) })}</Button>
            </Stack>
          ))}
        </Stack>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          {ctx.form && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Form schema={ctx.form.schema} uiSchema={{ ...(ctx.form.uiSchema ?? {}), 'ui:submitButtonOptions': { norender: true } }} formData={formData} validator={safeValidator} translateString={rjsfTranslator(lang)} noHtml5Validate onChange={(e) => setFormData((e.formData ?? {}) as Record<string, unknown>)} />
            </Paper>
          )}
          {ctx.facts && open && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="facts-form">
              <Typography variant="h6" sx={{ mb: 1 }}>{t('ws.task.facts')}</Typography>
              <FactFields properties={ctx.facts.schema.properties} required={ctx.facts.schema.required} values={facts ?? {}} onChange={setFacts} />
            </Paper>
          )}
          {ctx.checklist.length > 0 && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Typography variant="h6">{t('ws.task.requirements')}</Typography>
              <List dense>
                {ctx.checklist.map((d) => (
                  <ListItem key={d.code} data-doc={d.code} secondaryAction={d.upload ? <Link href={uploadUrl(d.upload.id)} target="_blank">{t('ws.task.viewFile')}</Link> : undefined}>
                    <Chip size="small" color={d.present ? 'success' : 'error'} label={d.present ? t('ws.task.present') : t('ws.task.missing')} sx={{ mr: 1 }} />
                    <ListItemText primary={d.label} secondary={d.note} />
                    <input type="checkbox" disabled={!open || !!d.upload} aria-label={t('ws.task.markReceived', { doc: d.label })} checked={(received ?? []).includes(d.code)} onChange={(e) => setReceived((m) => (e.target.checked ? [...(m ?? []), d.code] : (m ?? []).filter((x) => x !== d.code)))} style={{ marginRight: 96 }} />
                  </ListItem>
                ))}
              </List>
              <Typography variant="caption">{t('ws.task.markReceivedHelp')}</Typography>
            </Paper>
          )}
          {ctx.fees.map((n) => (
            <Paper key={n.variable} variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Typography variant="h6">{t('ws.task.feeNota')}</Typography>
              <FeeNotaView nota={n} due={ctx.paymentDue} />
            </Paper>
          ))}
          {ctx.payment && <PaymentFields info={ctx.payment} value={payment} onChange={setPayment} open={open} error={paymentError} />}
          {open && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
              <TextField fullWidth multiline minRows={2} label={t('ws.task.note')} value={note} onChange={(e) => setNote(e.target.value)} sx={{ mb: 2 }} />
              <TextField fullWidth multiline minRows={2} label={t('ws.task.messageToApplicant')} value={message4Applicant} onChange={(e) => setMessage4Applicant(e.target.value)} sx={{ mb: 2 }} />
              {ctx.signing && (
                <Box sx={{ mb: 2 }} data-testid="signing">
                  <Alert severity="info" sx={{ mb: 1 }}>{t(ctx.signing === 'sk' ? 'ws.task.signingSk' : 'ws.task.signingIzin')}</Alert>
                  <TextField fullWidth type="password" autoComplete="off" label={t('ws.task.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'passphrase' } }} />
                </Box>
              )}
              <Stack direction="row" spacing={1}>
                {ctx.decisions.length > 0
                  ? ctx.decisions.map((d) => (
                      <Button key={d.flowId} variant="contained" color={d.negative ? 'warning' : 'primary'} disabled={busy || needsClaim} onClick={() => void complete(d.variables)}>
                        {d.label}
                      </Button>
                    ))
                  : <Button variant="contained" disabled={busy || needsClaim} onClick={() => void complete()}>{t('ws.task.complete')}</Button>}
              </Stack>
              {needsClaim && <Typography variant="caption">{t('ws.task.claimFirst')}</Typography>}
            </Paper>
          )}
          {open && task.assignee === null && <SendToApplicant taskId={id} instanceId={ctx.instanceId} onSent={() => void load()} />}
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <ProgressDiagram xml={ctx.diagram} done={ctx.done} current={ctx.current} label={t('ws.task.diagram')} />
          <Typography variant="h6" sx={{ mt: 2 }}>{t('ws.task.history')}</Typography>
          <Divider />
          <List dense aria-label={t('ws.task.historyLabel')}>
            {history.filter((h) => h.elementName && !h.elementKind.endsWith('Gateway')).map((h, i) => (
              <ListItem key={i}>
                <ListItemText
                  primary={`${h.elementName} — ${h.outcome ? t('ws.task.historyOutcome', { outcome: h.outcome }) : historyEvent(t, h.event)}`}
                  secondary={[
                    formatDateTime(h.endedAt, lang),
                    h.actorName ? `${t('ws.task.historyBy', { name: h.actorName })}${h.onBehalf ? t('ws.task.historyOnBehalf') : ''}` : h.onBehalf ? t('ws.task.historyOnBehalf').trim() : null,
                    paymentLine(t, h.details?.pembayaran),
                    typeof h.details?.catatan === 'string' ? t('ws.task.historyNote', { text: h.details.catatan }) : null,
                    typeof h.details?.pesanPemohon === 'string' ? t('ws.task.historyMessage', { text: h.details.pesanPemohon }) : null,
                    h.event === 'document-sent' && typeof h.details?.judul === 'string' ? t('ws.task.historyDocumentTitle', { title: h.details.judul }) : null,
                    // an officer's measurement over the declared value: both stay in the history
                    h.details?.corrected && typeof h.details.corrected === 'object'
                      ? t('ws.task.historyCorrected', { changes: describeChanges(h.details.corrected as Changes, historyFields, t, lang).join(', ') })
                      : null,
                  ].filter(Boolean).join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        </Grid>
      </Grid>
    </Box>
  );
}

/** "Pembayaran diterima Rp …, bukti no. … oleh …" (issue 23), from the kasir's record in a history entry. */
function paymentLine(t: Translate, p: unknown): string | null {
  const r = p as Partial<PaymentRecord> | undefined;
  if (!r || typeof r.diterima !== 'string' || typeof r.nomorBukti !== 'string') return null;
  const line = t('ws.payment.history', { amount: rupiah(r.diterima), change: rupiah(r.kembalian ?? '0'), number: r.nomorBukti });
  return r.diterimaOlehNama ? `${line} ${t('ws.task.historyBy', { name: r.diterimaOlehNama })}` : line;
}

const HISTORY_EVENTS = ['completed', 'cancelled', 'interrupted', 'started', 'failed', 'document-sent'] as const;

/** The engine's history words (completed, cancelled, …) in the reader's language. */
function historyEvent(t: Translate, event: string): string {
  return (HISTORY_EVENTS as readonly string[]).includes(event) ? t(`ws.history.${event as (typeof HISTORY_EVENTS)[number]}`) : event;
}

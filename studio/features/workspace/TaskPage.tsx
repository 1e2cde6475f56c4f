/**
 * The task page, generated from the model: step name and SOP instruction, the form (@rjsf/mui,
 * CSP-safe validator, the server validates again), the facts of the computation that follows,
 * the requirements checklist, the fee nota, decision buttons from the next gateway, a note for
 * the history, the history and the diagram. What was typed survives a 409 (a colleague took or
 * completed the task).
 */
import { Alert, Box, Button, Chip, Grid, Paper, Stack, Typography } from '@mui/material';
import Form from '@rjsf/mui';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { safeValidator } from '../../forms/safe-validator.js';
import { rjsfTranslator } from '../../forms/rjsf-i18n.js';
import { useLanguage, useT, type Translate } from '../../i18n/index.js';
import { rupiah, ws, type HistoryField, type HistoryItem, type TaskContext, type TaskRow } from './api.js';
import { ApplicantCard } from './ApplicantCard.js';
import { FactFields, missingFacts, type FactValues } from './FactFields.js';
import { FeeNotaView } from './FeeNotaView.js';
import { ProgressDiagram } from './ProgressDiagram.js';
import { PaymentFields, paymentVariables, type PaymentInput } from './PaymentFields.js';
import { SendToApplicant } from './SendToApplicant.js';
import { RequirementChecklist } from './RequirementChecklist.js';
import { TaskDocuments } from './TaskDocuments.js';
import { TaskHistory } from './TaskHistory.js';
import { CompletionPanel } from './CompletionPanel.js';
import { stepVariables, TaskHeader } from './TaskHeader.js';

function conflictMessage(t: Translate, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'TASK_NOT_CLAIMABLE') {
      // A desk sharing the post's account took it (the same account, another sign-in).
      if (e.details?.elsewhere === true) return t('ws.task.takenElsewhere');
      return typeof e.details?.claimedByName === 'string' ? t('ws.task.takenBy', { name: e.details.claimedByName }) : t('ws.task.takenByColleague');
    }
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
  const [history, setHistory] = useState<{ items: HistoryItem[]; fields: Record<string, HistoryField> }>({ items: [], fields: {} });
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
      setHistory(await ws.history(tk.instanceId));
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
    const variables = stepVariables(ctx?.checklist ?? [], { facts, formData, decision, note, messageToApplicant: message4Applicant, received, negative });
    if (ctx?.payment) {
      // the kasir's amount received: checked here for the field, again by the server
      const p = paymentVariables(ctx.payment, payment);
      setPaymentError('problem' in p ? t(p.problem, { amount: ctx.payment.due !== null ? rupiah(ctx.payment.due) : '' }) : null);
      if ('problem' in p) return;
      Object.assign(variables, p.variables);
    }
    if (ctx?.signing && !passphrase) return setMessage({ severity: 'warning', text: t('ws.task.passphraseNeeded') });
    setBusy(true);
    try {
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
      <TaskHeader name={ctx.name} task={task} registrationNumber={ctx.registrationNumber} />
      {/* who and what the application is about comes first (issue 23) */}
      <ApplicantCard applicant={ctx.applicant} />
      {ctx.instruction && <Alert severity="info" sx={{ mb: 2 }}>{ctx.instruction}</Alert>}
      {message && <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)} data-testid="task-message">{message.text}</Alert>}
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        {needsClaim && <Button variant="contained" disabled={busy} onClick={() => void act(() => ws.claim(id), t('ws.task.claimed'))}>{t('ws.task.claim')}</Button>}
        {open && task.claimedBy !== null && task.assignee === null && <Button disabled={busy} onClick={() => void act(() => ws.unclaim(id), t('ws.task.released'))}>{t('ws.task.release')}</Button>}
        {!open && <Chip label={t('ws.task.done')} />}
      </Stack>
      <TaskDocuments instanceId={ctx.instanceId} printable={ctx.printable} />
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
          <RequirementChecklist checklist={ctx.checklist} open={open} received={received ?? []} onReceived={setReceived} />
          {ctx.fees.map((n) => (
            <Paper key={n.variable} variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Typography variant="h6">{t('ws.task.feeNota')}</Typography>
              <FeeNotaView nota={n} due={ctx.paymentDue} />
            </Paper>
          ))}
          {ctx.payment && <PaymentFields info={ctx.payment} value={payment} onChange={setPayment} open={open} error={paymentError} />}
          {open && (
            <CompletionPanel
              note={note}
              onNote={setNote}
              messageToApplicant={message4Applicant}
              onMessageToApplicant={setMessage4Applicant}
              signing={ctx.signing}
              passphrase={passphrase}
              onPassphrase={setPassphrase}
              decisions={ctx.decisions}
              disabled={busy || needsClaim}
              needsClaim={needsClaim}
              onComplete={(variables) => void complete(variables)}
            />
          )}
          {open && task.assignee === null && <SendToApplicant taskId={id} instanceId={ctx.instanceId} onSent={() => void load()} />}
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <ProgressDiagram xml={ctx.diagram} done={ctx.done} current={ctx.current} label={t('ws.task.diagram')} />
          <TaskHistory history={history.items} fields={history.fields} />
        </Grid>
      </Grid>
    </Box>
  );
}

/**
 * Follow one application: its status ("menunggu Anda" while a step waits on the applicant), the
 * current step in plain words, what is expected of me, re-upload and resubmit, the fee with its
 * SKRD/SKPD and how to pay, the timeline with what each step decided, the result.
 */
import { Alert, Box, Button, Chip, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useLatestOnly } from '../../app/latest-only.js';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';
import { pdfUrl, printUrl, rupiah, subscribeEvents, ws, type ApplicationStatus, type Expected } from '../workspace/api.js';
import { FeeNotaView } from '../workspace/FeeNotaView.js';
import { wholeRupiah } from '../../../core/money.js';
import { statusKey } from './ApplicationsPage.js';

const long = (ymd: string, lang: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long' });
import { uploadErrorText } from './upload-error.js';
import { DocumentsFromOffice } from './DocumentsFromOffice.js';

function expectedText(t: Translate, x: Expected): string {
  if (x.kind === 'missing-documents') return t('portal.app.missing', { docs: x.documents.join(', ') });
  if (x.kind === 'my-step') return t('portal.app.myStep', { step: x.step });
  return x.text;
}

export default function ApplicationPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { id = '' } = useParams();
  // Right after the start: the registration number and the PIN, shown this once: kept in the
  // screen's state and taken out of the history entry, so a reload or a return does not show it again.
  const location = useLocation();
  const navigate = useNavigate();
  const [registration] = useState(() => (location.state as { registration?: { number: string; pin: string } } | null)?.registration);
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [app, setApp] = useState<ApplicationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatestOnly();
  const load = useCallback(() => {
    const newest = latest.take();
    ws.application(id).then(
      (a) => newest() && setApp(a),
      (e: Error) => newest() && setError(e.message),
    );
  }, [id, latest]);
  useEffect(load, [load]);
  useEffect(() => subscribeEvents(load), [load]);
  if (!app) return <Box>{error ?? t('common.loading')}</Box>;

  const reupload = async (code: string, file: File | undefined) => {
    if (!file) return;
    try {
      await ws.upload(file, code, id);
      setError(null);
      load();
    } catch (e) {
      setError(uploadErrorText(t, file.name, e));
    }
  };
  const finish = async (taskId: string) => {
    try {
      await ws.complete(taskId, {});
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const incomplete = app.expected.some((x) => x.kind === 'missing-documents');
  const waiting = app.status === 'running' && app.myTasks.length > 0;
  const s = statusKey(app.status, waiting);
  // the same sum the SKRD prints (each nota in whole rupiah, server/documents/content.ts)
  const total = app.fees.reduce((sum, n) => sum + wholeRupiah(n.total), 0n).toString();
  return (
    <Box sx={{ maxWidth: 760, p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1">{app.processName}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ my: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Chip label={s ? t(s) : app.status} color={app.status === 'completed' ? 'success' : waiting ? 'warning' : 'default'} data-testid="application-status" />
        {app.registrationNumber && <Chip variant="outlined" label={app.registrationNumber} data-testid="registration-number" />}
        {app.businessKey && app.businessKey !== app.registrationNumber && <Chip variant="outlined" label={app.businessKey} />}
        <Button size="small" component={RouterLink} to={`/lacak${app.registrationNumber ? `?nomor=${encodeURIComponent(app.registrationNumber)}` : ''}`}>{t('track.link')}</Button>
      </Stack>
      {registration && <Alert severity="success" sx={{ mb: 2 }} data-testid="registration-pin">{t('track.registered', registration)}</Alert>}
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      {app.currentSteps.length > 0 && <Typography sx={{ mb: 1 }} data-testid="current-step">{t('portal.app.current', { steps: app.currentSteps.join(', ') })}</Typography>}
      {app.expected.map((x, i) => (
        <Alert key={i} severity="warning" sx={{ mb: 1 }} data-testid="expected">{expectedText(t, x)}</Alert>
      ))}
      {app.myTasks.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
          {incomplete && (
            <>
              <Typography variant="h6">{t('portal.app.documents')}</Typography>
              {app.checklist.map((d) => (
                <Stack key={d.code} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, my: 1 }} data-doc={d.code}>
                  <Chip size="small" color={d.present ? 'success' : 'error'} label={d.present ? t('portal.app.present') : t('portal.app.absent')} />
                  <Typography sx={{ flex: 1 }}>{d.label}</Typography>
                  <input type="file" accept="application/pdf,image/jpeg,image/png" aria-label={t('portal.apply.upload', { doc: d.label })} data-upload={d.code} onChange={(e) => void reupload(d.code, e.target.files?.[0])} />
                </Stack>
              ))}
            </>
          )}
          {app.myTasks.map((task) => (
            <Button key={task.id} variant="contained" sx={{ mt: 1 }} onClick={() => void finish(task.id)}>
              {incomplete ? t('portal.app.resubmit', { step: task.name }) : t('portal.app.done', { step: task.name })}
            </Button>
          ))}
        </Paper>
      )}
      {app.fees.length > 0 && app.feeDocument && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="payment">
          <Typography variant="h6">{t('portal.app.fees')}</Typography>
          {/* how to pay, while there is still something to do */}
          {app.status === 'running' && <Typography sx={{ my: 1 }} data-testid="payment-instructions">
            {app.paymentDue
              ? t('portal.app.payBy', { total: rupiah(total), office: app.officeName, date: long(app.paymentDue.dueDate, lang), doc: t(`portal.app.feeDoc.${app.feeDocument}`) })
              : t('portal.app.pay', { total: rupiah(total), office: app.officeName, doc: t(`portal.app.feeDoc.${app.feeDocument}`) })}
          </Typography>}
          <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 1, flexWrap: 'wrap' }}>
            <Button variant="outlined" href={printUrl(app.id, app.feeDocument)} target="_blank" data-testid="fee-document">{t('portal.app.showFeeDoc', { doc: t(`portal.app.feeDoc.${app.feeDocument}`) })}</Button>
            <Button href={pdfUrl(app.id, app.feeDocument)} download>{t('portal.app.downloadPdf')}</Button>
          </Stack>
          {app.payment && (
            <Alert severity="success" sx={{ mb: 1 }} data-testid="payment-receipt">
              {t('portal.app.paid', { amount: rupiah(app.payment.diterima), change: rupiah(app.payment.kembalian), number: app.payment.nomorBukti })}
            </Alert>
          )}
          {app.fees.map((n) => (
            <FeeNotaView key={n.variable} nota={n} due={app.paymentDue} />
          ))}
        </Paper>
      )}
      {app.result && (
        <Alert severity="success" sx={{ mb: 2 }} action={
            <>
              <Button href={printUrl(app.id, app.result.doc)} target="_blank" data-testid="download-result">{t('portal.app.download')}</Button>
              <Button href={pdfUrl(app.id, app.result.doc)} download data-testid="download-result-pdf">{t(app.result.signed ? 'portal.app.downloadSignedPdf' : 'portal.app.downloadPdf')}</Button>
            </>
          }>
          {t('portal.app.result', { title: app.result.title, number: reference(t, app.result.number) })}
        </Alert>
      )}
      <DocumentsFromOffice instanceId={app.id} version={app} />
      <Typography variant="h6">{t('portal.app.timeline')}</Typography>
      <List dense aria-label={t('portal.app.timeline')}>
        {app.timeline.map((e, i) => (
          <ListItem key={i}>
            <ListItemText
              primary={<>{e.step}{e.event !== 'completed' && ` (${t(e.event === 'cancelled' ? 'portal.event.cancelled' : e.event === 'document-sent' ? 'portal.event.documentSent' : 'portal.event.other')})`}{e.outcome && <Chip size="small" variant="outlined" label={e.outcome} sx={{ ml: 1 }} data-testid="timeline-outcome" />}</>}
              secondary={`${formatDateTime(e.at, lang)}${e.note ? ` · ${e.note}` : ''}`}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

/** The application's history on the task page: who did what, with the outcome, notes, payment, documents sent and corrections. */
import { Divider, List, ListItem, ListItemText, Typography } from '@mui/material';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/index.js';
import { rupiah, type HistoryField, type HistoryItem, type PaymentRecord } from './api.js';
import { describeChanges, type Changes } from './history-changes.js';

export function TaskHistory({ history, fields }: { history: HistoryItem[]; fields: Record<string, HistoryField> }) {
  const t = useT();
  const { lang } = useLanguage();
  return (
    <>
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
                ? t('ws.task.historyCorrected', { changes: describeChanges(h.details.corrected as Changes, fields, t, lang).join(', ') })
                : null,
            ].filter(Boolean).join(' · ')}
          />
        </ListItem>
      ))}
    </List>
    </>
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

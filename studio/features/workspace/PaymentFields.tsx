/**
 * The kasir's step (issue 23): the amount due from the nota/SKRD, the amount received (decimal
 * rupiah typed as text, never a float), the method, and the change to give back. The server checks
 * the amount again and issues the receipt's number; once recorded, the page shows that number.
 */
import { Alert, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { rupiahSen, senToRupiah } from '../../../core/money.js';
import { useT } from '../../i18n/index.js';
import { rupiah, type PaymentInfo } from './api.js';

export interface PaymentInput {
  amount: string;
  method: string;
}

/** What the kasir typed, as the step's inputs; a problem (as an i18n key) when it cannot be sent. */
export function paymentVariables(info: PaymentInfo, input: PaymentInput): { variables: Record<string, string> } | { problem: 'ws.payment.amountInvalid' | 'ws.payment.tooLow' } {
  const sen = rupiahSen(input.amount.trim());
  if (sen === undefined) return { problem: 'ws.payment.amountInvalid' };
  if (info.due !== null && sen < BigInt(info.due) * 100n) return { problem: 'ws.payment.tooLow' };
  return { variables: { jumlahDiterima: input.amount.trim(), metodePembayaran: input.method } };
}

export function PaymentFields({ info, value, onChange, open, error }: { info: PaymentInfo; value: PaymentInput; onChange: (v: PaymentInput) => void; open: boolean; error: string | null }) {
  const t = useT();
  const sen = rupiahSen(value.amount.trim());
  const change = sen !== undefined && info.due !== null ? sen - BigInt(info.due) * 100n : undefined;
  const recorded = info.recorded;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="payment" aria-label={t('ws.payment.title')}>
      <Typography variant="h6">{t('ws.payment.title')}</Typography>
      <Typography sx={{ mb: 1 }} data-testid="payment-due">{info.due !== null ? t('ws.payment.due', { amount: rupiah(info.due) }) : t('ws.payment.noNota')}</Typography>
      {recorded ? (
        <Alert severity="success" data-testid="payment-recorded">
          {t('ws.payment.recorded', { amount: rupiah(recorded.diterima), change: rupiah(recorded.kembalian), number: recorded.nomorBukti })}
        </Alert>
      ) : open ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label={t('ws.payment.amount')}
            value={value.amount}
            onChange={(e) => onChange({ ...value, amount: e.target.value })}
            error={!!error}
            helperText={error ?? (change !== undefined && change >= 0n ? t('ws.payment.change', { amount: rupiah(senToRupiah(change)) }) : t('ws.payment.amountHelp'))}
            slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'payment-amount' } }}
            sx={{ flex: 1 }}
          />
          <TextField select label={t('ws.payment.method')} value={value.method} onChange={(e) => onChange({ ...value, method: e.target.value })} sx={{ minWidth: 180 }} slotProps={{ htmlInput: { 'data-testid': 'payment-method' } }}>
            {info.methods.map((m) => (
              <MenuItem key={m} value={m}>{t(`ws.payment.method.${m as 'tunai'}`)}</MenuItem>
            ))}
          </TextField>
        </Stack>
      ) : null}
    </Paper>
  );
}

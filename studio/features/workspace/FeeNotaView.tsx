import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLanguage, useT } from '../../i18n/index.js';
import { rupiah, type FeeNota, type PaymentDue } from './api.js';

/** The fee nota: lines with their legal basis, the total, and the tariff version used. */
export function FeeNotaView({ nota, due }: { nota: FeeNota; due?: PaymentDue | null }) {
  const t = useT();
  const { lang } = useLanguage();
  const long = (ymd: string) => new Date(`${ymd}T00:00:00Z`).toLocaleDateString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long' });
  return (
    <>
      {/* a phone scrolls the nota, not the page */}
      <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('ws.fee.table')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('ws.fee.item')}</TableCell>
            <TableCell>{t('ws.fee.basis')}</TableCell>
            <TableCell align="right">{t('ws.fee.amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {nota.fees.map((f) => (
            <TableRow key={f.code} data-fee={f.code}>
              <TableCell>{f.label}</TableCell>
              <TableCell sx={{ fontSize: 12 }}>{f.legalBasis}</TableCell>
              <TableCell align="right">{rupiah(f.amount)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell colSpan={2}><strong>{t('ws.fee.total')}</strong></TableCell>
            <TableCell align="right" data-testid="fee-total"><strong>{rupiah(nota.total)}</strong></TableCell>
          </TableRow>
        </TableBody>
      </Table>
      </Box>
      {due && <Typography sx={{ mt: 1 }} data-testid="payment-due">{t('ws.fee.due', { date: long(due.dueDate), days: due.days })}</Typography>}
      <Typography variant="caption" color="text.secondary">
        {t('ws.fee.tariff', { key: nota.ruleSet.key, n: nota.ruleSet.publication ?? '-', from: nota.ruleSet.period?.effectiveFrom ?? '-' })}
        {nota.at ? t('ws.fee.at', { at: nota.at }) : ''}
      </Typography>
    </>
  );
}

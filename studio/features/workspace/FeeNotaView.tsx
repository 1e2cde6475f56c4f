import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { rupiah, type FeeNota } from './api.js';

/** The fee nota: lines with their legal basis, the total, and the tariff version used. */
export function FeeNotaView({ nota }: { nota: FeeNota }) {
  return (
    <>
      <Table size="small" aria-label="nota biaya">
        <TableHead>
          <TableRow>
            <TableCell>Uraian</TableCell>
            <TableCell>Dasar hukum</TableCell>
            <TableCell align="right">Jumlah</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {nota.fees.map((f) => (
            <TableRow key={f.code}>
              <TableCell>{f.label}</TableCell>
              <TableCell sx={{ fontSize: 12 }}>{f.legalBasis}</TableCell>
              <TableCell align="right">{rupiah(f.amount)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell colSpan={2}><strong>Jumlah</strong></TableCell>
            <TableCell align="right" data-testid="fee-total"><strong>{rupiah(nota.total)}</strong></TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary">
        Tarif: {nota.ruleSet.key} terbitan {nota.ruleSet.publication ?? '-'}, periode sejak {nota.ruleSet.period?.effectiveFrom}
        {nota.at ? `, tanggal acuan ${nota.at}` : ''}
      </Typography>
    </>
  );
}

/** "Try it": a form from the facts schema and a date, evaluated against the draft; the answer can become a test case. */
import { Box, Button, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import Form from '@rjsf/mui';
import type { RJSFSchema } from '@rjsf/utils';
import { formatRupiah } from '../../../core/money.js';
import type { RuleSetDoc } from '../../api/client.js';
import { rjsfTranslator } from '../../forms/rjsf-i18n.js';
import { safeValidator } from '../../forms/safe-validator.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { labelOf, periodAt } from './rule-doc.js';
import type { RuleSetChecks } from './useRuleSetChecks.js';

export function TryTab({ doc, checks, onAddAsTest }: { doc: RuleSetDoc; checks: RuleSetChecks; onAddAsTest(): void }) {
  const t = useT();
  const { lang } = useLanguage();
  const { tryResult } = checks;
  return (
    <Box sx={{ display: 'flex', gap: 3 }}>
      <Box sx={{ flex: 1 }}>
        <TextField type="date" size="small" label={t('rules.at')} value={checks.tryAt} onChange={(e) => checks.setTryAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ mb: 2 }} />
        <Form schema={doc.facts as RJSFSchema} validator={safeValidator} translateString={rjsfTranslator(lang)} formData={checks.tryFacts} onChange={(e) => checks.setTryFacts((e.formData ?? {}) as Record<string, unknown>)} onSubmit={() => void checks.evaluate()} noHtml5Validate>
          <Button type="submit" variant="contained">{t('rules.evaluate')}</Button>
        </Form>
      </Box>
      <Box sx={{ flex: 1 }} data-testid="try-result">
        {tryResult && (
          <>
            {tryResult.documents.length > 0 && <><Typography variant="subtitle1">{t('rules.documents')}</Typography><ul>{tryResult.documents.map((code) => <li key={code}>{labelOf(doc, code)}</li>)}</ul></>}
            {tryResult.fees.length > 0 && (
              <Table size="small" aria-label={t('rules.fees')}>
                <TableBody>
                  {tryResult.fees.map((f) => <TableRow key={f.code}><TableCell>{labelOf(doc, f.code)}</TableCell><TableCell align="right">{formatRupiah(f.amount)}</TableCell></TableRow>)}
                  <TableRow><TableCell><b>{t('rules.total')}</b></TableCell><TableCell align="right"><b data-testid="try-total">{formatRupiah(tryResult.total)}</b></TableCell></TableRow>
                </TableBody>
              </Table>
            )}
            {Object.keys(tryResult.decisions).length > 0 && <Box component="pre" sx={{ fontSize: 12 }}>{JSON.stringify(tryResult.decisions, null, 2)}</Box>}
            <Typography variant="body2" sx={{ mt: 1 }} data-testid="try-period">{t('rules.periodUsed', { from: periodAt(doc, tryResult.at)?.effectiveFrom ?? '—' })}</Typography>
            <Button sx={{ mt: 1 }} variant="outlined" onClick={onAddAsTest} data-testid="add-as-test">{t('rules.addAsTest')}</Button>
          </>
        )}
      </Box>
    </Box>
  );
}

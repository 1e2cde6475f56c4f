/** One period's rules: name, condition (opens the condition builder) and outcome parameters per event type. */
import { Box, Button, Chip, IconButton, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { RuleDoc } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { conditionSummary } from './rule-doc.js';

export function RulesTable({ pi, rules, setRule, removeRule, editCondition }: { pi: number; rules: RuleDoc[]; setRule(ri: number, rule: RuleDoc): void; removeRule(ri: number): void; editCondition(ri: number): void }) {
  const t = useT();
  return (
    <Table size="small">
      <TableHead><TableRow><TableCell>{t('rules.ruleName')}</TableCell><TableCell>{t('rules.conditions')}</TableCell><TableCell>{t('rules.outcome')}</TableCell><TableCell /></TableRow></TableHead>
      <TableBody>
        {rules.map((r, ri) => (
          <TableRow key={ri}>
            <TableCell sx={{ minWidth: 160 }}><TextField size="small" fullWidth value={r.name ?? ''} onChange={(e) => setRule(ri, { ...r, name: e.target.value })} slotProps={{ htmlInput: { 'aria-label': t('rules.ruleName') } }} /></TableCell>
            <TableCell><Button size="small" sx={{ textTransform: 'none', fontFamily: 'monospace', textAlign: 'left' }} onClick={() => editCondition(ri)}>{conditionSummary(r.conditions)}</Button></TableCell>
            <TableCell sx={{ minWidth: 380 }}>
              <Outcome id={`period-${pi}-rule-${ri}`} rule={r} setParams={(patch) => setRule(ri, { ...r, event: { ...r.event, params: { ...(r.event.params ?? {}), ...patch } } })} />
            </TableCell>
            <TableCell><IconButton aria-label={t('common.remove')} onClick={() => removeRule(ri)}><DeleteIcon /></IconButton></TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A fee's code, label, formula and legal basis; a document's code and label; a decision's variable and value. */
function Outcome({ id, rule, setParams }: { id: string; rule: RuleDoc; setParams(patch: Record<string, unknown>): void }) {
  const t = useT();
  const params = rule.event.params ?? {};
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      <Chip size="small" label={rule.event.type} />
      {rule.event.type === 'fee' && <>
        <TextField size="small" label={t('rules.param.code')} value={String(params.code ?? '')} onChange={(e) => setParams({ code: e.target.value })} sx={{ width: 110 }} />
        <TextField size="small" label={t('rules.param.label')} value={String(params.label ?? '')} onChange={(e) => setParams({ label: e.target.value })} sx={{ flex: 1, minWidth: 180 }} slotProps={{ htmlInput: { 'data-testid': `${id}-label` } }} />
        <TextField size="small" label={t('rules.param.formula')} value={String(params.formula ?? '')} onChange={(e) => setParams({ formula: e.target.value })} sx={{ flex: 1, minWidth: 220 }} slotProps={{ htmlInput: { 'data-testid': `${id}-formula` } }} />
        <TextField size="small" label={t('rules.param.legalBasis')} value={String(params.legalBasis ?? '')} onChange={(e) => setParams({ legalBasis: e.target.value })} sx={{ flexBasis: '100%' }} slotProps={{ htmlInput: { 'data-testid': `${id}-legalBasis` } }} />
      </>}
      {rule.event.type === 'document' && <>
        <TextField size="small" label={t('rules.param.code')} value={String(params.code ?? '')} onChange={(e) => setParams({ code: e.target.value })} sx={{ width: 120 }} />
        <TextField size="small" label={t('rules.param.label')} value={String(params.label ?? '')} onChange={(e) => setParams({ label: e.target.value })} sx={{ flex: 1 }} />
      </>}
      {rule.event.type === 'decision' && <>
        <TextField size="small" label="variable" value={String(params.variable ?? '')} onChange={(e) => setParams({ variable: e.target.value })} />
        <TextField size="small" label="value" value={JSON.stringify(params.value ?? null)} onChange={(e) => { try { setParams({ value: JSON.parse(e.target.value) as unknown }); } catch { /* keep typing */ } }} />
      </>}
    </Box>
  );
}

/** The effective-dated periods: dates, assumption, constants and the rules table of each; a new period copies the latest. */
import { Box, Button, Checkbox, FormControlLabel, IconButton, Paper, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useState } from 'react';
import type { RuleDoc, RuleSetDoc } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { ConditionBuilder } from '../../modeler/conditions/ConditionBuilder.js';
import { todayJakarta } from '../publish/PublishDialog.js';
import { withNewPeriod } from './periods.js';
import { constantText, parseConstant, type Period } from './rule-doc.js';
import { RulesTable } from './RulesTable.js';

const newRule = (doc: RuleSetDoc, n: number): RuleDoc => ({
  name: `Aturan ${n}`,
  conditions: { all: [] },
  event: doc.kind === 'fees' ? { type: 'fee', params: { code: 'BARU', label: 'Biaya baru', formula: '0', legalBasis: '-' } } : { type: 'document', params: { code: 'dokumen', label: 'Dokumen' } },
});

export function PeriodsTab({ doc, change }: { doc: RuleSetDoc; change(next: RuleSetDoc): void }) {
  const t = useT();
  const [editing, setEditing] = useState<{ period: number; rule: number }>();
  const setPeriod = (i: number, patch: Partial<Period>) => change({ ...doc, versions: doc.versions.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setRule = (pi: number, ri: number, rule: RuleDoc) => setPeriod(pi, { rules: doc.versions[pi]!.rules.map((r, j) => (j === ri ? rule : r)) });
  const edited = editing && doc.versions[editing.period]!.rules[editing.rule]!;
  return (
    <Box>
      {doc.versions.map((p, pi) => (
        <Paper key={pi} variant="outlined" sx={{ p: 2, mb: 2 }} data-testid={`period-${pi}`}>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <TextField type="date" size="small" label={t('rules.effectiveFrom')} value={p.effectiveFrom} onChange={(e) => setPeriod(pi, { effectiveFrom: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `period-${pi}-from` } }} />
            <TextField type="date" size="small" label={t('rules.effectiveTo')} value={p.effectiveTo ?? ''} onChange={(e) => setPeriod(pi, { effectiveTo: e.target.value || undefined })} slotProps={{ inputLabel: { shrink: true } }} />
            <FormControlLabel control={<Checkbox checked={!!p.assumption} onChange={(e) => setPeriod(pi, { assumption: e.target.checked || undefined })} />} label={t('rules.assumption')} />
            {doc.versions.length > 1 && <IconButton aria-label={`${t('common.remove')} ${p.effectiveFrom}`} onClick={() => change({ ...doc, versions: doc.versions.filter((_, j) => j !== pi) })}><DeleteIcon /></IconButton>}
          </Box>
          {p.assumption && <TextField size="small" fullWidth multiline sx={{ mt: 1 }} label="assumptionNotes" value={(p.assumptionNotes ?? []).join('\n')} onChange={(e) => setPeriod(pi, { assumptionNotes: e.target.value.split('\n').filter(Boolean) })} />}
          <Typography variant="subtitle2" sx={{ mt: 2 }}>{t('rules.constants')}</Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
            {Object.entries(p.constants ?? {}).map(([name, v]) => (
              <TextField key={name} size="small" label={name} defaultValue={constantText(v)} onBlur={(e) => setPeriod(pi, { constants: { ...p.constants, [name]: parseConstant(e.target.value) } })} slotProps={{ htmlInput: { 'data-testid': `period-${pi}-const-${name}` } }} />
            ))}
          </Box>
          <Typography variant="subtitle2" sx={{ mt: 2 }}>{t('rules.rules')}</Typography>
          <RulesTable
            pi={pi}
            rules={p.rules}
            setRule={(ri, rule) => setRule(pi, ri, rule)}
            removeRule={(ri) => setPeriod(pi, { rules: p.rules.filter((_, j) => j !== ri) })}
            editCondition={(ri) => setEditing({ period: pi, rule: ri })}
          />
          <Button size="small" onClick={() => setPeriod(pi, { rules: [...p.rules, newRule(doc, p.rules.length + 1)] })}>{t('common.add')}</Button>
        </Paper>
      ))}
      <Button variant="outlined" onClick={() => change({ ...doc, versions: withNewPeriod(doc.versions, todayJakarta()) })} data-testid="add-period">{t('rules.addPeriod')}</Button>
      {editing && edited && (
        <ConditionBuilder
          body={JSON.stringify(edited.conditions ?? { all: [] })}
          flowName={edited.name}
          onApply={(body) => {
            setRule(editing.period, editing.rule, { ...edited, conditions: body ? (JSON.parse(body) as unknown) : { all: [] } });
            setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Box>
  );
}

/**
 * The condition builder for a sequence flow: rows of (variable, operator, value) that write a
 * json-rules-engine condition, with a raw JSON tab for what rows cannot express.
 */
import { Alert, Autocomplete, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, MenuItem, Tab, Tabs, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/index.js';
import { conditionBody, conditionToBuilder, OPERATORS, parseConditionBody, RowError, type BuilderModel, type ConditionRow, type Operator, type ValueType } from './condition-model.js';

const VALUE_TYPES: ValueType[] = ['boolean', 'number', 'string', 'list'];
const EMPTY_ROW: ConditionRow = { fact: '', operator: 'equal', valueType: 'boolean', value: 'true' };

export interface ConditionBuilderProps {
  /** current body of bpmn:conditionExpression ('' when none) */
  body: string;
  flowName?: string;
  /** the variables the model defines (forms, rule results, call outputs, other decisions), suggested for each row */
  variables?: string[];
  onApply(body: string | undefined): void;
  onClose(): void;
}

function initialModel(body: string): BuilderModel | undefined {
  if (!body.trim()) return { combinator: 'all', rows: [{ ...EMPTY_ROW }] };
  const parsed = parseConditionBody(body);
  if (parsed.model) return parsed.model;
  // A plain variable name (no language) is the boolean shorthand.
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(body.trim())) return { combinator: 'all', rows: [{ ...EMPTY_ROW, fact: body.trim() }] };
  return undefined;
}

function initialRaw(body: string, start: BuilderModel | undefined): string {
  try {
    if (body.trim().startsWith('{')) return JSON.stringify(JSON.parse(body), null, 2);
    return start ? conditionBody(start) : body;
  } catch {
    // broken JSON, or a new condition whose first row is still empty: show it as it is
    return body;
  }
}

export function ConditionBuilder({ body, flowName, variables = [], onApply, onClose }: ConditionBuilderProps) {
  const t = useT();
  const start = useMemo(() => initialModel(body), [body]);
  const [tab, setTab] = useState<'builder' | 'raw'>(start ? 'builder' : 'raw');
  const [model, setModel] = useState<BuilderModel>(start ?? { combinator: 'all', rows: [{ ...EMPTY_ROW }] });
  const [raw, setRaw] = useState(() => initialRaw(body, start));

  let rowError: RowError | undefined;
  let builtBody = '';
  try {
    builtBody = conditionBody(model);
  } catch (e) {
    if (e instanceof RowError) rowError = e;
    else throw e;
  }
  const rawParsed = parseConditionBody(raw);

  function switchTab(next: 'builder' | 'raw') {
    if (next === 'raw' && !rowError) setRaw(JSON.stringify(JSON.parse(builtBody), null, 2));
    if (next === 'builder' && rawParsed.json !== undefined) {
      const m = conditionToBuilder(rawParsed.json);
      if (m) setModel(m);
    }
    setTab(next);
  }

  function updateRow(i: number, patch: Partial<ConditionRow>) {
    setModel((m) => ({ ...m, rows: m.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  }

  const rawNotRepresentable = tab === 'builder' && rawParsed.json !== undefined && !conditionToBuilder(rawParsed.json) && raw.trim() !== '' && !start;
  const canApply = tab === 'builder' ? !rowError : !rawParsed.error;

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="cond-title">
      <DialogTitle id="cond-title">{t('cond.title')}{flowName ? `: ${flowName}` : ''}</DialogTitle>
      <DialogContent>
        <Tabs value={tab} onChange={(_, v: 'builder' | 'raw') => switchTab(v)} sx={{ mb: 2 }}>
          <Tab value="builder" label={t('cond.builder')} />
          <Tab value="raw" label={t('cond.raw')} />
        </Tabs>
        {tab === 'builder' && (
          <Box>
            {rawNotRepresentable && <Alert severity="info">{t('cond.notRepresentable')}</Alert>}
            <ToggleButtonGroup exclusive size="small" value={model.combinator} onChange={(_, v: 'all' | 'any' | null) => v && setModel({ ...model, combinator: v })} sx={{ mb: 2 }}>
              <ToggleButton value="all">{t('cond.all')}</ToggleButton>
              <ToggleButton value="any">{t('cond.any')}</ToggleButton>
            </ToggleButtonGroup>
            {model.rows.map((row, i) => (
              <Box key={i} sx={{ display: 'flex', gap: 1, mb: 1.5, alignItems: 'flex-start' }} data-testid={`cond-row-${i}`}>
                <Autocomplete
                  freeSolo
                  size="small"
                  options={variables}
                  value={row.fact}
                  inputValue={row.fact}
                  onInputChange={(_, v) => updateRow(i, { fact: v })}
                  sx={{ flex: 2 }}
                  renderInput={(params) => <TextField {...params} label={t('cond.variable')} helperText={i === 0 && variables.length ? t('cond.variablesHint', { n: variables.length }) : undefined} error={rowError?.row === i && !/^[A-Za-z_]/.test(row.fact)} />}
                />
                <TextField select size="small" label={t('cond.operator')} value={row.operator} onChange={(e) => updateRow(i, { operator: e.target.value as Operator })} sx={{ flex: 2 }}>
                  {OPERATORS.map((op) => <MenuItem key={op} value={op}>{t(`cond.op.${op}`)}</MenuItem>)}
                </TextField>
                <TextField select size="small" label={t('cond.valueType')} value={row.valueType} onChange={(e) => {
                  const valueType = e.target.value as ValueType;
                  updateRow(i, { valueType, value: valueType === 'boolean' ? 'true' : '' });
                }} sx={{ flex: 1.3 }}>
                  {VALUE_TYPES.map((vt) => <MenuItem key={vt} value={vt}>{t(`cond.type.${vt}`)}</MenuItem>)}
                </TextField>
                {row.valueType === 'boolean' ? (
                  <TextField select size="small" label={t('cond.value')} value={row.value} onChange={(e) => updateRow(i, { value: e.target.value })} sx={{ flex: 1.5 }}>
                    <MenuItem value="true">{t('common.yes')}</MenuItem>
                    <MenuItem value="false">{t('common.no')}</MenuItem>
                  </TextField>
                ) : (
                  <TextField size="small" label={t('cond.value')} value={row.value} onChange={(e) => updateRow(i, { value: e.target.value })} error={rowError?.row === i} helperText={rowError?.row === i ? rowError.message : undefined} sx={{ flex: 1.5 }} />
                )}
                <IconButton aria-label={t('common.remove')} onClick={() => setModel({ ...model, rows: model.rows.filter((_, j) => j !== i) })} disabled={model.rows.length === 1}>
                  <DeleteIcon />
                </IconButton>
              </Box>
            ))}
            <Button onClick={() => setModel({ ...model, rows: [...model.rows, { ...EMPTY_ROW }] })}>{t('cond.addRow')}</Button>
            {!rowError && <Box component="pre" sx={{ bgcolor: 'grey.100', p: 1, fontSize: 12, mt: 2 }} data-testid="cond-json">{builtBody}</Box>}
          </Box>
        )}
        {tab === 'raw' && (
          <Box>
            <TextField label={t('cond.raw')} multiline minRows={8} fullWidth value={raw} onChange={(e) => setRaw(e.target.value)} slotProps={{ htmlInput: { style: { fontFamily: 'monospace' }, spellCheck: false } }} />
            {rawParsed.error && <Alert severity="error" sx={{ mt: 1 }}>{t('cond.invalidJson', { msg: rawParsed.error })}</Alert>}
            {!rawParsed.error && rawParsed.json !== undefined && !rawParsed.model && <Alert severity="info" sx={{ mt: 1 }}>{t('cond.notRepresentable')}</Alert>}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button color="warning" onClick={() => onApply(undefined)}>{t('cond.clear')}</Button>
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={!canApply} onClick={() => onApply(tab === 'builder' ? builtBody : JSON.stringify(JSON.parse(raw)))}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

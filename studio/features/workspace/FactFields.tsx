/**
 * Inputs for the facts a rule set reads (its `facts` JSON Schema: flat, typed, enums): the
 * apply form, the counter start, the fee calculator and the step before a computation share
 * it. Values are kept typed (numbers as numbers), so they go to the server as they are.
 */
import { MenuItem, Stack, TextField } from '@mui/material';
import { useT } from '../../i18n/index.js';

/** `readOnly`: set by the office or the system (e.g. months late), never asked of an applicant. */
export interface FactProperty { type?: string; title?: string; enum?: unknown[]; minimum?: number; readOnly?: boolean }
export type FactValues = Record<string, unknown>;

function parse(p: FactProperty, raw: string): unknown {
  if (raw === '') return undefined;
  if (p.type === 'number' || p.type === 'integer') return Number(raw);
  if (p.type === 'boolean') return raw === 'true';
  return raw;
}

/** Required facts that have no value yet (their titles, for the message). */
export function missingFacts(properties: Record<string, FactProperty>, required: string[], values: FactValues): string[] {
  return required.filter((k) => values[k] === undefined || values[k] === '').map((k) => properties[k]?.title ?? k);
}

export function FactFields({ properties, required = [], values, onChange, size }: { properties: Record<string, FactProperty>; required?: string[]; values: FactValues; onChange(v: FactValues): void; size?: 'small' }) {
  const t = useT();
  const set = (k: string, p: FactProperty, raw: string) => {
    const next = { ...values };
    const v = parse(p, raw);
    if (v === undefined) delete next[k];
    else next[k] = v;
    onChange(next);
  };
  return (
    <Stack direction={size ? 'row' : 'column'} spacing={size ? 1 : 2} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
      {Object.entries(properties).map(([k, p]) => {
        const value = values[k] === undefined ? '' : String(values[k]);
        const options = p.type === 'boolean' ? [true, false] : p.enum;
        return options ? (
          <TextField key={k} select size={size} label={p.title ?? k} required={required.includes(k)} value={value} onChange={(e) => set(k, p, e.target.value)} sx={{ minWidth: 220 }} slotProps={{ select: { SelectDisplayProps: { 'data-fact': k } as object } }}>
            {options.map((o) => (
              <MenuItem key={String(o)} value={String(o)}>{o === true ? t('portal.app.yes') : o === false ? t('portal.app.no') : String(o)}</MenuItem>
            ))}
          </TextField>
        ) : (
          <TextField key={k} size={size} label={p.title ?? k} required={required.includes(k)} type={p.type === 'number' || p.type === 'integer' ? 'number' : 'text'} value={value} onChange={(e) => set(k, p, e.target.value)} slotProps={{ htmlInput: { 'data-fact': k } }} />
        );
      })}
    </Stack>
  );
}

/**
 * "Identitas SOP": the identity block of the SOP document (Permenpan-RB 35/2012) — number, dates,
 * approving official and the six text fields — kept in the model as `sop:identity` in the
 * process's extension elements, so each publication carries its own. Written through
 * `modeling.updateModdleProperties` (undoable, marks the draft as changed).
 */
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useT, type MessageKey } from '../../i18n/index.js';
import type { BusinessObject, Shape } from '../../modeler/properties/bpmn-element.js';
import type { Modeler } from '../../modeler/create-modeler.js';

const ATTRS = ['number', 'drafted', 'revised', 'approverPosition', 'approverName', 'approverNip'] as const;
const TEXTS = ['dasarHukum', 'kualifikasi', 'keterkaitan', 'peralatan', 'peringatan', 'pencatatan'] as const;
type Field = (typeof ATTRS)[number] | (typeof TEXTS)[number];
export type SopIdentityValues = Partial<Record<Field, string>>;


/** The shape that stands for the process (its pool, or the root without one) and the process itself. */
function processOf(modeler: Modeler): { shape: Shape; process: BusinessObject } {
  const registry = modeler.get('elementRegistry');
  const pool = registry.filter((e) => e.type === 'bpmn:Participant')[0];
  if (pool) return { shape: pool, process: pool.businessObject.get('processRef') as BusinessObject };
  const root = modeler.get('canvas').getRootElement();
  return { shape: root, process: root.businessObject };
}

const values = (bo: BusinessObject | undefined): BusinessObject[] => ((bo?.get('values') as BusinessObject[] | undefined) ?? []);

function readIdentity(modeler: Modeler): SopIdentityValues {
  const { process } = processOf(modeler);
  const identity = values(process.get('extensionElements') as BusinessObject | undefined).find((v) => v.$type === 'sop:Identity');
  const out: SopIdentityValues = {};
  if (!identity) return out;
  for (const a of ATTRS) {
    const v = identity.get(a);
    if (typeof v === 'string') out[a] = v;
  }
  for (const f of (identity.get('fields') as BusinessObject[] | undefined) ?? []) {
    const name = f.get('name') as string;
    if ((TEXTS as readonly string[]).includes(name)) out[name as Field] = String(f.get('text') ?? '');
  }
  return out;
}

function writeIdentity(modeler: Modeler, next: SopIdentityValues): void {
  const modeling = modeler.get('modeling');
  const moddle = modeler.get('moddle');
  const { shape, process } = processOf(modeler);
  let ext = process.get('extensionElements') as BusinessObject | undefined;
  if (!ext) {
    ext = moddle.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateModdleProperties(shape, process, { extensionElements: ext });
  }
  let identity = values(ext).find((v) => v.$type === 'sop:Identity');
  if (!identity) {
    identity = moddle.create('sop:Identity');
    modeling.updateModdleProperties(shape, ext, { values: [...values(ext), identity] });
  }
  const attrs: Record<string, unknown> = {};
  for (const a of ATTRS) attrs[a] = next[a]?.trim() || undefined;
  attrs.fields = TEXTS.filter((k) => next[k]?.trim()).map((k) => moddle.create('sop:IdentityField', { name: k, text: next[k]!.trim() }));
  modeling.updateModdleProperties(shape, identity, attrs);
}

export function SopIdentityDialog(props: { modeler: Modeler; onClose(): void }) {
  const t = useT();
  const [v, setV] = useState<SopIdentityValues>(() => readIdentity(props.modeler));
  const field = (k: Field, opts: { multiline?: boolean; date?: boolean } = {}) => (
    <TextField
      key={k}
      label={t(`identity.${k}` as MessageKey)}
      value={v[k] ?? ''}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
      size="small"
      fullWidth
      multiline={opts.multiline}
      minRows={opts.multiline ? 2 : undefined}
      type={opts.date ? 'date' : 'text'}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `identity-${k}` } }}
    />
  );
  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth aria-labelledby="identity-title">
      <DialogTitle id="identity-title">{t('identity.title')}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' }, gap: 2, mt: 1 }}>
          {field('number')}
          {field('drafted', { date: true })}
          {field('revised', { date: true })}
          {field('approverPosition')}
          {field('approverName')}
          {field('approverNip')}
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2, mt: 2 }}>
          {TEXTS.map((k) => field(k, { multiline: true }))}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" data-testid="identity-apply" onClick={() => { writeIdentity(props.modeler, v); props.onClose(); }}>{t('identity.apply')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Counter start: a walk-in applicant's application, from any published process my role may start. */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { looksLikePhone } from '../../../core/phone.js';
import { useT } from '../../i18n/index.js';
import { ws, type Service } from './api.js';
import { FactFields, missingFacts, type FactProperty, type FactValues } from './FactFields.js';
import { identityField, markedFields, type FieldMark, type IdentityMark } from '../../../core/form-fields.js';

/** The identity the counter dialog asks itself (its own name, NIK and phone fields). */
const COUNTER_IDENTITY: ReadonlySet<FieldMark> = new Set(['applicant.name', 'applicant.nik', 'applicant.phone']);

export function CounterStartDialog({ open, onClose, onStarted }: { open: boolean; onClose(): void; onStarted(taskId: string | undefined): void }) {
  const t = useT();
  const [services, setServices] = useState<Service[]>([]);
  const [form, setForm] = useState({ process: '', office: '', businessKey: '', name: '', nik: '', phone: '' });
  const [facts, setFacts] = useState<FactValues>({});
  const [error, setError] = useState<string | null>(null);
  // After the start: the registration number and PIN for the applicant, then on to the first task.
  const [started, setStarted] = useState<{ number: string; pin: string; taskId: string | undefined } | null>(null);
  useEffect(() => {
    if (open) ws.startable().then(setServices, (e: Error) => setError(e.message));
  }, [open]);
  const svc = services.find((s) => s.key === form.process);
  // What the service's rule sets read can be entered now (or later, at the step before the computation).
  // The start form's fields too (a permit's object): the same ones the portal asks, required alike.
  // Its identity fields the counter asks once, above (name, NIK, phone), and copies into the form.
  const identity: Record<string, string> = {};
  for (const [mark, value] of [['applicant.name', form.name], ['applicant.nik', form.nik], ['applicant.phone', form.phone]] as const) {
    const field = identityField(svc?.startForm, mark);
    if (field && value) identity[field] = value;
  }
  const askedOnce = new Set(markedFields(svc?.startForm).filter((f) => COUNTER_IDENTITY.has(f.mark)).map((f) => f.name));
  const properties: Record<string, FactProperty> = svc
    ? Object.fromEntries(
        Object.entries({ ...((svc.startForm?.properties ?? {}) as Record<string, FactProperty>), ...(svc.requirementFacts?.properties ?? {}), ...(Object.assign({}, ...svc.feeRuleSets.map((k) => svc.feeFacts[k]?.properties ?? {})) as Record<string, FactProperty>) }).filter(([k]) => !askedOnce.has(k)),
      )
    : {};
  const required = ((svc?.startForm?.required ?? []) as string[]).filter((k) => !askedOnce.has(k));
  const missing = missingFacts(properties, required, facts);
  const requiredIdentity = (mark: IdentityMark) => { const f = identityField(svc?.startForm, mark); return !!f && (svc?.startForm?.required ?? []).includes(f); };
  // what the server would refuse (a 400 in its schema's words, shown at the top of a long dialog), said at the field
  const nikInvalid = form.nik !== '' && !/^[0-9]{16}$/.test(form.nik.trim());
  const phoneInvalid = form.phone !== '' && !looksLikePhone(form.phone);
  const toFill = [
    ...(!form.process ? [t('ws.counter.service')] : []),
    ...(!form.name ? [t('ws.counter.name')] : []),
    ...(requiredIdentity('applicant.nik') && !form.nik ? [t('ws.counter.nik')] : []),
    ...(requiredIdentity('applicant.phone') && !form.phone ? [t('ws.counter.phone')] : []),
    ...missing,
  ];
  const blocked = toFill.length > 0 || nikInvalid || phoneInvalid;
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  const submit = async () => {
    try {
      const inst = await ws.start(form.process, {
        office: form.office || svc?.offices[0]?.key || '',
        variables: { ...identity, ...facts },
        ...(form.businessKey ? { businessKey: form.businessKey } : {}),
        applicant: { name: form.name, ...(form.nik ? { nik: form.nik.trim() } : {}), ...(form.phone ? { phone: form.phone.trim() } : {}) },
      });
      setStarted({ ...inst.registration, taskId: inst.tasks[0]?.id });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const proceed = () => {
    const taskId = started?.taskId;
    setStarted(null);
    onClose();
    onStarted(taskId);
  };
  if (started) {
    return (
      <Dialog open={open} onClose={proceed} fullWidth maxWidth="sm">
        <DialogTitle>{t('ws.counter.registered')}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} data-testid="counter-registration">
            <Typography>{t('ws.registrationNumber')}: <strong data-registration-number>{started.number}</strong></Typography>
            <Typography>PIN: <strong data-registration-pin>{started.pin}</strong></Typography>
            <Alert severity="info">{t('ws.counter.pinNote')}</Alert>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={proceed}>{t('ws.counter.continue')}</Button>
        </DialogActions>
      </Dialog>
    );
  }
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('ws.counter.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField select label={t('ws.counter.service')} value={form.process} onChange={(e) => { setForm({ ...form, process: e.target.value, office: '' }); setFacts({}); }} slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'counter-service' } as object } }}>
            {services.map((s) => (
              <MenuItem key={s.key} value={s.key} data-service={s.key}>{s.name}</MenuItem>
            ))}
          </TextField>
          {svc && svc.offices.length > 1 && (
            <TextField select label={t('ws.counter.office')} value={form.office} onChange={(e) => setForm({ ...form, office: e.target.value })}>
              {svc.offices.map((o) => (
                <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>
              ))}
            </TextField>
          )}
          <TextField label={t('ws.counter.businessKey')} value={form.businessKey} onChange={(e) => setForm({ ...form, businessKey: e.target.value })} />
          <TextField required label={t('ws.counter.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <TextField required={requiredIdentity('applicant.nik')} label={t('ws.counter.nik')} value={form.nik} onChange={(e) => setForm({ ...form, nik: e.target.value })} error={nikInvalid} helperText={nikInvalid ? t('ws.counter.nikInvalid') : undefined} slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'counter-nik' } }} />
          <TextField required={requiredIdentity('applicant.phone')} label={t('ws.counter.phone')} value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} error={phoneInvalid} helperText={phoneInvalid ? t('ws.counter.phoneInvalid') : undefined} slotProps={{ htmlInput: { inputMode: 'tel', 'data-testid': 'counter-phone' } }} />
          {svc && <FactFields properties={properties} required={required} values={facts} onChange={setFacts} />}
          {error && <Alert severity="error" ref={errorRef} data-testid="counter-error">{error}</Alert>}
          {toFill.length > 0 && form.process && <Typography variant="body2" color="text.secondary" data-testid="counter-missing">{t('ws.counter.missing', { fields: toFill.join(', ') })}</Typography>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={blocked} onClick={() => void submit()}>{t('ws.counter.start')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Counter start: a walk-in applicant's application, from any published process my role may start. */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { ws, type Service } from './api.js';

export function CounterStartDialog({ open, onClose, onStarted }: { open: boolean; onClose(): void; onStarted(taskId: string | undefined): void }) {
  const [services, setServices] = useState<Service[]>([]);
  const [form, setForm] = useState({ process: '', office: '', businessKey: '', name: '', nik: '', phone: '', variables: '{}' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) ws.startable().then(setServices, (e: Error) => setError(e.message));
  }, [open]);
  const svc = services.find((s) => s.key === form.process);
  const submit = async () => {
    try {
      const variables = JSON.parse(form.variables || '{}') as Record<string, unknown>;
      const inst = await ws.start(form.process, {
        office: form.office || svc?.offices[0]?.key || '',
        variables,
        ...(form.businessKey ? { businessKey: form.businessKey } : {}),
        applicant: { name: form.name, ...(form.nik ? { nik: form.nik } : {}), ...(form.phone ? { phone: form.phone } : {}) },
      });
      onClose();
      onStarted(inst.tasks[0]?.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Permohonan baru (pemohon datang langsung)</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField select label="Layanan" value={form.process} onChange={(e) => setForm({ ...form, process: e.target.value, office: '' })}>
            {services.map((s) => (
              <MenuItem key={s.key} value={s.key}>{s.name}</MenuItem>
            ))}
          </TextField>
          {svc && svc.offices.length > 1 && (
            <TextField select label="Kantor" value={form.office} onChange={(e) => setForm({ ...form, office: e.target.value })}>
              {svc.offices.map((o) => (
                <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>
              ))}
            </TextField>
          )}
          <TextField label="Nomor (nopol / NOP / nomor permohonan)" value={form.businessKey} onChange={(e) => setForm({ ...form, businessKey: e.target.value })} />
          <TextField required label="Nama pemohon" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <TextField label="NIK" value={form.nik} onChange={(e) => setForm({ ...form, nik: e.target.value })} />
          <TextField label="Telepon" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
          <TextField label="Data awal (JSON)" multiline minRows={2} value={form.variables} onChange={(e) => setForm({ ...form, variables: e.target.value })} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Batal</Button>
        <Button variant="contained" disabled={!form.process || !form.name} onClick={() => void submit()}>Mulai</Button>
      </DialogActions>
    </Dialog>
  );
}

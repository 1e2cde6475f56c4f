/**
 * The task page, generated from the model: step name and SOP instruction, the form (@rjsf/mui,
 * CSP-safe validator, the server validates again), the requirements checklist, the fee nota,
 * decision buttons from the next gateway, a note for the history, the history and the diagram.
 * What was typed survives a 409 (a colleague took or completed the task).
 */
import { Alert, Box, Button, Chip, Divider, Grid, Link, List, ListItem, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import Form from '@rjsf/mui';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { safeValidator } from '../../forms/safe-validator.js';
import { printUrl, uploadUrl, ws, type HistoryItem, type TaskContext, type TaskRow } from './api.js';
import { FeeNotaView } from './FeeNotaView.js';
import { ProgressDiagram } from './ProgressDiagram.js';

const PRINTS: Record<string, string> = { 'tanda terima': 'tanda-terima', skpd: 'skpd', nota: 'nota', skrd: 'skrd', 'surat penolakan': 'surat-penolakan', izin: 'izin' };

function conflictMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'TASK_NOT_CLAIMABLE') return 'Tugas ini sudah diambil petugas lain. Isian Anda tetap tersimpan di halaman ini.';
    if (e.code === 'TASK_ALREADY_COMPLETED' || e.code === 'TASK_NOT_OPEN') return 'Tugas ini sudah diselesaikan oleh petugas lain.';
    if (e.code === 'VARIABLES_INVALID') {
      const errs = (e.details?.errors as Array<{ path: string; message: string }> | undefined) ?? [];
      return `Isian tidak sesuai formulir: ${errs.map((x) => `${x.path} ${x.message}`).join('; ')}`;
    }
    return e.message;
  }
  return (e as Error).message;
}

export default function TaskPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [task, setTask] = useState<TaskRow | null>(null);
  const [ctx, setCtx] = useState<TaskContext | null>(null);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [message, setMessage] = useState<{ severity: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [t, c] = await Promise.all([ws.task(id), ws.context(id)]);
      setTask(t);
      setCtx(c);
      setMissing((m) => (m.length ? m : c.checklist.filter((d) => !d.present).map((d) => d.code)));
      setHistory((await ws.history(t.instanceId)).items);
    } catch (e) {
      setMessage({ severity: 'error', text: conflictMessage(e) });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (what: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await what();
      if (done) setMessage({ severity: 'success', text: done });
      await load();
    } catch (e) {
      setMessage({ severity: 'warning', text: conflictMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const complete = async (decision: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      const negative = Object.values(decision).includes(false);
      const variables: Record<string, unknown> = { ...formData, ...decision, ...(note.trim() ? { catatan: note.trim() } : {}) };
      if (negative && ctx?.checklist.length) variables.dokumenKurang = missing;
      await ws.complete(id, variables);
      navigate('/inbox', { state: { flash: 'Tugas selesai' } });
    } catch (e) {
      setMessage({ severity: 'warning', text: conflictMessage(e) });
      setBusy(false);
    }
  };

  if (!task || !ctx) return <Box>{message ? <Alert severity={message.severity}>{message.text}</Alert> : 'Memuat…'}</Box>;
  const open = task.status === 'open';
  const needsClaim = open && task.assignee === null && task.claimedBy === null;
  const print = ctx.output ? PRINTS[ctx.output.toLowerCase()] : undefined;

  return (
    <Box>
      <Typography variant="h5" component="h1">{ctx.name}</Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {task.onBehalf ? 'Dikerjakan atas nama pemohon' : `Peran: ${task.role} · ${task.office}`}
      </Typography>
      {ctx.instruction && <Alert severity="info" sx={{ mb: 2 }}>{ctx.instruction}</Alert>}
      {message && <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)} data-testid="task-message">{message.text}</Alert>}
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        {needsClaim && <Button variant="contained" disabled={busy} onClick={() => void act(() => ws.claim(id), 'Tugas diambil')}>Ambil tugas</Button>}
        {open && task.claimedBy !== null && task.assignee === null && <Button disabled={busy} onClick={() => void act(() => ws.unclaim(id), 'Tugas dilepas')}>Lepas</Button>}
        {!open && <Chip label="Tugas sudah selesai" />}
        {print && <Button href={printUrl(ctx.instanceId, print)} target="_blank">Cetak {ctx.output}</Button>}
        {ctx.fees.length > 0 && <Button href={printUrl(ctx.instanceId, 'nota')} target="_blank">Cetak nota</Button>}
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          {ctx.form && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Form schema={ctx.form.schema} uiSchema={{ ...(ctx.form.uiSchema ?? {}), 'ui:submitButtonOptions': { norender: true } }} formData={formData} validator={safeValidator} noHtml5Validate onChange={(e) => setFormData((e.formData ?? {}) as Record<string, unknown>)} />
            </Paper>
          )}
          {ctx.checklist.length > 0 && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Typography variant="h6">Persyaratan</Typography>
              <List dense>
                {ctx.checklist.map((d) => (
                  <ListItem key={d.code} data-doc={d.code} secondaryAction={d.upload ? <Link href={uploadUrl(d.upload.id)} target="_blank">Lihat berkas</Link> : undefined}>
                    <Chip size="small" color={d.present ? 'success' : 'error'} label={d.present ? 'ada' : 'tidak ada'} sx={{ mr: 1 }} />
                    <ListItemText primary={d.label} secondary={d.note} />
                    <input type="checkbox" aria-label={`kurang: ${d.label}`} checked={missing.includes(d.code)} onChange={(e) => setMissing((m) => (e.target.checked ? [...m, d.code] : m.filter((x) => x !== d.code)))} style={{ marginRight: 96 }} />
                  </ListItem>
                ))}
              </List>
              <Typography variant="caption">Centang dokumen yang kurang; pemohon melihatnya bila berkas dinyatakan tidak lengkap.</Typography>
            </Paper>
          )}
          {ctx.fees.map((n) => (
            <Paper key={n.variable} variant="outlined" sx={{ p: 2, mb: 2 }}>
              <Typography variant="h6">Nota biaya</Typography>
              <FeeNotaView nota={n} />
            </Paper>
          ))}
          {open && (
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
              <TextField fullWidth multiline minRows={2} label="Catatan (masuk riwayat)" value={note} onChange={(e) => setNote(e.target.value)} sx={{ mb: 2 }} />
              <Stack direction="row" spacing={1}>
                {ctx.decisions.length > 0
                  ? ctx.decisions.map((d) => (
                      <Button key={d.flowId} variant="contained" color={d.negative ? 'warning' : 'primary'} disabled={busy || needsClaim} onClick={() => void complete(d.variables)}>
                        {d.label}
                      </Button>
                    ))
                  : <Button variant="contained" disabled={busy || needsClaim} onClick={() => void complete()}>Selesai</Button>}
              </Stack>
              {needsClaim && <Typography variant="caption">Ambil tugas terlebih dahulu.</Typography>}
            </Paper>
          )}
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <ProgressDiagram xml={ctx.diagram} done={ctx.done} current={ctx.current} />
          <Typography variant="h6" sx={{ mt: 2 }}>Riwayat</Typography>
          <Divider />
          <List dense aria-label="riwayat">
            {history.filter((h) => h.elementName).map((h, i) => (
              <ListItem key={i}>
                <ListItemText
                  primary={`${h.elementName} — ${h.event}${h.onBehalf ? ' (atas nama pemohon)' : ''}`}
                  secondary={`${new Date(h.endedAt).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' })}${typeof h.details?.catatan === 'string' ? ` · ${h.details.catatan}` : ''}`}
                />
              </ListItem>
            ))}
          </List>
        </Grid>
      </Grid>
    </Box>
  );
}

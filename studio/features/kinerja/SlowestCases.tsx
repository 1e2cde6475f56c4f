/**
 * A step's slowest open cases, with the supervisor's actions on each (issue 18): take the task
 * over ("Ambil alih") or hand it to another officer of the same post and office ("Alihkan…",
 * POST /api/tasks/:id/reassign). The server decides who supervises (core access policy +
 * cockpit-access.ts) and answers 404/400 otherwise; the screen shows that answer as it is.
 */
import { Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { supervisionApi, type StepDetail } from '../../api/cockpit.js';
import { useT } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';

type Case = StepDetail['slowestOpen'][number];

function ReassignDialog({ task, onClose, onDone }: { task: Case; onClose(): void; onDone(username: string): void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The officers of the task's post; a supervisor who may not read the user list types the name.
    api.users.list({ role: task.role, office: task.office, pageSize: 200 }).then(
      (page) => setOptions(page.items.filter((u) => !u.disabled && u.roles.some((r) => r.role === task.role && r.office === task.office)).map((u) => u.username)),
      () => setOptions([]),
    );
  }, [task]);
  const submit = async () => {
    setBusy(true);
    try {
      await supervisionApi.reassign(task.taskId, username.trim());
      onDone(username.trim());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{t('supervise.reassignTitle', { case: reference(t, task.businessKey) })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>{t('supervise.reassignHelp', { role: task.role, office: task.office })}</Typography>
        {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
        <Autocomplete
          freeSolo
          options={options}
          inputValue={username}
          onInputChange={(_, v) => setUsername(v)}
          renderInput={(params) => <TextField {...params} autoFocus label={t('supervise.officer')} />}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={busy || username.trim() === ''} onClick={() => void submit()}>{t('supervise.reassign')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function SlowestCases({ cases, onChanged }: { cases: Case[]; onChanged(): void }) {
  const t = useT();
  const [reassigning, setReassigning] = useState<Case | null>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const take = async (c: Case) => {
    try {
      await supervisionApi.take(c.taskId);
      setMessage({ severity: 'success', text: t('supervise.taken', { case: reference(t, c.businessKey) }) });
      onChanged();
    } catch (e) {
      setMessage({ severity: 'error', text: (e as Error).message });
    }
  };
  return (
    <>
      {message && <Alert severity={message.severity} sx={{ mb: 1 }} onClose={() => setMessage(null)}>{message.text}</Alert>}
      <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('kinerja.slowest')}>
          <TableHead>
            <TableRow>
              {[t('kinerja.case'), t('kinerja.office'), t('kinerja.since'), t('kinerja.due'), t('supervise.holder'), t('supervise.actions')].map((h) => <TableCell key={h}>{h}</TableCell>)}
            </TableRow>
          </TableHead>
          <TableBody>
            {cases.map((c) => (
              <TableRow key={c.taskId} data-task={c.taskId}>
                <TableCell>{reference(t, c.businessKey)}</TableCell>
                <TableCell>{c.office}</TableCell>
                <TableCell>{new Date(c.createdAt).toLocaleString()}</TableCell>
                <TableCell>{c.dueAt ? new Date(c.dueAt).toLocaleString() : '–'}</TableCell>
                <TableCell>{c.claimedByUsername ?? t('supervise.unclaimed')}</TableCell>
                <TableCell>
                  {c.reassignable ? (
                    <Stack direction="row" spacing={0.5}>
                      <Button size="small" onClick={() => void take(c)}>{t('supervise.take')}</Button>
                      <Button size="small" onClick={() => setReassigning(c)}>{t('supervise.reassignMenu')}</Button>
                    </Stack>
                  ) : (
                    <Typography variant="caption" color="text.secondary">{t('supervise.applicantStep')}</Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {reassigning && (
        <ReassignDialog
          task={reassigning}
          onClose={() => setReassigning(null)}
          onDone={(username) => {
            setMessage({ severity: 'success', text: t('supervise.reassigned', { case: reference(t, reassigning.businessKey), username }) });
            setReassigning(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

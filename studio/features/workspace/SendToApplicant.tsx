/**
 * "Dokumen untuk pemohon" on the officer's task page (issue 23): a file with a title sent to the
 * application's applicant (the scan of a signed letter, a corrected form, a result made outside
 * the system). The server checks the file and who may send; this lists what was already sent.
 */
import { Alert, Button, Link, List, ListItem, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.js';
import { uploadErrorText } from '../portal/upload-error.js';
import { uploadUrl, ws, type UploadMeta } from './api.js';

export function SendToApplicant({ taskId, instanceId, onSent }: { taskId: string; instanceId: string; onSent?: () => void }) {
  const t = useT();
  const { lang } = useLanguage();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [sent, setSent] = useState<UploadMeta[]>([]);
  const [message, setMessage] = useState<{ severity: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setSent((await ws.documents(instanceId)).filter((u) => u.forApplicant));
    } catch {
      setSent([]);
    }
  }, [instanceId]);
  useEffect(() => {
    void load();
  }, [load]);

  const send = async () => {
    if (!file) return;
    if (title.trim() === '') {
      setMessage({ severity: 'error', text: t('ws.send.titleRequired') });
      return;
    }
    setBusy(true);
    try {
      const meta = await ws.sendToApplicant(taskId, file, title.trim());
      setMessage({ severity: 'success', text: t('ws.send.sent', { title: meta.title ?? title.trim() }) });
      setTitle('');
      setFile(null);
      setInputKey((k) => k + 1);
      await load();
      onSent?.();
    } catch (e) {
      const text = e instanceof ApiError && e.code === 'DOCUMENT_TITLE_REQUIRED' ? t('ws.send.titleRequired') : uploadErrorText(t, file.name, e);
      setMessage({ severity: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="send-to-applicant">
      <Typography variant="h6">{t('ws.send.title')}</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>{t('ws.send.help')}</Typography>
      {message && <Alert severity={message.severity} sx={{ mb: 1 }} onClose={() => setMessage(null)}>{message.text}</Alert>}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <TextField size="small" label={t('ws.send.docTitle')} value={title} onChange={(e) => setTitle(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'send-title' } }} sx={{ flex: 1 }} />
        <input key={inputKey} type="file" accept="application/pdf,image/jpeg,image/png" aria-label={t('ws.send.file')} data-testid="send-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Button variant="outlined" disabled={busy || !file} onClick={() => void send()} data-testid="send-submit">{t('ws.send.submit')}</Button>
      </Stack>
      {sent.length > 0 && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 2 }}>{t('ws.send.sentList')}</Typography>
          <List dense>
            {sent.map((u) => (
              <ListItem key={u.id} secondaryAction={<Link href={uploadUrl(u.id)} target="_blank">{t('ws.task.viewFile')}</Link>}>
                <ListItemText primary={u.title ?? u.filename} secondary={`${u.filename} · ${formatDateTime(u.createdAt, lang)}`} />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}

/**
 * The bottom of an open task: the internal note and the message for the applicant (each field says
 * who reads it), the official's passphrase on a signing step, and the decision buttons from the
 * next gateway (or one "Selesai").
 */
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useT } from '../../i18n/index.js';
import type { TaskContext } from './api.js';

export interface CompletionPanelProps {
  note: string;
  onNote: (v: string) => void;
  messageToApplicant: string;
  onMessageToApplicant: (v: string) => void;
  signing: TaskContext['signing'];
  passphrase: string;
  onPassphrase: (v: string) => void;
  decisions: TaskContext['decisions'];
  disabled: boolean;
  needsClaim: boolean;
  onComplete: (variables: Record<string, unknown>) => void;
}

export function CompletionPanel({ note, onNote, messageToApplicant, onMessageToApplicant, signing, passphrase, onPassphrase, decisions, disabled, needsClaim, onComplete }: CompletionPanelProps) {
  const t = useT();
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <TextField fullWidth multiline minRows={2} label={t('ws.task.note')} value={note} onChange={(e) => onNote(e.target.value)} sx={{ mb: 2 }} />
      <TextField fullWidth multiline minRows={2} label={t('ws.task.messageToApplicant')} value={messageToApplicant} onChange={(e) => onMessageToApplicant(e.target.value)} sx={{ mb: 2 }} />
      {signing && (
        <Box sx={{ mb: 2 }} data-testid="signing">
          <Alert severity="info" sx={{ mb: 1 }}>{t(signing === 'sk' ? 'ws.task.signingSk' : 'ws.task.signingIzin')}</Alert>
          <TextField fullWidth type="password" autoComplete="off" label={t('ws.task.passphrase')} value={passphrase} onChange={(e) => onPassphrase(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'passphrase' } }} />
        </Box>
      )}
      <Stack direction="row" spacing={1}>
        {decisions.length > 0
          ? decisions.map((d) => (
              <Button key={d.flowId} variant="contained" color={d.negative ? 'warning' : 'primary'} disabled={disabled} onClick={() => onComplete(d.variables)}>
                {d.label}
              </Button>
            ))
          : <Button variant="contained" disabled={disabled} onClick={() => onComplete({})}>{t('ws.task.complete')}</Button>}
      </Stack>
      {needsClaim && <Typography variant="caption">{t('ws.task.claimFirst')}</Typography>}
    </Paper>
  );
}

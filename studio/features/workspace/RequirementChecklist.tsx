/**
 * The requirements checklist on the task page: each document present or missing, with the file when
 * uploaded; the checkbox means "received here on paper" and is recorded once for every later post.
 */
import { Chip, Link, List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useT } from '../../i18n/index.js';
import { uploadUrl, type TaskContext } from './api.js';

export function RequirementChecklist({ checklist, open, received, onReceived }: { checklist: TaskContext['checklist']; open: boolean; received: string[]; onReceived: (codes: string[]) => void }) {
  const t = useT();
  if (checklist.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography variant="h6">{t('ws.task.requirements')}</Typography>
      <List dense>
        {checklist.map((d) => (
          <ListItem key={d.code} data-doc={d.code} secondaryAction={d.upload ? <Link href={uploadUrl(d.upload.id)} target="_blank">{t('ws.task.viewFile')}</Link> : undefined}>
            <Chip size="small" color={d.present ? 'success' : 'error'} label={d.present ? t('ws.task.present') : t('ws.task.missing')} sx={{ mr: 1 }} />
            <ListItemText primary={d.label} secondary={d.note} />
            <input type="checkbox" disabled={!open || !!d.upload} aria-label={t('ws.task.markReceived', { doc: d.label })} checked={received.includes(d.code)} onChange={(e) => onReceived(e.target.checked ? [...received, d.code] : received.filter((x) => x !== d.code))} style={{ marginRight: 96 }} />
          </ListItem>
        ))}
      </List>
      <Typography variant="caption">{t('ws.task.markReceivedHelp')}</Typography>
    </Paper>
  );
}

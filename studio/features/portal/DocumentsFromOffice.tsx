/**
 * The documents the office sent to me (issue 23) on my application's page: each with its title,
 * when it came, and a download. The server lists only what I may see (core/access.ts).
 */
import { Button, List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.js';
import { uploadUrl, ws, type UploadMeta } from '../workspace/api.js';

/** `version` changes when the application changes (a new document raises an event that reloads it). */
export function DocumentsFromOffice({ instanceId, version }: { instanceId: string; version: unknown }) {
  const t = useT();
  const { lang } = useLanguage();
  const [docs, setDocs] = useState<UploadMeta[]>([]);
  useEffect(() => {
    let live = true;
    ws.documents(instanceId).then(
      (list) => live && setDocs(list.filter((u) => u.forApplicant)),
      () => live && setDocs([]),
    );
    return () => {
      live = false;
    };
  }, [instanceId, version]);
  if (docs.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="documents-from-office">
      <Typography variant="h6">{t('portal.app.fromOffice')}</Typography>
      <List dense>
        {docs.map((u) => (
          <ListItem key={u.id} data-testid="office-document" secondaryAction={<Button href={`${uploadUrl(u.id)}?download=true`} download data-testid="office-document-download">{t('portal.app.download')}</Button>}>
            <ListItemText primary={u.title ?? u.filename} secondary={t('portal.app.fromOfficeSent', { date: formatDateTime(u.createdAt, lang), file: u.filename })} />
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}

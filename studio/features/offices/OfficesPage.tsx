/**
 * Kantor: the admin's office administration (issue 16). The list of offices with what each offers;
 * a dialog edits one office's name, address, contacts, logo, document number formats and the
 * services it offers. Saves carry the revision the dialog was opened at (If-Match): a change made
 * meanwhile by someone else is reported, never overwritten. The server enforces who may do this.
 */
import { Alert, Box, Button, Chip, Dialog, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { api, type AdminOffice } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { OfficeDialogContent } from './OfficeDialog.js';
import { bodyOf, draftOf, officeErrorText, type OfficeDraft } from './office-draft.js';

export default function OfficesPage() {
  const t = useT();
  const [offices, setOffices] = useState<AdminOffice[]>([]);
  const [processKeys, setProcessKeys] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<OfficeDraft | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      setOffices(await api.adminOffices.list());
      setError(null);
    } catch (e) {
      setError(officeErrorText(t, e));
    }
  }, [t]);
  useEffect(() => {
    void load();
    api.list('processes').then((l) => setProcessKeys(l.map((d) => d.key).sort()), () => undefined);
  }, [load]);

  const open = (o: AdminOffice | null) => {
    setDialogError(null);
    setDraft(draftOf(o));
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    const body = bodyOf(draft);
    try {
      const saved = draft.revision === null ? await api.adminOffices.create(draft.key, body) : await api.adminOffices.update(draft.key, body, draft.revision);
      setDraft(null);
      setNotice(t('offices.saved', { name: saved.name }));
      void load();
    } catch (e) {
      setDialogError(officeErrorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1200, mx: 'auto' }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">{t('offices.title')}</Typography>
        <Button variant="contained" onClick={() => open(null)}>{t('offices.add')}</Button>
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice}</Alert>}
      <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('offices.table')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('offices.key')}</TableCell>
              <TableCell>{t('offices.name')}</TableCell>
              <TableCell>{t('offices.agency')}</TableCell>
              <TableCell>{t('offices.processes')}</TableCell>
              <TableCell>{t('offices.numbering')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {offices.map((o) => (
              <TableRow key={o.key} hover>
                <TableCell><code>{o.key}</code></TableCell>
                <TableCell>{o.name}</TableCell>
                <TableCell>{o.agency}</TableCell>
                <TableCell>{t('offices.processCount', { count: o.processes.length })}</TableCell>
                <TableCell>
                  {Object.entries(o.numbering).map(([kind, format]) => (
                    <Chip key={kind} size="small" label={`${kind}: ${format}`} sx={{ mr: 0.5, mb: 0.5 }} />
                  ))}
                </TableCell>
                <TableCell align="right">
                  <Button size="small" onClick={() => open(o)}>{t('offices.edit')}</Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>

      <Dialog open={draft !== null} onClose={() => setDraft(null)} fullWidth maxWidth="md">
        {draft && <OfficeDialogContent draft={draft} setDraft={setDraft} processKeys={processKeys} error={dialogError} saving={saving} onCancel={() => setDraft(null)} onSave={() => void save()} />}
      </Dialog>
    </Box>
  );
}

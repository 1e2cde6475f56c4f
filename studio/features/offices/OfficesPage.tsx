/**
 * Kantor: the admin's office administration (issue 16). The list of offices with what each offers;
 * a dialog edits one office's name, address, contacts, logo, document number formats and the
 * services it offers. Saves carry the revision the dialog was opened at (If-Match): a change made
 * meanwhile by someone else is reported, never overwritten. The server enforces who may do this.
 */
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type AdminOffice, type OfficeInput } from '../../api/client.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';

const KNOWN_ERRORS = ['OFFICE_CONFLICT', 'NUMBER_FORMAT_INVALID', 'LOGO_INVALID', 'OFFICE_EXISTS', 'PROCESS_NOT_FOUND'] as const;

/** Our words for the codes this screen expects; otherwise the server's own message. */
function officeErrorText(t: Translate, e: unknown): string {
  if (e instanceof ApiError && (KNOWN_ERRORS as readonly string[]).includes(e.code)) {
    const d = (e.details ?? {}) as { updatedBy?: string; errors?: Array<{ path: string; message: string }>; processes?: string[] };
    const detail = d.errors?.map((x) => `${x.path.replace('/numbering/', '')}: ${x.message}`).join('; ') ?? d.processes?.join(', ') ?? '';
    return t(`offices.error.${e.code}` as MessageKey, { by: d.updatedBy ?? '', detail });
  }
  if (e instanceof ApiError && e.code === 'NETWORK') return t('error.network');
  return (e as Error).message || t('common.error');
}

interface Draft {
  key: string;
  input: OfficeInput;
  /** number formats as editable rows (kind, format) */
  formats: Array<{ kind: string; format: string }>;
  revision: number | null;
  hadLogo: boolean;
}

function draftOf(o: AdminOffice | null): Draft {
  return {
    key: o?.key ?? '',
    input: { name: o?.name ?? '', agency: o?.agency ?? '', address: o?.address ?? '', contacts: { ...(o?.contacts ?? {}) }, numbering: { ...(o?.numbering ?? {}) }, processes: [...(o?.processes ?? [])] },
    formats: Object.entries(o?.numbering ?? {}).map(([kind, format]) => ({ kind, format })),
    revision: o?.revision ?? null,
    hadLogo: o?.logo !== null && o?.logo !== undefined,
  };
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function OfficesPage() {
  const t = useT();
  const [offices, setOffices] = useState<AdminOffice[]>([]);
  const [processKeys, setProcessKeys] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
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
  const change = (patch: Partial<OfficeInput>) => draft && setDraft({ ...draft, input: { ...draft.input, ...patch } });

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    const body: OfficeInput = { ...draft.input, numbering: Object.fromEntries(draft.formats.filter((f) => f.kind.trim() && f.format.trim()).map((f) => [f.kind.trim(), f.format.trim()])) };
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

  const pickLogo = async (file: File | undefined) => {
    if (!file || !draft) return;
    change({ logo: { contentType: file.type, base64: await fileToBase64(file) } });
  };

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1200, mx: 'auto' }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">{t('offices.title')}</Typography>
        <Button variant="contained" onClick={() => open(null)}>{t('offices.add')}</Button>
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice}</Alert>}
      <Paper variant="outlined">
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
        {draft && (
          <>
            <DialogTitle>{draft.revision === null ? t('offices.createTitle') : t('offices.editTitle', { name: draft.input.name })}</DialogTitle>
            <DialogContent>
              <Stack spacing={2} sx={{ mt: 1 }}>
                {dialogError && <Alert severity="error">{dialogError}</Alert>}
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
                  <TextField label={t('offices.key')} value={draft.key} disabled={draft.revision !== null} onChange={(e) => setDraft({ ...draft, key: e.target.value.toLowerCase() })} />
                  <TextField label={t('offices.name')} value={draft.input.name} onChange={(e) => change({ name: e.target.value })} sx={{ flex: 1 }} />
                  <TextField label={t('offices.agency')} value={draft.input.agency} onChange={(e) => change({ agency: e.target.value })} />
                </Stack>
                <TextField label={t('offices.address')} value={draft.input.address} onChange={(e) => change({ address: e.target.value })} multiline minRows={2} />
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
                  {(['phone', 'email', 'website'] as const).map((c) => (
                    <TextField key={c} label={t(`offices.${c}`)} value={draft.input.contacts[c] ?? ''} onChange={(e) => change({ contacts: { ...draft.input.contacts, [c]: e.target.value } })} sx={{ flex: 1 }} />
                  ))}
                </Stack>
                <TextField label={t('offices.complaints')} value={draft.input.contacts.complaints ?? ''} onChange={(e) => change({ contacts: { ...draft.input.contacts, complaints: e.target.value } })} multiline minRows={2} slotProps={{ htmlInput: { 'data-testid': 'office-complaints' } }} />
                <Box>
                  <Typography variant="subtitle2">{t('offices.logo')}</Typography>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 1 }}>
                    {draft.input.logo ? (
                      <img alt="" src={`data:${draft.input.logo.contentType};base64,${draft.input.logo.base64}`} style={{ maxHeight: 56 }} />
                    ) : draft.hadLogo && draft.input.logo === undefined && draft.revision !== null ? (
                      <img alt="" src={api.adminOffices.logoUrl(draft.key, draft.revision)} style={{ maxHeight: 56 }} />
                    ) : (
                      <Typography variant="body2" color="text.secondary">{t('offices.noLogo')}</Typography>
                    )}
                    <Button component="label" size="small">
                      {t('offices.logoChoose')}
                      <input hidden type="file" accept="image/png,image/jpeg" onChange={(e) => void pickLogo(e.target.files?.[0])} />
                    </Button>
                    {(draft.hadLogo || draft.input.logo) && <Button size="small" color="warning" onClick={() => change({ logo: null })}>{t('offices.logoRemove')}</Button>}
                  </Stack>
                </Box>
                <Box>
                  <Typography variant="subtitle2">{t('offices.numbering')}</Typography>
                  <Typography variant="caption" color="text.secondary">{t('offices.numberingHelp')}</Typography>
                  {draft.formats.map((f, i) => (
                    <Stack key={i} direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
                      <TextField size="small" label={t('offices.kind')} value={f.kind} onChange={(e) => setDraft({ ...draft, formats: draft.formats.map((x, j) => (j === i ? { ...x, kind: e.target.value } : x)) })} />
                      <TextField size="small" label={t('offices.format')} value={f.format} onChange={(e) => setDraft({ ...draft, formats: draft.formats.map((x, j) => (j === i ? { ...x, format: e.target.value } : x)) })} sx={{ flex: 1 }} />
                      <IconButton aria-label={t('offices.removeFormat', { kind: f.kind })} onClick={() => setDraft({ ...draft, formats: draft.formats.filter((_, j) => j !== i) })}>×</IconButton>
                    </Stack>
                  ))}
                  <Button size="small" sx={{ mt: 1 }} onClick={() => setDraft({ ...draft, formats: [...draft.formats, { kind: '', format: '' }] })}>{t('offices.addFormat')}</Button>
                </Box>
                <Autocomplete
                  multiple
                  options={[...new Set([...processKeys, ...draft.input.processes])]}
                  value={draft.input.processes}
                  onChange={(_, v) => change({ processes: v })}
                  renderInput={(params) => <TextField {...params} label={t('offices.processes')} />}
                />
              </Stack>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
              <Button variant="contained" disabled={saving || !draft.key || !draft.input.name || !draft.input.agency} onClick={() => void save()}>{t('common.save')}</Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </Box>
  );
}

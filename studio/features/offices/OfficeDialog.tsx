/** One office's name, address, contacts, logo, document number formats and services, as edited in the Kantor dialog. */
import { Alert, Autocomplete, Box, Button, DialogActions, DialogContent, DialogTitle, IconButton, Stack, TextField, Typography } from '@mui/material';
import { api, type OfficeInput } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { fileToBase64, type OfficeDraft } from './office-draft.js';

export interface OfficeDialogProps {
  draft: OfficeDraft;
  setDraft(draft: OfficeDraft): void;
  processKeys: string[];
  error: string | null;
  saving: boolean;
  onCancel(): void;
  onSave(): void;
}

export function OfficeDialogContent({ draft, setDraft, processKeys, error, saving, onCancel, onSave }: OfficeDialogProps) {
  const t = useT();
  const change = (patch: Partial<OfficeInput>) => setDraft({ ...draft, input: { ...draft.input, ...patch } });
  const pickLogo = async (file: File | undefined) => {
    if (!file) return;
    change({ logo: { contentType: file.type, base64: await fileToBase64(file) } });
  };
  return (
    <>
      <DialogTitle>{draft.revision === null ? t('offices.createTitle') : t('offices.editTitle', { name: draft.input.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
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
          <NumberFormats draft={draft} setDraft={setDraft} />
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
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={saving || !draft.key || !draft.input.name || !draft.input.agency} onClick={onSave}>{t('common.save')}</Button>
      </DialogActions>
    </>
  );
}

function NumberFormats({ draft, setDraft }: { draft: OfficeDraft; setDraft(draft: OfficeDraft): void }) {
  const t = useT();
  return (
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
  );
}

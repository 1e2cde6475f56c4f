/**
 * "Standar Pelayanan": the components of the service standard (Permenpan-RB 15/2014) that the
 * published model and rule sets cannot give — the eight management components and the maklumat
 * pelayanan — as text per service. The public page (/standar-pelayanan/:key) shows them beside
 * what is generated.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import { useT, type MessageKey } from '../../i18n/index.js';

const KEYS = ['dasarHukum', 'sarana', 'kompetensi', 'pengawasan', 'jumlahPelaksana', 'jaminanPelayanan', 'jaminanKeamanan', 'evaluasi', 'maklumat'] as const;

export function ServiceStandardDialog(props: { processKey: string; onClose(): void }) {
  const t = useT();
  const [texts, setTexts] = useState<Partial<Record<string, string>>>();
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.serviceStandardTexts(props.processKey).then((a) => { setTexts(a.texts); setRevision(a.revision); }, (e: Error) => setError(e.message));
  }, [props.processKey]);
  async function save() {
    try {
      const a = await api.saveServiceStandardTexts(props.processKey, texts ?? {}, revision);
      setRevision(a.revision);
      setSaved(true);
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'STANDARD_CONFLICT' ? t('standard.conflict') : (e as Error).message);
    }
  }
  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth aria-labelledby="standard-title">
      <DialogTitle id="standard-title">{t('standard.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('standard.help')} <Link href={`/standar-pelayanan/${props.processKey}`} target="_blank" rel="noopener">{t('standard.open')}</Link>
        </Alert>
        {texts && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
            {KEYS.map((k) => (
              <TextField key={k} label={t(`standard.${k}` as MessageKey)} value={texts[k] ?? ''} multiline minRows={2} size="small" onChange={(e) => { setTexts({ ...texts, [k]: e.target.value }); setSaved(false); }} slotProps={{ htmlInput: { 'data-testid': `standard-${k}` } }} />
            ))}
          </Box>
        )}
        {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
        {saved && <Alert severity="success" sx={{ mt: 2 }}>{t('standard.saved')}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.close')}</Button>
        <Button variant="contained" disabled={!texts} onClick={() => void save()} data-testid="standard-save">{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

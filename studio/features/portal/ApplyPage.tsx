/** Apply: office, the service's facts, one upload per required document (type checked on the server), submit. */
import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ws, type Service, type UploadMeta } from '../workspace/api.js';

export default function ApplyPage() {
  const { key = '' } = useParams();
  const navigate = useNavigate();
  const [service, setService] = useState<Service | null>(null);
  const [office, setOffice] = useState('');
  const [facts, setFacts] = useState<Record<string, string>>({});
  const [uploads, setUploads] = useState<Record<string, UploadMeta>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ws.services().then((all) => {
      const s = all.find((x) => x.key === key) ?? null;
      setService(s);
      setOffice(s?.offices[0]?.key ?? '');
    }, (e: Error) => setError(e.message));
  }, [key]);
  if (!service) return <Box>{error ?? 'Memuat…'}</Box>;
  const properties = Object.entries(service.feeFacts[service.feeRuleSets[0]]?.properties ?? {});

  const onFile = async (code: string, file: File | undefined) => {
    if (!file) return;
    try {
      const meta = await ws.upload(file, code);
      setUploads((u) => ({ ...u, [code]: meta }));
      setError(null);
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}`);
    }
  };
  const submit = async () => {
    const variables: Record<string, unknown> = {};
    for (const [k, p] of properties) {
      const v = facts[k];
      if (v === undefined || v === '') continue;
      variables[k] = p.type === 'number' || p.type === 'integer' ? Number(v) : v;
    }
    try {
      const inst = await ws.start(service.key, { office, variables });
      const ids = Object.values(uploads).map((u) => u.id);
      if (ids.length) await ws.attach(inst.id, ids);
      navigate(`/portal/applications/${inst.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Box sx={{ maxWidth: 640 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>Ajukan: {service.name}</Typography>
      {error && <Alert severity="error" sx={{ mb: 2 }} data-testid="apply-error">{error}</Alert>}
      <Stack spacing={2}>
        <TextField select label="Kantor" value={office} onChange={(e) => setOffice(e.target.value)}>
          {service.offices.map((o) => (
            <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>
          ))}
        </TextField>
        {properties.map(([k, p]) => (
          <TextField key={k} label={p.title ?? k} value={facts[k] ?? ''} onChange={(e) => setFacts({ ...facts, [k]: e.target.value })} slotProps={{ htmlInput: { 'data-fact': k } }} />
        ))}
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6">Dokumen persyaratan (PDF, JPEG atau PNG, maks 10 MB)</Typography>
          {service.requirements.map((d) => (
            <Stack key={d.code} direction="row" spacing={2} sx={{ alignItems: 'center', my: 1 }}>
              <Typography sx={{ flex: 1 }}>{d.label}</Typography>
              <input type="file" accept="application/pdf,image/jpeg,image/png" aria-label={`unggah ${d.label}`} data-upload={d.code} onChange={(e) => void onFile(d.code, e.target.files?.[0])} />
              {uploads[d.code] && <Typography variant="caption" color="success.main">✓ {uploads[d.code].filename}</Typography>}
            </Stack>
          ))}
        </Paper>
        <Button variant="contained" disabled={!office} onClick={() => void submit()}>Kirim permohonan</Button>
      </Stack>
    </Box>
  );
}

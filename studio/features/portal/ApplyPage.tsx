/**
 * Apply: office, the facts the service's rule sets read (which documents apply, the fee), one
 * upload per document the requirement rule set asks for these facts (type checked on the
 * server), submit. Submitting also completes the applicant's own first step ("Mengajukan
 * permohonan"), so the application reaches the counter at once.
 */
import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useT } from '../../i18n/index.js';
import { NotFound } from '../../app/NotFound.js';
import { ws, type Service, type UploadMeta } from '../workspace/api.js';
import { FactFields, type FactProperty, type FactValues } from '../workspace/FactFields.js';
import { uploadErrorText } from './upload-error.js';

type Doc = Service['requirements'][number];

export default function ApplyPage() {
  const t = useT();
  const { key = '' } = useParams();
  const navigate = useNavigate();
  // undefined while loading; null when the services list has no such key
  const [service, setService] = useState<Service | null | undefined>(undefined);
  const [office, setOffice] = useState('');
  const [facts, setFacts] = useState<FactValues>({});
  const [docs, setDocs] = useState<Doc[]>([]);
  const [uploads, setUploads] = useState<Record<string, UploadMeta>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ws.services().then((all) => {
      const s = all.find((x) => x.key === key) ?? null;
      setService(s);
      setDocs(s?.requirements ?? []);
      setOffice(s?.offices[0]?.key ?? '');
    }, (e: Error) => setError(e.message));
  }, [key]);
  // The documents that apply to these facts (e.g. a permanent billboard needs more).
  const reqKey = service?.requirementsRuleSet;
  const factsKey = JSON.stringify(facts);
  useEffect(() => {
    if (!reqKey) return;
    const timer = setTimeout(() => {
      ws.evaluate(reqKey, facts).then((a) => setDocs(a.documents.map((d) => ({ required: true, conditional: false, ...d }))), () => undefined);
    }, 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reqKey, factsKey]);
  if (service === null) return <NotFound message={t('notFound.service', { key })} />;
  if (!service) return <Box>{error ?? t('common.loading')}</Box>;
  const properties: Record<string, FactProperty> = {
    ...(service.requirementFacts?.properties ?? {}),
    ...Object.assign({}, ...service.feeRuleSets.map((k) => service.feeFacts[k]?.properties ?? {})),
  };
  const required = service.feeRuleSets.flatMap((k) => service.feeFacts[k]?.required ?? []);

  const onFile = async (code: string, file: File | undefined) => {
    if (!file) return;
    try {
      const meta = await ws.upload(file, code);
      setUploads((u) => ({ ...u, [code]: meta }));
      setError(null);
    } catch (e) {
      setError(uploadErrorText(t, file.name, e));
    }
  };
  const submit = async () => {
    setBusy(true);
    try {
      const inst = await ws.start(service.key, { office, variables: facts });
      const ids = Object.values(uploads).map((u) => u.id);
      if (ids.length) await ws.attach(inst.id, ids);
      // Tasks assigned at start belong to the applicant: the application step itself.
      for (const task of inst.tasks.filter((x) => x.assignee !== null)) await ws.complete(task.id, {});
      navigate(`/portal/applications/${inst.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Box sx={{ maxWidth: 680, p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t('portal.apply.title', { name: service.name })}</Typography>
      {error && <Alert severity="error" sx={{ mb: 2 }} data-testid="apply-error">{error}</Alert>}
      <Stack spacing={2}>
        <TextField select label={t('portal.apply.office')} value={office} onChange={(e) => setOffice(e.target.value)}>
          {service.offices.map((o) => (
            <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>
          ))}
        </TextField>
        <FactFields properties={properties} required={required} values={facts} onChange={setFacts} />
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6">{t('portal.apply.documents')}</Typography>
          {docs.map((d) => (
            <Stack key={d.code} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, my: 1 }} data-doc={d.code}>
              <Typography sx={{ flex: 1 }}>{d.label}</Typography>
              <input type="file" accept="application/pdf,image/jpeg,image/png" aria-label={t('portal.apply.upload', { doc: d.label })} data-upload={d.code} onChange={(e) => void onFile(d.code, e.target.files?.[0])} />
              {uploads[d.code] && <Typography variant="caption" color="success.main">✓ {uploads[d.code].filename}</Typography>}
            </Stack>
          ))}
        </Paper>
        <Button variant="contained" disabled={!office || busy} onClick={() => void submit()}>{t('portal.apply.submit')}</Button>
      </Stack>
    </Box>
  );
}

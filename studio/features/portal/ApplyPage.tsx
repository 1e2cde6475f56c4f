/**
 * Apply: office, the start form (the applicant's identity and what the permit will state about
 * its object), the facts the service's rule sets read (which documents apply, the fee) except
 * those the office sets (`readOnly`, e.g. months late), one upload per document the requirement
 * rule set asks for these facts (type checked on the server), submit — not before every required
 * document is uploaded or marked as handed in on paper at the counter. Submitting also completes the applicant's own first step ("Mengajukan
 * permohonan"), so the application reaches the counter at once.
 */
import { Alert, Box, Button, Checkbox, FormControlLabel, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { identityField } from '../../../core/form-fields.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { NotFound } from '../../app/NotFound.js';
import { IneligibleNotice, mergeReasons } from './IneligibleNotice.js';
import { ws, type IneligibleReason, type Service, type UploadMeta } from '../workspace/api.js';
import { FactFields, missingFacts, type FactProperty, type FactValues } from '../workspace/FactFields.js';
import { uploadErrorText } from './upload-error.js';

type Doc = Service['requirements'][number];

export default function ApplyPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { key = '' } = useParams();
  const { user } = useAuth();
  const [reasons, setReasons] = useState<IneligibleReason[]>([]);
  const navigate = useNavigate();
  // undefined while loading; null when the services list has no such key
  const [service, setService] = useState<Service | null | undefined>(undefined);
  const [office, setOffice] = useState('');
  const [facts, setFacts] = useState<FactValues>({});
  const [docs, setDocs] = useState<Doc[]>([]);
  const [uploads, setUploads] = useState<Record<string, UploadMeta>>({});
  // documents the applicant will hand in on paper at the counter instead of uploading (the loket checks them)
  const [onPaper, setOnPaper] = useState<string[]>([]);
  // the documents come from the requirement set's answer for these facts (not the service's list of every case)
  const [docsEvaluated, setDocsEvaluated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ws.services().then((all) => {
      const s = all.find((x) => x.key === key) ?? null;
      setService(s);
      setDocs(s?.requirements ?? []);
      setOffice(s?.offices[0]?.key ?? '');
      // the account's name is the usual answer to the field the form marks as the applicant's name; the applicant may change it
      const nameField = identityField(s?.startForm, 'applicant.name');
      if (nameField && user?.name) setFacts((f) => ({ [nameField]: user.name, ...f }));
    }, (e: Error) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // The documents that apply to these facts (e.g. a permanent billboard needs more), and whether
  // the service is available at all for them (the office's remit): the requirement set and every
  // fee set that can already answer are asked; a set still missing facts is not an objection.
  const reqKey = service?.requirementsRuleSet;
  const feeKeys = (service?.feeRuleSets ?? []).join(',');
  const factsKey = JSON.stringify(facts);
  useEffect(() => {
    if (!reqKey && !feeKeys) return;
    const timer = setTimeout(() => {
      // a fee set still missing a fact it requires would only answer 400: it is not asked yet
      const answerable = (k: string) => k === reqKey || missingFacts({}, service?.feeFacts[k]?.required ?? [], facts).length === 0;
      const asks = [reqKey, ...feeKeys.split(',')].filter((k): k is string => !!k && answerable(k)).map((k) =>
        ws.evaluate(k, facts, lang).then(
          (a) => {
            if (k === reqKey && a.eligible) {
              setDocs(a.documents.map((d) => ({ required: true, conditional: false, ...d })));
              setDocsEvaluated(true);
            }
            return a.reasons ?? [];
          },
          () => [] as IneligibleReason[],
        ),
      );
      void Promise.all(asks).then((lists) => setReasons(mergeReasons(lists)));
    }, 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reqKey, feeKeys, factsKey, lang]);
  if (service === null) return <NotFound message={t('notFound.service', { key })} />;
  if (!service) return <Box>{error ?? t('common.loading')}</Box>;
  const asked: Record<string, FactProperty> = {
    ...(service.startForm?.properties ?? {}),
    ...(service.requirementFacts?.properties ?? {}),
    ...(Object.assign({}, ...service.feeRuleSets.map((k) => service.feeFacts[k]?.properties ?? {})) as Record<string, FactProperty>),
  };
  // what the office sets later (a late payment's months) is not the new application's to say
  const properties = Object.fromEntries(Object.entries(asked).filter(([, p]) => p.readOnly !== true));
  // The facts the service's remit is judged on are required here, though optional for the fee calculator.
  const eligibilityFacts = [...(service.requirementFacts?.eligibility ?? []), ...service.feeRuleSets.flatMap((k) => service.feeFacts[k]?.eligibility ?? [])];
  const required = [...new Set([...(service.startForm?.required ?? []), ...service.feeRuleSets.flatMap((k) => service.feeFacts[k]?.required ?? []), ...eligibilityFacts])];
  const missingRemit = missingFacts(properties, [...eligibilityFacts, ...(service.startForm?.required ?? [])], facts);
  // in the answer for these facts a conditional document applies; in the service's list it may not
  const missingDocs = docs.filter((d) => d.required && (docsEvaluated || !d.conditional) && !uploads[d.code] && !onPaper.includes(d.code));

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
      navigate(`/portal/applications/${inst.id}`, { state: { registration: inst.registration } });
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
        <IneligibleNotice reasons={reasons} />
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6">{t('portal.apply.documents')}</Typography>
          {docs.map((d) => (
            <Stack key={d.code} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, my: 1 }} data-doc={d.code}>
              <Typography sx={{ flex: 1 }}>{d.label}</Typography>
              <input style={{ maxWidth: '100%' }} type="file" accept="application/pdf,image/jpeg,image/png" aria-label={t('portal.apply.upload', { doc: d.label })} data-upload={d.code} onChange={(e) => void onFile(d.code, e.target.files?.[0])} />
              {uploads[d.code] && <Typography variant="caption" color="success.main">✓ {uploads[d.code].filename}</Typography>}
              {!uploads[d.code] && (
                <FormControlLabel
                  control={<Checkbox size="small" checked={onPaper.includes(d.code)} onChange={(e) => setOnPaper((p) => (e.target.checked ? [...p, d.code] : p.filter((c) => c !== d.code)))} />}
                  label={t('portal.apply.onPaper')}
                />
              )}
            </Stack>
          ))}
        </Paper>
        {missingDocs.length > 0 && (
          <Alert severity="info" data-testid="apply-missing-documents">{t('portal.apply.missingDocuments', { docs: missingDocs.map((d) => d.label).join('; ') })}</Alert>
        )}
        <Button variant="contained" disabled={!office || busy || reasons.length > 0 || missingRemit.length > 0 || missingDocs.length > 0} onClick={() => void submit()}>{t('portal.apply.submit')}</Button>
      </Stack>
    </Box>
  );
}

/** The applicant's services: per office, requirements, SLA, a fee calculator, and "Ajukan". */
import { Alert, Box, Button, Card, CardActions, CardContent, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useLanguage, useT } from '../../i18n/index.js';
import { IneligibleNotice } from './IneligibleNotice.js';
import { rupiah, ws, type EvaluateAnswer, type Service } from '../workspace/api.js';
import { FactFields, missingFacts, type FactProperty, type FactValues } from '../workspace/FactFields.js';
import { ApiError } from '../../api/client.js';

/**
 * What a refused estimate says: the facts still to fill (named by their titles, never the
 * server's English "fact … is required"), else the facts the server found wrong, else its message.
 */
function estimateError(t: ReturnType<typeof useT>, properties: Record<string, FactProperty>, e: unknown): string {
  if (e instanceof ApiError && e.code === 'FACTS_INVALID') {
    const issues = ((e.details?.issues ?? []) as Array<{ path?: string }>).map((i) => (i.path ?? '').replace(/^\//, '')).filter(Boolean);
    if (issues.length) return t('portal.services.factsInvalid', { fields: [...new Set(issues)].map((k) => properties[k]?.title ?? k).join(', ') });
  }
  return e instanceof Error ? e.message : String(e);
}

function FeeCalculator({ service }: { service: Service }) {
  const t = useT();
  const { lang } = useLanguage();
  const key = service.feeRuleSets[0];
  const schema = key ? service.feeFacts[key] : undefined;
  const [facts, setFacts] = useState<FactValues>({});
  const [answer, setAnswer] = useState<EvaluateAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!key || !schema) return null;
  // what the office sets later (a late payment's months) is not the applicant's to estimate
  const properties = Object.fromEntries(Object.entries(schema.properties as Record<string, FactProperty>).filter(([, p]) => p.readOnly !== true));
  const required = (schema.required ?? []).filter((k) => k in properties);
  const calc = async () => {
    setAnswer(null);
    const absent = missingFacts(properties, required, facts);
    if (absent.length > 0) {
      setError(t('ws.task.factsMissing', { fields: absent.join(', ') }));
      return;
    }
    const below = Object.entries(properties).filter(([k, p]) => typeof p.minimum === 'number' && typeof facts[k] === 'number' && facts[k] < p.minimum);
    if (below.length > 0) {
      setError(t('portal.services.factsInvalid', { fields: below.map(([k, p]) => p.title ?? k).join(', ') }));
      return;
    }
    try {
      setAnswer(await ws.evaluate(key, facts, lang));
      setError(null);
    } catch (e) {
      setError(estimateError(t, properties, e));
    }
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2">{t('portal.services.estimate')}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', my: 1, alignItems: 'center' }}>
        <FactFields size="small" properties={properties} required={required} values={facts} onChange={setFacts} />
        <Button onClick={() => void calc()}>{t('portal.services.calculate')}</Button>
      </Stack>
      {error && <Alert severity="warning" data-testid="fee-estimate-error">{error}</Alert>}
      {answer && !answer.eligible && <IneligibleNotice reasons={answer.reasons} />}
      {answer && answer.eligible && <Typography data-testid="fee-estimate"><strong>{t('portal.services.total', { total: rupiah(answer.total) })}</strong> ({answer.fees.map((f) => `${f.label} ${rupiah(f.amount)}`).join(', ')})</Typography>}
    </Box>
  );
}

export default function ServicesPage() {
  const t = useT();
  // undefined while loading
  const [services, setServices] = useState<Service[]>();
  const [loadError, setLoadError] = useState<string>();
  const [office, setOffice] = useState('');
  useEffect(() => {
    ws.services().then(setServices, (e: Error) => setLoadError(e.message));
  }, []);
  const offices = [...new Map((services ?? []).flatMap((s) => s.offices).map((o) => [o.key, o.name])).entries()];
  const shown = (services ?? []).filter((s) => !office || s.offices.some((o) => o.key === office));
  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">{t('portal.services.title')}</Typography>
        <Button component={RouterLink} to="/portal">{t('portal.apps.title')}</Button>
      </Stack>
      <TextField select size="small" label={t('portal.services.office')} value={office} onChange={(e) => setOffice(e.target.value)} sx={{ minWidth: 260, maxWidth: '100%', mb: 2 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
        <MenuItem value="">{t('portal.services.allOffices')}</MenuItem>
        {offices.map(([k, n]) => (
          <MenuItem key={k} value={k}>{n}</MenuItem>
        ))}
      </TextField>
      {loadError && <Alert severity="error">{loadError}</Alert>}
      {!services && !loadError && <Typography>{t('common.loading')}</Typography>}
      {services && shown.length === 0 && <Typography data-testid="services-empty">{t('portal.services.none')}</Typography>}
      <Stack spacing={2}>
        {shown.map((s) => (
          <Card key={s.key} variant="outlined" data-service={s.key}>
            <CardContent>
              <Typography variant="h6">{s.name}</Typography>
              <Typography color="text.secondary">{s.offices.map((o) => o.name).join(', ')} · {t('portal.services.sla', { sla: s.slaText })}</Typography>
              {s.requirements.length > 0 && (
                <Box component="ul" sx={{ my: 1 }}>
                  {s.requirements.map((d) => (
                    <li key={d.code}>{d.label}{d.conditional ? t('portal.services.ifApplicable') : ''}</li>
                  ))}
                </Box>
              )}
              <FeeCalculator service={s} />
            </CardContent>
            <CardActions>
              <Button href={`/standar-pelayanan/${s.key}${office ? `?kantor=${office}` : s.offices.length === 1 ? `?kantor=${s.offices[0]!.key}` : ''}`} target="_blank" rel="noopener" data-testid={`standard-${s.key}`}>{t('standard.link')}</Button>
              {s.online ? <Button variant="contained" component={RouterLink} to={`/portal/apply/${s.key}`}>{t('portal.services.apply')}</Button> : <Chip label={t('portal.services.counterOnly')} />}
            </CardActions>
          </Card>
        ))}
      </Stack>
    </Box>
  );
}

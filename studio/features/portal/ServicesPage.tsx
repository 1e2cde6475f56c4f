/** The applicant's services: per office, requirements, SLA, a fee calculator, and "Ajukan". */
import { Alert, Box, Button, Card, CardActions, CardContent, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useLanguage, useT } from '../../i18n/index.js';
import { IneligibleNotice } from './IneligibleNotice.js';
import { rupiah, ws, type EvaluateAnswer, type Service } from '../workspace/api.js';
import { FactFields, type FactValues } from '../workspace/FactFields.js';

function FeeCalculator({ service }: { service: Service }) {
  const t = useT();
  const { lang } = useLanguage();
  const key = service.feeRuleSets[0];
  const schema = key ? service.feeFacts[key] : undefined;
  const [facts, setFacts] = useState<FactValues>({});
  const [answer, setAnswer] = useState<EvaluateAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!key || !schema) return null;
  const calc = async () => {
    try {
      setAnswer(await ws.evaluate(key, facts, lang));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2">{t('portal.services.estimate')}</Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', my: 1, alignItems: 'center' }}>
        <FactFields size="small" properties={schema.properties} values={facts} onChange={setFacts} />
        <Button onClick={() => void calc()}>{t('portal.services.calculate')}</Button>
      </Stack>
      {error && <Alert severity="warning">{error}</Alert>}
      {answer && !answer.eligible && <IneligibleNotice reasons={answer.reasons} />}
      {answer && answer.eligible && <Typography data-testid="fee-estimate"><strong>{t('portal.services.total', { total: rupiah(answer.total) })}</strong> ({answer.fees.map((f) => `${f.label} ${rupiah(f.amount)}`).join(', ')})</Typography>}
    </Box>
  );
}

export default function ServicesPage() {
  const t = useT();
  const [services, setServices] = useState<Service[]>([]);
  const [office, setOffice] = useState('');
  useEffect(() => {
    ws.services().then(setServices, () => setServices([]));
  }, []);
  const offices = [...new Map(services.flatMap((s) => s.offices).map((o) => [o.key, o.name])).entries()];
  const shown = services.filter((s) => !office || s.offices.some((o) => o.key === office));
  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">{t('portal.services.title')}</Typography>
        <Button component={RouterLink} to="/portal">{t('portal.apps.title')}</Button>
      </Stack>
      <TextField select size="small" label={t('portal.services.office')} value={office} onChange={(e) => setOffice(e.target.value)} sx={{ minWidth: 260, mb: 2 }}>
        <MenuItem value="">{t('portal.services.allOffices')}</MenuItem>
        {offices.map(([k, n]) => (
          <MenuItem key={k} value={k}>{n}</MenuItem>
        ))}
      </TextField>
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

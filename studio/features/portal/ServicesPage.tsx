/** The applicant's services: per office, requirements, SLA, a fee calculator, and "Ajukan". */
import { Alert, Box, Button, Card, CardActions, CardContent, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { rupiah, ws, type EvaluateAnswer, type Service } from '../workspace/api.js';

function FeeCalculator({ service }: { service: Service }) {
  const key = service.feeRuleSets[0];
  const schema = key ? service.feeFacts[key] : undefined;
  const [facts, setFacts] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<EvaluateAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!key || !schema) return null;
  const calc = async () => {
    const typed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(facts)) {
      if (v === '') continue;
      const type = schema.properties[k]?.type;
      typed[k] = type === 'number' || type === 'integer' ? Number(v) : type === 'boolean' ? v === 'true' : v;
    }
    try {
      setAnswer(await ws.evaluate(key, typed));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2">Perkiraan biaya</Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', my: 1 }}>
        {Object.entries(schema.properties).map(([k, p]) => (
          <TextField key={k} size="small" label={p.title ?? k} value={facts[k] ?? ''} onChange={(e) => setFacts({ ...facts, [k]: e.target.value })} />
        ))}
        <Button onClick={() => void calc()}>Hitung</Button>
      </Stack>
      {error && <Alert severity="warning">{error}</Alert>}
      {answer && <Typography data-testid="fee-estimate">Total: <strong>{rupiah(answer.total)}</strong> ({answer.fees.map((f) => `${f.label} ${rupiah(f.amount)}`).join(', ')})</Typography>}
    </Box>
  );
}

export default function ServicesPage() {
  const [services, setServices] = useState<Service[]>([]);
  const [office, setOffice] = useState('');
  useEffect(() => {
    ws.services().then(setServices, () => setServices([]));
  }, []);
  const offices = [...new Map(services.flatMap((s) => s.offices).map((o) => [o.key, o.name])).entries()];
  const shown = services.filter((s) => !office || s.offices.some((o) => o.key === office));
  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">Layanan</Typography>
        <Button component={RouterLink} to="/portal">Permohonan saya</Button>
      </Stack>
      <TextField select size="small" label="Kantor" value={office} onChange={(e) => setOffice(e.target.value)} sx={{ minWidth: 260, mb: 2 }}>
        <MenuItem value="">Semua kantor</MenuItem>
        {offices.map(([k, n]) => (
          <MenuItem key={k} value={k}>{n}</MenuItem>
        ))}
      </TextField>
      <Stack spacing={2}>
        {shown.map((s) => (
          <Card key={s.key} variant="outlined" data-service={s.key}>
            <CardContent>
              <Typography variant="h6">{s.name}</Typography>
              <Typography color="text.secondary">{s.offices.map((o) => o.name).join(', ')} · lama layanan ± {s.slaText}</Typography>
              {s.requirements.length > 0 && (
                <Box component="ul" sx={{ my: 1 }}>
                  {s.requirements.map((d) => (
                    <li key={d.code}>{d.label}{d.conditional ? ' (bila berlaku)' : ''}</li>
                  ))}
                </Box>
              )}
              <FeeCalculator service={s} />
            </CardContent>
            <CardActions>
              {s.online ? <Button variant="contained" component={RouterLink} to={`/portal/apply/${s.key}`}>Ajukan</Button> : <Chip label="Diajukan di loket" />}
            </CardActions>
          </Card>
        ))}
      </Stack>
    </Box>
  );
}

/**
 * Kinerja: the managers' cockpit. Filters (process, office, period, publication), KPI cards,
 * the heatmap on the published diagram (click a task for its distribution and slowest open
 * cases), backlog, throughput, decisions and workload tables, CSV/XLSX exports of each.
 */
import { Alert, Box, Button, Card, CardContent, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { api, type DocumentSummary, type Office } from '../../api/client.js';
import { analyticsApi, analyticsQuery, type AnalyticsFilter, type Heatmap, type Overview, type StepDetail, type Workload } from '../../api/cockpit.js';
import { useLatestOnly } from '../../app/latest-only.js';
import { useT } from '../../i18n/index.js';
import { HeatmapDiagram, type HeatMeasure } from './HeatmapDiagram.js';
import { EscalationNotices } from './EscalationNotices.js';
import { SlowestCases } from './SlowestCases.js';
import { IkmPanel } from './IkmPanel.js';
import { jakartaDate } from '../../../core/calendar-date.js';

const day = (d: Date) => jakartaDate(d);
const dur = (s: number | null) => (s === null ? '–' : s < 3600 ? `${Math.round(s / 60)} mnt` : `${(s / 3600).toFixed(1)} j`);
const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);

function Kpi({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Card variant="outlined" sx={{ flex: '1 1 150px' }}>
      <CardContent sx={{ py: 1.5 }}>
        <Typography variant="caption" color="text.secondary">{label}</Typography>
        <Typography variant="h5" component="p">{value}</Typography>
        {hint && <Typography variant="caption" color="text.secondary">{hint}</Typography>}
      </CardContent>
    </Card>
  );
}

function SimpleTable({ label, head, rows }: { label: string; head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead><TableRow>{head.map((h) => <TableCell key={h}>{h}</TableCell>)}</TableRow></TableHead>
        <TableBody>
          {rows.map((r, i) => <TableRow key={i}>{r.map((c, j) => <TableCell key={j}>{c}</TableCell>)}</TableRow>)}
        </TableBody>
      </Table>
    </Paper>
  );
}

export default function KinerjaPage() {
  const t = useT();
  const [processes, setProcesses] = useState<DocumentSummary[]>([]);
  const [offices, setOffices] = useState<Office[]>([]);
  const [filter, setFilter] = useState<AnalyticsFilter>({ process: '', from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()) });
  const [data, setData] = useState<{ overview: Overview; heat: Heatmap; work: Workload; xml: string | null } | null>(null);
  const [measure, setMeasure] = useState<HeatMeasure>('breach');
  const [step, setStep] = useState<StepDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatestOnly();

  useEffect(() => {
    api.list('processes').then((list) => {
      const published = list.filter((p) => p.latestVersion !== null);
      setProcesses(published);
      const first = new URLSearchParams(window.location.search).get('process') ?? published[0]?.key ?? '';
      setFilter((f) => ({ ...f, process: f.process || first }));
    }, (e: unknown) => setError((e as Error).message));
    api.offices().then(setOffices, () => undefined);
  }, []);

  useEffect(() => {
    if (!filter.process) return;
    const newest = latest.take();
    setStep(null);
    (async () => {
      const [overview, heat, work] = await Promise.all([analyticsApi.overview(filter), analyticsApi.heatmap(filter), analyticsApi.workload(filter)]);
      const xml = heat.publication ? (await api.version('processes', filter.process, heat.publication)).content : null;
      if (newest()) {
        setData({ overview, heat, work, xml });
        setError(null);
      }
    })().catch((e: unknown) => newest() && setError((e as Error).message));
  }, [filter, latest]);

  const pick = (elementId: string) => analyticsApi.step(filter, elementId).then(setStep, (e: unknown) => setError((e as Error).message));
  const set = (patch: Partial<AnalyticsFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const exportLink = (what: string, format: 'csv' | 'xlsx') => `/api/analytics/${what}?${analyticsQuery(filter, format)}`;
  const stepName = useMemo(() => data?.heat.tasks.find((x) => x.elementId === step?.elementId)?.name, [data, step]);
  const o = data?.overview;

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1400, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t('kinerja.title')}</Typography>
      <EscalationNotices onOpen={(link) => {
        const process = new URL(link, window.location.origin).searchParams.get('process');
        if (process) set({ process, publication: undefined });
      }} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ mb: 2 }}>
        <TextField size="small" select label={t('kinerja.process')} value={filter.process} onChange={(e) => set({ process: e.target.value, publication: undefined })} sx={{ minWidth: 280 }}>
          {processes.map((p) => <MenuItem key={p.key} value={p.key}>{p.name}</MenuItem>)}
        </TextField>
        <TextField size="small" select label={t('kinerja.office')} value={filter.office ?? ''} onChange={(e) => set({ office: e.target.value || undefined })} sx={{ minWidth: 200 }} slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
          <MenuItem value="">{t('kinerja.allOffices')}</MenuItem>
          {offices.map((x) => <MenuItem key={x.key} value={x.key}>{x.name}</MenuItem>)}
        </TextField>
        <TextField size="small" type="date" label={t('kinerja.from')} value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="date" label={t('kinerja.to')} value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="number" label={t('kinerja.publication')} value={filter.publication ?? ''} onChange={(e) => set({ publication: e.target.value ? Number(e.target.value) : undefined })} sx={{ width: 130 }} />
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {o && data && (
        <Stack spacing={2}>
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
            <Kpi label={t('kinerja.started')} value={o.started} />
            <Kpi label={t('kinerja.completed')} value={o.completed} />
            <Kpi label={t('kinerja.open')} value={o.open} />
            <Kpi label={t('kinerja.cycle')} value={`${dur(o.cycleSeconds.p50)} / ${dur(o.cycleSeconds.p90)}`} hint={t('kinerja.sopTotal', { total: dur(o.sopTotalSeconds) })} />
            <Kpi label={t('kinerja.onTime')} value={pct(o.onTimeRate)} />
          </Stack>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
            <Typography variant="h6" component="h2">{t('kinerja.heatmap')}</Typography>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
              <ToggleButtonGroup size="small" exclusive value={measure} onChange={(_, v: HeatMeasure | null) => v && setMeasure(v)}>
                <ToggleButton value="breach">{t('kinerja.breachRate')}</ToggleButton>
                <ToggleButton value="p90">{t('kinerja.p90')}</ToggleButton>
              </ToggleButtonGroup>
              <Button size="small" href={exportLink('heatmap', 'csv')} download>{t('kinerja.exportCsv')}</Button>
              <Button size="small" href={exportLink('heatmap', 'xlsx')} download>{t('kinerja.exportXlsx')}</Button>
            </Stack>
          </Stack>
          {data.xml ? <HeatmapDiagram xml={data.xml} heat={data.heat} measure={measure} label={t('kinerja.heatmap')} onSelect={(id) => void pick(id)} /> : <Alert severity="info">{t('kinerja.noPublication')}</Alert>}
          <Typography variant="caption" color="text.secondary">{t('kinerja.clickHint')}</Typography>
          {step && (
            <Paper variant="outlined" sx={{ p: 2 }} data-testid="kinerja-step">
              <Typography variant="subtitle1" component="h3">{t('kinerja.stepTitle', { name: stepName ?? step.elementId, n: step.n })}</Typography>
              <Typography variant="body2" sx={{ mb: 1 }}>p50 {dur(step.p50Seconds)} · p90 {dur(step.p90Seconds)}</Typography>
              <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-end', height: 80, mb: 1 }} aria-label={t('kinerja.distribution')}>
                {step.buckets.map((b) => {
                  const max = Math.max(1, ...step.buckets.map((x) => x.n));
                  return <Box key={b.fromSeconds} title={`${dur(b.fromSeconds)}–${dur(b.toSeconds)}: ${b.n}`} sx={{ flex: 1, bgcolor: 'primary.main', height: `${(b.n / max) * 100}%`, minHeight: 2 }} />;
                })}
              </Stack>
              <Typography variant="subtitle2" component="h4" sx={{ mb: 0.5 }}>{t('kinerja.slowest')}</Typography>
              <SlowestCases cases={step.slowestOpen} onChanged={() => void pick(step.elementId)} />
            </Paper>
          )}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2 }}>
            <Box>
              <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                <Typography variant="h6" component="h2">{t('kinerja.summary')}</Typography>
                <Box><Button size="small" href={exportLink('overview', 'csv')} download>CSV</Button><Button size="small" href={exportLink('overview', 'xlsx')} download>XLSX</Button></Box>
              </Stack>
              <SimpleTable label={t('kinerja.backlog')} head={[t('kinerja.age'), t('kinerja.count')]} rows={o.backlog.map((b) => [b.bucket, b.n])} />
              <Box sx={{ mt: 1 }}>
                <SimpleTable label={t('kinerja.throughput')} head={[t('kinerja.week'), t('kinerja.completed')]} rows={o.throughput.map((w) => [w.week, w.completed])} />
              </Box>
            </Box>
            <Box>
              <Typography variant="h6" component="h2">{t('kinerja.decisions')}</Typography>
              <SimpleTable label={t('kinerja.decisions')} head={[t('kinerja.decision'), t('kinerja.flow'), t('kinerja.count'), t('kinerja.rate')]} rows={o.decisions.flatMap((d) => d.flows.map((f) => [d.name, f.name, f.n, pct(f.rate)]))} />
            </Box>
            <Box>
              <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                <Typography variant="h6" component="h2">{t('kinerja.workload')}</Typography>
                <Box><Button size="small" href={exportLink('workload', 'csv')} download>CSV</Button><Button size="small" href={exportLink('workload', 'xlsx')} download>XLSX</Button></Box>
              </Stack>
              <SimpleTable label={t('kinerja.perPost')} head={[t('kinerja.role'), t('kinerja.office'), t('kinerja.open'), t('kinerja.late')]} rows={data.work.posts.map((p) => [p.role, p.office, p.open, p.late])} />
            </Box>
            <Box>
              <Typography variant="h6" component="h2">{t('kinerja.perOfficer')}</Typography>
              <SimpleTable label={t('kinerja.perOfficer')} head={[t('kinerja.officer'), t('kinerja.role'), t('kinerja.completed'), t('kinerja.avg')]} rows={data.work.officers.map((x) => [x.officer, x.role, x.completed, dur(x.avgSeconds)])} />
            </Box>
          </Box>
        </Stack>
      )}
      <Box sx={{ mt: 3 }}>
        <IkmPanel filter={{ office: filter.office, from: filter.from, to: filter.to }} />
      </Box>
    </Box>
  );
}

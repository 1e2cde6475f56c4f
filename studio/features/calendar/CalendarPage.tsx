/**
 * Kalender kantor: an admin sets an office's opening hours per weekday and its holidays and cuti
 * bersama (Asia/Jakarta). Saving recomputes the due time of the office's open tasks (server side).
 */
import { Alert, Box, Button, Checkbox, FormControlLabel, IconButton, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import { useEffect, useState } from 'react';
import { api, ApiError, type Office } from '../../api/client.js';
import { cockpitApi, type Holiday, type OfficeCalendar } from '../../api/cockpit.js';
import { useLatestOnly } from '../../app/latest-only.js';
import { useT, type MessageKey } from '../../i18n/index.js';

// Monday first, as an office reads its week; index into the calendar's Sunday-first array.
const DAYS: Array<{ index: number; label: MessageKey }> = [
  { index: 1, label: 'calendar.day.1' },
  { index: 2, label: 'calendar.day.2' },
  { index: 3, label: 'calendar.day.3' },
  { index: 4, label: 'calendar.day.4' },
  { index: 5, label: 'calendar.day.5' },
  { index: 6, label: 'calendar.day.6' },
  { index: 0, label: 'calendar.day.0' },
];
const KINDS: Holiday['kind'][] = ['libur-nasional', 'cuti-bersama', 'libur-lokal'];

export default function CalendarPage() {
  const t = useT();
  const [offices, setOffices] = useState<Office[]>([]);
  const [office, setOffice] = useState('');
  const [cal, setCal] = useState<OfficeCalendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const latest = useLatestOnly();

  useEffect(() => {
    api.offices().then((list) => {
      setOffices(list);
      if (list.length > 0) setOffice((o) => o || list[0].key);
    }, (e: unknown) => setError((e as Error).message));
  }, []);
  useEffect(() => {
    if (!office) return;
    const newest = latest.take();
    cockpitApi.calendar(office).then((c) => newest() && setCal(c), (e: unknown) => newest() && setError((e as Error).message));
  }, [office, latest]);

  const setDay = (index: number, value: { open: string; close: string } | null) => cal && setCal({ ...cal, week: cal.week.map((d, i) => (i === index ? value : d)) });
  const setHoliday = (i: number, patch: Partial<Holiday>) => cal && setCal({ ...cal, holidays: cal.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const save = async () => {
    if (!cal) return;
    setSaving(true);
    try {
      const saved = await cockpitApi.saveCalendar(office, { week: cal.week, holidays: cal.holidays });
      setCal(saved);
      setError(null);
      setNotice(t('calendar.saved', { n: saved.tasksUpdated ?? 0 }));
    } catch (e) {
      const problems = e instanceof ApiError && Array.isArray(e.details?.problems) ? `: ${(e.details.problems as string[]).join('; ')}` : '';
      setError(`${(e as Error).message}${problems}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1000, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t('calendar.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('calendar.help')}</Typography>
      <TextField size="small" select label={t('calendar.office')} value={office} onChange={(e) => setOffice(e.target.value)} sx={{ minWidth: 280, mb: 2 }}>
        {offices.map((o) => (
          <MenuItem key={o.key} value={o.key}>{o.name}</MenuItem>
        ))}
      </TextField>
      {error && <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice}</Alert>}
      {cal && (
        <>
          {!cal.custom && <Alert severity="info" sx={{ mb: 2 }}>{t('calendar.default')}</Alert>}
          <Paper variant="outlined" sx={{ mb: 2, overflowX: 'auto' }}>
            <Table size="small" aria-label={t('calendar.hours')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('calendar.dayHeader')}</TableCell>
                  <TableCell>{t('calendar.open')}</TableCell>
                  <TableCell>{t('calendar.opens')}</TableCell>
                  <TableCell>{t('calendar.closes')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {DAYS.map(({ index, label }) => {
                  const d = cal.week[index];
                  return (
                    <TableRow key={index} data-day={index}>
                      <TableCell>{t(label)}</TableCell>
                      <TableCell>
                        <FormControlLabel control={<Checkbox checked={d !== null} onChange={(e) => setDay(index, e.target.checked ? { open: '08:00', close: '16:00' } : null)} />} label="" aria-label={t('calendar.open')} />
                      </TableCell>
                      <TableCell>{d && <TextField size="small" type="time" value={d.open} onChange={(e) => setDay(index, { ...d, open: e.target.value })} slotProps={{ htmlInput: { 'aria-label': t('calendar.opens') } }} />}</TableCell>
                      <TableCell>{d && <TextField size="small" type="time" value={d.close} onChange={(e) => setDay(index, { ...d, close: e.target.value })} slotProps={{ htmlInput: { 'aria-label': t('calendar.closes') } }} />}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Paper>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" component="h2">{t('calendar.holidays')}</Typography>
            <Button onClick={() => setCal({ ...cal, holidays: [...cal.holidays, { date: '', name: '', kind: 'libur-lokal', assumption: false }] })}>{t('calendar.addHoliday')}</Button>
          </Stack>
          <Paper variant="outlined" sx={{ mb: 2, overflowX: 'auto' }}>
            <Table size="small" aria-label={t('calendar.holidays')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('calendar.date')}</TableCell>
                  <TableCell>{t('calendar.name')}</TableCell>
                  <TableCell>{t('calendar.kind')}</TableCell>
                  <TableCell>{t('calendar.assumption')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {cal.holidays.map((h, i) => (
                  <TableRow key={i}>
                    <TableCell><TextField size="small" type="date" value={h.date} onChange={(e) => setHoliday(i, { date: e.target.value })} slotProps={{ htmlInput: { 'aria-label': t('calendar.date') } }} /></TableCell>
                    <TableCell><TextField size="small" value={h.name} onChange={(e) => setHoliday(i, { name: e.target.value })} fullWidth slotProps={{ htmlInput: { 'aria-label': t('calendar.name') } }} /></TableCell>
                    <TableCell>
                      <TextField size="small" select value={h.kind} onChange={(e) => setHoliday(i, { kind: e.target.value as Holiday['kind'] })}>
                        {KINDS.map((k) => <MenuItem key={k} value={k}>{t(`calendar.kind.${k}` as MessageKey)}</MenuItem>)}
                      </TextField>
                    </TableCell>
                    <TableCell><Checkbox checked={h.assumption} onChange={(e) => setHoliday(i, { assumption: e.target.checked })} slotProps={{ input: { 'aria-label': t('calendar.assumption') } }} /></TableCell>
                    <TableCell>
                      <IconButton aria-label={t('calendar.remove')} onClick={() => setCal({ ...cal, holidays: cal.holidays.filter((_, j) => j !== i) })}><DeleteOutline /></IconButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          <Button variant="contained" disabled={saving} onClick={() => void save()}>{t('common.save')}</Button>
          {cal.updatedBy && <Typography variant="caption" sx={{ ml: 2 }} color="text.secondary">{t('calendar.updated', { by: cal.updatedBy, at: new Date(cal.updatedAt!).toLocaleString() })}</Typography>}
        </>
      )}
    </Box>
  );
}

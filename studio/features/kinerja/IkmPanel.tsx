/**
 * The IKM (Permenpan-RB 14/2017) in Kinerja: per office × service over the chosen period, the
 * unit IKM with its quality category and respondents, the per-item NRR, the comments, and the
 * regulation's report table as CSV/XLSX.
 */
import { Alert, Box, Button, Card, CardContent, List, ListItem, ListItemText, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { ikmQuery, reachApi, type IkmFilter, type IkmReport } from '../../api/reach.js';
import { useLatestOnly } from '../../app/latest-only.js';
import { formatDateTime, useLanguage, useT, type MessageKey } from '../../i18n/index.js';

const fixed = (x: number, d: number) => x.toFixed(d);

export function IkmPanel({ filter }: { filter: IkmFilter }) {
  const t = useT();
  const { lang } = useLanguage();
  const [report, setReport] = useState<IkmReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatestOnly();
  const { office, from, to } = filter;
  useEffect(() => {
    const newest = latest.take();
    reachApi.ikm({ office, from, to }).then(
      (r) => newest() && (setReport(r), setError(null)),
      (e: unknown) => newest() && setError((e as Error).message),
    );
  }, [office, from, to, latest]);
  const category = (c: string) => t(`ikm.category${c}` as MessageKey);
  return (
    <Box data-testid="ikm-panel">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1, mb: 1 }}>
        <Typography variant="h6" component="h2">{t('ikm.title')}</Typography>
        <Box>
          <Button size="small" href={`/api/analytics/ikm?${ikmQuery(filter, 'csv')}`} download>CSV</Button>
          <Button size="small" href={`/api/analytics/ikm?${ikmQuery(filter, 'xlsx')}`} download>XLSX</Button>
        </Box>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {report && !report.overall && <Alert severity="info">{t('ikm.none')}</Alert>}
      {report?.overall && (
        <Stack spacing={1}>
          <Card variant="outlined" sx={{ maxWidth: 360 }}>
            <CardContent sx={{ py: 1.5 }}>
              <Typography variant="caption" color="text.secondary">{t('ikm.overall')}</Typography>
              <Typography variant="h4" component="p" data-testid="ikm-value">{fixed(report.overall.unitIkm, 2)}</Typography>
              <Typography variant="body2" data-testid="ikm-category">
                {t('ikm.category', { category: category(report.overall.category) })} · {t('ikm.respondents', { n: report.overall.respondents })}
              </Typography>
            </CardContent>
          </Card>
          <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={t('ikm.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('kinerja.office')}</TableCell>
                  <TableCell>{t('ikm.service')}</TableCell>
                  {report.overall.items.map((i) => <TableCell key={i.code}>{i.code}</TableCell>)}
                  <TableCell>IKM</TableCell>
                  <TableCell>{t('kinerja.count')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.rows.map((r) => (
                  <TableRow key={`${r.office}/${r.process}`} data-ikm-row={`${r.office}/${r.process}`}>
                    <TableCell>{r.officeName}</TableCell>
                    <TableCell>{r.service}</TableCell>
                    {r.result.items.map((i) => <TableCell key={i.code}>{fixed(i.nrr, 2)}</TableCell>)}
                    <TableCell>{fixed(r.result.unitIkm, 2)} ({r.result.category})</TableCell>
                    <TableCell>{r.result.respondents}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          {report.comments.length > 0 && (
            <>
              <Typography variant="subtitle1" component="h3">{t('ikm.comments')}</Typography>
              <List dense data-testid="ikm-comments">
                {report.comments.map((c, i) => (
                  <ListItem key={i} disableGutters>
                    <ListItemText primary={c.comment} secondary={`${c.office} · ${c.process} · ${formatDateTime(c.at, lang)}`} />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </Stack>
      )}
    </Box>
  );
}

/** Who and what the application is about, first on the task page (issue 23): the marked identity and object fields. */
import { Box, Paper, Typography } from '@mui/material';
import { useT } from '../../i18n/index.js';
import type { TaskContext } from './api.js';

export function ApplicantCard({ applicant }: { applicant: TaskContext['applicant'] }) {
  const t = useT();
  return (
  <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="task-applicant" aria-label={t('ws.task.applicant')}>
    <Typography variant="overline">{t('ws.task.applicant')}</Typography>
    <Typography variant="h6" component="p">{applicant.name ?? '-'}</Typography>
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
      {([
        [t('ws.task.nik'), applicant.nik],
        [t('ws.task.phone'), applicant.phone],
        [t('ws.task.email'), applicant.email],
        [t('ws.task.address'), applicant.address],
        [t('ws.task.businessKey'), applicant.businessKey],
        ...applicant.object.map((f) => [f.label, f.value] as const),
      ] as ReadonlyArray<readonly [string, string | null]>)
        .filter(([, v]) => v)
        .map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" color="text.secondary">{label}</Typography>
            <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>{value}</Typography>
          </Box>
        ))}
    </Box>
  </Paper>
  );
}

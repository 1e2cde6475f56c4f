/** The reasons a service is not available for the applicant's facts, with where to go instead. */
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useT } from '../../i18n/index.js';
import type { IneligibleReason } from '../workspace/api.js';

export function IneligibleNotice({ reasons }: { reasons: IneligibleReason[] }) {
  const t = useT();
  if (reasons.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="ineligible" sx={{ my: 1 }}>
      <AlertTitle>{t('portal.ineligible.title')}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {reasons.map((r) => (
          <li key={r.code} data-reason={r.code}>
            <Typography variant="body2">{r.message}</Typography>
            {r.redirect && <Typography variant="body2"><strong>{t('portal.ineligible.redirect')}</strong> {r.redirect}</Typography>}
            <Typography variant="caption" color="text.secondary">{t('portal.ineligible.basis', { basis: r.legalBasis })}</Typography>
          </li>
        ))}
      </Box>
    </Alert>
  );
}

/** The reasons of several answers, each code once. */
export function mergeReasons(lists: IneligibleReason[][]): IneligibleReason[] {
  const out: IneligibleReason[] = [];
  for (const r of lists.flat()) if (!out.some((x) => x.code === r.code)) out.push(r);
  return out;
}

/**
 * "Riwayat perubahan": every publication of one SOP (process or rule set), newest first, with its
 * legal basis, effective date, author, note and the server's generated summary of what changed.
 * Printable: the print stylesheet drops the app bar and the buttons, and keeps each publication
 * on one page where it fits, for the auditor's file.
 */
import { Alert, Box, Button, Chip, GlobalStyles, Paper, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router-dom';
import { api, type ChangeItem, type ChangelogEntry, type StoreKind } from '../../api/client.js';
import { formatDateTime, useLanguage, useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { STATE_LABEL } from './VersionsPage.js';

const KIND_LABEL: Record<string, MessageKey> = {
  'first-publication': 'changelog.kind.first-publication',
  'step-added': 'changelog.kind.step-added',
  'step-removed': 'changelog.kind.step-removed',
  'step-renamed': 'changelog.kind.step-renamed',
  'step-role-changed': 'changelog.kind.step-role-changed',
  'step-duration-changed': 'changelog.kind.step-duration-changed',
  'role-added': 'changelog.kind.role-added',
  'role-removed': 'changelog.kind.role-removed',
  'flow-added': 'changelog.kind.flow-added',
  'flow-removed': 'changelog.kind.flow-removed',
  'condition-changed': 'changelog.kind.condition-changed',
  'period-added': 'changelog.kind.period-added',
  'period-removed': 'changelog.kind.period-removed',
  'period-end-changed': 'changelog.kind.period-end-changed',
  'constant-added': 'changelog.kind.constant-added',
  'constant-removed': 'changelog.kind.constant-removed',
  'constant-changed': 'changelog.kind.constant-changed',
  'rule-added': 'changelog.kind.rule-added',
  'rule-removed': 'changelog.kind.rule-removed',
  'formula-changed': 'changelog.kind.formula-changed',
  'rule-conditions-changed': 'changelog.kind.rule-conditions-changed',
};

/** One summary line in words; a kind this studio does not know yet is shown as data, not dropped. */
function describeChange(c: ChangeItem, t: Translate): string {
  const key = KIND_LABEL[c.kind];
  const name = c.name ? `${c.name} (${c.subject ?? ''})` : (c.subject ?? '');
  const params = { subject: c.subject ?? '', name, period: c.period ?? '', before: c.before ?? '—', after: c.after ?? '—' };
  return key ? t(key, params) : [c.kind, c.subject, c.before, c.after].filter(Boolean).join(' · ');
}

const PRINT = (
  <GlobalStyles
    styles={{
      '@media print': {
        'nav, header, .MuiAppBar-root, .no-print': { display: 'none !important' },
        body: { background: '#fff' },
        '.changelog-entry': { breakInside: 'avoid', boxShadow: 'none !important', border: '1px solid #999' },
      },
    }}
  />
);

export default function ChangelogPage() {
  const { key = '' } = useParams();
  const kind: StoreKind = useLocation().pathname.startsWith('/rulesets') ? 'rulesets' : 'processes';
  const t = useT();
  const { lang } = useLanguage();
  const [entries, setEntries] = useState<ChangelogEntry[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.changelog(kind, key).then(setEntries, (e: Error) => setError(e.message));
  }, [kind, key]);

  return (
    <Box sx={{ p: 3, maxWidth: 1000, mx: 'auto' }}>
      {PRINT}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>{t('changelog.title', { key })}</Typography>
        <Button className="no-print" component={RouterLink} to={`/${kind}/${key}/versions`}>{t('common.back')}</Button>
        <Button className="no-print" variant="contained" onClick={() => window.print()} data-testid="changelog-print">{t('changelog.print')}</Button>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {entries && entries.length === 0 && <Typography>{t('changelog.none')}</Typography>}
      {entries?.map((e) => (
        <Paper key={e.n} className="changelog-entry" sx={{ p: 2, mb: 2 }} data-testid={`changelog-${e.n}`}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h2">v{e.n}</Typography>
            {e.state !== 'superseded' && <Chip size="small" color={e.state === 'in-force' ? 'success' : 'info'} label={t(STATE_LABEL[e.state])} />}
            <Typography sx={{ flex: 1 }}>
              {t('versions.effectiveFrom')}: <strong>{e.effectiveFrom}</strong>
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {e.publishedBy} · {formatDateTime(e.publishedAt, lang)}
            </Typography>
          </Box>
          <Typography sx={{ mt: 1 }} data-testid={`changelog-${e.n}-legal`}>
            {t('changelog.legalBasis')}:{' '}
            {e.legalBasis
              ? [e.legalBasis.regulation, e.legalBasis.article ? `${t('changelog.article')} ${e.legalBasis.article.replace(/^pasal\s+/i, '')}` : undefined, e.legalBasis.date ? t('changelog.regulationDate', { date: e.legalBasis.date }) : undefined]
                  .filter(Boolean)
                  .join(', ')
              : t('changelog.noLegalBasis')}
          </Typography>
          {e.note && <Typography sx={{ mt: 0.5 }}>{t('versions.note')}: {e.note}</Typography>}
          <Typography variant="subtitle2" sx={{ mt: 1 }}>{t('changelog.summary')}</Typography>
          {e.summary.length === 0 ? (
            <Typography variant="body2">{t('changelog.noChanges')}</Typography>
          ) : (
            <Box component="ul" sx={{ m: 0, pl: 3 }} data-testid={`changelog-${e.n}-summary`}>
              {e.summary.map((c, i) => (
                <li key={i}><Typography variant="body2">{describeChange(c, t)}</Typography></li>
              ))}
            </Box>
          )}
        </Paper>
      ))}
    </Box>
  );
}

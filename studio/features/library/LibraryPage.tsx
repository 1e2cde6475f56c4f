import { Alert, Box, Button, Chip, InputAdornment, List, ListItemButton, ListItemText, ListSubheader, Paper, Tab, Tabs, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { api, type DocumentSummary, type Office, type StoreKind } from '../../api/client.js';
import { audiencesOf, useAuth } from '../../app/auth.js';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/index.js';

function statusLabel(t: Translate, d: DocumentSummary): string {
  if (d.status === 'perlu-verifikasi') return t('library.status.perlu-verifikasi');
  if (d.latestVersion) return t('library.status.published', { n: d.latestVersion });
  return t('library.status.draft');
}

/** Documents grouped by agency, filtered by a search over name and key. */
function groupByAgency(docs: DocumentSummary[], query: string, noAgency: string): Array<[string, DocumentSummary[]]> {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, DocumentSummary[]>();
  for (const d of docs) {
    if (q && !d.name.toLowerCase().includes(q) && !d.key.includes(q)) continue;
    const g = d.agency ?? noAgency;
    groups.set(g, [...(groups.get(g) ?? []), d]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A group's heading in words: `*` (a process every office runs, e.g. complaints) is "every
 * agency", an agency's key the names of its offices (the key stays beside them, the way the
 * documents show theirs); a key no office has stays as it is.
 */
function agencyLabel(t: Translate, agency: string, offices: Office[] | undefined, noAgency: string): string {
  if (agency === noAgency) return agency;
  if (agency === '*') return t('library.allAgencies');
  const names = (offices ?? []).filter((o) => o.agency === agency).map((o) => o.name);
  if (names.length === 0) return agency;
  const shown = names.length > 2 ? t('library.agencyOffices', { names: names.slice(0, 2).join(', '), n: names.length - 2 }) : names.join(', ');
  return `${shown} (${agency})`;
}

export default function LibraryPage() {
  const t = useT();
  const { lang } = useLanguage();
  const [kind, setKind] = useState<StoreKind>(() => (new URLSearchParams(location.search).get('tab') === 'rulesets' ? 'rulesets' : 'processes'));
  const [docs, setDocs] = useState<DocumentSummary[]>();
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [offices, setOffices] = useState<Office[]>();
  const { user } = useAuth();
  const mayCreate = audiencesOf(user).has('editor');
  useEffect(() => {
    // the headings fall back to the agency keys when the offices cannot be read
    api.offices().then(setOffices, () => setOffices([]));
  }, []);

  useEffect(() => {
    setDocs(undefined);
    api.list(kind).then(setDocs, (e: Error) => setError(e.message));
  }, [kind]);

  const groups = useMemo(() => groupByAgency(docs ?? [], query, t('library.noAgency')), [docs, query, t]);

  return (
    <Box sx={{ p: 3, maxWidth: 1100, mx: 'auto' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 2, gap: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>{t('library.title')}</Typography>
        {mayCreate && <Button variant="outlined" component={RouterLink} to="/import">{t('library.new')}</Button>}
      </Box>
      <Tabs value={kind} onChange={(_, v: StoreKind) => setKind(v)} aria-label={t('library.title')}>
        <Tab value="processes" label={t('library.processes')} />
        <Tab value="rulesets" label={t('library.rulesets')} />
      </Tabs>
      <TextField
        fullWidth
        size="small"
        sx={{ my: 2 }}
        label={t('common.search')}
        placeholder={t('library.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
      />
      {error && <Alert severity="error">{error}</Alert>}
      {!docs && !error && <Typography>{t('common.loading')}</Typography>}
      {docs && groups.length === 0 && <Typography>{t('library.empty')}</Typography>}
      {groups.map(([agency, items]) => (
        <Paper key={agency} sx={{ mb: 2 }} variant="outlined" data-agency={agency}>
          <List dense aria-label={agencyLabel(t, agency, offices, t('library.noAgency'))} subheader={<ListSubheader component="h2">{agencyLabel(t, agency, offices, t('library.noAgency'))}</ListSubheader>}>
            {items.map((d) => (
              <ListItemButton key={d.key} component={RouterLink} to={`/${kind}/${d.key}`} data-testid={`doc-${d.key}`}>
                <ListItemText
                  primary={d.name}
                  secondary={`${d.key} · ${t('library.lastChange', { at: formatDateTime(d.updatedAt, lang), by: d.updatedBy })}`}
                />
                {d.hasDraft && d.latestVersion ? <Chip size="small" label={t('library.hasDraft')} sx={{ mr: 1 }} /> : null}
                <Chip size="small" color={d.status === 'perlu-verifikasi' ? 'warning' : d.latestVersion ? 'success' : 'default'} label={statusLabel(t, d)} />
              </ListItemButton>
            ))}
          </List>
        </Paper>
      ))}
    </Box>
  );
}

/**
 * Rule-set editor: metadata, facts schema, effective-dated periods with a rules table, raw JSON
 * validated live against the schema, the set's tests and a "try it" form from the facts. The
 * draft is `useRuleSetDraft` (over useDraftDocument), the checks `useRuleSetChecks`; each tab
 * is its own view.
 */
import { Alert, Box, Button, Chip, Snackbar, Tab, Tabs, Toolbar, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { mayEditProcesses } from '../../../core/access.js';
import { useAuth } from '../../app/auth.js';
import { ConflictDialog, LocalCopyBanner } from '../../drafts/DraftNotices.js';
import { useUnsavedGuard } from '../../drafts/useUnsavedGuard.js';
import { useT } from '../../i18n/index.js';
import { PublishDialog } from '../publish/PublishDialog.js';
import { ImpactDialog } from '../regchange/ImpactDialog.js';
import { FactsTab } from './FactsTab.js';
import { JsonDiffTable } from './JsonDiffTable.js';
import { MetaTab } from './MetaTab.js';
import { PeriodsTab } from './PeriodsTab.js';
import { RawTab } from './RawTab.js';
import { testCaseOf } from './rule-doc.js';
import { validateRuleSet } from './ruleset-validation.js';
import { TestsTab } from './TestsTab.js';
import { TryTab } from './TryTab.js';
import { useRuleSetChecks } from './useRuleSetChecks.js';
import { useRuleSetDraft } from './useRuleSetDraft.js';

type TabKey = 'meta' | 'facts' | 'periods' | 'raw' | 'tests' | 'try';

export default function RuleEditorPage() {
  const { key = '' } = useParams();
  const { user } = useAuth();
  // saving and publishing are an admin's or an every-office manager's (core/access.ts); others read
  const readOnly = !!user && !mayEditProcesses({ id: user.id ?? user.username, roles: user.roles });
  const t = useT();
  const [tab, setTab] = useState<TabKey>('periods');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [open, setOpen] = useState<'publish' | 'impact'>();
  const { doc, raw, rawError, draft, change, editRaw } = useRuleSetDraft(key, { onSaved: (rev) => setMessage(t('editor.saved', { rev })) });
  const checks = useRuleSetChecks(key, doc, setError);
  const issues = useMemo(() => (doc ? validateRuleSet(doc) : []), [doc]);
  useUnsavedGuard(draft.dirty, t('editor.unsaved'));

  if (draft.loadError) return <Alert severity="error">{draft.loadError}</Alert>;
  if (!doc) return <Typography sx={{ p: 3 }}>{t('common.loading')}</Typography>;

  /** The try-it result becomes a test case: these facts on this date must give these amounts. */
  function addAsTest() {
    if (!checks.tryResult || !doc) return;
    const test = testCaseOf(checks.tryResult, checks.tryFacts, checks.tryAt);
    change({ ...doc, tests: [...(doc.tests ?? []), test] });
    setMessage(t('rules.testAdded', { name: test.name }));
  }
  const shownError = draft.error ?? error;
  const lintItems = issues.map((i) => ({ element: i.path, rule: 'schema', category: 'error' as const, message: i.message }));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Toolbar variant="dense" sx={{ gap: 1, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap', py: 0.5 }}>
        <Typography variant="h6" component="h1" sx={{ mr: 2 }}>{doc.title} <Typography component="span" color="text.secondary">({key})</Typography></Typography>
        <Button variant="contained" disabled={readOnly} onClick={() => { setError(undefined); void draft.save(); }} data-testid="save-draft">{t('editor.save')}</Button>
        <Button variant="outlined" color="secondary" disabled={readOnly} onClick={() => void draft.saveIfDirty().then((ok) => ok && setOpen('publish'))} data-testid="publish">{t('editor.publish')}</Button>
        <Button variant="outlined" onClick={() => void draft.saveIfDirty().then((ok) => ok && setOpen('impact'))} data-testid="impact">{t('impact.open')}</Button>
        <Button component={RouterLink} to={`/rulesets/${key}/versions`}>{t('editor.versions')}</Button>
        <Box sx={{ flex: 1 }} />
        <Chip size="small" color={issues.length ? 'error' : 'success'} label={issues.length ? t('rules.schemaErrors', { n: issues.length }) : t('rules.schemaValid')} data-testid="schema-status" />
        {draft.dirty && <Chip size="small" variant="outlined" label={t('editor.unsaved')} />}
      </Toolbar>
      {readOnly && <Alert severity="info" data-testid="read-only">{t('editor.readOnlyRole')}</Alert>}
      {shownError && <Alert severity="error" onClose={() => { draft.clearError(); setError(undefined); }} sx={{ whiteSpace: 'pre-wrap' }} data-testid="rules-error">{shownError}</Alert>}
      {draft.localCopy && <LocalCopyBanner copy={draft.localCopy} onRestore={() => void draft.restoreLocal()} onDiscard={draft.discardLocal} />}
      <Tabs value={tab} onChange={(_, v: TabKey) => setTab(v)} variant="scrollable" scrollButtons="auto" sx={{ px: 2 }}>
        <Tab value="meta" label={t('rules.meta')} />
        <Tab value="facts" label={t('rules.facts')} />
        <Tab value="periods" label={t('rules.periods')} />
        <Tab value="raw" label={t('rules.raw')} />
        <Tab value="tests" label={t('rules.tests')} />
        <Tab value="try" label={t('rules.tryIt')} />
      </Tabs>
      <Box sx={{ p: 2, overflow: 'auto', flex: 1 }}>
        {tab === 'meta' && <MetaTab doc={doc} change={change} />}
        {tab === 'facts' && <FactsTab doc={doc} change={change} />}
        {tab === 'periods' && <PeriodsTab doc={doc} change={change} />}
        {tab === 'raw' && <RawTab raw={raw} rawError={rawError} onEdit={editRaw} />}
        {(tab === 'raw' || tab === 'periods') && issues.length > 0 && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="schema-issues">
            {issues.map((i, k) => <div key={k}><code>{i.path}</code> {i.message}</div>)}
          </Alert>
        )}
        {tab === 'tests' && <TestsTab doc={doc} change={change} checks={checks} />}
        {tab === 'try' && <TryTab doc={doc} checks={checks} onAddAsTest={addAsTest} />}
      </Box>
      {draft.conflict && (
        <ConflictDialog conflict={draft.conflict} titleId="rconflict-title" onClose={draft.dismissConflict} onReload={() => void draft.reloadTheirs()} onOverwrite={() => void draft.overwrite()} />
      )}
      {open === 'publish' && (
        <PublishDialog
          kind="rulesets"
          docKey={key}
          lint={lintItems}
          renderDiff={(last) => <JsonDiffTable before={JSON.parse(last) as unknown} after={doc} />}
          onClose={() => setOpen(undefined)}
          onPublished={(n) => { setOpen(undefined); setMessage(t('publish.done', { n })); }}
        />
      )}
      {open === 'impact' && <ImpactDialog kind="rulesets" docKey={key} onClose={() => setOpen(undefined)} />}
      <Snackbar open={!!message} autoHideDuration={4000} onClose={() => setMessage(undefined)} message={message} />
    </Box>
  );
}

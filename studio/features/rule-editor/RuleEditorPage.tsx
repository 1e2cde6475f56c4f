/**
 * Rule-set editor: metadata, facts schema, effective-dated periods with a rules table, raw JSON
 * validated live against the schema, the set's tests and a "try it" form from the facts.
 */
import { Alert, Box, Button, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, IconButton, MenuItem, Paper, Snackbar, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, TextField, Toolbar, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import Form from '@rjsf/mui';
import type { RJSFSchema } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api, ApiError, conflictOf, type DraftConflict, type DraftEvaluation, type RuleDoc, type RuleSetDoc, type TestAnswer } from '../../api/client.js';
import { safeValidator } from '../../forms/safe-validator.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/index.js';
import { rjsfTranslator } from '../../forms/rjsf-i18n.js';
import { ConditionBuilder } from '../../modeler/conditions/ConditionBuilder.js';
import { clearLocalDraft, localDraftKey, readLocalDraft, writeLocalDraft } from '../../drafts/local-draft.js';
import { useUnsavedGuard } from '../../drafts/useUnsavedGuard.js';
import { PublishDialog, todayJakarta } from '../publish/PublishDialog.js';
import { ImpactDialog } from '../regchange/ImpactDialog.js';
import { JsonDiffTable } from './JsonDiffTable.js';
import { validateRuleSet } from './ruleset-validation.js';
import { withNewPeriod } from './periods.js';
import { formatRupiah } from '../../../core/money.js';

type Period = RuleSetDoc['versions'][number];
type TabKey = 'meta' | 'facts' | 'periods' | 'raw' | 'tests' | 'try';

/** A constant as typed: numbers stay numbers, "1.75%" and decimals stay strings, tables are JSON. */
function parseConstant(text: string): unknown {
  const s = text.trim();
  if (s.startsWith('{')) {
    try { return JSON.parse(s) as unknown; } catch { return s; }
  }
  if (/^-?\d+$/.test(s)) return Number(s);
  return s;
}

function constantText(v: unknown): string {
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The period in force on a date (inclusive bounds; an open period runs until the next starts). */
function periodAt(doc: RuleSetDoc, at: string): Period | undefined {
  const sorted = [...doc.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.filter((p, i) => p.effectiveFrom <= at && (p.effectiveTo ? p.effectiveTo >= at : !sorted[i + 1] || sorted[i + 1]!.effectiveFrom > at)).at(-1);
}

/** A fee or document code's label, from the rules that produce it. */
function labelOf(doc: RuleSetDoc, code: string): string {
  for (const p of doc.versions) for (const r of p.rules) if (r.event.params?.code === code && typeof r.event.params.label === 'string') return r.event.params.label;
  return code;
}


function conditionSummary(c: unknown): string {
  if (!c) return '—';
  const s = JSON.stringify(c);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

export default function RuleEditorPage() {
  const { key = '' } = useParams();
  const t = useT();
  const { lang } = useLanguage();
  const storageKey = localDraftKey('ruleset', key);
  const [doc, setDoc] = useState<RuleSetDoc>();
  const [revision, setRevision] = useState<number>();
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState<TabKey>('periods');
  const [raw, setRaw] = useState('');
  const [rawError, setRawError] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [conflict, setConflict] = useState<DraftConflict>();
  const [editing, setEditing] = useState<{ period: number; rule: number }>();
  const [tests, setTests] = useState<TestAnswer>();
  const [publishing, setPublishing] = useState(false);
  const [impact, setImpact] = useState(false);
  const [tryFacts, setTryFacts] = useState<Record<string, unknown>>({});
  const [tryAt, setTryAt] = useState(todayJakarta());
  const [tryResult, setTryResult] = useState<DraftEvaluation>();
  const [localFound, setLocalFound] = useState<RuleSetDoc>();

  useUnsavedGuard(dirty, t('editor.unsaved'));

  const load = useCallback(async () => {
    const draft = await api.getRuleSetDraft(key);
    let content: RuleSetDoc;
    if (draft) {
      content = draft.content;
      setRevision(draft.revision);
    } else {
      const versions = await api.versions('rulesets', key);
      const n = Math.max(0, ...versions.map((v) => v.n));
      if (!n) throw new ApiError(404, 'RULESET_NOT_FOUND', key);
      content = JSON.parse((await api.version('rulesets', key, n)).content) as RuleSetDoc;
      setRevision(undefined);
    }
    setDoc(content);
    setRaw(JSON.stringify(content, null, 2));
    setDirty(false);
    return content;
  }, [key]);

  useEffect(() => {
    load().then((content) => {
      const local = readLocalDraft(storageKey);
      if (local && local.content !== JSON.stringify(content)) setLocalFound(JSON.parse(local.content) as RuleSetDoc);
    }, (e: Error) => setLoadError(e.message));
  }, [load, storageKey]);

  /** Every edit goes through here: marks dirty, keeps raw JSON and the local copy in step. */
  const change = useCallback((next: RuleSetDoc) => {
    setDoc(next);
    setRaw(JSON.stringify(next, null, 2));
    setRawError(undefined);
    setDirty(true);
    writeLocalDraft(storageKey, JSON.stringify(next), revision);
  }, [storageKey, revision]);

  const issues = useMemo(() => (doc ? validateRuleSet(doc) : []), [doc]);

  if (loadError) return <Alert severity="error">{loadError}</Alert>;
  if (!doc) return <Typography sx={{ p: 3 }}>{t('common.loading')}</Typography>;

  const setPeriod = (i: number, patch: Partial<Period>) => change({ ...doc, versions: doc.versions.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setRule = (pi: number, ri: number, rule: RuleDoc) => setPeriod(pi, { rules: doc.versions[pi]!.rules.map((r, j) => (j === ri ? rule : r)) });

  async function save(over?: number): Promise<boolean> {
    if (!doc) return false;
    setError(undefined);
    try {
      const answer = await api.saveRuleSetDraft(key, doc, over ?? revision);
      setRevision(answer.revision);
      setDirty(false);
      setConflict(undefined);
      clearLocalDraft(storageKey);
      setMessage(t('editor.saved', { rev: answer.revision }));
      return true;
    } catch (e) {
      const c = conflictOf(e);
      if (c) setConflict(c);
      else if (e instanceof ApiError) {
        const details = (e.details?.errors as Array<{ message: string; path?: string }> | undefined) ?? [];
        setError([`${e.code}: ${e.message}`, ...details.map((d) => `${d.path ?? ''} ${d.message}`)].join('\n'));
      } else setError(String(e));
      return false;
    }
  }

  async function runTests() {
    setTests(undefined);
    try {
      // The document as edited, saved or not: testing never needs a save first.
      setTests(await api.testRuleSet(key, doc));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    }
  }

  async function evaluate() {
    setTryResult(undefined);
    try {
      setTryResult(await api.evaluateDraft(key, doc!, tryFacts, tryAt));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}` : String(e));
    }
  }

  /** The try-it result becomes a test case: these facts on this date must give these amounts. */
  function addAsTest() {
    if (!tryResult || !doc) return;
    const expect: Record<string, unknown> = {};
    if (tryResult.fees.length) {
      // Repeated codes (one PKB per tax year owed) need the list form, labels telling the years apart.
      const codes = tryResult.fees.map((f) => f.code);
      expect.fees =
        new Set(codes).size === codes.length
          ? Object.fromEntries(tryResult.fees.map((f) => [f.code, f.amount]))
          : tryResult.fees.map((f) => ({ code: f.code, amount: f.amount, ...(f.label ? { label: f.label } : {}) }));
      expect.total = tryResult.total;
    }
    if (tryResult.documents.length) expect.documents = tryResult.documents;
    if (Object.keys(tryResult.decisions).length) expect.decisions = tryResult.decisions;
    if (!Object.keys(expect).length) expect.total = tryResult.total;
    const name = `Coba ${tryAt} ${Object.values(tryFacts).slice(0, 2).join(' ')}`.trim();
    change({ ...doc, tests: [...(doc.tests ?? []), { name, at: tryAt, facts: tryFacts, expect }] });
    setMessage(t('rules.testAdded', { name }));
  }

  function addPeriod() {
    change({ ...doc!, versions: withNewPeriod(doc!.versions, todayJakarta()) });
  }

  const facts = Object.entries(doc.facts.properties ?? {});
  const lintItems = issues.map((i) => ({ element: i.path, rule: 'schema', category: 'error' as const, message: i.message }));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Toolbar variant="dense" sx={{ gap: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" component="h1" sx={{ mr: 2 }}>{doc.title} <Typography component="span" color="text.secondary">({key})</Typography></Typography>
        <Button variant="contained" onClick={() => void save()} data-testid="save-draft">{t('editor.save')}</Button>
        <Button variant="outlined" color="secondary" onClick={() => void (async () => { if (!dirty || (await save())) setPublishing(true); })()} data-testid="publish">{t('editor.publish')}</Button>
        <Button variant="outlined" onClick={() => void (async () => { if (!dirty || (await save())) setImpact(true); })()} data-testid="impact">{t('impact.open')}</Button>
        <Button component={RouterLink} to={`/rulesets/${key}/versions`}>{t('editor.versions')}</Button>
        <Box sx={{ flex: 1 }} />
        <Chip size="small" color={issues.length ? 'error' : 'success'} label={issues.length ? t('rules.schemaErrors', { n: issues.length }) : t('rules.schemaValid')} data-testid="schema-status" />
        {dirty && <Chip size="small" variant="outlined" label={t('editor.unsaved')} />}
      </Toolbar>
      {error && <Alert severity="error" onClose={() => setError(undefined)} sx={{ whiteSpace: 'pre-wrap' }} data-testid="rules-error">{error}</Alert>}
      {localFound && (
        <Alert severity="warning" action={<>
          <Button color="inherit" onClick={() => { change(localFound); setLocalFound(undefined); }}>{t('editor.localRestore')}</Button>
          <Button color="inherit" onClick={() => { clearLocalDraft(storageKey); setLocalFound(undefined); }}>{t('editor.localDiscard')}</Button>
        </>}>{t('editor.localFound', { at: '' })}</Alert>
      )}
      <Tabs value={tab} onChange={(_, v: TabKey) => setTab(v)} sx={{ px: 2 }}>
        <Tab value="meta" label={t('rules.meta')} />
        <Tab value="facts" label={t('rules.facts')} />
        <Tab value="periods" label={t('rules.periods')} />
        <Tab value="raw" label={t('rules.raw')} />
        <Tab value="tests" label={t('rules.tests')} />
        <Tab value="try" label={t('rules.tryIt')} />
      </Tabs>
      <Box sx={{ p: 2, overflow: 'auto', flex: 1 }}>
        {tab === 'meta' && (
          <Box sx={{ display: 'grid', gap: 2, maxWidth: 800 }}>
            <TextField label={t('rules.titleField')} value={doc.title} onChange={(e) => change({ ...doc, title: e.target.value })} />
            <TextField label={t('rules.description')} multiline value={doc.description ?? ''} onChange={(e) => change({ ...doc, description: e.target.value || undefined })} />
            <TextField select label={t('rules.kind')} value={doc.kind} onChange={(e) => change({ ...doc, kind: e.target.value as RuleSetDoc['kind'] })}>
              {['requirements', 'fees', 'decision'].map((k) => <MenuItem key={k} value={k}>{k}</MenuItem>)}
            </TextField>
            {doc.legalBasis.map((lb, i) => (
              <Box key={i} sx={{ display: 'flex', gap: 1 }}>
                <TextField size="small" label="Regulasi" value={lb.regulation} onChange={(e) => change({ ...doc, legalBasis: doc.legalBasis.map((x, j) => (j === i ? { ...x, regulation: e.target.value } : x)) })} sx={{ flex: 2 }} />
                <TextField size="small" label="Pasal" value={lb.article ?? ''} onChange={(e) => change({ ...doc, legalBasis: doc.legalBasis.map((x, j) => (j === i ? { ...x, article: e.target.value || undefined } : x)) })} sx={{ flex: 1 }} />
                <IconButton aria-label={t('common.remove')} onClick={() => change({ ...doc, legalBasis: doc.legalBasis.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
              </Box>
            ))}
            <Button onClick={() => change({ ...doc, legalBasis: [...doc.legalBasis, { regulation: '' }] })}>{t('common.add')}</Button>
          </Box>
        )}
        {tab === 'facts' && (
          <Table size="small">
            <TableHead><TableRow><TableCell>{t('common.key')}</TableCell><TableCell>Type</TableCell><TableCell>{t('form.fieldLabel')}</TableCell><TableCell>{t('form.required')}</TableCell><TableCell>enum</TableCell></TableRow></TableHead>
            <TableBody>
              {facts.map(([name, prop]) => {
                const setProp = (patch: Record<string, unknown>) => change({ ...doc, facts: { ...doc.facts, properties: { ...doc.facts.properties, [name]: { ...prop, ...patch } } } });
                const required = doc.facts.required?.includes(name) ?? false;
                return (
                  <TableRow key={name}>
                    <TableCell><code>{name}</code></TableCell>
                    <TableCell>
                      <TextField select size="small" value={String(prop.type)} onChange={(e) => setProp({ type: e.target.value })} slotProps={{ htmlInput: { 'aria-label': `${name} type` } }}>
                        {['string', 'number', 'integer', 'boolean', 'array'].map((ty) => <MenuItem key={ty} value={ty}>{ty}</MenuItem>)}
                      </TextField>
                    </TableCell>
                    <TableCell><TextField size="small" value={String(prop.title ?? '')} onChange={(e) => setProp({ title: e.target.value })} slotProps={{ htmlInput: { 'aria-label': `${name} title` } }} /></TableCell>
                    <TableCell><Checkbox checked={required} onChange={(e) => change({ ...doc, facts: { ...doc.facts, required: e.target.checked ? [...(doc.facts.required ?? []), name] : (doc.facts.required ?? []).filter((r) => r !== name) } })} slotProps={{ input: { 'aria-label': `${name} ${t('form.required')}` } }} /></TableCell>
                    <TableCell>{Array.isArray(prop.enum) ? (prop.enum as unknown[]).join(', ') : ''}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {tab === 'facts' && (
          <Box component="form" sx={{ display: 'flex', gap: 1, mt: 2 }} onSubmit={(e) => {
            e.preventDefault();
            const input = (e.currentTarget.elements.namedItem('newFact') as HTMLInputElement);
            const name = input.value.trim();
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || doc.facts.properties[name]) return;
            change({ ...doc, facts: { ...doc.facts, properties: { ...doc.facts.properties, [name]: { type: 'string', title: name } } } });
            input.value = '';
          }}>
            <TextField size="small" name="newFact" label={t('rules.newFact')} />
            <Button type="submit">{t('common.add')}</Button>
          </Box>
        )}
        {tab === 'periods' && (
          <Box>
            {doc.versions.map((p, pi) => (
              <Paper key={pi} variant="outlined" sx={{ p: 2, mb: 2 }} data-testid={`period-${pi}`}>
                <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
                  <TextField type="date" size="small" label={t('rules.effectiveFrom')} value={p.effectiveFrom} onChange={(e) => setPeriod(pi, { effectiveFrom: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `period-${pi}-from` } }} />
                  <TextField type="date" size="small" label={t('rules.effectiveTo')} value={p.effectiveTo ?? ''} onChange={(e) => setPeriod(pi, { effectiveTo: e.target.value || undefined })} slotProps={{ inputLabel: { shrink: true } }} />
                  <FormControlLabel control={<Checkbox checked={!!p.assumption} onChange={(e) => setPeriod(pi, { assumption: e.target.checked || undefined })} />} label={t('rules.assumption')} />
                  {doc.versions.length > 1 && <IconButton aria-label={`${t('common.remove')} ${p.effectiveFrom}`} onClick={() => change({ ...doc, versions: doc.versions.filter((_, j) => j !== pi) })}><DeleteIcon /></IconButton>}
                </Box>
                {p.assumption && <TextField size="small" fullWidth multiline sx={{ mt: 1 }} label="assumptionNotes" value={(p.assumptionNotes ?? []).join('\n')} onChange={(e) => setPeriod(pi, { assumptionNotes: e.target.value.split('\n').filter(Boolean) })} />}
                <Typography variant="subtitle2" sx={{ mt: 2 }}>{t('rules.constants')}</Typography>
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
                  {Object.entries(p.constants ?? {}).map(([name, v]) => (
                    <TextField key={name} size="small" label={name} defaultValue={constantText(v)} onBlur={(e) => setPeriod(pi, { constants: { ...p.constants, [name]: parseConstant(e.target.value) } })} slotProps={{ htmlInput: { 'data-testid': `period-${pi}-const-${name}` } }} />
                  ))}
                </Box>
                <Typography variant="subtitle2" sx={{ mt: 2 }}>{t('rules.rules')}</Typography>
                <Table size="small">
                  <TableHead><TableRow><TableCell>{t('rules.ruleName')}</TableCell><TableCell>{t('rules.conditions')}</TableCell><TableCell>{t('rules.outcome')}</TableCell><TableCell /></TableRow></TableHead>
                  <TableBody>
                    {p.rules.map((r, ri) => {
                      const params = r.event.params ?? {};
                      const setParams = (patch: Record<string, unknown>) => setRule(pi, ri, { ...r, event: { ...r.event, params: { ...params, ...patch } } });
                      return (
                        <TableRow key={ri}>
                          <TableCell sx={{ minWidth: 160 }}><TextField size="small" fullWidth value={r.name ?? ''} onChange={(e) => setRule(pi, ri, { ...r, name: e.target.value })} slotProps={{ htmlInput: { 'aria-label': t('rules.ruleName') } }} /></TableCell>
                          <TableCell><Button size="small" sx={{ textTransform: 'none', fontFamily: 'monospace', textAlign: 'left' }} onClick={() => setEditing({ period: pi, rule: ri })}>{conditionSummary(r.conditions)}</Button></TableCell>
                          <TableCell sx={{ minWidth: 380 }}>
                            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                              <Chip size="small" label={r.event.type} />
                              {r.event.type === 'fee' && <>
                                <TextField size="small" label={t('rules.param.code')} value={String(params.code ?? '')} onChange={(e) => setParams({ code: e.target.value })} sx={{ width: 110 }} />
                                <TextField size="small" label={t('rules.param.label')} value={String(params.label ?? '')} onChange={(e) => setParams({ label: e.target.value })} sx={{ flex: 1, minWidth: 180 }} slotProps={{ htmlInput: { 'data-testid': `period-${pi}-rule-${ri}-label` } }} />
                                <TextField size="small" label={t('rules.param.formula')} value={String(params.formula ?? '')} onChange={(e) => setParams({ formula: e.target.value })} sx={{ flex: 1, minWidth: 220 }} slotProps={{ htmlInput: { 'data-testid': `period-${pi}-rule-${ri}-formula` } }} />
                                <TextField size="small" label={t('rules.param.legalBasis')} value={String(params.legalBasis ?? '')} onChange={(e) => setParams({ legalBasis: e.target.value })} sx={{ flexBasis: '100%' }} slotProps={{ htmlInput: { 'data-testid': `period-${pi}-rule-${ri}-legalBasis` } }} />
                              </>}
                              {r.event.type === 'document' && <>
                                <TextField size="small" label={t('rules.param.code')} value={String(params.code ?? '')} onChange={(e) => setParams({ code: e.target.value })} sx={{ width: 120 }} />
                                <TextField size="small" label={t('rules.param.label')} value={String(params.label ?? '')} onChange={(e) => setParams({ label: e.target.value })} sx={{ flex: 1 }} />
                              </>}
                              {r.event.type === 'decision' && <>
                                <TextField size="small" label="variable" value={String(params.variable ?? '')} onChange={(e) => setParams({ variable: e.target.value })} />
                                <TextField size="small" label="value" value={JSON.stringify(params.value ?? null)} onChange={(e) => { try { setParams({ value: JSON.parse(e.target.value) as unknown }); } catch { /* keep typing */ } }} />
                              </>}
                            </Box>
                          </TableCell>
                          <TableCell><IconButton aria-label={t('common.remove')} onClick={() => setPeriod(pi, { rules: p.rules.filter((_, j) => j !== ri) })}><DeleteIcon /></IconButton></TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
                <Button size="small" onClick={() => setPeriod(pi, { rules: [...p.rules, { name: `Aturan ${p.rules.length + 1}`, conditions: { all: [] }, event: doc.kind === 'fees' ? { type: 'fee', params: { code: 'BARU', label: 'Biaya baru', formula: '0', legalBasis: '-' } } : { type: 'document', params: { code: 'dokumen', label: 'Dokumen' } } }] })}>{t('common.add')}</Button>
              </Paper>
            ))}
            <Button variant="outlined" onClick={addPeriod} data-testid="add-period">{t('rules.addPeriod')}</Button>
          </Box>
        )}
        {tab === 'raw' && (
          <Box>
            <TextField
              label={t('rules.raw')}
              multiline
              fullWidth
              minRows={20}
              value={raw}
              onChange={(e) => {
                setRaw(e.target.value);
                try {
                  const parsed = JSON.parse(e.target.value) as RuleSetDoc;
                  setRawError(undefined);
                  setDoc(parsed);
                  setDirty(true);
                  writeLocalDraft(storageKey, JSON.stringify(parsed), revision);
                } catch (err) {
                  setRawError((err as Error).message);
                }
              }}
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 }, 'data-testid': 'raw-json' } }}
            />
            {rawError && <Alert severity="error" sx={{ mt: 1 }}>{t('cond.invalidJson', { msg: rawError })}</Alert>}
          </Box>
        )}
        {(tab === 'raw' || tab === 'periods') && issues.length > 0 && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="schema-issues">
            {issues.map((i, k) => <div key={k}><code>{i.path}</code> {i.message}</div>)}
          </Alert>
        )}
        {tab === 'tests' && (
          <Box>
            <Table size="small" data-testid="test-cases" sx={{ mb: 2 }}>
              <TableBody>
                {(doc.tests ?? []).map((c, i) => (
                  <TableRow key={i}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell>{c.at}</TableCell>
                    <TableCell><code>{JSON.stringify(c.expect)}</code></TableCell>
                    <TableCell><IconButton aria-label={`${t('common.remove')} ${c.name}`} onClick={() => change({ ...doc, tests: (doc.tests ?? []).filter((_, j) => j !== i) })}><DeleteIcon /></IconButton></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Button variant="contained" onClick={() => void runTests()} data-testid="run-tests">{t('rules.runTests')}</Button>
            {tests && (
              <Box sx={{ mt: 2 }} data-testid="test-results">
                <Alert severity={tests.ok ? 'success' : 'error'} data-testid="tests-summary">{t('rules.testsPassed', { passed: tests.passed, total: tests.passed + tests.failed })}</Alert>
                {tests.issues.map((i, k) => <Alert key={k} severity="error" sx={{ mt: 1 }}><code>{i.path}</code> {i.message}</Alert>)}
                <Table size="small">
                  <TableBody>
                    {tests.outcomes.map((r, i) => (
                      <TableRow key={i}><TableCell>{r.passed ? '✔' : '✘'}</TableCell><TableCell>{r.name}</TableCell><TableCell>{r.at}</TableCell><TableCell><code>{r.failures.join('; ')}</code></TableCell></TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            )}
          </Box>
        )}
        {tab === 'try' && (
          <Box sx={{ display: 'flex', gap: 3 }}>
            <Box sx={{ flex: 1 }}>
              <TextField type="date" size="small" label={t('rules.at')} value={tryAt} onChange={(e) => setTryAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ mb: 2 }} />
              <Form schema={doc.facts as RJSFSchema} validator={safeValidator} translateString={rjsfTranslator(lang)} formData={tryFacts} onChange={(e) => setTryFacts((e.formData ?? {}) as Record<string, unknown>)} onSubmit={() => void evaluate()} noHtml5Validate>
                <Button type="submit" variant="contained">{t('rules.evaluate')}</Button>
              </Form>
            </Box>
            <Box sx={{ flex: 1 }} data-testid="try-result">
              {tryResult && (
                <>
                  {tryResult.documents.length > 0 && <><Typography variant="subtitle1">{t('rules.documents')}</Typography><ul>{tryResult.documents.map((code) => <li key={code}>{labelOf(doc, code)}</li>)}</ul></>}
                  {tryResult.fees.length > 0 && (
                    <Table size="small" aria-label={t('rules.fees')}>
                      <TableBody>
                        {tryResult.fees.map((f) => <TableRow key={f.code}><TableCell>{labelOf(doc, f.code)}</TableCell><TableCell align="right">{formatRupiah(f.amount)}</TableCell></TableRow>)}
                        <TableRow><TableCell><b>{t('rules.total')}</b></TableCell><TableCell align="right"><b data-testid="try-total">{formatRupiah(tryResult.total)}</b></TableCell></TableRow>
                      </TableBody>
                    </Table>
                  )}
                  {Object.keys(tryResult.decisions).length > 0 && <Box component="pre" sx={{ fontSize: 12 }}>{JSON.stringify(tryResult.decisions, null, 2)}</Box>}
                  <Typography variant="body2" sx={{ mt: 1 }} data-testid="try-period">{t('rules.periodUsed', { from: periodAt(doc, tryResult.at)?.effectiveFrom ?? '—' })}</Typography>
                  <Button sx={{ mt: 1 }} variant="outlined" onClick={addAsTest} data-testid="add-as-test">{t('rules.addAsTest')}</Button>

                </>
              )}
            </Box>
          </Box>
        )}
      </Box>
      {editing && (
        <ConditionBuilder
          body={JSON.stringify(doc.versions[editing.period]!.rules[editing.rule]!.conditions ?? { all: [] })}
          flowName={doc.versions[editing.period]!.rules[editing.rule]!.name}
          onApply={(body) => {
            const r = doc.versions[editing.period]!.rules[editing.rule]!;
            setRule(editing.period, editing.rule, { ...r, conditions: body ? (JSON.parse(body) as unknown) : { all: [] } });
            setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
      {conflict && (
        <Dialog open onClose={() => setConflict(undefined)} aria-labelledby="rconflict-title">
          <DialogTitle id="rconflict-title">{t('editor.conflictTitle')}</DialogTitle>
          <DialogContent><DialogContentText data-testid="conflict-text">{t('editor.conflictText', { by: conflict.updatedBy, at: formatDateTime(conflict.updatedAt, lang), rev: conflict.revision })}</DialogContentText></DialogContent>
          <DialogActions>
            <Button onClick={() => { writeLocalDraft(storageKey, JSON.stringify(doc), revision); void load().then(() => setConflict(undefined)); }}>{t('editor.conflictReload')}</Button>
            <Button variant="contained" color="warning" onClick={() => void save(conflict.revision)}>{t('editor.conflictOverwrite')}</Button>
          </DialogActions>
        </Dialog>
      )}
      {publishing && (
        <PublishDialog
          kind="rulesets"
          docKey={key}
          lint={lintItems}
          renderDiff={(last) => <JsonDiffTable before={JSON.parse(last) as unknown} after={doc} />}
          onClose={() => setPublishing(false)}
          onPublished={(n) => { setPublishing(false); setMessage(t('publish.done', { n })); }}
        />
      )}
      {impact && <ImpactDialog kind="rulesets" docKey={key} onClose={() => setImpact(false)} />}
      <Snackbar open={!!message} autoHideDuration={4000} onClose={() => setMessage(undefined)} message={message} />
    </Box>
  );
}

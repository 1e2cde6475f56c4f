/**
 * Import a .bpmn file (validated before saving) or create a laid-out draft from an SOP table
 * (pasted, CSV or .xlsx), after the administrator confirmed each performer's role.
 */
import { Alert, Box, Button, MenuItem, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, type Role, type RuleSetDoc } from '../../api/client.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { todayJakarta } from '../publish/PublishDialog.js';
import { DiagramWithMarkers } from '../publish/DiffView.js';
import { readDefinitions } from '../publish/model-diff.js';
import { initialChoices, type RoleChoice } from './role-mapping.js';
import { RoleMappingDialog } from './RoleMappingDialog.js';
import { importSopTable, performersOf } from './sop-import.js';
import { documentsIn, parseSopGrid, parseSopTable, slug, type Grid, type SopTableWarning } from './sop-table.js';

const KEY = /^[a-z0-9][a-z0-9-]{1,63}$/;

/** Create or replace a process draft, whatever its current revision. */
async function putDraft(key: string, xml: string): Promise<void> {
  const existing = await api.getProcessDraft(key);
  await api.saveProcessDraft(key, xml, existing?.revision);
}

function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const errors = (e.details?.errors as Array<{ message: string }> | undefined) ?? [];
    return [e.message, ...errors.map((x) => x.message)].join('; ');
  }
  return e instanceof Error ? e.message : String(e);
}

function BpmnUpload() {
  const t = useT();
  const navigate = useNavigate();
  const [file, setFile] = useState<{ name: string; xml: string }>();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();

  async function choose(f: File | undefined) {
    setError(undefined);
    if (!f) return;
    const xml = await f.text();
    try {
      const defs = (await readDefinitions(xml)) as { rootElements?: Array<{ $type: string; id: string }> };
      const proc = defs.rootElements?.find((r) => r.$type === 'bpmn:Process');
      if (!proc) throw new Error('tidak ada bpmn:process');
      setFile({ name: f.name, xml });
      setKey(KEY.test(proc.id) ? proc.id : slug(f.name.replace(/\.bpmn$/i, '')));
    } catch (e) {
      setFile(undefined);
      setError(t('import.invalid', { msg: errorText(e) }));
    }
  }

  async function save() {
    if (!file) return;
    try {
      await putDraft(key, file.xml);
      navigate(`/processes/${key}`);
    } catch (e) {
      setError(t('import.invalid', { msg: errorText(e) }));
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="section" aria-labelledby="import-bpmn-title">
      <Typography id="import-bpmn-title" variant="h6" component="h2">{t('import.bpmn')}</Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>{t('import.bpmnHelp')}</Typography>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <Button variant="outlined" component="label">
          {t('import.choose')}
          <input hidden type="file" accept=".bpmn,.xml,application/xml" data-testid="bpmn-file" onChange={(e) => void choose(e.target.files?.[0])} />
        </Button>
        {file && <Typography>{file.name}</Typography>}
        {file && <TextField size="small" label={t('import.key')} value={key} onChange={(e) => setKey(e.target.value)} error={!KEY.test(key)} />}
        {file && <Button variant="contained" onClick={() => void save()} disabled={!KEY.test(key)} data-testid="bpmn-import">{t('import.create')}</Button>}
      </Box>
      {error && <Alert severity="error" sx={{ mt: 1 }} data-testid="import-error">{error}</Alert>}
    </Paper>
  );
}

const TABLE_ERRORS = ['TABLE_UNREADABLE', 'TABLE_TOO_LARGE', 'ROLE_EXISTS', 'UNKNOWN_AGENCY'] as const;

/** Our words for the codes this screen expects; otherwise the server's own message. */
function tableErrorText(t: Translate, e: unknown): string {
  if (e instanceof ApiError && (TABLE_ERRORS as readonly string[]).includes(e.code)) return t(`import.error.${e.code}` as MessageKey);
  return errorText(e);
}

function warningText(t: Translate, w: SopTableWarning): string {
  switch (w.code) {
    case 'no-header': return t('import.warn.noHeader');
    case 'no-rows': return t('import.warn.noRows');
    case 'no-performer': return t('import.warn.noPerformer', { row: w.row });
    case 'time-unreadable': return t('import.warn.timeUnreadable', { row: w.row, time: w.time });
  }
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Saves the import's requirement set as a draft (replacing a draft of the same key), then the model. */
async function saveImport(key: string, xml: string, ruleSet: RuleSetDoc | undefined): Promise<void> {
  if (ruleSet) {
    const existing = await api.getRuleSetDraft(ruleSet.key);
    await api.saveRuleSetDraft(ruleSet.key, ruleSet, existing?.revision);
  }
  await putDraft(key, xml);
}

function FromTable() {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  /** the cells of an uploaded spreadsheet; typing in the text box goes back to the text */
  const [sheet, setSheet] = useState<{ name: string; rows: Grid }>();
  const [requirementsText, setRequirementsText] = useState('');
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [agency, setAgency] = useState('');
  const [agencies, setAgencies] = useState<string[]>([]);
  const [catalogue, setCatalogue] = useState<Role[]>([]);
  const [error, setError] = useState<string>();
  const [mapping, setMapping] = useState<{ busy: boolean; error?: string }>();

  useEffect(() => {
    api.offices().then((o) => setAgencies([...new Set(o.map((x) => x.agency))]), () => undefined);
    api.roles().then(setCatalogue, () => undefined);
  }, []);

  const parsed = useMemo(() => (sheet ? parseSopGrid(sheet.rows) : parseSopTable(text)), [sheet, text]);
  const performers = useMemo(() => performersOf(parsed.rows, parsed.performers), [parsed]);
  const choices = useMemo(() => initialChoices(performers, catalogue), [performers, catalogue]);
  const requirements = useMemo(() => documentsIn(requirementsText), [requirementsText]);
  const effectiveKey = key || slug(name);
  const texts = {
    requirementsTitle: t('import.requirementsTitle', { name: name || effectiveKey }),
    legalBasis: t('import.requirementsLegalBasis'),
    testName: t('import.requirementsTest'),
    source: t('import.source'),
    requirementsLabel: t('import.col.requirements'),
    noteLabel: t('import.col.note'),
  };
  const build = (roles: RoleChoice[]) =>
    importSopTable(parsed.rows, { key: effectiveKey || 'proses-baru', name: name || effectiveKey, agency: agency || undefined, roles, performers: parsed.performers, requirements, effectiveFrom: todayJakarta(), texts });
  // a row whose performer is unknown (warned above) has no lane yet: no preview until it has one
  const preview = parsed.rows.length && parsed.rows.every((r) => r.performer) ? build(choices) : undefined;

  async function chooseFile(f: File | undefined) {
    setError(undefined);
    if (!f) return;
    try {
      if (/\.xlsx$/i.test(f.name)) setSheet({ name: f.name, rows: (await api.sopTableCells(await base64Of(f))).rows });
      else { setSheet(undefined); setText(await f.text()); }
    } catch (e) {
      setError(tableErrorText(t, e));
    }
  }

  async function create(confirmed: RoleChoice[], newNames: Record<string, string>) {
    setMapping({ busy: true });
    try {
      for (const c of confirmed) {
        if (!c.create || catalogue.some((r) => r.key === c.role)) continue;
        const role = await api.createRole({ key: c.role, name: (newNames[c.performer] ?? c.performer).trim(), agencies: agency ? [agency] : [] });
        setCatalogue((cat) => [...cat, role]);
      }
      const { xml, ruleSet } = build(confirmed);
      await saveImport(effectiveKey, xml, ruleSet as RuleSetDoc | undefined);
      navigate(`/processes/${effectiveKey}`);
    } catch (e) {
      setMapping({ busy: false, error: tableErrorText(t, e) });
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="import-table-title">
      <Typography id="import-table-title" variant="h6" component="h2">{t('import.table')}</Typography>
      <Box sx={{ display: 'flex', gap: 2, my: 1, flexWrap: 'wrap' }}>
        <TextField size="small" label={t('import.name')} value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: 2, minWidth: 200 }} />
        <TextField size="small" label={t('import.key')} value={effectiveKey} onChange={(e) => setKey(e.target.value)} error={!!effectiveKey && !KEY.test(effectiveKey)} sx={{ flex: 1, minWidth: 160 }} />
        <TextField select size="small" label={t('import.agency')} value={agency} onChange={(e) => setAgency(e.target.value)} sx={{ flex: 1, minWidth: 160 }}>
          <MenuItem value="">—</MenuItem>
          {agencies.map((a) => <MenuItem key={a} value={a}>{a}</MenuItem>)}
        </TextField>
      </Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 1 }}>
        <Button variant="outlined" component="label">
          {t('import.tableFile')}
          <input hidden type="file" accept=".xlsx,.csv,.tsv,.txt,text/csv" data-testid="table-file" onChange={(e) => void chooseFile(e.target.files?.[0])} />
        </Button>
        {sheet && <Typography data-testid="table-file-name">{sheet.name}</Typography>}
        <Typography variant="body2" color="text.secondary">{t('import.tableFileHelp')}</Typography>
      </Box>
      <TextField label={t('import.tableHelp')} multiline minRows={6} fullWidth value={text} onChange={(e) => { setSheet(undefined); setText(e.target.value); }} slotProps={{ htmlInput: { 'data-testid': 'sop-table', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }} />
      <TextField label={t('import.requirementsList')} helperText={t('import.requirementsListHelp')} multiline minRows={2} fullWidth sx={{ mt: 2 }} value={requirementsText} onChange={(e) => setRequirementsText(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'requirements-list' } }} />
      {(text.trim() || sheet) && parsed.warnings.map((w) => <Alert key={JSON.stringify(w)} severity="warning" sx={{ mt: 1 }}>{warningText(t, w)}</Alert>)}
      {preview && (
        <>
          <Typography variant="subtitle1" sx={{ mt: 2 }} data-testid="table-summary">{t('import.preview')}: {t('import.rows', { n: parsed.rows.length, lanes: performers.length })}{parsed.layout && parsed.layout !== 'column' ? ` · ${t('import.layoutPermenpan')}` : ''}</Typography>
          <Table size="small">
            <TableHead><TableRow>{(['no', 'activity', 'performer', 'requirements', 'time', 'output'] as const).map((c) => <TableCell key={c}>{t(`import.col.${c}`)}</TableCell>)}</TableRow></TableHead>
            <TableBody>
              {parsed.rows.map((r, i) => <TableRow key={i}><TableCell>{r.no}</TableCell><TableCell>{r.activity}</TableCell><TableCell>{r.performer}</TableCell><TableCell>{r.requirements}</TableCell><TableCell>{r.time}</TableCell><TableCell>{r.output}</TableCell></TableRow>)}
            </TableBody>
          </Table>
          {preview.ruleSet && <Typography variant="body2" sx={{ mt: 1 }} data-testid="requirements-summary">{t('import.requirementsSummary', { n: preview.spec.requirements?.documents.length ?? 0, key: preview.ruleSet.key })}</Typography>}
          <Box sx={{ mt: 2 }}><DiagramWithMarkers xml={preview.xml} height={300} /></Box>
          <Button variant="contained" sx={{ mt: 2 }} disabled={!KEY.test(effectiveKey)} onClick={() => setMapping({ busy: false })} data-testid="table-create">{t('import.next')}</Button>
        </>
      )}
      {error && <Alert severity="error" sx={{ mt: 1 }} data-testid="table-error">{error}</Alert>}
      {mapping && <RoleMappingDialog choices={choices} catalogue={catalogue} busy={mapping.busy} error={mapping.error} onCancel={() => setMapping(undefined)} onConfirm={(c, n) => void create(c, n)} />}
    </Paper>
  );
}

export default function ImportPage() {
  const t = useT();
  return (
    <Box sx={{ p: 3, maxWidth: 1100, mx: 'auto' }}>
      <Typography variant="h5" component="h1" gutterBottom>{t('import.title')}</Typography>
      <BpmnUpload />
      <FromTable />
    </Box>
  );
}

/** Import a .bpmn file (validated before saving) or create a laid-out draft from a pasted SOP table. */
import { Alert, Box, Button, MenuItem, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { DiagramWithMarkers } from '../publish/DiffView.js';
import { readDefinitions } from '../publish/model-diff.js';
import { parseSopTable, slug, sopTableToBpmn } from './sop-table.js';

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

function FromTable() {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [agency, setAgency] = useState('');
  const [agencies, setAgencies] = useState<string[]>([]);
  const [roles, setRoles] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.offices().then((o) => setAgencies([...new Set(o.map((x) => x.agency))]), () => undefined);
    api.roles().then((r) => setRoles(r.map((x) => x.key)), () => undefined);
  }, []);

  const parsed = useMemo(() => parseSopTable(text), [text]);
  const effectiveKey = key || slug(name);
  const xml = useMemo(
    () => (parsed.rows.length ? sopTableToBpmn(parsed.rows, { key: effectiveKey || 'proses-baru', name: name || effectiveKey, agency: agency || undefined, knownRoles: roles, performers: parsed.performers }) : ''),
    [parsed, effectiveKey, name, agency, roles],
  );
  const performers = new Set(parsed.rows.map((r) => r.performer)).size;

  async function create() {
    try {
      await putDraft(effectiveKey, xml);
      navigate(`/processes/${effectiveKey}`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="import-table-title">
      <Typography id="import-table-title" variant="h6" component="h2">{t('import.table')}</Typography>
      <Box sx={{ display: 'flex', gap: 2, my: 1 }}>
        <TextField size="small" label={t('import.name')} value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: 2 }} />
        <TextField size="small" label={t('import.key')} value={effectiveKey} onChange={(e) => setKey(e.target.value)} error={!!effectiveKey && !KEY.test(effectiveKey)} sx={{ flex: 1 }} />
        <TextField select size="small" label={t('import.agency')} value={agency} onChange={(e) => setAgency(e.target.value)} sx={{ flex: 1 }}>
          <MenuItem value="">—</MenuItem>
          {agencies.map((a) => <MenuItem key={a} value={a}>{a}</MenuItem>)}
        </TextField>
      </Box>
      <TextField label={t('import.tableHelp')} multiline minRows={6} fullWidth value={text} onChange={(e) => setText(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'sop-table', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }} />
      {text.trim() && parsed.warnings.map((w) => <Alert key={w} severity="warning" sx={{ mt: 1 }}>{w}</Alert>)}
      {parsed.rows.length > 0 && (
        <>
          <Typography variant="subtitle1" sx={{ mt: 2 }} data-testid="table-summary">{t('import.preview')}: {t('import.rows', { n: parsed.rows.length, lanes: performers })}</Typography>
          <Table size="small">
            <TableHead><TableRow><TableCell>No</TableCell><TableCell>Kegiatan</TableCell><TableCell>Pelaksana</TableCell><TableCell>Waktu</TableCell><TableCell>Output</TableCell></TableRow></TableHead>
            <TableBody>
              {parsed.rows.map((r, i) => <TableRow key={i}><TableCell>{r.no}</TableCell><TableCell>{r.activity}</TableCell><TableCell>{r.performer}</TableCell><TableCell>{r.time}</TableCell><TableCell>{r.output}</TableCell></TableRow>)}
            </TableBody>
          </Table>
          <Box sx={{ mt: 2 }}><DiagramWithMarkers xml={xml} height={300} /></Box>
          <Button variant="contained" sx={{ mt: 2 }} disabled={!KEY.test(effectiveKey)} onClick={() => void create()} data-testid="table-create">{t('import.create')}</Button>
        </>
      )}
      {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
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

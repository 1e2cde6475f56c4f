/**
 * "New from SOP table": the administrator pastes the table every Indonesian SOP carries
 * (No, Kegiatan, Pelaksana, Persyaratan/Kelengkapan, Waktu, Output) and gets a BPMN draft with
 * one lane per performer, one user task per row in order, SOP times as sop:duration.
 * Pure: no DOM, so the same code runs in the browser and in tests.
 */
import { parseSopTime } from '../../modeler/iso-duration.js';

export interface SopRow {
  no: string;
  activity: string;
  performer: string;
  requirements: string;
  time: string;
  output: string;
  /** the Keterangan column, when the table has one */
  note?: string;
}

export interface SopTableResult {
  rows: SopRow[];
  warnings: string[];
  /** Permenpan layout: the Pelaksana columns in their order (lanes keep it, even a post without a row) */
  performers?: string[];
}

type Column = Exclude<keyof SopRow, 'note'>;

const HEADERS: Record<Column, RegExp> = {
  no: /^no\.?$/i,
  activity: /kegiatan|aktivitas|uraian/i,
  performer: /pelaksana|pelaku/i,
  requirements: /persyaratan|kelengkapan|syarat/i,
  time: /waktu/i,
  output: /output|keluaran|hasil/i,
};

function splitLine(line: string, sep: string): string[] {
  if (sep !== ',') return line.split(sep).map((c) => c.trim());
  // CSV with double quotes
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur.trim()); cur = ''; }
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function detectSeparator(headerLine: string): string {
  for (const sep of ['\t', '|', ';']) if (headerLine.includes(sep)) return sep;
  return ',';
}

const MUTU_BAKU = /^(kelengkapan|persyaratan|waktu|output|keluaran)/i;

/**
 * The Permenpan-RB 35/2012 layout (SOP AP): "Pelaksana" spans one column per post, marked with
 * an X (or the flowchart symbol) in the row of its activity, and "Mutu Baku" spans Kelengkapan /
 * Waktu / Output; as two header rows, or as one row that names the posts between Kegiatan and
 * the Mutu Baku columns. Answers the header with one entry per column and which are posts.
 */
function permenpanHeader(header: string[], next: string[] | undefined): { columns: string[]; lanes: number[]; usedNext: boolean } | undefined {
  const subheader = !!next && !/^\d+\.?$/.test(next[0] ?? '') && next.some((c) => MUTU_BAKU.test(c)) && header.some((h) => /pelaksana|mutu/i.test(h));
  if (subheader) {
    const sub = [...next!];
    const firstMutu = sub.findIndex((c) => MUTU_BAKU.test(c));
    const laneNames = sub.slice(0, firstMutu);
    const mutu = sub.slice(firstMutu);
    const columns: string[] = [];
    const lanes: number[] = [];
    for (const h of header) {
      if (/pelaksana|pelaku/i.test(h)) {
        for (const l of laneNames) {
          lanes.push(columns.length);
          columns.push(l);
        }
      } else if (/mutu/i.test(h)) columns.push(...mutu);
      else columns.push(h);
    }
    return lanes.length ? { columns, lanes, usedNext: true } : undefined;
  }
  if (header.some((h) => /^(pelaksana|pelaku)$/i.test(h))) return undefined; // the single "Pelaksana" column
  const k = header.findIndex((h) => /kegiatan|aktivitas|uraian/i.test(h));
  const m = header.findIndex((h, i) => i > k && MUTU_BAKU.test(h));
  if (k < 0 || m < 0 || m - k < 2) return undefined;
  return { columns: header, lanes: Array.from({ length: m - k - 1 }, (_, i) => k + 1 + i), usedNext: false };
}

export function parseSopTable(text: string): SopTableResult {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s*\|?\s*:?-{3,}/.test(l));
  const warnings: string[] = [];
  const headerIndex = lines.findIndex((l) => /kegiatan|aktivitas/i.test(l) && /pelaksana|pelaku|kelengkapan|mutu/i.test(l));
  if (headerIndex < 0) return { rows: [], warnings: ['Baris judul dengan kolom "Kegiatan" dan "Pelaksana" tidak ditemukan'] };
  const sep = detectSeparator(lines[headerIndex]!);
  const trimPipes = (cells: string[]) => (sep === '|' ? cells.filter((_, i, a) => !((i === 0 || i === a.length - 1) && a[i] === '')) : cells);
  let header = trimPipes(splitLine(lines[headerIndex]!, sep));
  const next = lines[headerIndex + 1] !== undefined ? trimPipes(splitLine(lines[headerIndex + 1]!, sep)) : undefined;
  const permenpan = permenpanHeader(header, next);
  if (permenpan) header = permenpan.columns;
  const col = {} as Record<Column, number>;
  for (const key of Object.keys(HEADERS) as Column[]) col[key] = header.findIndex((h, i) => HEADERS[key].test(h) && !permenpan?.lanes.includes(i));
  const noteCol = header.findIndex((h) => /keterangan/i.test(h));

  const rows: SopRow[] = [];
  for (const line of lines.slice(headerIndex + (permenpan?.usedNext ? 2 : 1))) {
    const cells = trimPipes(splitLine(line, sep));
    const get = (k: Column) => (col[k] >= 0 ? (cells[col[k]] ?? '').trim() : '');
    let performer = get('performer');
    if (permenpan) {
      const marked = permenpan.lanes.filter((i) => (cells[i] ?? '').trim() !== '');
      const x = marked.find((i) => /^\s*[x✓√v]/i.test(cells[i] ?? '')) ?? marked[0];
      performer = x !== undefined ? header[x]! : '';
    }
    const row: SopRow = { no: get('no'), activity: get('activity'), performer, requirements: get('requirements'), time: get('time'), output: get('output') };
    if (noteCol >= 0 && (cells[noteCol] ?? '').trim()) row.note = cells[noteCol]!.trim();
    if (!row.activity) continue;
    if (!row.performer) {
      // A row without performer continues the previous step's performer (merged cells in the source).
      row.performer = rows.at(-1)?.performer ?? '';
      if (!row.performer) warnings.push(`Baris ${row.no || rows.length + 1}: pelaksana kosong`);
    }
    if (row.time && !parseSopTime(row.time)) warnings.push(`Baris ${row.no || rows.length + 1}: waktu "${row.time}" tidak terbaca`);
    rows.push(row);
  }
  if (!rows.length) warnings.push('Tidak ada baris kegiatan');
  return { rows, warnings, ...(permenpan ? { performers: permenpan.lanes.map((i) => header[i]!) } : {}) };
}

const APPLICANT = /pemohon|wajib\s*pajak|ppat|masyarakat|warga/i;

export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}

/** A performer's role key: the known role whose words match best, else a slug of the name. */
export function roleForPerformer(performer: string, knownRoles: string[] = []): string {
  if (APPLICANT.test(performer)) return 'pemohon';
  const s = slug(performer);
  if (knownRoles.includes(s)) return s;
  let best: { role: string; score: number } | undefined;
  for (const role of knownRoles) {
    const words = role.split('-');
    const score = words.filter((w) => s.split('-').includes(w)).length / words.length;
    if (score > 0.5 && (!best || score > best.score)) best = { role, score };
  }
  return best?.role ?? s;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface BuildOptions {
  key: string;
  name: string;
  agency?: string;
  knownRoles?: string[];
  /** the Pelaksana columns in the table's order (Permenpan layout); else lanes follow first appearance */
  performers?: string[];
}

const LANE_H = 140;
const POOL_X = 120;
const LANE_LABEL = 30;
const STEP_W = 170;
const TASK_W = 110;
const TASK_H = 80;

/**
 * A laid-out BPMN document for the rows. The flow of an SOP table is a chain, so positions
 * follow the row order (x) and the performer's lane (y); bpmn-auto-layout does not place lanes.
 */
export function sopTableToBpmn(rows: SopRow[], opts: BuildOptions): string {
  const performers: string[] = (opts.performers ?? []).filter((p) => rows.some((r) => r.performer === p));
  for (const r of rows) if (!performers.includes(r.performer)) performers.push(r.performer);
  const laneIds = new Map(performers.map((p, i) => [p, `Lane_${i + 1}`]));
  const taskId = (i: number) => `Task_${i + 1}`;
  const ids: string[] = ['StartEvent_1', ...rows.map((_, i) => taskId(i)), 'EndEvent_1'];
  const laneOfNode = (i: number) => laneIds.get(rows[Math.min(Math.max(i - 1, 0), rows.length - 1)]!.performer)!;

  const width = LANE_LABEL + 200 + (rows.length + 1) * STEP_W;
  const laneY = (laneId: string) => 80 + (Number(laneId.split('_')[1]) - 1) * LANE_H;
  const centerY = (laneId: string) => laneY(laneId) + LANE_H / 2;
  const nodeX = (i: number) => POOL_X + LANE_LABEL + 60 + i * STEP_W;

  const semantic: string[] = [];
  const shapes: string[] = [];
  const edges: string[] = [];

  const lanes = performers.map((p) => {
    const id = laneIds.get(p)!;
    const refs = ids.filter((_, i) => laneOfNode(i) === id).map((n) => `        <bpmn:flowNodeRef>${n}</bpmn:flowNodeRef>`).join('\n');
    shapes.push(`      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}" isHorizontal="true"><dc:Bounds x="${POOL_X + LANE_LABEL}" y="${laneY(id)}" width="${width - LANE_LABEL}" height="${LANE_H}" /></bpmndi:BPMNShape>`);
    return `      <bpmn:lane id="${id}" name="${esc(p)}" sop:role="${esc(roleForPerformer(p, opts.knownRoles))}">\n${refs}\n      </bpmn:lane>`;
  });

  const bounds: Array<{ x: number; y: number; w: number; h: number }> = [];
  ids.forEach((id, i) => {
    const lane = laneOfNode(i);
    const cy = centerY(lane);
    const isEvent = i === 0 || i === ids.length - 1;
    const w = isEvent ? 36 : TASK_W;
    const h = isEvent ? 36 : TASK_H;
    const x = nodeX(i) + (isEvent ? (TASK_W - 36) / 2 : 0);
    bounds.push({ x, y: cy - h / 2, w, h });
    const incoming = i > 0 ? `<bpmn:incoming>Flow_${i}</bpmn:incoming>` : '';
    const outgoing = i < ids.length - 1 ? `<bpmn:outgoing>Flow_${i + 1}</bpmn:outgoing>` : '';
    if (i === 0) semantic.push(`    <bpmn:startEvent id="${id}" name="Mulai">${outgoing}</bpmn:startEvent>`);
    else if (i === ids.length - 1) semantic.push(`    <bpmn:endEvent id="${id}" name="Selesai">${incoming}</bpmn:endEvent>`);
    else {
      const r = rows[i - 1]!;
      const attrs = [`id="${id}"`, `name="${esc(r.activity)}"`];
      const duration = parseSopTime(r.time);
      if (duration) attrs.push(`sop:duration="${duration}"`);
      const docs = r.requirements.split(/[,;\n]|\s-\s/).map((d) => d.trim()).filter(Boolean).map(slug);
      if (docs.length) attrs.push(`sop:documents="${esc(docs.join(' '))}"`);
      if (r.output) attrs.push(`sop:output="${esc(r.output)}"`);
      const instruction = [r.requirements ? `Persyaratan: ${r.requirements}` : '', r.note ? `Keterangan: ${r.note}` : ''].filter(Boolean).join('. ');
      if (instruction) attrs.push(`sop:instruction="${esc(instruction)}"`);
      semantic.push(`    <bpmn:userTask ${attrs.join(' ')}>${incoming}${outgoing}</bpmn:userTask>`);
    }
    shapes.push(`      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${cy - h / 2}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`);
  });

  for (let i = 1; i < ids.length; i++) {
    semantic.push(`    <bpmn:sequenceFlow id="Flow_${i}" sourceRef="${ids[i - 1]}" targetRef="${ids[i]}" />`);
    const a = bounds[i - 1]!;
    const b = bounds[i]!;
    const ay = a.y + a.h / 2;
    const by = b.y + b.h / 2;
    const pts = ay === by
      ? [[a.x + a.w, ay], [b.x, by]]
      : [[a.x + a.w / 2, by > ay ? a.y + a.h : a.y], [a.x + a.w / 2, by], [b.x, by]];
    edges.push(`      <bpmndi:BPMNEdge id="Flow_${i}_di" bpmnElement="Flow_${i}">${pts.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`);
  }

  const agency = opts.agency ? ` sop:agency="${esc(opts.agency)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="Definitions_${esc(opts.key)}" targetNamespace="https://sop-studio.id/processes"${agency} sop:source="Tabel SOP">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_1" name="${esc(opts.name)}" processRef="${esc(opts.key)}" />
  </bpmn:collaboration>
  <bpmn:process id="${esc(opts.key)}" name="${esc(opts.name)}" isExecutable="true">
    <bpmn:laneSet id="LaneSet_1">
${lanes.join('\n')}
    </bpmn:laneSet>
${semantic.join('\n')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
      <bpmndi:BPMNShape id="Participant_1_di" bpmnElement="Participant_1" isHorizontal="true"><dc:Bounds x="${POOL_X}" y="80" width="${width}" height="${performers.length * LANE_H}" /></bpmndi:BPMNShape>
${shapes.join('\n')}
${edges.join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

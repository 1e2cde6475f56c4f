/**
 * The SOP flowchart table (Permenpan-RB 35/2012) from a model: one row per task in flow order,
 * one Pelaksana column per lane. Gateways, events and sub-process borders are not rows: a task
 * followed by a decision is drawn as the diamond with its Ya/Tidak branches; parallel branches,
 * timers, messages, boundary events and multi-instance tasks become words in the Keterangan;
 * a call activity is a row that refers to the called SOP. Pure: no I/O.
 */
import { parseDuration } from '../../core/duration.js';
import { sopTimeOf, sopTimeText } from '../../core/sop-time.js';
import type { SopGraph, SopLane, SopNode } from './sop-graph.js';

export type SopShape = 'terminator' | 'process' | 'decision';

export interface SopTransition {
  /** "Ya" / "Tidak", a branch name, or undefined for the plain flow */
  label: string | undefined;
  /** the branch's own name in the model (e.g. "Tidak lengkap") */
  branch: string | undefined;
  /** row number (1-based) it goes to, or 'end' */
  to: number | 'end';
  /** the end event's name when it ends */
  endName: string | undefined;
}

export interface SopTableRow {
  no: number;
  id: string;
  activity: string;
  /** index of its Pelaksana column */
  lane: number;
  shape: SopShape;
  kelengkapan: string[];
  /** ISO 8601 duration as in the model, and its words */
  waktuIso: string | undefined;
  waktu: string;
  output: string;
  keterangan: string[];
  next: SopTransition[];
}

export interface SopTable {
  lanes: SopLane[];
  rows: SopTableRow[];
}

export interface FlattenOptions {
  /** a requirement code's label (from the requirement rule set) */
  documentLabel?: (code: string) => string;
  /** the called process's name (for call activities) */
  processName?: (key: string) => string | undefined;
}

const isRowNode = (n: SopNode | undefined): boolean => !!n && (/Task$/.test(n.type) || n.type === 'callActivity');
const DECIDING = new Set(['exclusiveGateway', 'inclusiveGateway', 'eventBasedGateway']);
const NEGATIVE = /^\s*(tidak|belum|ditolak|tolak|kurang|gagal|bukan|salah|no\b)/i;

interface Exit {
  /** an element id, or 'end' */
  target: string;
  endName: string | undefined;
  /** names of the deciding branches passed, in order */
  branches: Array<{ name: string; negative: boolean }>;
  notes: string[];
  /** passed a parallel split */
  parallel: boolean;
}

function eventWords(n: SopNode): string | undefined {
  const d = n.eventDetail ? ` ${n.eventDetail}` : '';
  switch (n.event) {
    case 'timer': {
      const iso = n.eventDetail ? parseDuration(n.eventDetail) : undefined;
      return `menunggu waktu${iso ? ` ${sopTimeText(sopTimeOf(iso))}` : d}${n.name ? ` (${n.name})` : ''}`;
    }
    case 'message':
      return `menunggu pesan${n.name ? ` "${n.name}"` : d}`;
    case 'signal':
      return `menunggu sinyal${n.name ? ` "${n.name}"` : d}`;
    case 'conditional':
      return `menunggu kondisi${n.name ? ` "${n.name}"` : ''}`;
    default:
      return undefined;
  }
}

/** Where the flows leaving `from` end up: the next tasks (or the end), through gateways and events. */
function exitsOf(g: SopGraph, flowIds: string[], base: Omit<Exit, 'target' | 'endName'>, seen: Set<string>): Exit[] {
  const out: Exit[] = [];
  for (const fid of flowIds) {
    const f = g.flows[fid];
    if (!f) continue;
    const t = g.nodes[f.target];
    if (!t) continue;
    const source = g.nodes[f.source];
    const branches = [...base.branches];
    if (source && DECIDING.has(source.type) && source.outgoing.length > 1) {
      const name = f.name || (source.defaultFlow === f.id ? 'lainnya' : '');
      branches.push({ name, negative: f.name ? NEGATIVE.test(f.name) : /"value"\s*:\s*false/.test(f.condition ?? '') });
    }
    const here = { ...base, branches, notes: [...base.notes] };
    if (isRowNode(t)) {
      out.push({ ...here, target: t.id, endName: undefined });
      continue;
    }
    if (seen.has(t.id)) continue;
    const seenHere = new Set(seen).add(t.id);
    if (t.type === 'endEvent') {
      const parent = t.parent ? g.nodes[t.parent] : undefined;
      if (parent) out.push(...exitsOf(g, parent.outgoing, here, seenHere));
      else out.push({ ...here, target: 'end', endName: t.name || undefined });
      continue;
    }
    if (t.type === 'subProcess' || t.type === 'transaction') {
      const starts = Object.values(g.nodes).filter((n) => n.parent === t.id && n.type === 'startEvent');
      here.notes.push(`bagian dari sub-proses "${t.name || t.id}"`);
      for (const s of starts) out.push(...exitsOf(g, s.outgoing, here, seenHere));
      continue;
    }
    const words = eventWords(t);
    if (words) here.notes.push(words);
    if (t.type === 'parallelGateway' && t.outgoing.length > 1) here.parallel = true;
    out.push(...exitsOf(g, t.outgoing, here, seenHere));
  }
  return out;
}

function taskExits(g: SopGraph, n: SopNode): Exit[] {
  const exits = exitsOf(g, n.outgoing, { branches: [], notes: [], parallel: false }, new Set([n.id]));
  for (const b of Object.values(g.nodes)) {
    if (b.attachedTo !== n.id) continue;
    const what = eventWords(b) ?? (b.event === 'error' ? 'terjadi kesalahan' : b.event === 'escalation' ? 'eskalasi' : 'kejadian');
    const name = `bila ${what.replace(/^menunggu /, '')}${b.cancelActivity ? '' : ' (kegiatan tetap berjalan)'}`;
    exits.push(...exitsOf(g, b.outgoing, { branches: [{ name, negative: false }], notes: [], parallel: false }, new Set([n.id, b.id])));
  }
  return exits;
}

function labelOf(e: Exit, decisionExits: number, index: number, all: Exit[]): string | undefined {
  if (e.branches.length === 0) return undefined;
  const last = e.branches.at(-1)!;
  if (decisionExits === 2) {
    const other = all.find((x) => x !== e);
    const otherNeg = other?.branches.at(-1)?.negative ?? false;
    if (last.negative && !otherNeg) return 'Tidak';
    if (!last.negative && otherNeg) return 'Ya';
    return index === 0 ? 'Ya' : 'Tidak';
  }
  return last.name || `Cabang ${index + 1}`;
}

export function flattenSop(g: SopGraph, opts: FlattenOptions = {}): SopTable {
  const docLabel = opts.documentLabel ?? ((c: string) => c);
  const rowNodes = g.order.filter((id) => isRowNode(g.nodes[id]));
  const exits = new Map(rowNodes.map((id) => [id, taskExits(g, g.nodes[id]!)]));
  const startExits = g.order
    .map((id) => g.nodes[id]!)
    .filter((n) => n.type === 'startEvent' && !n.parent)
    .flatMap((n) => exitsOf(g, n.outgoing, { branches: [], notes: [], parallel: false }, new Set([n.id])));
  const initial = new Set(startExits.flatMap((e) => (e.target === 'end' ? [] : [e.target])));

  // Depth-first from the starts: discovery index (branch order) and back edges (loops).
  const index = new Map<string, number>();
  const back = new Set<string>();
  const onStack = new Set<string>();
  const dfs = (id: string) => {
    index.set(id, index.size);
    onStack.add(id);
    for (const e of exits.get(id) ?? []) {
      if (e.target === 'end') continue;
      if (onStack.has(e.target)) back.add(`${id}>${e.target}`);
      else if (!index.has(e.target)) dfs(e.target);
    }
    onStack.delete(id);
  };
  for (const id of initial) if (!index.has(id)) dfs(id);
  for (const id of rowNodes) if (!index.has(id)) dfs(id);

  // Flow order: a task comes after every task that leads to it (loops aside); among the ready
  // ones, the first discovered (the main branch before the side branch).
  const preds = new Map(rowNodes.map((id) => [id, new Set<string>()]));
  for (const id of rowNodes) for (const e of exits.get(id) ?? []) if (e.target !== 'end' && !back.has(`${id}>${e.target}`) && e.target !== id) preds.get(e.target)?.add(id);
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < rowNodes.length) {
    const ready = rowNodes.filter((id) => !done.has(id) && [...preds.get(id)!].every((p) => done.has(p)));
    const pick = (ready.length ? ready : rowNodes.filter((id) => !done.has(id))).sort((a, b) => index.get(a)! - index.get(b)!)[0]!;
    ordered.push(pick);
    done.add(pick);
  }
  const noOf = new Map(ordered.map((id, i) => [id, i + 1]));

  const rows: SopTableRow[] = [];
  let lastLane = 0;
  for (const id of ordered) {
    const n = g.nodes[id]!;
    const no = noOf.get(id)!;
    const ex = exits.get(id) ?? [];
    const keterangan: string[] = [];
    const lane = n.lane ?? lastLane;
    if (n.lane === undefined) keterangan.push('Tidak berada di lajur pelaksana: digambar di lajur kegiatan sebelumnya');
    lastLane = lane;
    const decisionExits = ex.filter((e) => e.branches.length > 0).length;
    const next: SopTransition[] = ex.map((e, i) => ({
      label: labelOf(e, decisionExits, i, ex.filter((x) => x.branches.length > 0)),
      branch: e.branches.at(-1)?.name || undefined,
      to: e.target === 'end' ? 'end' : noOf.get(e.target)!,
      endName: e.endName,
    }));
    const isDecision = decisionExits >= 2 && ex.every((e) => e.branches.length > 0 || e.target === 'end');
    const isStart = initial.has(id) && no === 1;
    const isEnd = ex.length > 0 && ex.every((e) => e.target === 'end');
    const shape: SopShape = isDecision ? 'decision' : isStart || isEnd || ex.length === 0 ? 'terminator' : 'process';

    if (n.type === 'callActivity') {
      const called = n.calledElement ? opts.processName?.(n.calledElement) : undefined;
      keterangan.push(`Lihat SOP ${called ? `"${called}" (${n.calledElement})` : (n.calledElement ?? '(tidak disebut)')}`);
    }
    if (n.type === 'serviceTask' || n.type === 'businessRuleTask' || n.type === 'scriptTask' || n.type === 'sendTask') keterangan.push('Dikerjakan otomatis oleh sistem');
    if (n.type === 'receiveTask') keterangan.push('Menunggu pesan masuk');
    if (n.multi) keterangan.push(`Dilakukan untuk setiap ${n.multi.collection ?? 'bagian'}${n.multi.sequential ? ' (berurutan)' : ' (bersamaan)'}`);
    if (n.loop) keterangan.push('Diulang sampai syaratnya terpenuhi');
    for (const e of ex) for (const note of e.notes) {
      const to = e.target === 'end' ? 'selesai' : `No. ${noOf.get(e.target)}`;
      const text = `Sebelum ${to}: ${note}`;
      if (!keterangan.includes(text)) keterangan.push(text);
    }
    const parallelTargets = ex.filter((e) => e.parallel && e.target !== 'end').map((e) => noOf.get(e.target as string)!);
    if (parallelTargets.length > 1) keterangan.push(`Dilanjutkan bersamaan ke No. ${parallelTargets.join(', ')}`);
    for (const t of next) {
      const plainNext = t.to === no + 1 && !t.label;
      if (plainNext) continue;
      if (parallelTargets.length > 1 && !t.label) continue;
      const where = t.to === 'end' ? `selesai${t.endName ? ` (${t.endName})` : ''}` : t.to <= no ? `kembali ke No. ${t.to}` : `ke No. ${t.to}`;
      const label = t.label ? `${t.label}${t.branch && t.branch !== t.label ? ` (${t.branch})` : ''}: ` : '';
      if (!label && t.to === 'end' && ex.length === 1) continue;
      keterangan.push(`${label}${where}`);
    }
    const iso = n.duration ? parseDuration(n.duration) : undefined;
    rows.push({
      no,
      id,
      activity: n.name || id,
      lane,
      shape,
      kelengkapan: n.documents.map(docLabel),
      waktuIso: n.duration,
      waktu: iso ? sopTimeText(sopTimeOf(iso)) : '',
      output: n.output ?? '',
      keterangan,
      next,
    });
  }
  return { lanes: g.lanes, rows };
}

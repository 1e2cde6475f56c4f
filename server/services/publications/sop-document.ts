/**
 * The SOP document of a published process (issue 20): reads the publication (in force, or the
 * one asked for), its identity block and flowchart rows, the office it is printed for, and hands
 * them to the layout in server/documents/.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { readSopGraph } from '../../documents/sop-graph.js';
import { flattenSop } from '../../documents/sop-rows.js';
import { sopDocumentHtml, sopDocumentPdf, type SopDocumentData } from '../../documents/sop-document.js';
import { getLatestPublication, getPublication, type Publication } from '../store/store.js';
import { getOffice, offeringOffices, officeLogo } from '../offices/offices.js';
import { requirementDocs } from './services-catalog.js';

async function publicationFor(db: Kysely<Database>, key: string, version?: number): Promise<Publication> {
  if (version !== undefined) return getPublication(db, 'process', key, version);
  const pub = (await getLatestPublication(db, 'process', key)) ?? undefined;
  if (!pub) throw new AppError('VERSION_NOT_FOUND', `Proses ${key} belum punya versi terbit yang berlaku`, { key });
  return pub;
}

/** The office the document is printed for: the one asked for, else the first that offers the process. */
async function officeFor(db: Kysely<Database>, key: string, officeKey?: string): Promise<{ key: string; name: string; address: string; logo?: { contentType: string; bytes: Uint8Array } } | undefined> {
  const chosen = officeKey ?? (await offeringOffices(db)).find((o) => o.processes.includes(key))?.key;
  if (!chosen) return undefined;
  const office = await getOffice(db, chosen);
  const logo = await officeLogo(db, chosen);
  return { key: office.key, name: office.name, address: office.address, ...(logo ? { logo } : {}) };
}

async function sopDocumentData(db: Kysely<Database>, key: string, opts: { version?: number; office?: string } = {}): Promise<SopDocumentData> {
  const pub = await publicationFor(db, key, opts.version);
  const graph = await readSopGraph(pub.content, key);
  const labels = new Map((graph.requirementsRuleSet ? await requirementDocs(db, graph.requirementsRuleSet) : []).map((d) => [d.code, d.label]));
  const called = [...new Set(Object.values(graph.nodes).flatMap((n) => (n.calledElement ? [n.calledElement] : [])))];
  const names = new Map(
    called.length ? (await db.selectFrom('documents').select(['key', 'name']).where('kind', '=', 'process').where('key', 'in', called).execute()).map((r) => [r.key, r.name]) : [],
  );
  const table = flattenSop(graph, { documentLabel: (c) => labels.get(c) ?? c, processName: (k) => names.get(k) ?? undefined });
  const office = (await officeFor(db, key, opts.office)) ?? { name: graph.agency ?? '', address: '' };
  return {
    key,
    title: graph.name,
    publication: { n: pub.n, effectiveFrom: pub.effectiveFrom, publishedAt: pub.publishedAt },
    office,
    identity: graph.identity,
    related: called.map((k) => `"${names.get(k) ?? k}" (${k})`),
    table,
  };
}

export async function sopDocument(db: Kysely<Database>, key: string, format: 'pdf', opts?: { version?: number; office?: string }): Promise<Uint8Array>;
export async function sopDocument(db: Kysely<Database>, key: string, format: 'html', opts?: { version?: number; office?: string }): Promise<string>;
export async function sopDocument(db: Kysely<Database>, key: string, format: 'pdf' | 'html', opts: { version?: number; office?: string } = {}): Promise<Uint8Array | string> {
  const data = await sopDocumentData(db, key, opts);
  if (format === 'pdf') return sopDocumentPdf(data);
  const q = new URLSearchParams();
  if (opts.version !== undefined) q.set('version', String(opts.version));
  if (opts.office) q.set('office', opts.office);
  const qs = q.toString();
  return sopDocumentHtml(data, { pdfHref: `/api/processes/${key}/sop-document.pdf${qs ? `?${qs}` : ''}` });
}

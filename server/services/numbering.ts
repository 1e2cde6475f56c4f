/**
 * The numbering service: document numbers per office, per document kind and per year, gap-free.
 * One statement advances the counter row (insert … on conflict do update … returning: the row is
 * locked until the caller's transaction ends, so concurrent issues queue on it and each gets the
 * next number) and reads the office's format in the same round trip. It must run inside the
 * transaction of the step that issues the document: a step that rolls back gives its number back,
 * so the numbers in use are 1..N without a hole.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { DEFAULT_NUMBER_FORMAT, formatNumber } from '../../core/numbering.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';

export interface IssuedNumber {
  number: string;
  seq: number;
  year: number;
  kind: string;
  office: string;
}

/** Asia/Jakarta (UTC+7, no daylight saving): the year and month a document is dated in. */
function jakartaYearMonth(at: Date): { year: number; month: number } {
  const d = new Date(at.getTime() + 7 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

export async function allocateDocumentNumber(conn: Kysely<Database> | Transaction<Database>, req: { office: string; kind: string; at: Date; defaultFormat?: string }): Promise<IssuedNumber> {
  const { year, month } = jakartaYearMonth(req.at);
  const { rows } = await sql<{ last: number; format: string | null; office_exists: boolean }>`
    with c as (
      insert into document_counters (office, kind, year, last) values (${req.office}, ${req.kind}, ${year}, 1)
      on conflict (office, kind, year) do update set last = document_counters.last + 1
      returning last
    )
    select c.last, o.numbering ->> ${req.kind} as format, true as office_exists from c join offices o on o.key = ${req.office}`.execute(conn);
  const r = rows[0];
  // The counter's foreign key refuses an unknown office before this.
  if (!r) throw new AppError('UNKNOWN_OFFICE', `Kantor "${req.office}" tidak dikenal`, { office: req.office });
  const seq = Number(r.last);
  return { number: formatNumber(r.format ?? req.defaultFormat ?? DEFAULT_NUMBER_FORMAT, { seq, year, month, office: req.office, kind: req.kind }), seq, year, kind: req.kind, office: req.office };
}

/**
 * The numbering service: document numbers per office, per document kind and per year, gap-free.
 * One statement advances the counter row (insert … on conflict do update … returning: the row is
 * locked until the caller's transaction ends, so concurrent issues queue on it and each gets the
 * next number) and reads the office's format in the same round trip. It must run inside the
 * transaction of the step that issues the document: a step that rolls back gives its number back,
 * so the numbers in use are 1..N without a hole. Better still, the counter rides in the statement
 * that writes the step (`allocationInStatement`: the registration with a start, the kasir's receipt
 * through NumberIssuer.withStep): its row is then locked only while that statement commits.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { defaultFormatOf, formatNumber, numberPieces } from '../../../core/numbering.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { jakartaCivil } from '../../../core/calendar-date.js';

export interface IssuedNumber {
  number: string;
  seq: number;
  year: number;
  kind: string;
  office: string;
}

/** The year and month a document is dated in (Asia/Jakarta). */
function jakartaYearMonth(at: Date): { year: number; month: number } {
  const d = jakartaCivil(at);
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
  return { number: formatNumber(r.format ?? req.defaultFormat ?? defaultFormatOf(req.kind), { seq, year, month, office: req.office, kind: req.kind }), seq, year, kind: req.kind, office: req.office };
}

/**
 * The same allocation as part of a larger statement that commits by itself (an application's
 * start writes its registration with its own rows: one statement, still gap-free since the counter
 * advances only if the whole statement does): the counter CTE named `name`, and the SQL of the
 * number it yields in `format` (the office's, which the caller knows: services/offices/calendars.ts keeps
 * the offices' formats). `value` writes a value into the statement (a parameter or a literal).
 */
export function allocationInStatement(
  req: { office: string; kind: string; at: Date; format: string },
  name: string,
  value: (v: unknown) => string,
): { cte: string; number: string } {
  const { year, month } = jakartaYearMonth(req.at);
  const cte =
    `${name} as (insert into document_counters (office, kind, year, last) values (${value(req.office)}, ${value(req.kind)}, ${value(year)}, 1) ` +
    `on conflict (office, kind, year) do update set last = document_counters.last + 1 returning last)`;
  const seq = `${name}.last::text`;
  // padStart's rule: pad to the width, never cut a longer number (lpad would cut it)
  const pieces = numberPieces(req.format, { year, month, office: req.office, kind: req.kind }).map((p) =>
    typeof p === 'string' ? `${value(p)}::text` : p.pad === null ? seq : `case when length(${seq}) >= ${p.pad} then ${seq} else lpad(${seq}, ${p.pad}, '0') end`,
  );
  return { cte, number: `concat(${pieces.join(', ')})` };
}

/**
 * True when a number of `format` at this office is written into JSON text as it is (no piece
 * that JSON would escape): then the statement can put it in place of a stand-in inside a JSON
 * document (runtime-step-statement.ts, step numbers) by plain text replacement.
 */
export function numberIsJsonSafe(req: { office: string; kind: string; at: Date; format: string }): boolean {
  const { year, month } = jakartaYearMonth(req.at);
  return numberPieces(req.format, { year, month, office: req.office, kind: req.kind }).every((p) => typeof p !== 'string' || JSON.stringify(p) === `"${p}"`);
}

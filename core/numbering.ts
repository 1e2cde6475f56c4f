/**
 * The grammar of document number formats, configured per office and document kind
 * (e.g. `503/{seq}/IMB/{office}/{year}`). Tokens: `{seq}` the running number, `{seq:N}` the same
 * zero-padded to N digits, `{year}` (four digits), `{month}` (two digits), `{office}` (the office's
 * key) and `{kind}` (the document kind). Anything else between braces is refused when the format
 * is saved, so a typo never reaches a signed document.
 */

export interface NumberParts {
  seq: number;
  year: number;
  /** 1–12 */
  month: number;
  office: string;
  kind: string;
}

/** Used when an office has no format of its own for a kind. */
export const DEFAULT_NUMBER_FORMAT = '{seq:4}/{kind}/{office}/{year}';

/**
 * The registration number every application gets at its start (issue 21): document kind
 * `pendaftaran`, an office may set its own format under that kind; by default `{office}-{year}-{seq:6}`
 * (e.g. `samsat-serang-2026-000042`): URL-safe, typable, counted per office and year.
 */
export const REGISTRATION_KIND = 'pendaftaran';
export const DEFAULT_REGISTRATION_FORMAT = '{office}-{year}-{seq:6}';
/**
 * The payment receipt (kwitansi / tanda bukti pembayaran) the kasir's step issues (issue 23): its
 * own kind, so an office numbers receipts apart from permits and assessments, by default
 * `KW/{seq:6}/{office}/{year}`; an admin sets the office's own under the kind `kwitansi` (Kantor).
 */
export const RECEIPT_KIND = 'kwitansi';
export const DEFAULT_RECEIPT_FORMAT = 'KW/{seq:6}/{office}/{year}';

/** The format of a kind for an office that has none of its own. */
export function defaultFormatOf(kind: string): string {
  if (kind === REGISTRATION_KIND) return DEFAULT_REGISTRATION_FORMAT;
  if (kind === RECEIPT_KIND) return DEFAULT_RECEIPT_FORMAT;
  return DEFAULT_NUMBER_FORMAT;
}

/** A registration number as typed by an applicant: trimmed, lower case (the default format is lower case). */
/**
 * What a person reads where an application or document has no number yet (issue 23): never an
 * internal id. The studio shows its catalogue's `common.unnumbered`; server texts (notices) this.
 */
export const UNNUMBERED = '(belum bernomor)';

export const normalRegistrationNumber = (typed: string): string => typed.trim().toLowerCase();

const TOKEN = /\{([^{}]*)\}/g;
const KNOWN = /^(seq(:([1-9]|1[0-2]))?|year|month|office|kind)$/;
const MAX_FORMAT_LENGTH = 120;

export interface FormatProblem {
  message: string;
  token?: string;
}

/**
 * Why a format cannot be used for `kind` (empty list: it can). Every format holds the running
 * number (`{seq}` or `{seq:N}`) and the year: the counters start again each year, so without
 * `{year}` January's numbers would repeat last year's. A registration number is also the
 * application's key on the public tracking page, unique over every office: its format holds
 * `{office}`, or two offices given the same format would number alike and the second could
 * register no one.
 */
export function formatProblems(format: string, kind?: string): FormatProblem[] {
  const out: FormatProblem[] = [];
  if (format.length === 0 || format.length > MAX_FORMAT_LENGTH) out.push({ message: `panjang format 1–${MAX_FORMAT_LENGTH} karakter` });
  let seq = false;
  const tokens = new Set<string>();
  for (const m of format.matchAll(TOKEN)) {
    if (!KNOWN.test(m[1])) out.push({ message: `token tidak dikenal: {${m[1]}}`, token: m[0] });
    if (m[1].startsWith('seq')) seq = true;
    tokens.add(m[1]);
  }
  // A lone brace is a typo of a token, not literal text.
  if (/[{}]/.test(format.replace(TOKEN, ''))) out.push({ message: 'kurung kurawal tidak berpasangan' });
  // Without the running number two documents would carry the same number.
  if (!seq) out.push({ message: 'format wajib memuat {seq} atau {seq:N}' });
  if (!tokens.has('year')) out.push({ message: 'format wajib memuat {year}: nomor urut dimulai lagi setiap tahun' });
  if (kind === REGISTRATION_KIND && !tokens.has('office')) out.push({ message: 'nomor pendaftaran wajib memuat {office}: nomor itu unik di semua kantor' });
  return out;
}

/** A format with every token but the running number filled in: text, and where `{seq}`/`{seq:N}` stand. */
export type NumberPiece = string | { seq: true; pad: number | null };

/** `format` (assumed valid) for `parts`, the running number left as a piece (the SQL allocation fills it). */
export function numberPieces(format: string, parts: Omit<NumberParts, 'seq'>): NumberPiece[] {
  const out: NumberPiece[] = [];
  let at = 0;
  for (const m of format.matchAll(TOKEN)) {
    out.push(format.slice(at, m.index));
    at = m.index + m[0].length;
    const token = m[1];
    if (token === 'seq') out.push({ seq: true, pad: null });
    else if (token.startsWith('seq:')) out.push({ seq: true, pad: Number(token.slice(4)) });
    else if (token === 'year') out.push(String(parts.year).padStart(4, '0'));
    else if (token === 'month') out.push(String(parts.month).padStart(2, '0'));
    else if (token === 'office') out.push(parts.office);
    else if (token === 'kind') out.push(parts.kind);
    else out.push(m[0]);
  }
  out.push(format.slice(at));
  return out.filter((p) => p !== '');
}

/** The number for `parts` in `format` (assumed valid: see formatProblems). */
export function formatNumber(format: string, parts: NumberParts): string {
  return numberPieces(format, parts)
    .map((p) => (typeof p === 'string' ? p : p.pad === null ? String(parts.seq) : String(parts.seq).padStart(p.pad, '0')))
    .join('');
}

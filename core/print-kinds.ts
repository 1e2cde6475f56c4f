/**
 * Which print kinds an application has produced (issue 23, point 4): a document exists only when
 * the application's course produced it — a rejection letter only for an application that reached
 * a rejection, a permit or decree only once issued or handed over at the end, fee documents only
 * once a fee was computed. The print routes (HTML and PDF), the task page's print buttons and the
 * tests all ask this one function; the server reads the facts (server/documents/produced.ts).
 */
import type { PrintKind } from './access.js';

/** A step's output that is a refusal letter ("Surat penolakan"), not a decree that may also refuse ("SK Bebas BPHTB / Penolakan"). */
export function isRejectionOutput(output: string | null | undefined): boolean {
  const o = output ?? '';
  // "penolakan" does not contain "tolak": both roots are named
  return /tolak|penolakan/i.test(o) && !/keputusan|keterangan|\bSK\b/i.test(o);
}

/** Which signed kind a signing step's output names: a decree (SK) or a permit. */
export function signedKindOf(output: string | null | undefined): 'izin' | 'sk' {
  return /keputusan|\bSK\b/i.test(output ?? '') ? 'sk' : 'izin';
}

/** The document an application hands over at its end, named by the last step's output ("Izin Reklame", "SKPD", "Surat penolakan"). */
export function resultKindOf(output: string): 'izin' | 'sk' | 'skpd' | 'skrd' | 'surat-penolakan' {
  if (isRejectionOutput(output)) return 'surat-penolakan';
  if (/skpd/i.test(output)) return 'skpd';
  if (/skrd/i.test(output)) return 'skrd';
  if (/keputusan|keterangan|\bSK\b/i.test(output)) return 'sk';
  return 'izin';
}

export interface OutcomeFacts {
  /** the outputs (`sop:output`) of the steps the application reached: done, or open now */
  reached: ReadonlyArray<string | null | undefined>;
  /** a fee nota the system computed (variables.sys) */
  fees: boolean;
  /**
   * Which assessments the notas are (feeAssessments): a regional tax's (SKPD) or a regional
   * retribution's (SKRD). Absent: not known, both are offered.
   */
  assessments?: { skpd: boolean; skrd: boolean };
  /** an SPPDKB (underpayment) nota among them */
  sppdkb: boolean;
  /** a rule evaluation found the application outside the office's remit */
  ineligible: boolean;
  /** kinds a step issued (issued_documents, valid) */
  issued: readonly PrintKind[];
  /**
   * The kasir's payment (issue 23): true once recorded, false while a payment step of the process
   * (or of the process it calls) has not recorded it; absent when the process takes no payment at
   * a kasir step. The receipt (kwitansi) exists only for a payment received.
   */
  paid?: boolean;
  /** the output of the step before the end event a completed application reached, null while running */
  result: string | null;
}

/** The kinds, in the order offices hand them over. */
const PRINT_ORDER: readonly PrintKind[] = ['tanda-terima', 'nota', 'skpd', 'skrd', 'sppdkb', 'kwitansi', 'surat-penolakan', 'sk', 'izin'];

export function producedKinds(f: OutcomeFacts): PrintKind[] {
  const resultKind = f.result !== null ? resultKindOf(f.result) : null;
  const rejected = f.ineligible || resultKind === 'surat-penolakan' || f.reached.some(isRejectionOutput);
  const has: Record<PrintKind, boolean> = {
    // every application was received (its start is the receipt of the file)
    'tanda-terima': true,
    nota: f.fees,
    skpd: f.fees && (f.assessments?.skpd ?? true),
    skrd: f.fees && (f.assessments?.skrd ?? true),
    sppdkb: f.sppdkb,
    kwitansi: f.fees && f.paid !== false,
    'surat-penolakan': rejected,
    sk: f.issued.includes('sk') || resultKind === 'sk',
    izin: f.issued.includes('izin') || (resultKind === 'izin' && !rejected),
  };
  return PRINT_ORDER.filter((k) => has[k]);
}

/**
 * What the fee lines assess: a retribution (SKRD, Surat Ketetapan Retribusi Daerah) when a line is
 * named "retribusi", else a regional tax (SKPD, Surat Ketetapan Pajak Daerah: PKB, BBNKB, BPHTB).
 * Izin Reklame's nota is a retribution and has no SKPD; Samsat's is a tax and has no SKRD.
 */
export function feeAssessments(notas: ReadonlyArray<{ fees: ReadonlyArray<{ label: string }> }>): { skpd: boolean; skrd: boolean } {
  const retribution = (n: { fees: ReadonlyArray<{ label: string }> }) => n.fees.some((f) => /retribusi/i.test(f.label));
  return { skpd: notas.some((n) => !retribution(n)), skrd: notas.some(retribution) };
}

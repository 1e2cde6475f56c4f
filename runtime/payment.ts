/**
 * The kasir's step (issue 23): a user task with `sop:handler="receive-payment"` records the
 * payment of what the fee notas say is due. The kasir types the amount received (decimal rupiah,
 * a string) and the method; the step refuses less than is due before anything is issued, then the
 * numbering service gives the receipt its number (kind `kwitansi`, the office's format) in the
 * step's own transaction, and the whole record lands among the system's results
 * (`variables.sys.pembayaran`), where no form can write it: the receipt, the history and the
 * applicant's status page read it only from there.
 */
import { formatRupiah, rupiahSen, senToRupiah, wholeRupiah } from '../core/money.js';
import type { Variables } from './conditions.js';
import { RuntimeError } from './errors.js';
import { feeNotas, notasOwed, sumTotals } from './fee-notas.js';
import { systemResults } from './inputs.js';

/** The handler that makes a user task the kasir's payment step. */
export const PAYMENT_HANDLER = 'receive-payment';
/** Where the payment's record lives among the system's results. */
export const PAYMENT_RESULT = 'pembayaran';

export const PAYMENT_METHODS = ['tunai', 'transfer', 'qris', 'kartu'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const AMOUNT = 'jumlahDiterima';
const METHOD = 'metodePembayaran';

/**
 * The payment step's own inputs (accepted at that step only, beside its form): `writeOnly`, so
 * they reach the step and never the application's variables; what stays is the system's record.
 */
export const PAYMENT_FIELDS: Record<string, Record<string, unknown>> = {
  [AMOUNT]: { type: 'string', pattern: '^[0-9]{1,15}([.][0-9]{1,2})?$', maxLength: 18, writeOnly: true },
  [METHOD]: { type: 'string', enum: [...PAYMENT_METHODS], writeOnly: true },
};

/** What the step records (`variables.sys.pembayaran`, the history entry's `details.pembayaran`). */
export interface PaymentRecord {
  /** due by the fee notas, whole rupiah */
  tagihan: string;
  diterima: string;
  kembalian: string;
  metode: PaymentMethod;
  nomorBukti: string;
  diterimaPada: string;
  /** the kasir (user id) */
  diterimaOleh: string;
}

/** The amount due by the application's fee notas (whole rupiah), or null when no fee was computed. */
export function amountDue(variables: Variables): string | null {
  const notas = feeNotas(variables);
  // a nota recomputed by the same rule set replaces the earlier one (fee-notas.ts notasOwed)
  return notas.length > 0 ? sumTotals(notasOwed(notas)) : null;
}

/** The payment an application recorded (from the system's results only), if any. */
export function paymentOf(variables: Variables): PaymentRecord | null {
  const p = systemResults(variables)[PAYMENT_RESULT] as Partial<PaymentRecord> | undefined;
  return p && typeof p === 'object' && typeof p.nomorBukti === 'string' && typeof p.diterima === 'string' ? (p as PaymentRecord) : null;
}

const refuse = (message: string, extra: Variables = {}) =>
  new RuntimeError('VARIABLES_INVALID', message, { paths: [`/${AMOUNT}`], errors: [{ path: `/${AMOUNT}`, message }], ...extra });

/**
 * The payment a kasir's completion states, checked against what is due: throws (nothing issued,
 * nothing stored) when no fee was computed, the amount is missing or less than due.
 */
export function checkPayment(variables: Variables, inputs: Variables): Omit<PaymentRecord, 'nomorBukti' | 'diterimaPada' | 'diterimaOleh'> {
  const due = amountDue(variables);
  if (due === null) throw new RuntimeError('PAYMENT_NOTHING_DUE', 'Belum ada perhitungan biaya (nota/SKRD) untuk dibayar pada permohonan ini', {});
  const typed = inputs[AMOUNT];
  const received = typeof typed === 'string' ? rupiahSen(typed) : undefined;
  if (received === undefined) throw refuse('jumlah diterima wajib diisi (rupiah, mis. 150000)');
  const dueSen = wholeRupiah(due) * 100n;
  if (received < dueSen) {
    throw new RuntimeError('PAYMENT_TOO_LOW', `Jumlah diterima ${formatRupiah(senToRupiah(received))} kurang dari tagihan ${formatRupiah(due)}`, {
      paths: [`/${AMOUNT}`],
      errors: [{ path: `/${AMOUNT}`, message: `kurang dari tagihan ${formatRupiah(due)}` }],
      due,
      received: senToRupiah(received),
    });
  }
  const method = inputs[METHOD];
  return { tagihan: due, diterima: senToRupiah(received), kembalian: senToRupiah(received - dueSen), metode: (typeof method === 'string' ? method : 'tunai') as PaymentMethod };
}

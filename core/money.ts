/**
 * Rupiah as people read it: whole rupiah, dots between thousands ("Rp 1.250.000"), and in
 * words ("satu juta dua ratus lima puluh ribu rupiah", the "terbilang" line of an official
 * document). Amounts travel as decimal strings (never floats); rounding is half up to whole
 * rupiah, done on the digits with BigInt so no amount loses precision.
 */

/** Whole rupiah of a decimal string, rounded half up (away from zero for negatives). */
export function wholeRupiah(amount: string): bigint {
  const m = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(amount);
  if (!m) throw new RangeError(`not a decimal amount: ${amount}`);
  const [, sign, int, frac = ''] = m;
  let whole = BigInt(int);
  if (frac.length > 0 && frac.charCodeAt(0) >= 53 /* '5' */) whole += 1n;
  return sign === '-' ? -whole : whole;
}

/** Digits with dots between thousands: 1250000 → "1.250.000". */
function groupThousands(n: bigint): string {
  return (n < 0n ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "Rp 1.250.000", "-Rp 100.000"; `{ prefix: false }` gives "1.250.000". */
export function formatRupiah(amount: string, opts: { prefix?: boolean } = {}): string {
  const n = wholeRupiah(amount);
  const body = opts.prefix === false ? groupThousands(n) : `Rp ${groupThousands(n)}`;
  return n < 0n ? `-${body}` : body;
}

const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];

/** 1–999 in words ("seratus dua belas"). */
function hundreds(n: number): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 1) words.push('seratus');
  else if (h > 1) words.push(ONES[h], 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(ONES[rest - 10], 'belas');
  else {
    const tens = Math.floor(rest / 10);
    if (tens > 0) words.push(ONES[tens], 'puluh');
    if (rest % 10 > 0) words.push(ONES[rest % 10]);
  }
  return words;
}

/** A whole number in Indonesian words: 1000 → "seribu", 1001000 → "satu juta seribu". */
export function terbilang(n: bigint): string {
  if (n === 0n) return 'nol';
  if (n < 0n) return `minus ${terbilang(-n)}`;
  const groups: number[] = [];
  for (let x = n; x > 0n; x /= 1000n) groups.push(Number(x % 1000n));
  if (groups.length > SCALES.length) throw new RangeError('amount too large to spell');
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) continue;
    // "seribu", not "satu ribu"; but "satu juta", "satu miliar"
    if (g === 1 && i === 1) words.push('seribu');
    else words.push(...hundreds(g), ...(SCALES[i] ? [SCALES[i]] : []));
  }
  return words.join(' ');
}

/** The terbilang line of a document: "satu juta dua ratus lima puluh ribu rupiah". */
export function terbilangRupiah(amount: string): string {
  return `${terbilang(wholeRupiah(amount))} rupiah`;
}

/**
 * Rupiah with at most two decimals (sen) as a whole number of sen: "150000" → 15000000n,
 * "150000.5" → 15000050n. An amount someone typed (the kasir's amount received); undefined when it
 * is not such a decimal (never a float, no sign, no thousands dots).
 */
export function rupiahSen(amount: string): bigint | undefined {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) return undefined;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** Sen back to a decimal rupiah string: 15000000n → "150000", 15000050n → "150000.50". */
export function senToRupiah(sen: bigint): string {
  const sign = sen < 0n ? '-' : '';
  const abs = sen < 0n ? -sen : sen;
  const rest = abs % 100n;
  return `${sign}${abs / 100n}${rest === 0n ? '' : `.${rest.toString().padStart(2, '0')}`}`;
}

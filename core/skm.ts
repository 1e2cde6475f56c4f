/**
 * Survei Kepuasan Masyarakat (Permenpan-RB 14/2017; figures in REGULATIONS.md): the nine
 * standard items, each answered 1–4, and the Indeks Kepuasan Masyarakat. Per item the mean
 * (NRR, nilai rata-rata); each weighted 0.111 as the regulation writes it (not 1/9); IKM =
 * Σ NRR × 0.111; the unit's IKM = IKM × 25; the quality category by the regulation's intervals.
 */

export const SKM_ITEMS = [
  { code: 'U1', id: 'Persyaratan', en: 'Requirements' },
  { code: 'U2', id: 'Sistem, mekanisme dan prosedur', en: 'System, mechanism and procedure' },
  { code: 'U3', id: 'Waktu penyelesaian', en: 'Completion time' },
  { code: 'U4', id: 'Biaya/tarif', en: 'Cost/tariff' },
  { code: 'U5', id: 'Produk spesifikasi jenis pelayanan', en: 'Service products' },
  { code: 'U6', id: 'Kompetensi pelaksana', en: 'Staff competence' },
  { code: 'U7', id: 'Perilaku pelaksana', en: 'Staff conduct' },
  { code: 'U8', id: 'Penanganan pengaduan, saran dan masukan', en: 'Handling of complaints, suggestions and input' },
  { code: 'U9', id: 'Sarana dan prasarana', en: 'Facilities' },
] as const;

export const SKM_WEIGHT = 0.111;

export type SkmCategory = 'A' | 'B' | 'C' | 'D';
export const SKM_CATEGORY_LABEL: Record<SkmCategory, string> = { A: 'Sangat baik', B: 'Baik', C: 'Kurang baik', D: 'Tidak baik' };

/** One respondent's nine answers: each an integer 1–4. */
export function validAnswers(a: unknown): a is number[] {
  return Array.isArray(a) && a.length === SKM_ITEMS.length && a.every((x) => Number.isInteger(x) && x >= 1 && x <= 4);
}

export interface IkmResult {
  respondents: number;
  /** per item: the sum of the answers and the mean (NRR), 3 decimals as the report table shows */
  items: Array<{ code: string; sum: number; nrr: number; weighted: number }>;
  /** Σ NRR × 0.111 (1–4 scale), 3 decimals */
  ikm: number;
  /** the unit's IKM (× 25), 2 decimals */
  unitIkm: number;
  category: SkmCategory;
}

/** The category of a unit IKM (25–100 scale): 25.00–64.99 D, 65.00–76.60 C, 76.61–88.30 B, 88.31–100 A. */
export function ikmCategory(unitIkm: number): SkmCategory {
  if (unitIkm >= 88.31) return 'A';
  if (unitIkm >= 76.61) return 'B';
  if (unitIkm >= 65) return 'C';
  return 'D';
}

/**
 * The IKM from the per-item sums of `respondents` answers. Computed from the exact sums: the unit
 * IKM = 25 × 0.111 × Σ sum_i / n = 2775 × Σ sum_i / (1000 n), rounded once at the end (the
 * per-item figures are rounded for display only). Null without respondents.
 */
export function computeIkm(sums: readonly number[], respondents: number): IkmResult | null {
  if (respondents <= 0) return null;
  if (sums.length !== SKM_ITEMS.length) throw new Error('nine item sums expected');
  const total = sums.reduce((a, b) => a + b, 0);
  const unitIkm = Math.round((2775 * total) / (10 * respondents)) / 100;
  return {
    respondents,
    // Thousandths from integers (111 = 0.111 × 1000), so a half is a half, not 0.4999….
    items: SKM_ITEMS.map((it, i) => ({ code: it.code, sum: sums[i], nrr: Math.round((1000 * sums[i]) / respondents) / 1000, weighted: Math.round((111 * sums[i]) / respondents) / 1000 })),
    ikm: Math.round((111 * total) / respondents) / 1000,
    unitIkm,
    category: ikmCategory(unitIkm),
  };
}

/** The IKM of individual responses (each nine answers). */
export function ikmOfResponses(responses: ReadonlyArray<readonly number[]>): IkmResult | null {
  const sums = SKM_ITEMS.map((_, i) => responses.reduce((a, r) => a + r[i], 0));
  return computeIkm(sums, responses.length);
}

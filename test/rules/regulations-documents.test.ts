/**
 * The regulator's check of the amounts the printed documents carry (nota, SKPD, kwitansi),
 * whole applications of the shipped library on the server's runtime (PGlite): what the wajib
 * pajak is told to pay, or has paid, is the tax the regulation gives, counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentContent } from '../../server/documents/content.js';
import { openLibraryDb, type LibraryDb } from '../processes/support/library-db.js';
import { runScenario } from '../processes/support/scenario.js';

describe('amounts on printed fee documents (PGlite)', () => {
  let lib: LibraryDb;
  beforeAll(async () => {
    lib = await openLibraryDb('pglite');
  }, 120_000);
  afterAll(async () => lib?.close());

  it('B.3 pengurangan by SK (Perwal Depok 31/2023): jual beli 250 jt, self-assessed 40 % off, SK grants 25 % → BPHTB paid in all 9.500.000 × 75 % = 7.125.000, not the two computations added', async () => {
    const r = await runScenario(lib, {
      processKey: 'bphtb-b3-pengurangan',
      office: 'bapenda-depok',
      starterRole: 'petugas-loket',
      variables: { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000, reductionPercent: 40 },
      script: { terima_berkas: { berkasLengkap: true }, ttd_sk: { kurangBayar: true, reductionPercent: 25 } },
    });
    expect(r.status).toBe('completed');
    for (const kind of ['nota', 'kwitansi'] as const) {
      const c = await documentContent(lib.db, r.instanceId, kind);
      expect(c.amount?.figure, kind).toBe('Rp 7.125.000');
      expect(c.amount?.words, kind).toMatch(/^tujuh juta seratus dua puluh lima ribu rupiah$/i);
    }
  });

  it('B.1 with an SPPDKB: jual beli 250 jt (BPHTB 9.500.000) and kurang bayar 1.000.000 terlambat 2 bulan (bunga 40.000) → nota 10.540.000; the SPPDKB 1.040.000 alone (UU 28/2009 Pasal 97)', async () => {
    const r = await runScenario(lib, {
      processKey: 'bphtb-b1-validasi-sspd',
      office: 'bapenda-depok',
      starterRole: 'petugas-loket',
      variables: { acquisition: 'jual-beli', transactionValue: 250_000_000, njop: 200_000_000 },
      script: {
        terima_berkas: { berkasLengkap: true },
        teliti_berkas: { perluPenelitianLapangan: false },
        simpulkan: { indikasiKurangBayar: true },
        teliti_penagihan: { kurangBayar: true, underpaid: 1_000_000, monthsLate: 2 },
      },
    });
    expect(r.status).toBe('completed');
    expect((await documentContent(lib.db, r.instanceId, 'nota')).amount?.figure).toBe('Rp 10.540.000');
    expect((await documentContent(lib.db, r.instanceId, 'sppdkb')).amount?.figure).toBe('Rp 1.040.000');
  });
});

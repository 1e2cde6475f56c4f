/**
 * SIPEKA DPMPTSP Banten run through the real runtime on a real database: administrative
 * check at DPMPTSP, the technical check and the technical review at each of the 13 OPD
 * teknis (one task per OPD, in that OPD's office), Bapenda's tax clearance with the arrears
 * loop, the digital paraf chain Kasi → Kabid → Kadis (each refusal sends the draft back),
 * the electronic signatures (the recommendation letter by the `sign-document` service task, the
 * permit by the Kadis at a signing step: PAdES under the local CA),
 * and the applicant's download.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemResults } from '../../runtime/inputs.js';
import { databaseKinds } from '../helpers/db.js';
import { openLibraryDb, type LibraryDb } from './support/library-db.js';
import { expectLoopsTaken, handOvers, runScenario, type Script } from './support/scenario.js';

const OFFICE = 'dpmptsp-banten';
const offices = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../../processes/offices.json'), 'utf8')) as Array<{ key: string; agency: string }>;
const ALL_OPD = offices.filter((o) => o.agency === 'opd-banten').map((o) => o.key);

const approve: Script = {
  verifikasi_adm: { berkasLengkap: true },
  rekap_teknis: { persyaratanTeknisLengkap: true },
  rekap_rekomendasi: { rekomendasiTeknisPositif: true },
  tax_clearance: { pajakLunas: true },
  paraf_kasi_rek: { parafKasiSetuju: true },
  paraf_kasi: { parafKasiSetuju: true },
  paraf_kabid: { parafKabidSetuju: true },
  sahkan_izin: { pengesahanSetuju: true },
};

describe.each(databaseKinds)('SIPEKA permit flow on the runtime (%s)', (kind) => {
  let lib: LibraryDb;
  beforeAll(async () => {
    lib = await openLibraryDb(kind);
  });
  afterAll(async () => lib?.close());

  it('happy path: all 13 OPD teknis verify and review in their own office, paraf chain, two e-signatures, download', async () => {
    expect(ALL_OPD).toHaveLength(13);
    const r = await runScenario(lib, { processKey: 'sipeka-perizinan', office: OFFICE, starterRole: 'petugas-fo', variables: { opdList: ALL_OPD }, script: approve });
    expect(r.status).toBe('completed');
    expect(handOvers(r.roles)).toEqual([
      'pemohon', 'petugas-fo', 'opd-teknis', 'petugas-fo', 'petugas-bapenda', 'petugas-fo', 'kasi', 'kabid', 'opd-teknis', 'petugas-fo', 'kasi', 'kabid', 'kadis', 'pemohon',
    ]);
    for (const step of ['verifikasi_teknis', 'kajian_teknis']) {
      const done = r.trail.filter((t) => t.element === step);
      expect(done.map((t) => t.office).sort(), `${step}: one task per OPD, in that OPD's office`).toEqual([...ALL_OPD].sort());
    }
    expect(r.trail.filter((t) => t.role !== 'opd-teknis').every((t) => t.office === OFFICE)).toBe(true);
    // The paraf chain is recorded in order, each by its own post.
    const chain = r.trail.filter((t) => ['paraf_kasi', 'paraf_kabid', 'sahkan_izin'].includes(t.element)).map((t) => t.role);
    expect(chain).toEqual(['kasi', 'kabid', 'kadis']);
    // Signed by the Kadis at the signing step (issued, stored, verifiable) before the applicant downloads.
    const download = r.trail.find((t) => t.element === 'unduh')!;
    expect(systemResults(download.variables).documentSignedBy).toBe('Pejabat kadis');
    expect(systemResults(download.variables).documentSignature).toMatch(/^pades-sha256:[0-9a-f]{64}$/);
    const issued = await lib.db.selectFrom('issued_documents').select(['kind', 'status', 'signed', 'number']).where('instance_id', '=', r.instanceId).execute();
    expect(issued).toEqual([{ kind: 'izin', status: 'valid', signed: true, number: systemResults(r.variables).documentNumber }]);
    // The permit's number comes from the numbering service in DPMPTSP's format (processes/offices.json).
    expect(systemResults(r.variables).documentNumber).toMatch(/^503\/\d{4}\/DPMPTSP\/\d{2}\/\d{4}$/);
    expect(r.elements.at(-1)).toBe('unduh');
  });

  it('each loop once: incomplete file, technical shortfall found by an OPD (back to the applicant with its notes), tax arrears paid, paraf refused by Kasi (twice: letter and permit), by Kabid and by Kadis', async () => {
    const opd = ALL_OPD.slice(0, 2);
    const r = await runScenario(lib, {
      processKey: 'sipeka-perizinan',
      office: OFFICE,
      starterRole: 'petugas-fo',
      variables: { opdList: opd },
      script: {
        verifikasi_adm: [{ berkasLengkap: false }, { berkasLengkap: true }],
        verifikasi_teknis: [{ catatanTeknis: 'Gambar teknis belum ditandatangani' }, {}],
        rekap_teknis: [{ persyaratanTeknisLengkap: false }, { persyaratanTeknisLengkap: true }],
        rekap_rekomendasi: { rekomendasiTeknisPositif: true },
        tax_clearance: [{ pajakLunas: false }, { pajakLunas: true }],
        paraf_kasi_rek: [{ parafKasiSetuju: false }, { parafKasiSetuju: true }],
        paraf_kasi: [{ parafKasiSetuju: false }, { parafKasiSetuju: true }],
        paraf_kabid: [{ parafKabidSetuju: false }, { parafKabidSetuju: true }],
        sahkan_izin: [{ pengesahanSetuju: false }, { pengesahanSetuju: true }],
      },
    });
    expect(r.status).toBe('completed');
    expectLoopsTaken(r.elements, [
      ['verifikasi_adm', 'ajukan'],
      ['rekap_teknis', 'ajukan'],
      ['tax_clearance', 'lunasi'],
      ['paraf_kasi_rek', 'entry_rekomendasi'],
      ['paraf_kasi', 'draf_izin'],
      ['paraf_kabid', 'draf_izin'],
      ['sahkan_izin', 'draf_izin'],
    ]);
    // After paying the arrears the applicant goes back to Bapenda's tax clearance.
    expect(r.elements[r.elements.indexOf('lunasi') + 1]).toBe('tax_clearance');
    expect(r.trail.find((t) => t.element === 'lunasi')!.role).toBe('pemohon');
    expect(r.trail.filter((t) => t.element === 'kajian_teknis').map((t) => t.office).sort()).toEqual([...opd].sort());
    // The applicant's second application step sees the OPD's note on the shortfall.
    const again = r.trail.filter((t) => t.element === 'ajukan')[2];
    expect(JSON.stringify(again.variables.verifikasi_teknisResults)).toContain('Gambar teknis belum ditandatangani');
  });

  it('a negative OPD recommendation leads to the rejection letter, not to approval', async () => {
    const r = await runScenario(lib, {
      processKey: 'sipeka-perizinan',
      office: OFFICE,
      starterRole: 'petugas-fo',
      variables: { opdList: ALL_OPD.slice(0, 1) },
      script: { ...approve, rekap_rekomendasi: { rekomendasiTeknisPositif: false } },
    });
    expect(r.status).toBe('completed');
    expect(r.elements.slice(r.elements.indexOf('kajian_teknis'))).toEqual(['kajian_teknis', 'rekap_rekomendasi', 'surat_tolak']);
    expect(r.elements).not.toContain('sahkan_izin');
  });
});

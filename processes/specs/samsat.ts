/**
 * Samsat Banten — SK Kepala Bapenda Provinsi Banten 2022, SOP 01–09 (PND), and the shared
 * payment process the SOPs name under "Keterkaitan: SOP Pembayaran".
 *
 * Reading of the scanned tables: the performer columns are recovered from the column
 * headers and the flow text; "Menyerahkan formulir SPPKB kepada …" in row 1 of SOP 02–09 is
 * the Wajib Pajak handing in the filled form (its output is the "Tanda terima penyerahan
 * SPPKB" and its "Persyaratan" column is what the applicant brings), while in SOP 01 row 1
 * the officer hands the blank form out and row 2 is the applicant filling it in.
 */
import { call, decide, end, FACT_DIKUASAKAN, identityAndProxy, rule, start, user, when } from './helpers.js';
import type { LaneSpec, ProcessSpec, RequirementDoc, RequirementsSpec, StepSpec } from './types.js';
import { V } from './variables.js';

const AGENCY = 'samsat-banten';
const SK = 'SK Kepala Bapenda Provinsi Banten 2022 tentang SOP Pelayanan Samsat';
const EFFECTIVE = '2022-09-30';
const STARTERS = ['pemohon', 'petugas-pendaftaran'];

const LEGAL = [
  { regulation: 'Peraturan Presiden Nomor 5 Tahun 2015', text: 'Penyelenggaraan Sistem Administrasi Manunggal Satu Atap Kendaraan Bermotor' },
  { regulation: 'Peraturan Daerah Provinsi Banten Nomor 1 Tahun 2011 jo. Nomor 4 Tahun 2019', text: 'Pajak Daerah' },
  { regulation: 'Peraturan Gubernur Banten Nomor 12 Tahun 2021', text: 'Petunjuk pelaksanaan Perda Pajak Daerah' },
];

const L: Record<string, LaneSpec> = {
  pendaftaran: { id: 'pendaftaran', name: 'Petugas Pendaftaran dan Pendataan', role: 'petugas-pendaftaran', supervisorRole: 'kasi' },
  wp: { id: 'wp', name: 'Wajib Pajak', role: 'pemohon' },
  kepolisian: { id: 'kepolisian', name: 'Petugas Pendaftaran Kepolisian', role: 'petugas-kepolisian', supervisorRole: 'kasi' },
  penetapan: { id: 'penetapan', name: 'Petugas Penetapan', role: 'petugas-penetapan', supervisorRole: 'kasi' },
  korektor: { id: 'korektor', name: 'Korektor', role: 'korektor', supervisorRole: 'kasi' },
  kasir: { id: 'kasir', name: 'Petugas Kasir', role: 'kasir', supervisorRole: 'kasi' },
  fiskal: { id: 'fiskal', name: 'Petugas Fiskal', role: 'petugas-fiskal', supervisorRole: 'kasi' },
  kasi: { id: 'kasi', name: 'Kepala Seksi Pendataan dan Penetapan', role: 'kasi', supervisorRole: 'kepala-upt' },
  kaupt: { id: 'kaupt', name: 'Kepala UPT', role: 'kepala-upt' },
};
const lanes = (...ids: string[]) => ids.map((id) => L[id]);

function requirements(sop: string, title: string, documents: RequirementDoc[], extra: Partial<RequirementsSpec> = {}): RequirementsSpec {
  return {
    title: `Persyaratan ${title}`,
    legalBasis: [{ regulation: SK, article: `SOP ${sop}`, text: 'Kolom Persyaratan/Kelengkapan, kegiatan 1' }, ...LEGAL.slice(0, 1)],
    effectiveFrom: EFFECTIVE,
    facts: { dikuasakan: FACT_DIKUASAKAN, ...(extra.facts ?? {}) },
    documents,
    tests: extra.tests ?? [{ name: 'Wajib pajak datang sendiri', facts: {} }, { name: 'Diwakilkan dengan surat kuasa', facts: { dikuasakan: true } }],
    ...(extra.assumption ? { assumption: true, assumptionNotes: extra.assumptionNotes } : {}),
  };
}

const FORM = { code: 'FORMULIR-SPPKB', label: 'Formulir permohonan (SPPKB) yang telah diisi' };
const CEK_FISIK = { code: 'CEK-FISIK', label: 'Hasil cek fisik kendaraan' };
const STNK = { code: 'STNK', label: 'STNK asli' };
const BPKB = { code: 'BPKB', label: 'BPKB asli' };
const ID_WP = identityAndProxy('Identitas wajib pajak (KTP / identitas badan)');

/** The payment every assessing SOP hands over to (Keterkaitan: SOP Pembayaran). */
const pay = (id: string, lane: string, duration?: string) =>
  call(id, lane, 'SOP Pembayaran: membayar PKB/BBNKB di kasir', 'samsat-pembayaran', {
    inputs: 'notaPkb',
    ...(duration ? { duration } : {}),
    output: 'SKPD lunas',
    instruction: 'Keterkaitan: SOP Pembayaran',
  });

/** The Samsat services of samsat-fees (`service`: which PNBP lines the nota carries). */
type SamsatService = 'baru' | 'tahunan' | 'lima-tahunan' | 'mutasi-masuk' | 'mutasi-keluar' | 'rubah-bentuk' | 'stnk-hilang' | 'lelang';

/**
 * The computation before penetapan. Each model binds its own `service` as a constant fact
 * (`sop:facts`): it selects the PNBP lines, and no form an applicant or officer fills in can
 * change it.
 */
const fees = (service: SamsatService, id = 'hitung_pkb') =>
  rule(id, 'penetapan', 'Menghitung PKB, BBNKB, SWDKLLJ dan PNBP (tarif yang berlaku)', 'samsat-fees', 'notaPkb', {
    // SOP 01 is the new vehicle: its first transfer always owes BBNKB I (REGULATIONS.md, BBNKB I:
    // 12.5 % before 5 January 2025, 12 % + opsen from then), whatever the counter enters.
    facts: service === 'baru' ? { service, transfer: 'first' } : { service },
    output: 'Perhitungan PKB/BBNKB, SWDKLLJ dan PNBP',
    instruction:
      'Dihitung dari NJKB, bobot, urutan kepemilikan (progresif) dan tarif pada tanggal permohonan; bila ada tunggakan, dari tanggal jatuh tempo tahun pajak tertua: PKB, denda dan SWDKLLJ per tahun pajak',
  });

/**
 * The counter's entry form before the computation: a second or later vehicle's engine size must
 * be entered (the Samsat data contract; it decides the progressive rate of a tax year due before
 * 5 January 2025, Perda Banten 1/2011 jo. 4/2019); samsat-fees refuses the computation without it.
 */
const COUNTER_FORM = JSON.stringify({
  schema: {
    type: 'object',
    if: {
      required: ['ownershipOrder'],
      properties: { ownershipOrder: { type: 'integer', minimum: 2 } },
    },
    then: { required: ['engineCc'] },
  },
});

/** Rows "WP menyerahkan → pendaftaran menerima → memeriksa (Lengkap?)", shared by SOP 02–09. */
function intake(times: { submit: string; receive: string; check: string }, receiveName = 'Menerima formulir SPPKB yang sudah diisi beserta kelengkapan berkas yang dipersyaratkan'): StepSpec[] {
  return [
    start('start', 'wp', 'Wajib pajak datang ke Samsat'),
    user('serah_sppkb', 'wp', 'Menyerahkan formulir SPPKB dan kelengkapan berkas', times.submit, {
      output: 'Tanda terima penyerahan SPPKB',
      documents: 'requirements',
      instruction: 'Serahkan formulir SPPKB yang telah diisi beserta berkas persyaratan kepada petugas pendaftaran dan pendataan',
    }),
    user('terima_sppkb', 'pendaftaran', receiveName, times.receive, { output: 'Kelengkapan berkas dan SPPKB' }),
    user('periksa_berkas', 'pendaftaran', 'Memeriksa kelengkapan berkas', times.check, {
      output: 'Berkas yang dipersyaratkan telah lengkap',
      documents: 'requirements',
      instruction: 'Periksa berkas terhadap daftar persyaratan; bila tidak lengkap kembalikan kepada wajib pajak untuk dilengkapi',
    }),
    decide('gw_lengkap', 'pendaftaran', 'Berkas lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', 'serah_sppkb'),
  ];
}

/**
 * Rows "Kasi paraf (Setuju?) → Kepala UPT tanda tangan (Setuju?) → petugas fiskal menyerahkan",
 * shared by SOP 05 and 06; a refusal goes back to `printStep` (the fiskal print) or to the Kasi.
 */
function fiskalApproval(printStep: string, parafOutput: string): StepSpec[] {
  return [
    user('paraf_kasi', 'kasi', 'Membubuhkan paraf pada Fiskal Antar Daerah dan menyerahkan kepada Kepala UPT', 'PT2M', {
      output: parafOutput,
      instruction: 'Apabila setuju paraf dan serahkan kepada Kepala UPT; apabila tidak setuju kembalikan kepada petugas fiskal',
    }),
    decide('gw_paraf', 'kasi', 'Kasi setuju?', V.parafKasiSetuju, 'Setuju', 'Tidak setuju', printStep),
    user('ttd_kaupt', 'kaupt', 'Menandatangani Fiskal Antar Daerah', 'PT2M', {
      output: 'Fiskal Antar Daerah ditandatangani',
      instruction: 'Apabila setuju tandatangani; apabila tidak setuju kembalikan kepada Kasi Pendataan dan Penetapan',
    }),
    decide('gw_ttd', 'kaupt', 'Kepala UPT setuju?', V.pengesahanSetuju, 'Setuju', 'Tidak setuju', 'paraf_kasi'),
    user('serah_fiskal', 'fiskal', 'Menyerahkan Surat Keterangan Fiskal Antar Daerah kepada wajib pajak dan mengarsipkan', 'PT2M', { output: 'Surat Keterangan Fiskal Antar Daerah' }),
    end('end', 'fiskal', 'Wajib pajak menerima fiskal antar daerah'),
  ];
}

/** Korektor's check with the loop back to penetapan, then the hand-over to the cashier. */
function correction(backTo: string, times: { review: string; handOver: string }, handOverName = 'Menyerahkan berkas yang telah diteliti kepada petugas kasir'): StepSpec[] {
  return [
    user('koreksi', 'korektor', 'Menelaah, mencocokkan dan menghitung NPPKB; membubuhkan paraf bila setuju', times.review, {
      output: 'NPPKB diparaf',
      instruction: 'Apabila setuju bubuhkan paraf; apabila tidak setuju kembalikan kepada petugas penetapan',
    }),
    decide('gw_koreksi', 'korektor', 'Korektor setuju?', V.koreksiSetuju, 'Setuju', 'Tidak setuju', backTo),
    user('serah_kasir', 'korektor', handOverName, times.handOver, { output: 'SPPKB dan NPPKB', instruction: 'Kasir menerima NPPKB' }),
  ];
}

const sop01: ProcessSpec = {
  key: 'samsat-01-pkb-baru',
  sopNumber: '01',
  name: 'SOP 01 Pendaftaran dan Penetapan PKB dan BBNKB Kendaraan Baru',
  agency: AGENCY,
  source: `${SK}, Nomor SOP 01/SOP-PND/BAPENDA/2022`,
  starterRoles: STARTERS,
  lanes: lanes('pendaftaran', 'wp', 'kepolisian', 'penetapan', 'korektor'),
  steps: [
    start('start', 'pendaftaran', 'Wajib pajak datang ke Samsat'),
    user('beri_formulir', 'pendaftaran', 'Menyerahkan formulir SPPKB kosong kepada wajib pajak', 'PT5M', { output: 'Formulir SPPKB' }),
    user('isi_sppkb', 'wp', 'Mengisi formulir SPPKB dan menyerahkan kelengkapan berkas kepada petugas pendaftaran', 'PT3M', {
      output: 'Berkas lengkap dan SPPKB',
      documents: 'requirements',
    }),
    user('periksa_berkas', 'pendaftaran', 'Menerima formulir SPPKB dan memeriksa kelengkapan berkas', 'PT3M', {
      output: 'Berkas lengkap dan SPPKB',
      documents: 'requirements',
      instruction: 'Jika lengkap serahkan kepada petugas pendaftaran kepolisian; jika tidak lengkap kembalikan kepada wajib pajak untuk dilengkapi',
    }),
    decide('gw_lengkap', 'pendaftaran', 'Berkas lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', 'isi_sppkb'),
    user('entry_data', 'kepolisian', 'Melakukan entry data dan menyerahkan data kepada petugas penetapan', 'PT5M', { output: 'Data hasil entry', form: COUNTER_FORM }),
    fees('baru'),
    user('terbit_nppkb', 'penetapan', 'Memeriksa urutan kepemilikan (pajak progresif) dan menerbitkan Nota Perhitungan PKB', 'PT5M', { output: 'Nota Perhitungan Pajak Kendaraan Bermotor (NPPKB)' }),
    user('koreksi', 'korektor', 'Meneliti, mencocokkan dan menghitung NPPKB; membubuhkan paraf bila setuju', 'PT5M', {
      output: 'NPPKB diparaf',
      instruction: 'Apabila setuju bubuhkan paraf dan serahkan NPPKB kepada wajib pajak; apabila tidak setuju kembalikan kepada petugas penetapan',
    }),
    decide('gw_koreksi', 'korektor', 'Korektor setuju?', V.koreksiSetuju, 'Setuju', 'Tidak setuju', 'hitung_pkb'),
    user('terima_nppkb', 'wp', 'Menerima Nota Perhitungan PKB', 'PT2M', { output: 'Tanda terima NPPKB' }),
    pay('pembayaran', 'wp'),
    end('end', 'wp', 'PKB dan BBNKB kendaraan baru lunas'),
  ],
  requirements: requirements('01', 'pendaftaran PKB dan BBNKB kendaraan baru', [
    FORM,
    ...ID_WP,
    { code: 'FAKTUR', label: 'Bukti kepemilikan yang sah / faktur kendaraan' },
    { code: 'SRUT', label: 'Sertifikat Registrasi Uji Tipe (SRUT)' },
    { code: 'SERTIFIKAT-NIK', label: 'Sertifikat Nomor Identifikasi Kendaraan' },
    CEK_FISIK,
  ]),
};

/** SOP 02, 07, 08 and 09 share one table shape: intake → kepolisian → penetapan → korektor → kasir. */
function kepolisianShape(
  o: { key: string; sop: string; name: string; title: string; service: SamsatService; times: { submit: string; receive: string; check: string; toPolice: string; police: string; assess: string; review: string; handOver: string } },
  docs: RequirementDoc[],
  extra: Partial<ProcessSpec> = {},
  req: Partial<RequirementsSpec> = {},
): ProcessSpec {
  const t = o.times;
  return {
    key: o.key,
    name: o.name,
    agency: AGENCY,
    source: `${SK}, Nomor SOP ${o.sop}/SOP-PND/BAPENDA/2022`,
    sopNumber: o.sop,
    starterRoles: STARTERS,
    lanes: lanes('pendaftaran', 'wp', 'kepolisian', 'penetapan', 'korektor', 'kasir'),
    steps: [
      ...intake({ submit: t.submit, receive: t.receive, check: t.check }),
      user('serah_kepolisian', 'pendaftaran', 'Menyerahkan berkas yang dipersyaratkan kepada petugas pendaftaran kepolisian', t.toPolice, { output: 'Berkas, SPPKB dan pengenaan pajak progresif' }),
      user('entry_data', 'kepolisian', 'Melakukan verifikasi/entry data ke database kemudian menyerahkan kepada petugas penetapan', t.police, { output: 'Data terverifikasi', form: COUNTER_FORM }),
      fees(o.service),
      user('terbit_nppkb', 'penetapan', 'Memeriksa urutan kepemilikan (pajak progresif), menerbitkan NPPKB dan menyerahkan berkas kepada korektor', t.assess, {
        output: 'Nota Perhitungan PKB (NPPKB)',
      }),
      ...correction('hitung_pkb', { review: t.review, handOver: t.handOver }),
      pay('pembayaran', 'kasir'),
      end('end', 'kasir', `${o.title}: pajak lunas`),
    ],
    requirements: requirements(o.sop, o.title, docs, req),
    ...extra,
  };
}

const sop02 = kepolisianShape(
  {
    key: 'samsat-02-pengesahan-tahunan',
    sop: '02',
    service: 'tahunan',
    name: 'SOP 02 Pendaftaran dan Penetapan PKB Satu Tahun (pengesahan STNK tahunan)',
    title: 'pengesahan PKB satu tahun',
    times: { submit: 'PT5M', receive: 'PT3M', check: 'PT3M', toPolice: 'PT3M', police: 'PT5M', assess: 'PT5M', review: 'PT5M', handOver: 'PT2M' },
  },
  [FORM, ...ID_WP, STNK, BPKB, CEK_FISIK],
);

const sop07 = kepolisianShape(
  {
    key: 'samsat-07-rubah-bentuk',
    sop: '07',
    service: 'rubah-bentuk',
    name: 'SOP 07 Pendaftaran dan Penetapan PKB Rubah Bentuk',
    title: 'pendaftaran PKB rubah bentuk',
    times: { submit: 'PT5M', receive: 'PT2M', check: 'PT3M', toPolice: 'PT3M', police: 'PT5M', assess: 'PT5M', review: 'PT5M', handOver: 'PT2M' },
  },
  [
    FORM,
    ...identityAndProxy('Bukti identitas diri'),
    BPKB,
    STNK,
    { code: 'REKOMENDASI-REGIDENT', label: 'Rekomendasi dari Unit Regident' },
    { code: 'SK-BENGKEL', label: 'Surat keterangan dari agen atau bengkel umum resmi' },
    CEK_FISIK,
  ],
);

const sop08 = kepolisianShape(
  {
    key: 'samsat-08-stnk-hilang',
    sop: '08',
    service: 'stnk-hilang',
    name: 'SOP 08 Pendaftaran dan Penetapan PKB STNK Hilang',
    title: 'pendaftaran PKB STNK hilang',
    times: { submit: 'PT5M', receive: 'PT2M', check: 'PT5M', toPolice: 'PT3M', police: 'PT5M', assess: 'PT5M', review: 'PT5M', handOver: 'PT2M' },
  },
  [
    FORM,
    ...ID_WP,
    BPKB,
    { code: 'PERNYATAAN-STNK-HILANG', label: 'Surat pernyataan STNK hilang tidak terkait tindak pidana/perdata' },
    { code: 'LAPORAN-POLRI', label: 'Tanda bukti laporan kehilangan dari Polri' },
    CEK_FISIK,
  ],
);

const sop09 = kepolisianShape(
  {
    key: 'samsat-09-lelang',
    sop: '09',
    service: 'lelang',
    name: 'SOP 09 Pendaftaran dan Penetapan PKB Lelang Milik Negara',
    title: 'pendaftaran PKB kendaraan lelang milik negara',
    times: { submit: 'PT5M', receive: 'PT2M', check: 'PT3M', toPolice: 'PT3M', police: 'PT5M', assess: 'PT5M', review: 'PT5M', handOver: 'PT2M' },
  },
  [
    FORM,
    ...ID_WP,
    { code: 'RISALAH-LELANG', label: 'Risalah lelang / kutipan risalah lelang dari KPKNL' },
    { code: 'PELEPASAN-HAK', label: 'Surat keputusan penghapusan / pelepasan hak dari instansi pemilik' },
    { code: 'BUKTI-BAYAR-LELANG', label: 'Kuitansi / bukti pelunasan harga lelang' },
    { code: 'BPKB', label: 'BPKB asli (bila ada)', required: false },
    { code: 'STNK', label: 'STNK (bila ada)', required: false },
    CEK_FISIK,
  ],
  {
    status: 'perlu-verifikasi',
    verificationNote:
      'Sumber SOP 09 tidak memuat tabel kegiatan: alur diambil dari pola SOP 07/08 (pendaftaran → kepolisian → penetapan → korektor → kasir), waktu tiap langkah disamakan dengan SOP 07, persyaratan disusun dari praktik umum lelang kendaraan milik negara. Perlu dicocokkan dengan Bapenda Banten.',
  },
  {
    assumption: true,
    assumptionNotes: ['Sumber SOP 09 tidak memuat kolom persyaratan: daftar ini disusun dari praktik umum balik nama kendaraan hasil lelang milik negara dan perlu diverifikasi.'],
  },
);

const sop03: ProcessSpec = {
  key: 'samsat-03-pengesahan-lima-tahun',
  sopNumber: '03',
  name: 'SOP 03 Pendaftaran dan Penetapan PKB Lima Tahun (perpanjangan STNK)',
  agency: AGENCY,
  source: `${SK}, Nomor SOP 03/SOP-PND/BAPENDA/2022`,
  starterRoles: STARTERS,
  lanes: lanes('pendaftaran', 'wp', 'kepolisian', 'penetapan', 'korektor', 'kasir'),
  steps: [
    ...intake({ submit: 'PT5M', receive: 'PT2M', check: 'PT3M' }),
    user('entry_data', 'kepolisian', 'Melakukan entry data sesuai jenis permohonan, memeriksa pengenaan pajak progresif dan menyerahkan berkas kepada petugas penetapan', 'PT5M', {
      output: 'SPPKB dan pengenaan pajak progresif',
      form: COUNTER_FORM,
    }),
    fees('lima-tahunan'),
    user('terbit_nppkb', 'penetapan', 'Melakukan perhitungan dan penetapan besaran PKB dan BBNKB, membuat NPPKB', 'PT5M', { output: 'Nota Perhitungan PKB (NPPKB)' }),
    user('serah_korektor', 'penetapan', 'Menyerahkan NPPKB kepada petugas korektor', 'PT2M', { output: 'SPPKB dan NPPKB' }),
    ...correction('hitung_pkb', { review: 'PT5M', handOver: 'PT2M' }),
    pay('pembayaran', 'kasir'),
    end('end', 'kasir', 'PKB lima tahun lunas'),
  ],
  requirements: requirements(
    '03',
    'pengesahan/perpanjangan PKB lima tahun',
    [
      FORM,
      ...ID_WP,
      CEK_FISIK,
      STNK,
      // The bank's letter replaces the original BPKB while it is pledged: never both.
      { ...BPKB, when: when.is('bpkbDijaminkan', false) },
      {
        code: 'SK-BPKB-DIJAMINKAN',
        label: 'Surat keterangan dari leasing/bank apabila BPKB sedang dijaminkan',
        when: when.is('bpkbDijaminkan', true),
        note: 'Menggantikan BPKB asli selama BPKB dijaminkan',
      },
      { code: 'SK-BUKA-BLOKIR', label: 'Surat keterangan buka blokir apabila STNK terblokir', when: when.is('stnkDiblokir', true) },
    ],
    {
      facts: {
        bpkbDijaminkan: { type: 'boolean', title: 'BPKB sedang dijaminkan (leasing/bank)', default: false },
        stnkDiblokir: { type: 'boolean', title: 'STNK terblokir', default: false },
      },
      tests: [
        { name: 'Perpanjangan biasa', facts: {}, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'CEK-FISIK', 'STNK', 'BPKB'] },
        { name: 'BPKB dijaminkan di leasing: surat bank menggantikan BPKB asli', facts: { bpkbDijaminkan: true }, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'CEK-FISIK', 'STNK', 'SK-BPKB-DIJAMINKAN'] },
        { name: 'STNK terblokir dan diwakilkan', facts: { stnkDiblokir: true, dikuasakan: true }, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'SURAT-KUASA', 'CEK-FISIK', 'STNK', 'BPKB', 'SK-BUKA-BLOKIR'] },
      ],
    },
  ),
};

const sop04: ProcessSpec = {
  key: 'samsat-04-mutasi-masuk',
  sopNumber: '04',
  name: 'SOP 04 Pendaftaran dan Penetapan PKB Mutasi Masuk',
  agency: AGENCY,
  source: `${SK}, Nomor SOP 04/SOP-PND/BAPENDA/2022`,
  starterRoles: STARTERS,
  lanes: lanes('pendaftaran', 'wp', 'penetapan', 'korektor', 'kasir'),
  steps: [
    ...intake({ submit: 'PT5M', receive: 'PT2M', check: 'PT3M' }),
    user('entry_data', 'pendaftaran', 'Melakukan entry data kepemilikan dan menyerahkan berkas kepada petugas penetapan', 'PT5M', { output: 'SPPKB dan pengenaan pajak progresif', form: COUNTER_FORM }),
    fees('mutasi-masuk'),
    user('tetapkan_pkb', 'penetapan', 'Memeriksa urutan kepemilikan, menghitung dan menetapkan besaran PKB dan BBNKB', 'PT5M', { output: 'Data perhitungan PKB dan BBNKB' }),
    user('terbit_nppkb', 'penetapan', 'Membuat NPPKB dan menyerahkan kepada petugas korektor', 'PT3M', { output: 'Nota Perhitungan PKB (NPPKB)' }),
    ...correction('hitung_pkb', { review: 'PT3M', handOver: 'PT2M' }),
    pay('pembayaran', 'kasir'),
    end('end', 'kasir', 'PKB mutasi masuk lunas'),
  ],
  requirements: requirements('04', 'pendaftaran PKB mutasi masuk', [
    FORM,
    { code: 'IDENTITAS', label: 'Identitas wajib pajak' },
    { code: 'SURAT-KUASA', label: 'Surat kuasa (bila diwakilkan)', when: when.is('dikuasakan', true), note: 'Tidak disebut di sumber untuk SOP 04; ditambahkan karena berlaku umum di Samsat' },
    CEK_FISIK,
    { code: 'PENGANTAR-KEPOLISIAN', label: 'Surat pengantar kepolisian dari Samsat asal kendaraan' },
    { code: 'FISKAL-ANTAR-DAERAH', label: 'Surat Keterangan Fiskal Antar Daerah' },
    { code: 'ARSIP-STNK-BPKB', label: 'Arsip berkas STNK dan BPKB dari Samsat asal' },
    { code: 'STNK-SEMENTARA', label: 'Surat pengganti STNK sementara' },
  ]),
};

const badanHukum = {
  facts: {
    jenisPemohon: { type: 'string' as const, title: 'Jenis pemohon', enum: ['perorangan', 'badan-hukum'], default: 'perorangan' },
  },
};
const AKTE_ALAMAT: RequirementDoc = {
  code: 'AKTE-PERUBAHAN-ALAMAT',
  label: 'Akte perubahan alamat (bagi badan hukum)',
  when: when.is('jenisPemohon', 'badan-hukum'),
};

const sop05: ProcessSpec = {
  key: 'samsat-05-mutasi-keluar',
  sopNumber: '05',
  name: 'SOP 05 Pendaftaran PKB Mutasi Keluar Non Tunggakan',
  agency: AGENCY,
  source: `${SK}, Nomor SOP 05/SOP-PND/BAPENDA/2022`,
  starterRoles: STARTERS,
  documentation: 'Tanpa tunggakan tidak ada pembayaran PKB: tabel SOP 05 tidak memuat kasir, maka tidak ada pemanggilan SOP Pembayaran (PNBP sudah dibayar sebelumnya).',
  lanes: lanes('pendaftaran', 'wp', 'fiskal', 'kasi', 'kaupt'),
  steps: [
    ...intake({ submit: 'PT5M', receive: 'PT2M', check: 'PT3M' }),
    user('entry_data', 'pendaftaran', 'Melakukan entry data sesuai jenis pemohon dan menyerahkan berkas kepada petugas fiskal', 'PT5M', { output: 'SPPKB dan pengenaan pajak progresif' }),
    user('cetak_fiskal', 'fiskal', 'Mencetak Fiskal Antar Daerah dan menyerahkan kepada Kasi Pendataan dan Penetapan', 'PT5M', { output: 'Fiskal Antar Daerah' }),
    ...fiskalApproval('cetak_fiskal', 'Fiskal Antar Daerah yang sudah diparaf'),
  ],
  requirements: requirements(
    '05',
    'mutasi keluar non tunggakan',
    [
      FORM,
      ...ID_WP,
      AKTE_ALAMAT,
      { code: 'BPKB', label: 'BPKB asli' },
      STNK,
      { code: 'BUKTI-PNBP', label: 'Tanda bukti bayar PNBP (ranmor keluar wilayah)' },
      CEK_FISIK,
    ],
    {
      ...badanHukum,
      tests: [
        { name: 'Perorangan', facts: { jenisPemohon: 'perorangan' }, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'BPKB', 'STNK', 'BUKTI-PNBP', 'CEK-FISIK'] },
        { name: 'Badan hukum melalui kuasa', facts: { jenisPemohon: 'badan-hukum', dikuasakan: true }, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'SURAT-KUASA', 'AKTE-PERUBAHAN-ALAMAT', 'BPKB', 'STNK', 'BUKTI-PNBP', 'CEK-FISIK'] },
      ],
    },
  ),
};

const sop06: ProcessSpec = {
  key: 'samsat-06-mutasi-keluar-tunggakan',
  sopNumber: '06',
  name: 'SOP 06 Pendaftaran PKB Mutasi Keluar dengan Tunggakan',
  agency: AGENCY,
  source: `${SK}, Nomor SOP 06/SOP-PND/BAPENDA/2022`,
  starterRoles: STARTERS,
  lanes: lanes('pendaftaran', 'wp', 'fiskal', 'penetapan', 'korektor', 'kasi', 'kaupt', 'kasir'),
  steps: [
    ...intake({ submit: 'PT5M', receive: 'PT2M', check: 'PT3M' }),
    user('entry_data', 'pendaftaran', 'Melakukan entry data sesuai jenis permohonan dan menyerahkan berkas melalui petugas fiskal kepada petugas penetapan', 'PT5M', {
      output: 'SPPKB dan pengenaan pajak progresif',
      form: COUNTER_FORM,
    }),
    // PNBP of a mutasi keluar is paid beforehand (requirement BUKTI-PNBP): no PNBP line here.
    fees('mutasi-keluar'),
    user('terbit_nppkb', 'penetapan', 'Melakukan perhitungan dan penetapan besaran PKB (tunggakan) dan membuat NPPKB', 'PT5M', { output: 'Nota Perhitungan PKB (NPPKB)' }),
    user('serah_korektor', 'penetapan', 'Menyerahkan NPPKB kepada petugas korektor', 'PT2M', { output: 'Kelengkapan berkas, SPPKB dan NPPKB' }),
    user('koreksi', 'korektor', 'Menelaah, mencocokkan dan menghitung NPPKB; membubuhkan paraf bila setuju', 'PT2M', {
      output: 'NPPKB diparaf',
      instruction: 'Apabila setuju bubuhkan paraf; apabila tidak setuju kembalikan kepada petugas penetapan',
    }),
    decide('gw_koreksi', 'korektor', 'Korektor setuju?', V.koreksiSetuju, 'Setuju', 'Tidak setuju', 'hitung_pkb'),
    user('serah_kasir', 'korektor', 'Menyerahkan berkas yang telah diteliti kepada petugas kasir', 'PT5M', { output: 'NPPKB yang telah diparaf korektor' }),
    { ...pay('pembayaran', 'kasir', 'PT3M'), name: 'SOP Pembayaran: mencetak SKPD dan menerima pembayaran pajak terutang' },
    user('cetak_skfad', 'fiskal', 'Mencetak Surat Keterangan Fiskal Antar Daerah (SKFAD) dan menyerahkan kepada Kasi Pendataan dan Penetapan', 'PT5M', { output: 'Fiskal Antar Daerah' }),
    ...fiskalApproval('cetak_skfad', 'Fiskal Antar Daerah diparaf'),
  ],
  requirements: requirements(
    '06',
    'mutasi keluar dengan tunggakan',
    [
      FORM,
      ...identityAndProxy('KTP wajib pajak'),
      STNK,
      AKTE_ALAMAT,
      { code: 'BUKTI-PNBP', label: 'Tanda bukti bayar PNBP (ranmor keluar wilayah)' },
      CEK_FISIK,
    ],
    {
      ...badanHukum,
      tests: [
        { name: 'Perorangan', facts: { jenisPemohon: 'perorangan' }, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'STNK', 'BUKTI-PNBP', 'CEK-FISIK'] },
        { name: 'Badan hukum', facts: { jenisPemohon: 'badan-hukum' }, documents: ['FORMULIR-SPPKB', 'IDENTITAS', 'STNK', 'AKTE-PERUBAHAN-ALAMAT', 'BUKTI-PNBP', 'CEK-FISIK'] },
      ],
    },
  ),
};

const pembayaran: ProcessSpec = {
  key: 'samsat-pembayaran',
  name: 'SOP Pembayaran PKB/BBNKB di Kasir Samsat',
  agency: AGENCY,
  source: `${SK}, "Keterkaitan: SOP Pembayaran" (SOP 01–09); tabel SOP Pembayaran tidak termasuk sumber`,
  verificationNote: 'Sumber hanya merujuk "SOP Pembayaran" tanpa tabel: langkah dan waktu diambil dari SOP 06 kegiatan 9 (kasir mencetak SKPD dan menerima pembayaran, 3 menit).',
  starterRoles: ['kasir'],
  lanes: lanes('wp', 'kasir'),
  steps: [
    start('start', 'kasir', 'NPPKB diterima kasir'),
    user('bayar', 'wp', 'Membayar PKB/BBNKB sesuai NPPKB', 'PT3M', { output: 'Uang pembayaran / bukti transfer' }),
    user('terima_bayar', 'kasir', 'Menerima pembayaran, memvalidasi dan mencetak SKPD', 'PT3M', {
      handler: 'receive-payment',
      output: 'SKPD lunas',
      instruction: 'Cocokkan jumlah dengan NPPKB (notaPkb.total: PKB, denda dan SWDKLLJ setiap tahun pajak, BBNKB dan PNBP), validasi pembayaran, cetak SKPD',
    }),
    user('terima_skpd', 'wp', 'Menerima SKPD lunas', 'PT2M', { output: 'SKPD lunas' }),
    end('end', 'wp', 'Pembayaran lunas'),
  ],
};

export const samsatSpecs: ProcessSpec[] = [pembayaran, sop01, sop02, sop03, sop04, sop05, sop06, sop07, sop08, sop09];

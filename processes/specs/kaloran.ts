/**
 * Satu Pintu Satu Hari — Keputusan Camat Kaloran Nomor 07 Tahun 2014 (Kabupaten Temanggung).
 *
 * IMB has its own numbered procedure (disposisi, peninjauan lapangan with berita acara and
 * STRD, optional meeting, recommendation, rejection by telephone and letter, SKRD payment,
 * the Camat's signature). The other permits share the "Loket informasi → Unit pelayanan →
 * Tim teknis (cek lapangan atau tanpa) → Loket pembayaran → Loket pengambilan" procedure.
 * Whole service time "1 (satu) hari": per-step durations are assumptions that add up to one
 * working day (≤ 7 hours).
 */
import { decide, end, FACT_DIKUASAKAN, rule, start, user, when } from './helpers.js';
import type { EligibilityRule, LaneSpec, ProcessSpec, RequirementDoc, RequirementsSpec, StepSpec } from './types.js';
import { V } from './variables.js';

const AGENCY = 'kecamatan-kaloran';
const SK = 'Keputusan Camat Kaloran Nomor 07 Tahun 2014 tentang SOP Pelayanan Administrasi Terpadu Satu Pintu Satu Hari';
const STARTERS = ['pemohon', 'petugas-loket'];
const EFFECTIVE = '2014-01-01';

const L: Record<string, LaneSpec> = {
  pemohon: { id: 'pemohon', name: 'Pemohon', role: 'pemohon' },
  loket: { id: 'loket', name: 'Petugas Loket (informasi, pembayaran, pengambilan)', role: 'petugas-loket', supervisorRole: 'kasi' },
  kasi: { id: 'kasi', name: 'Unit Pelayanan / Sekretariat (Kasi)', role: 'kasi', supervisorRole: 'camat' },
  tim: { id: 'tim', name: 'Tim Teknis', role: 'tim-teknis', supervisorRole: 'kasi' },
  camat: { id: 'camat', name: 'Camat', role: 'camat' },
};
const LANES = [L.pemohon, L.loket, L.kasi, L.tim, L.camat];

interface PermitOptions {
  key: string;
  sop: string;
  name: string;
  product: string;
  legal: Array<{ regulation: string; article?: string; text?: string }>;
  /** fee rule set evaluated at "Penetapan biaya"; absent = the source says no fee */
  feeRuleSet?: string;
  /** "Tim Teknis Cek lapangan" (always) or "Cek lapangan atau tanpa cek lapangan" (optional) */
  fieldCheck: 'always' | 'optional';
  requirements: RequirementsSpec;
  status?: 'perlu-verifikasi';
  verificationNote?: string;
  /**
   * What the permit will state about its object (a billboard's text, size, place, duration) and
   * the facts the applicant declares at the start: with it the start has a form (`sop:form`)
   * asking the applicant's identity and these fields, and the permit prints them.
   */
  object?: Record<string, Record<string, unknown>>;
}

/**
 * What a form field is to the application (core/form-fields.ts, which processes/ may not import):
 * the applicant's identity (`applicant.name`, `.nik`, `.address`…) or the permit's `object`. The
 * task page heads with them, the permit prints the object.
 */
const FIELD = 'x-sop-field';
const OBJECT = { [FIELD]: 'object' } as const;

/** Who applies, as the permit names the holder (asked by every start form of a permit). */
const APPLICANT_IDENTITY: Record<string, Record<string, unknown>> = {
  namaPemohon: { type: 'string', title: 'Nama pemohon (sesuai KTP)', minLength: 1, maxLength: 200, [FIELD]: 'applicant.name' },
  nikPemohon: { type: 'string', title: 'NIK pemohon (16 angka)', pattern: '^[0-9]{16}$', [FIELD]: 'applicant.nik' },
  alamatPemohon: { type: 'string', title: 'Alamat pemohon', minLength: 1, maxLength: 300, [FIELD]: 'applicant.address' },
};

/**
 * The start form of a permit with an object: identity, then the object's fields. What the permit
 * will state (the identity and every field marked as the object, except one with a default the
 * requirement facts supply) is required: the server refuses a start without it, naming the fields.
 */
function startForm(object: Record<string, Record<string, unknown>>): string {
  const properties = { ...APPLICANT_IDENTITY, ...object };
  const required = Object.entries(properties).filter(([, p]) => p[FIELD] !== undefined && p.optional !== true).map(([k]) => k);
  const clean = Object.fromEntries(Object.entries(properties).map(([k, { optional: _o, ...p }]) => [k, p]));
  return JSON.stringify({ schema: { type: 'object', properties: clean, required } });
}

function reqs(title: string, legal: PermitOptions['legal'], documents: RequirementDoc[], extra: Partial<RequirementsSpec> = {}): RequirementsSpec {
  return {
    title: `Persyaratan ${title}`,
    legalBasis: [{ regulation: SK, article: title }, ...legal],
    effectiveFrom: EFFECTIVE,
    facts: { dikuasakan: FACT_DIKUASAKAN, ...(extra.facts ?? {}) },
    ...(extra.eligibility ? { eligibility: extra.eligibility } : {}),
    documents,
    tests: extra.tests ?? [{ name: 'Pemohon datang sendiri', facts: {} }, { name: 'Pengurusan dikuasakan', facts: { dikuasakan: true } }],
    ...(extra.assumption ? { assumption: true, assumptionNotes: extra.assumptionNotes } : {}),
  };
}

/*
 * The kecamatan's remit (source, "A. Jenis Pelayanan" of IMB, HO and TDP). Outside it the
 * application belongs to the kabupaten (REGULATIONS.md: the DPMPTSP of Temanggung). The fee sets
 * kaloran-imb and kaloran-ho carry the same IMB/HO rules, so a fact measured later (the tim
 * teknis measures 120 m²) is caught by the fee step too.
 */
const SRC = 'SOP Kaloran 2014 (Keputusan Camat Kaloran 07/2014)';
const TO_PBG = {
  id: 'Ajukan Persetujuan Bangunan Gedung (PBG, pengganti IMB) ke DPMPTSP Kabupaten Temanggung',
  en: 'Apply for a Building Approval (PBG, which replaced the IMB) at the DPMPTSP of Temanggung Regency',
};
const TO_DPMPTSP = { id: 'Ajukan izin usaha ke DPMPTSP Kabupaten Temanggung', en: 'Apply for the business permit at the DPMPTSP of Temanggung Regency' };
const gt = (fact: string, value: number) => ({ all: [{ fact, operator: 'greaterThan', value }] });
const ELIGIBILITY: Record<'imb' | 'ho' | 'tdp', EligibilityRule[]> = {
  imb: [
    {
      code: 'IMB-LUAS-LEBIH-100',
      when: gt('buildingArea', 100),
      message: { id: 'IMB di kecamatan hanya untuk rumah tinggal dengan luas bangunan paling luas 100 m²', en: 'The sub-district issues IMB only for houses with a floor area of at most 100 m²' },
      legalBasis: `${SRC}, 1. IMB, A. Jenis Pelayanan (baris 32–33): "Luas kurang dari atau sama dengan 100 M2"`,
      redirect: TO_PBG,
    },
    {
      code: 'IMB-BERTINGKAT',
      when: gt('floors', 1),
      message: { id: 'IMB di kecamatan hanya untuk rumah tinggal tidak bertingkat', en: 'The sub-district issues IMB only for single-storey houses' },
      legalBasis: `${SRC}, 1. IMB, A. Jenis Pelayanan (baris 32, 34): "Tidak bertingkat"`,
      redirect: TO_PBG,
    },
  ],
  ho: [
    {
      code: 'HO-LUAS-LEBIH-100',
      when: gt('area', 100),
      message: { id: 'Izin gangguan di kecamatan hanya untuk ruang usaha paling luas 100 m²', en: 'The sub-district issues nuisance permits only for business premises of at most 100 m²' },
      legalBasis: `${SRC}, 2. HO, A. Jenis Pelayanan (baris 133–134): "Luas kurang dari atau sama dengan 100 M2"`,
      redirect: TO_DPMPTSP,
    },
    {
      code: 'HO-TENAGA-KERJA-LEBIH-20',
      when: gt('workers', 20),
      message: { id: 'Izin gangguan di kecamatan hanya untuk usaha dengan tenaga kerja paling banyak 20 orang', en: 'The sub-district issues nuisance permits only for businesses with at most 20 workers' },
      legalBasis: `${SRC}, 2. HO, A. Jenis Pelayanan (baris 135): "Tenaga kerja kurang dari atau sama dengan 20 orang"`,
      redirect: TO_DPMPTSP,
    },
    {
      code: 'HO-BUKAN-PERORANGAN',
      when: { all: [{ fact: 'jenisPemohon', operator: 'in', value: ['cv', 'badan-hukum'] }] },
      message: { id: 'Izin gangguan di kecamatan hanya untuk usaha perorangan, bukan PT/CV', en: 'The sub-district issues nuisance permits only to sole proprietors, not to a PT or CV' },
      legalBasis: `${SRC}, 2. HO, A. Jenis Pelayanan (baris 136): "Bentuk perusahaan perorangan, tidak PT/CV"`,
      redirect: TO_DPMPTSP,
    },
  ],
  tdp: [
    {
      code: 'TDP-MODAL-LEBIH-200-JUTA',
      when: gt('capital', 200_000_000),
      message: {
        id: 'TDP di kecamatan hanya untuk perusahaan dengan modal disetor dan kekayaan bersih paling banyak Rp 200 juta (tidak termasuk tanah dan bangunan tempat usaha)',
        en: 'The sub-district registers only companies whose paid-up capital and net assets are at most Rp 200 million (excluding the business land and building)',
      },
      legalBasis: `${SRC}, 6. TDP, A. Jenis Pelayanan (baris 334–337): "modal disetor dan kekayaan bersih seluruhnya kurang dari atau sama dengan 200 juta rupiah, tidak termasuk tanah dan bangunan tempat usaha"`,
      redirect: { id: 'Daftarkan perusahaan (NIB melalui OSS) di DPMPTSP Kabupaten Temanggung', en: 'Register the company (NIB through OSS) at the DPMPTSP of Temanggung Regency' },
    },
  ],
};

/** The fee step's error boundary: facts outside the remit lead to the rejection letter. */
const NOT_ELIGIBLE_TO_REJECTION = { code: 'NOT_ELIGIBLE', name: 'Di luar kewenangan kecamatan', to: 'surat_tolak' };

const KUASA: RequirementDoc = {
  code: 'SURAT-KUASA',
  label: 'Surat kuasa bermeterai dan fotokopi KTP penerima kuasa (bila dikuasakan)',
  when: when.is('dikuasakan', true),
};

/** Rejection by telephone and letter, the branch every permit shares. */
const rejection = (): StepSpec[] => [
  user('surat_tolak', 'loket', 'Menginformasikan penolakan kepada pemohon melalui telepon dan surat tertulis berisi alasan penolakan', 'PT30M', {
    output: 'Surat penolakan',
  }),
  end('end_tolak', 'pemohon', 'Permohonan ditolak'),
];

/** Payment of the retribusi by SKRD at the loket pembayaran. */
const payment = (): StepSpec[] => [
  user('bayar_skrd', 'pemohon', 'Membayar retribusi melalui SKRD di loket pembayaran', 'PT15M', { output: 'Tanda bukti pembayaran' }),
  user('terima_bayar', 'loket', 'Menerima pembayaran retribusi dan memberikan tanda bukti pembayaran', 'PT10M', { handler: 'receive-payment', output: 'Tanda bukti pembayaran retribusi' }),
];

function permit(o: PermitOptions): ProcessSpec {
  const steps: StepSpec[] = [
    o.object ? { ...start('start', 'pemohon', 'Pemohon datang ke kecamatan'), form: startForm(o.object) } : start('start', 'pemohon', 'Pemohon datang ke kecamatan'),
    user('ajukan', 'pemohon', `Mengajukan permohonan ${o.product} kepada Bupati lewat Camat lengkap dengan persyaratan`, 'PT15M', {
      output: 'Formulir permohonan dan berkas persyaratan',
      documents: 'requirements',
    }),
    user('periksa', 'loket', 'Loket informasi: menerima permohonan dan memeriksa kelengkapan persyaratan', 'PT15M', {
      output: 'Tanda terima berkas',
      documents: 'requirements',
      instruction: 'Bila tidak lengkap, berkas dikembalikan kepada pemohon untuk dilengkapi',
    }),
    decide('gw_lengkap', 'loket', 'Persyaratan lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', 'ajukan'),
    user('teliti', 'kasi', 'Unit pelayanan: penelitian berkas/administrasi dan koordinasi cek lapangan', 'PT30M', { output: 'Hasil penelitian berkas' }),
  ];
  if (o.fieldCheck === 'optional') {
    steps.push(decide('gw_cek', 'kasi', 'Perlu cek lapangan?', V.perluCekLapangan, 'Cek lapangan', 'Tanpa cek lapangan', o.feeRuleSet ? 'hitung_retribusi' : 'rekomendasi'));
  }
  steps.push(user('cek_lapangan', 'tim', 'Tim teknis: cek lapangan dan membuat berita acara', 'PT2H', { output: 'Berita acara cek lapangan' }));
  if (o.feeRuleSet) {
    steps.push(rule('hitung_retribusi', 'kasi', 'Penetapan biaya: menghitung retribusi', o.feeRuleSet, 'retribusi', { output: 'Besaran retribusi (SKRD)' }));
  }
  steps.push(
    user('rekomendasi', 'kasi', 'Koordinasi diterima/ditolak: menyusun rekomendasi izin', 'PT30M', { output: 'Rekomendasi (izin dapat diproses atau tidak)' }),
    decide('gw_terima', 'kasi', 'Permohonan diterima?', V.permohonanDiterima, 'Diterima', 'Ditolak', 'surat_tolak'),
  );
  if (o.feeRuleSet) steps.push(...payment());
  steps.push(
    user('proses_izin', 'kasi', `Proses izin: mencetak ${o.product}`, 'PT30M', { output: `Draft ${o.product}` }),
    user('ttd_camat', 'camat', `Menandatangani ${o.product}`, 'PT30M', { output: `${o.product} ditandatangani` }),
    user('serah_izin', 'loket', `Loket pengambilan: menyerahkan ${o.product} kepada pemohon${o.feeRuleSet ? ' setelah menunjukkan tanda bukti pembayaran' : ''}`, 'PT10M', {
      output: o.product,
    }),
    end('end', 'pemohon', `${o.product} diterima`),
    ...rejection(),
  );
  return {
    key: o.key,
    name: `${o.sop}. ${o.name}`,
    agency: AGENCY,
    source: `${SK}, Bidang Perizinan nomor ${o.sop}`,
    sopNumber: o.sop,
    starterRoles: STARTERS,
    serviceTime: '1 hari',
    lanes: LANES,
    steps,
    requirements: o.requirements,
    ...(o.status ? { status: o.status } : {}),
    verificationNote:
      o.verificationNote ??
      'Waktu penyelesaian di sumber "1 hari" untuk seluruh layanan: waktu per langkah adalah asumsi yang jumlahnya tidak melebihi satu hari kerja. Peran Unit Pelayanan/Sekretariat dipetakan ke kasi.',
  };
}

const imbLegal = [
  { regulation: 'Undang-Undang Nomor 28 Tahun 2002', text: 'Bangunan Gedung' },
  { regulation: 'Perda Kabupaten Temanggung Nomor 15 Tahun 2011', text: 'Bangunan Gedung' },
  { regulation: 'Perda Kabupaten Temanggung Nomor 10 Tahun 2012', text: 'Retribusi Izin Mendirikan Bangunan' },
];

const imb: ProcessSpec = {
  key: 'kaloran-imb',
  sopNumber: '1',
  name: '1. Izin Mendirikan Bangunan (IMB) rumah tinggal ≤ 100 m², tidak bertingkat',
  agency: AGENCY,
  source: `${SK}, Bidang Perizinan nomor 1`,
  starterRoles: STARTERS,
  serviceTime: '1 hari',
  verificationNote:
    'Waktu penyelesaian "1 (satu) hari": waktu per langkah adalah asumsi. "Pejabat yang ditunjuk" dan "Sekretariat" dipetakan ke kasi, "Tata Usaha" ke petugas loket.',
  lanes: LANES,
  steps: [
    start('start', 'pemohon', 'Pemohon datang ke kecamatan'),
    user('ajukan', 'pemohon', 'Mengajukan permohonan dan mengisi formulir dengan persyaratan yang ditentukan', 'PT15M', {
      output: 'Formulir permohonan dan berkas persyaratan',
      documents: 'requirements',
    }),
    user('periksa', 'loket', 'Memeriksa kelengkapan persyaratan', 'PT15M', {
      output: 'Hasil pemeriksaan persyaratan',
      documents: 'requirements',
      instruction: 'Apabila tidak lengkap berkas dikembalikan kepada pemohon untuk dilengkapi; proses mulai dari awal lagi',
    }),
    decide('gw_lengkap', 'loket', 'Persyaratan lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', 'ajukan'),
    user('tanda_terima', 'loket', 'Memberikan tanda terima berkas dan memasukkan data pemohon ke komputer', 'PT10M', { output: 'Tanda terima berkas' }),
    user('disposisi', 'kasi', 'Memberikan disposisi peninjauan lapangan kepada tim teknis', 'PT15M', { output: 'Disposisi peninjauan lapangan' }),
    user('tinjau', 'tim', 'Peninjauan lapangan; hasil dituangkan dalam berita acara dan rumusan retribusi pada form STRD', 'PT2H', {
      output: 'Berita acara peninjauan lapangan dan STRD',
    }),
    rule('hitung_retribusi', 'tim', 'Menghitung retribusi IMB (luas × indeks terintegrasi × jenis kegiatan)', 'kaloran-imb', 'retribusi', {
      output: 'Rumusan retribusi (STRD)',
      onError: NOT_ELIGIBLE_TO_REJECTION,
    }),
    decide('gw_rapat', 'kasi', 'Perlu rapat?', V.perluRapat, 'Perlu rapat', 'Tidak perlu', 'rekomendasi'),
    user('rapat', 'kasi', 'Mengadakan rapat hasil tinjauan lapangan; keputusan dituangkan dalam berita acara', 'PT1H', { output: 'Berita acara rapat' }),
    user('rekomendasi', 'kasi', 'Sekretariat mengeluarkan rekomendasi (izin dapat diproses atau tidak)', 'PT30M', { output: 'Rekomendasi' }),
    decide('gw_terima', 'kasi', 'Permohonan diterima?', V.permohonanDiterima, 'Diterima', 'Ditolak', 'surat_tolak'),
    user('disposisi_cetak', 'camat', 'Memberikan disposisi pencetakan izin dan SKRD', 'PT15M', { output: 'Disposisi pencetakan' }),
    user('cetak_skrd', 'kasi', 'Mencetak izin dan SKRD; menginformasikan kepada pemohon bahwa izin diterima dan diminta membayar', 'PT20M', { output: 'Draft IMB dan SKRD' }),
    ...payment(),
    user('ttd_camat', 'camat', 'Menandatangani IMB', 'PT30M', { output: 'IMB ditandatangani' }),
    user('serah_izin', 'loket', 'Menyerahkan IMB kepada pemohon setelah menunjukkan tanda bukti pembayaran', 'PT10M', { output: 'Izin Mendirikan Bangunan (IMB)' }),
    end('end', 'pemohon', 'IMB diterima'),
    ...rejection(),
  ],
  requirements: reqs(
    'Izin Mendirikan Bangunan (IMB)',
    imbLegal,
    [
      { code: 'FORMULIR', label: 'Isian formulir permohonan' },
      { code: 'KTP', label: 'Fotokopi KTP pemohon' },
      { code: 'SURAT-TANAH', label: 'Fotokopi surat tanah (SKKT / segel / sertifikat tanah kering)' },
      { code: 'GAMBAR-RENCANA', label: 'Gambar rencana bangunan: denah lokasi, tampak depan dan samping' },
      { code: 'DETAIL-PONDASI', label: 'Detail pondasi dan pembesian (untuk konstruksi permanen)', when: when.is('konstruksiPermanen', true) },
      { code: 'IZIN-ALIH-GUNA-LAHAN', label: 'Izin alih guna lahan (untuk IMB perumahan)', when: when.is('perumahan', true) },
      KUASA,
      { code: 'KUASA-PEMILIK-TANAH', label: 'Surat kuasa apabila nama pemohon tidak sama dengan nama di surat tanah', when: when.is('namaBedaSuratTanah', true) },
      { code: 'LUNAS-PBB', label: 'Lunas PBB tahun terakhir' },
    ],
    {
      eligibility: ELIGIBILITY.imb,
      facts: {
        buildingArea: { type: 'number', title: 'Luas bangunan (m²)', minimum: 0 },
        floors: { type: 'integer', title: 'Jumlah lantai', minimum: 1 },
        konstruksiPermanen: { type: 'boolean', title: 'Konstruksi permanen', default: true },
        perumahan: { type: 'boolean', title: 'IMB untuk perumahan', default: false },
        namaBedaSuratTanah: { type: 'boolean', title: 'Nama pemohon berbeda dengan nama di surat tanah', default: false },
      },
      tests: [
        { name: 'Rumah permanen milik sendiri', facts: {}, documents: ['FORMULIR', 'KTP', 'SURAT-TANAH', 'GAMBAR-RENCANA', 'DETAIL-PONDASI', 'LUNAS-PBB'] },
        { name: 'Rumah semi permanen', facts: { konstruksiPermanen: false }, documents: ['FORMULIR', 'KTP', 'SURAT-TANAH', 'GAMBAR-RENCANA', 'LUNAS-PBB'] },
        {
          name: 'Perumahan, dikuasakan, tanah atas nama orang lain',
          facts: { perumahan: true, dikuasakan: true, namaBedaSuratTanah: true },
          documents: ['FORMULIR', 'KTP', 'SURAT-TANAH', 'GAMBAR-RENCANA', 'DETAIL-PONDASI', 'IZIN-ALIH-GUNA-LAHAN', 'SURAT-KUASA', 'KUASA-PEMILIK-TANAH', 'LUNAS-PBB'],
        },
        { name: 'Rumah 100 m² satu lantai: masih kewenangan kecamatan', facts: { buildingArea: 100, floors: 1 }, reasons: [] },
        { name: 'Rumah 120 m²: di luar kewenangan, ajukan PBG', facts: { buildingArea: 120, floors: 1 }, reasons: ['IMB-LUAS-LEBIH-100'], documents: [] },
        { name: 'Rumah dua lantai: di luar kewenangan', facts: { buildingArea: 90, floors: 2 }, reasons: ['IMB-BERTINGKAT'], documents: [] },
      ],
    },
  ),
};

const hoLegal = [{ regulation: 'Perda Kabupaten Temanggung Nomor 12 Tahun 2012', text: 'Retribusi Izin Gangguan' }];
/**
 * HO has its own procedure in the source (D. Prosedur Pelayanan, lines 158–162), two lines:
 * "1. Pemohon datang ke loket perijinan Kecamatan mengambil blangko dan minta penjelasan
 * pengisian kepada petugas loket; 2. Untuk usaha / kegiatan yang harus minta rekomendasi dinas
 * terkait, pemohon sekalian mengurus rekomendasi tersebut." Everything else is our reading
 * (processes/README.md, Kaloran HO assumptions): the loket's intake check ("1 hari setelah
 * persyaratan lengkap"), the fee (F. Biaya Pelayanan), payment, and the issuing post the other
 * Kaloran permits have. The source names no signatory and no field check: no Camat step here.
 */
const ho: ProcessSpec = {
  key: 'kaloran-ho',
  sopNumber: '2',
  name: '2. Izin Gangguan / Hinder Ordonantie (HO)',
  agency: AGENCY,
  source: `${SK}, Bidang Perizinan nomor 2`,
  starterRoles: STARTERS,
  serviceTime: '1 hari',
  verificationNote:
    'Prosedur HO di sumber hanya dua baris (mengambil blangko di loket; mengurus rekomendasi dinas terkait bila perlu): pemeriksaan kelengkapan, penetapan retribusi, pembayaran dan penerbitan mengikuti layanan Kaloran lain; sumber tidak menyebut penandatangan. Waktu per langkah adalah asumsi.',
  // No tim teknis and no Camat: the HO text names neither (processes/README.md, assumption 31).
  lanes: [L.pemohon, L.loket, L.kasi],
  steps: [
    start('start', 'pemohon', 'Pemohon datang ke loket perizinan kecamatan'),
    user('blangko', 'loket', 'Memberikan blangko dan menjelaskan pengisiannya kepada pemohon', 'PT10M', {
      output: 'Blangko permohonan Izin HO',
      source: 'Prosedur 1',
      instruction: 'Tanyakan apakah usaha/kegiatan ini harus meminta rekomendasi dinas terkait',
    }),
    decide('gw_rekomendasi', 'loket', 'Perlu rekomendasi dinas terkait?', V.perluRekomendasiDinas, 'Perlu rekomendasi', 'Tidak perlu', 'ajukan'),
    user('urus_rekomendasi', 'pemohon', 'Mengurus rekomendasi dinas terkait (pemohon sekalian mengurusnya)', 'PT1H', {
      output: 'Rekomendasi dinas terkait',
      source: 'Prosedur 2',
    }),
    user('ajukan', 'pemohon', 'Mengisi blangko dan menyerahkan permohonan Izin HO dengan persyaratan', 'PT15M', {
      output: 'Blangko terisi dan berkas persyaratan',
      documents: 'requirements',
    }),
    user('periksa', 'loket', 'Memeriksa kelengkapan persyaratan', 'PT15M', {
      output: 'Tanda terima berkas',
      documents: 'requirements',
      instruction: 'Bila tidak lengkap, berkas dikembalikan kepada pemohon untuk dilengkapi; waktu penyelesaian 1 hari dihitung setelah persyaratan lengkap',
    }),
    decide('gw_lengkap', 'loket', 'Persyaratan lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', 'ajukan'),
    rule('hitung_retribusi', 'kasi', 'Menghitung retribusi izin gangguan (luas × rata-rata indeks × Rp 100)', 'kaloran-ho', 'retribusi', {
      output: 'Besaran retribusi (SKRD)',
      onError: NOT_ELIGIBLE_TO_REJECTION,
    }),
    ...payment(),
    user('proses_izin', 'kasi', 'Proses izin: mencetak Izin HO', 'PT30M', { output: 'Izin HO' }),
    user('serah_izin', 'loket', 'Loket pengambilan: menyerahkan Izin HO kepada pemohon setelah menunjukkan tanda bukti pembayaran', 'PT10M', { output: 'Izin HO' }),
    end('end', 'pemohon', 'Izin HO diterima'),
    ...rejection(),
  ],
  requirements: reqs(
    'Izin Gangguan (HO)',
    hoLegal,
    [
      { code: 'KTP', label: 'Fotokopi KTP yang masih berlaku (3 lembar)' },
      { code: 'SURAT-TANAH', label: 'Fotokopi surat tanah yang digunakan untuk kegiatan usaha' },
      { code: 'PERSETUJUAN-TETANGGA', label: 'Persetujuan tetangga/masyarakat terdekat' },
      { code: 'LUNAS-PBB', label: 'Fotokopi tanda pelunasan PBB tahun terakhir' },
      { code: 'AKTA-PENDIRIAN', label: 'Fotokopi akta pendirian (bagi perusahaan berbadan hukum)', when: when.is('jenisPemohon', 'badan-hukum') },
      { code: 'SPPMA-SPPMDN', label: 'Fotokopi SPPMA/SPPMDN (bagi perusahaan fasilitas PMA/PMDN)', when: when.is('fasilitasPenanamanModal', true) },
      { code: 'DENAH-LOKASI', label: 'Denah lokasi' },
      { code: 'NPWP', label: 'Fotokopi NPWP' },
      { code: 'METERAI', label: 'Meterai (2 lembar)' },
      { code: 'PAS-FOTO', label: 'Foto berwarna 4×6 (2 lembar)' },
      { code: 'SPPL', label: 'Surat Pernyataan Pengelolaan Lingkungan (SPPL)' },
      {
        code: 'REKOMENDASI-DINAS',
        label: 'Rekomendasi dinas terkait (untuk usaha/kegiatan yang harus meminta rekomendasi)',
        when: when.is(V.perluRekomendasiDinas, true),
        note: 'Diurus sendiri oleh pemohon (Prosedur 2)',
      },
      KUASA,
    ],
    {
      eligibility: ELIGIBILITY.ho,
      facts: {
        area: { type: 'number', title: 'Luas ruang usaha (m²)', minimum: 0 },
        workers: { type: 'integer', title: 'Jumlah tenaga kerja (orang)', minimum: 0 },
        jenisPemohon: { type: 'string', title: 'Bentuk usaha', enum: ['perorangan', 'cv', 'badan-hukum'], default: 'perorangan', description: 'badan-hukum: PT, koperasi, yayasan' },
        fasilitasPenanamanModal: { type: 'boolean', title: 'Perusahaan dengan fasilitas PMA/PMDN', default: false },
        [V.perluRekomendasiDinas]: { type: 'boolean', title: 'Usaha/kegiatan harus meminta rekomendasi dinas terkait', default: false },
      },
      tests: [
        { name: 'Usaha perorangan', facts: {}, documents: ['KTP', 'SURAT-TANAH', 'PERSETUJUAN-TETANGGA', 'LUNAS-PBB', 'DENAH-LOKASI', 'NPWP', 'METERAI', 'PAS-FOTO', 'SPPL'] },
        {
          name: 'Usaha yang memerlukan rekomendasi dinas',
          facts: { [V.perluRekomendasiDinas]: true },
          documents: ['KTP', 'SURAT-TANAH', 'PERSETUJUAN-TETANGGA', 'LUNAS-PBB', 'DENAH-LOKASI', 'NPWP', 'METERAI', 'PAS-FOTO', 'SPPL', 'REKOMENDASI-DINAS'],
        },
        { name: 'Perorangan, 100 m², 20 tenaga kerja: masih kewenangan kecamatan', facts: { area: 100, workers: 20 }, reasons: [] },
        { name: 'Ruang usaha 120 m²: di luar kewenangan', facts: { area: 120 }, reasons: ['HO-LUAS-LEBIH-100'], documents: [] },
        { name: '21 tenaga kerja: di luar kewenangan', facts: { workers: 21 }, reasons: ['HO-TENAGA-KERJA-LEBIH-20'], documents: [] },
        { name: 'CV: di luar kewenangan', facts: { jenisPemohon: 'cv' }, reasons: ['HO-BUKAN-PERORANGAN'], documents: [] },
        { name: 'Badan hukum dengan fasilitas PMDN: di luar kewenangan', facts: { jenisPemohon: 'badan-hukum', fasilitasPenanamanModal: true }, reasons: ['HO-BUKAN-PERORANGAN'], documents: [] },
      ],
    },
  ),
};

const siupLegal = [{ regulation: 'SK Bupati Temanggung Nomor 510/72 Tahun 2003', text: 'Ketentuan Penerbitan Surat Izin Usaha Perdagangan (SIUP)' }];
const BH = when.is('jenisPemohon', 'badan-hukum');
const siup = permit({
  key: 'kaloran-siup',
  sop: '3',
  name: 'Surat Izin Usaha Perdagangan (SIUP)',
  product: 'SIUP',
  legal: siupLegal,
  fieldCheck: 'optional',
  requirements: reqs(
    'Surat Izin Usaha Perdagangan (SIUP)',
    siupLegal,
    [
      { code: 'KTP', label: 'Fotokopi KTP pemohon yang masih berlaku' },
      { code: 'SK-KADES', label: 'Surat keterangan dari Kepala Desa (badan hukum: diketahui Camat)' },
      { code: 'HO', label: 'Surat Keterangan Tempat Usaha (HO)' },
      { code: 'NPWP', label: 'Nomor Pokok Wajib Pajak (NPWP)' },
      { code: 'PAS-FOTO', label: 'Foto 4×6 (4 lembar)', when: BH },
      { code: 'AKTA-PENDIRIAN', label: 'Akta pendirian perusahaan', when: BH },
      { code: 'DATA-AKTA', label: 'Data akta pendirian perusahaan', when: BH },
      { code: 'AKTA-PERUBAHAN', label: 'Akta perubahan pendirian perusahaan', when: BH, required: false, note: 'Bila ada perubahan' },
      { code: 'KEPUTUSAN-PENGESAHAN', label: 'Keputusan pengesahan badan hukum', when: BH },
      { code: 'NERACA', label: 'Neraca perusahaan terakhir', when: BH },
      { code: 'SIUP-LEGALISIR', label: 'SIUP yang telah dilegalisir', when: BH, required: false, note: 'Untuk pembaruan/cabang' },
      { code: 'AKTA-CABANG', label: 'Akta pembukaan cabang', when: { all: [{ fact: 'jenisPemohon', operator: 'equal', value: 'badan-hukum' }, { fact: 'kantorCabang', operator: 'equal', value: true }] } },
      {
        code: 'PENUNJUKAN-KANTOR-PUSAT',
        label: 'Surat penunjukan dari kantor pusat untuk kantor cabang yang disahkan notaris',
        when: { all: [{ fact: 'jenisPemohon', operator: 'equal', value: 'badan-hukum' }, { fact: 'kantorCabang', operator: 'equal', value: true }] },
      },
      KUASA,
    ],
    {
      facts: {
        jenisPemohon: { type: 'string', title: 'Jenis pemohon', enum: ['perorangan', 'badan-hukum'], default: 'perorangan' },
        kantorCabang: { type: 'boolean', title: 'Permohonan untuk kantor cabang', default: false },
      },
      tests: [
        { name: 'Perorangan', facts: { jenisPemohon: 'perorangan' }, documents: ['KTP', 'SK-KADES', 'HO', 'NPWP'] },
        { name: 'Badan hukum kantor pusat', facts: { jenisPemohon: 'badan-hukum' } },
        { name: 'Badan hukum kantor cabang dikuasakan', facts: { jenisPemohon: 'badan-hukum', kantorCabang: true, dikuasakan: true } },
      ],
    },
  ),
});

const makamLegal = [{ regulation: 'Perda Kabupaten Temanggung Nomor 13 Tahun 1994', text: 'Tempat Pemakaman' }];
const pemakaman = permit({
  key: 'kaloran-pemakaman',
  sop: '4',
  name: 'Izin Pemakaman (tanah Pemerintah Daerah)',
  product: 'Izin Pemakaman',
  legal: makamLegal,
  feeRuleSet: 'kaloran-pemakaman',
  fieldCheck: 'always',
  requirements: reqs('Izin Pemakaman', makamLegal, [
    { code: 'FORMULIR', label: 'Isian formulir permohonan' },
    { code: 'KTP', label: 'Fotokopi KTP pemohon atau ahli waris (rangkap 3)' },
    { code: 'IDENTITAS-JENAZAH', label: 'Fotokopi identitas jenazah dan surat kematian dari dokter atau Kades/Kaur' },
    { code: 'PERNYATAAN-TAAT', label: 'Surat pernyataan sanggup menaati peraturan, bermeterai (rangkap 3)' },
    KUASA,
  ]),
});

const opritLegal = [{ regulation: 'Perda Kabupaten Temanggung Nomor 1 Tahun 1995', text: 'Perizinan Pembuatan Jalan Masuk' }];
const oprit = permit({
  key: 'kaloran-oprit',
  sop: '5',
  name: 'Izin Oprit (pembuatan jalan masuk)',
  product: 'Izin Oprit',
  legal: opritLegal,
  fieldCheck: 'optional',
  requirements: reqs(
    'Izin Oprit',
    opritLegal,
    [
      { code: 'FORMULIR', label: 'Isian formulir permohonan' },
      { code: 'KTP', label: 'Fotokopi KTP pemohon (rangkap 3)' },
      { code: 'PENGANTAR-KADES', label: 'Surat pengantar dari Kades/Kalur' },
      { code: 'SURAT-TANAH', label: 'Fotokopi surat tanah/sertifikat (rangkap 3)' },
      { code: 'IMB', label: 'Fotokopi IMB (rangkap 3)' },
      { code: 'LUNAS-PBB', label: 'Fotokopi pelunasan PBB tahun terakhir (rangkap 3)' },
      { code: 'GAMBAR-JALAN-MASUK', label: 'Gambar rencana pembuatan jalan masuk (rangkap 3)' },
      { code: 'IZIN-PEMILIK-TANAH', label: 'Surat kuasa/surat izin dari pemilik tanah, apabila pemohon bukan pemilik tanah', when: when.is('bukanPemilikTanah', true) },
      KUASA,
    ],
    {
      facts: { bukanPemilikTanah: { type: 'boolean', title: 'Pemohon bukan pemilik tanah', default: false } },
      tests: [
        { name: 'Pemilik tanah sendiri', facts: {} },
        { name: 'Bukan pemilik tanah', facts: { bukanPemilikTanah: true } },
      ],
    },
  ),
});

const tdpLegal = [{ regulation: 'SK Bupati Temanggung Nomor 510/71 Tahun 2003', text: 'Ketentuan Penerbitan Tanda Daftar Perusahaan (TDP)' }];
const tdp = permit({
  key: 'kaloran-tdp',
  sop: '6',
  name: 'Tanda Daftar Perusahaan (TDP)',
  product: 'TDP',
  legal: tdpLegal,
  fieldCheck: 'optional',
  requirements: reqs(
    'Tanda Daftar Perusahaan (TDP)',
    tdpLegal,
    [
      { code: 'KTP', label: 'Fotokopi KTP pemohon yang masih berlaku' },
      { code: 'SK-KADES', label: 'Surat keterangan dari Kepala Desa yang diketahui Camat' },
      { code: 'HO', label: 'Surat Keterangan Tempat Usaha (HO)' },
      { code: 'NPWP', label: 'Nomor Pokok Wajib Pajak (NPWP)' },
      { code: 'AKTA-PENDIRIAN', label: 'Akta pendirian perusahaan' },
      { code: 'DATA-AKTA', label: 'Data akta pendirian perusahaan' },
      { code: 'AKTA-PERUBAHAN', label: 'Akta perubahan pendirian perusahaan', required: false, note: 'Bila ada perubahan' },
      { code: 'KEPUTUSAN-PENGESAHAN', label: 'Keputusan pengesahan' },
      { code: 'NERACA', label: 'Neraca perusahaan terakhir' },
      { code: 'TDP-LEGALISIR', label: 'TDP yang telah dilegalisir', required: false, note: 'Untuk pembaruan/cabang' },
      { code: 'AKTA-CABANG', label: 'Akta pembukaan cabang', when: when.is('kantorCabang', true) },
      { code: 'PENUNJUKAN-KANTOR-PUSAT', label: 'Surat penunjukan dari kantor pusat untuk kantor cabang yang disahkan notaris', when: when.is('kantorCabang', true) },
      KUASA,
    ],
    {
      eligibility: ELIGIBILITY.tdp,
      facts: {
        capital: { type: 'integer', title: 'Modal disetor dan kekayaan bersih, tanpa tanah dan bangunan tempat usaha (Rp)', minimum: 0 },
        kantorCabang: { type: 'boolean', title: 'Pendaftaran kantor cabang', default: false },
      },
      tests: [
        { name: 'Kantor pusat', facts: {} },
        { name: 'Kantor cabang', facts: { kantorCabang: true } },
        { name: 'Modal tepat Rp 200 juta: masih kewenangan kecamatan', facts: { capital: 200_000_000 }, reasons: [] },
        { name: 'Modal Rp 250 juta: di luar kewenangan', facts: { capital: 250_000_000 }, reasons: ['TDP-MODAL-LEBIH-200-JUTA'], documents: [] },
      ],
    },
  ),
});

const tdiLegal = [{ regulation: 'SK Bupati Temanggung Nomor 53/94 Tahun 2003', text: 'Ketentuan Penerbitan Bidang Industri' }];
const tdi = permit({
  key: 'kaloran-tdi',
  sop: '7',
  name: 'Tanda Daftar Industri (TDI)',
  product: 'TDI',
  legal: tdiLegal,
  fieldCheck: 'optional',
  status: 'perlu-verifikasi',
  verificationNote:
    'Bagian Persyaratan, Prosedur dan Biaya TDI kosong di sumber: alur mengikuti pola layanan perizinan lain di Kaloran (SIUP/TDP), tanpa biaya, dan persyaratan disusun dari persyaratan TDP. Perlu diverifikasi dengan kecamatan.',
  requirements: reqs(
    'Tanda Daftar Industri (TDI)',
    tdiLegal,
    [
      { code: 'FORMULIR', label: 'Isian formulir permohonan' },
      { code: 'KTP', label: 'Fotokopi KTP pemohon yang masih berlaku' },
      { code: 'SK-KADES', label: 'Surat keterangan dari Kepala Desa yang diketahui Camat' },
      { code: 'HO', label: 'Surat Keterangan Tempat Usaha (HO)' },
      { code: 'NPWP', label: 'Nomor Pokok Wajib Pajak (NPWP)' },
      { code: 'AKTA-PENDIRIAN', label: 'Akta pendirian perusahaan (bagi badan hukum)', when: when.is('jenisPemohon', 'badan-hukum') },
      KUASA,
    ],
    {
      facts: { jenisPemohon: { type: 'string', title: 'Jenis pemohon', enum: ['perorangan', 'badan-hukum'], default: 'perorangan' } },
      assumption: true,
      assumptionNotes: ['Sumber tidak memuat persyaratan TDI: daftar ini adalah asumsi dari persyaratan TDP/SIUP dan perlu diverifikasi.'],
      tests: [
        { name: 'Perorangan', facts: {} },
        { name: 'Badan hukum', facts: { jenisPemohon: 'badan-hukum' } },
      ],
    },
  ),
});

const reklameLegal = [
  { regulation: 'Perda Kabupaten Temanggung Nomor 15 Tahun 2011', text: 'Bangunan Gedung' },
  { regulation: 'Perda Kabupaten Temanggung Nomor 33 Tahun 2011', text: 'Penyelenggaraan Reklame' },
];
const PERMANEN = when.is('jenisReklame', 'permanen');
const reklame = permit({
  key: 'kaloran-reklame',
  sop: '8',
  name: 'Izin Pemasangan Reklame',
  product: 'Izin Reklame',
  legal: reklameLegal,
  feeRuleSet: 'kaloran-reklame',
  fieldCheck: 'optional',
  object: {
    // optional: the requirement facts default it to non-permanen (the spanduk)
    jenisReklame: { type: 'string', title: 'Jenis reklame', enum: ['permanen', 'non-permanen'], ...OBJECT, optional: true },
    teksReklame: { type: 'string', title: 'Teks reklame (isi yang ditampilkan)', minLength: 1, maxLength: 500, ...OBJECT },
    lengthMeters: { type: 'number', title: 'Panjang reklame (meter)', minimum: 0, maximum: 1000, ...OBJECT },
    lebarMeter: { type: 'number', title: 'Lebar reklame (meter)', minimum: 0, maximum: 1000, ...OBJECT },
    lokasiReklame: { type: 'string', title: 'Lokasi pemasangan (alamat atau titik)', minLength: 1, maxLength: 300, ...OBJECT },
    jangkaWaktuHari: { type: 'integer', title: 'Jangka waktu pemasangan (hari)', minimum: 1, maximum: 3650, ...OBJECT },
    dikuasakan: { type: 'boolean', title: 'Pengurusan dikuasakan kepada orang lain' },
  },
  requirements: reqs(
    'Izin Pemasangan Reklame',
    reklameLegal,
    [
      { code: 'FORMULIR', label: 'Formulir yang telah disediakan', when: PERMANEN },
      { code: 'KTP', label: 'Fotokopi KTP dengan menunjukkan aslinya' },
      { code: 'NPWP', label: 'Fotokopi NPWP dengan menunjukkan aslinya' },
      { code: 'SURAT-KUASA', label: 'Surat kuasa bermeterai bila permohonan dikuasakan kepada orang lain', when: when.is('dikuasakan', true) },
      { code: 'SKETSA-LOKASI', label: 'Sketsa titik lokasi penyelenggaraan reklame', when: PERMANEN },
      { code: 'DESAIN-REKLAME', label: 'Desain dan tipologi reklame', when: PERMANEN },
      { code: 'FOTO-LOKASI', label: 'Foto terbaru rencana lokasi penempatan reklame ukuran 4R', when: PERMANEN },
      { code: 'IMB', label: 'Izin Mendirikan Bangunan (IMB) konstruksi reklame', when: PERMANEN },
    ],
    {
      facts: { jenisReklame: { type: 'string', title: 'Jenis reklame', enum: ['permanen', 'non-permanen'], default: 'non-permanen' } },
      tests: [
        { name: 'Reklame permanen (billboard)', facts: { jenisReklame: 'permanen' }, documents: ['FORMULIR', 'KTP', 'NPWP', 'SKETSA-LOKASI', 'DESAIN-REKLAME', 'FOTO-LOKASI', 'IMB'] },
        { name: 'Reklame non permanen (spanduk)', facts: { jenisReklame: 'non-permanen' }, documents: ['KTP', 'NPWP'] },
        { name: 'Spanduk dikuasakan', facts: { jenisReklame: 'non-permanen', dikuasakan: true }, documents: ['KTP', 'NPWP', 'SURAT-KUASA'] },
      ],
    },
  ),
});

export const kaloranSpecs: ProcessSpec[] = [imb, ho, siup, pemakaman, oprit, tdp, tdi, reklame];

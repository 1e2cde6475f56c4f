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
import type { LaneSpec, ProcessSpec, RequirementDoc, RequirementsSpec, StepSpec } from './types.js';
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
}

function reqs(title: string, legal: PermitOptions['legal'], documents: RequirementDoc[], extra: Partial<RequirementsSpec> = {}): RequirementsSpec {
  return {
    title: `Persyaratan ${title}`,
    legalBasis: [{ regulation: SK, article: title }, ...legal],
    effectiveFrom: EFFECTIVE,
    facts: { dikuasakan: FACT_DIKUASAKAN, ...(extra.facts ?? {}) },
    documents,
    tests: extra.tests ?? [{ name: 'Pemohon datang sendiri', facts: {} }, { name: 'Pengurusan dikuasakan', facts: { dikuasakan: true } }],
    ...(extra.assumption ? { assumption: true, assumptionNotes: extra.assumptionNotes } : {}),
  };
}

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
  user('terima_bayar', 'loket', 'Menerima pembayaran retribusi dan memberikan tanda bukti pembayaran', 'PT10M', { output: 'Tanda bukti pembayaran retribusi' }),
];

function permit(o: PermitOptions): ProcessSpec {
  const steps: StepSpec[] = [
    start('start', 'pemohon', 'Pemohon datang ke kecamatan'),
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
    rule('hitung_retribusi', 'tim', 'Menghitung retribusi IMB (luas × indeks terintegrasi × jenis kegiatan)', 'kaloran-imb', 'retribusi', { output: 'Rumusan retribusi (STRD)' }),
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
      facts: {
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
      ],
    },
  ),
};

const hoLegal = [{ regulation: 'Perda Kabupaten Temanggung Nomor 12 Tahun 2012', text: 'Retribusi Izin Gangguan' }];
const ho = permit({
  key: 'kaloran-ho',
  sop: '2',
  name: 'Izin Gangguan / Hinder Ordonantie (HO)',
  product: 'Izin HO',
  legal: hoLegal,
  feeRuleSet: 'kaloran-ho',
  fieldCheck: 'optional',
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
      KUASA,
    ],
    {
      facts: {
        jenisPemohon: { type: 'string', title: 'Jenis pemohon', enum: ['perorangan', 'badan-hukum'], default: 'perorangan' },
        fasilitasPenanamanModal: { type: 'boolean', title: 'Perusahaan dengan fasilitas PMA/PMDN', default: false },
      },
      tests: [
        { name: 'Usaha perorangan', facts: {}, documents: ['KTP', 'SURAT-TANAH', 'PERSETUJUAN-TETANGGA', 'LUNAS-PBB', 'DENAH-LOKASI', 'NPWP', 'METERAI', 'PAS-FOTO', 'SPPL'] },
        { name: 'Badan hukum dengan fasilitas PMDN', facts: { jenisPemohon: 'badan-hukum', fasilitasPenanamanModal: true } },
      ],
    },
  ),
});

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
      facts: { kantorCabang: { type: 'boolean', title: 'Pendaftaran kantor cabang', default: false } },
      tests: [
        { name: 'Kantor pusat', facts: {} },
        { name: 'Kantor cabang', facts: { kantorCabang: true } },
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

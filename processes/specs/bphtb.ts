/**
 * BPHTB Kota Depok — "Alur Proses Pelayanan BPHTB" B.1–B.7 (DPPKA Kota Depok).
 *
 * The source is a numbered narrative without times or a requirements list: each numbered
 * sentence becomes a step in the lane of whoever acts in it; durations and the document
 * lists are assumptions (marked in the rule sets and the README).
 */
import { decide, end, FACT_DIKUASAKAN, identityAndProxy, rule, start, user } from './helpers.js';
import type { LaneSpec, ProcessSpec, RequirementDoc, RequirementsSpec, StepSpec } from './types.js';
import { V } from './variables.js';

const AGENCY = 'bapenda-depok';
const SRC = 'Alur Proses Pelayanan BPHTB, DPPKA Kota Depok';
const STARTERS = ['pemohon', 'petugas-loket'];
const NOTE = 'Sumber tidak menyebut waktu per langkah: durasi diasumsikan (loket 15 menit, penelitian berkas 1 hari, penelitian lapangan 3 hari, persetujuan/penandatanganan 1 hari).';

const L: Record<string, LaneSpec> = {
  wp: { id: 'wp', name: 'Wajib Pajak / PPAT', role: 'pemohon' },
  loket: { id: 'loket', name: 'Petugas Loket Pelayanan BPHTB', role: 'petugas-loket', supervisorRole: 'kasi-pdi' },
  peneliti: { id: 'peneliti', name: 'Petugas Peneliti Seksi Pengelolaan Data dan Informasi', role: 'petugas-peneliti', supervisorRole: 'kasi-pdi' },
  kasiPdi: { id: 'kasiPdi', name: 'Kepala Seksi Pengelolaan Data dan Informasi', role: 'kasi-pdi', supervisorRole: 'kabid-pendapatan' },
  intens: { id: 'intens', name: 'Petugas Seksi Intensifikasi dan Ekstensifikasi', role: 'petugas-intensifikasi', supervisorRole: 'kasi-intensifikasi' },
  kasiIntens: { id: 'kasiIntens', name: 'Kepala Seksi Intensifikasi dan Ekstensifikasi', role: 'kasi-intensifikasi', supervisorRole: 'kabid-pendapatan' },
  penagihan: { id: 'penagihan', name: 'Petugas Seksi Penagihan PBB dan BPHTB', role: 'petugas-penagihan', supervisorRole: 'kasi-penagihan' },
  kasiTagih: { id: 'kasiTagih', name: 'Kepala Seksi Penagihan', role: 'kasi-penagihan', supervisorRole: 'kabid-pendapatan' },
  kabid: { id: 'kabid', name: 'Kepala Bidang Pendapatan II', role: 'kabid-pendapatan', supervisorRole: 'kepala-dinas' },
  kadis: { id: 'kadis', name: 'Kepala Dinas', role: 'kepala-dinas' },
};
const lanes = (...ids: string[]) => ids.map((id) => L[id]);

const T = { loket: 'PT15M', berkas: 'P1D', lapangan: 'P3D', ttd: 'P1D', wp: 'P1D' };

const LEGAL = [
  { regulation: 'Undang-Undang Nomor 1 Tahun 2022', text: 'Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah (BPHTB)' },
  { regulation: 'Peraturan Daerah Kota Depok tentang Pajak Daerah', text: 'BPHTB' },
];

const BASE_DOCS: RequirementDoc[] = [
  { code: 'SSPD-BPHTB', label: 'SSPD BPHTB yang telah diisi dan ditandatangani' },
  ...identityAndProxy('Fotokopi KTP wajib pajak', 'KTP'),
  { code: 'SPPT-PBB', label: 'Fotokopi SPPT PBB tahun berjalan dan bukti lunas PBB' },
  { code: 'BUKTI-HAK', label: 'Fotokopi sertifikat / bukti kepemilikan tanah dan bangunan' },
];

function requirements(b: string, title: string, documents: RequirementDoc[], extra: Partial<RequirementsSpec> = {}): RequirementsSpec {
  return {
    title: `Persyaratan ${title}`,
    legalBasis: [{ regulation: SRC, article: b }, ...LEGAL],
    effectiveFrom: '2024-01-05',
    assumption: true,
    assumptionNotes: [
      `Sumber ${b} hanya menyebut "verifikasi kelengkapan berkas administrasi sesuai persyaratan" tanpa daftar: daftar ini disusun dari persyaratan umum pelayanan BPHTB Kota Depok dan perlu diverifikasi.`,
    ],
    facts: { dikuasakan: FACT_DIKUASAKAN, ...(extra.facts ?? {}) },
    documents,
    tests: extra.tests ?? [{ name: 'Wajib pajak datang sendiri', facts: {} }, { name: 'Diurus oleh PPAT/kuasa', facts: { dikuasakan: true } }],
  };
}

/**
 * B.2: the loket may note a proposal of the SPPDKB figures (optional); Seksi Penagihan, which
 * the source makes examine the file and issue the SPPDKB (B.2 langkah 3–4), sets them in the
 * facts form of its own step right before the computation.
 */
const SPPDKB_USULAN = JSON.stringify({
  schema: {
    type: 'object',
    properties: {
      underpaid: { type: 'integer', minimum: 0, title: 'Usulan pokok BPHTB kurang bayar (Rp), boleh dikosongkan' },
      monthsLate: { type: 'integer', minimum: 0, title: 'Usulan jumlah bulan keterlambatan, boleh dikosongkan' },
    },
  },
});

/** Loket receives the file, checks it against the list and prints the BPS; incomplete → back. */
function loketIntake(backTo: string): StepSpec[] {
  return [
    user('terima_berkas', 'loket', 'Menerima berkas, memverifikasi kelengkapan administrasi dan mencetak Bukti Penerimaan Surat (BPS)', T.loket, {
      output: 'Bukti Penerimaan Surat (BPS)',
      documents: 'requirements',
    }),
    decide('gw_lengkap', 'loket', 'Berkas lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', backTo),
  ];
}

const b1: ProcessSpec = {
  key: 'bphtb-b1-validasi-sspd',
  sopNumber: 'B.1',
  name: 'B.1 Validasi SSPD BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.1 Alur Pelayanan Validasi SSPD BPHTB`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'peneliti', 'intens', 'kasiIntens', 'penagihan', 'kasiTagih', 'kasiPdi', 'kabid'),
  steps: [
    start('start', 'wp', 'Perolehan hak atas tanah/bangunan'),
    user('isi_sspd', 'wp', 'Mengisi, menghitung sendiri dan menandatangani SSPD BPHTB (formulir loket atau website)', T.wp, { output: 'SSPD BPHTB' }),
    rule('hitung_bphtb', 'wp', 'Menghitung BPHTB terutang', 'bphtb-fees', 'perhitunganBphtb', { output: 'BPHTB terutang' }),
    user('bayar_bank', 'wp', 'Membayar BPHTB di bank yang ditunjuk dengan SSPD', T.wp, { output: 'SSPD BPHTB lunas' }),
    user('ajukan_validasi', 'wp', 'Mengajukan permohonan validasi SSPD ke loket pelayanan BPHTB', T.loket, { output: 'Berkas permohonan validasi', documents: 'requirements' }),
    ...loketIntake('ajukan_validasi'),
    user('teliti_berkas', 'peneliti', 'Meneliti berkas termasuk keabsahan dan kebenaran pajak yang dibayar', T.berkas, { output: 'Hasil penelitian berkas' }),
    decide('gw_ragu', 'peneliti', 'Ragu atas kebenaran berkas?', V.perluPenelitianLapangan, 'Ragu: penelitian lapangan', 'Tidak ragu', 'simpulkan'),
    user('ba_lapangan', 'intens', 'Melakukan penelitian lapangan dan membuat Berita Acara Penelitian Lapangan', T.lapangan, { output: 'Berita Acara Penelitian Lapangan' }),
    user('ttd_ba', 'kasiIntens', 'Menyetujui dan menandatangani Berita Acara Penelitian Lapangan', T.ttd, { output: 'Berita Acara ditandatangani' }),
    user('terima_hasil', 'peneliti', 'Menerima hasil penelitian lapangan', T.loket, { output: 'Hasil penelitian lapangan' }),
    user('simpulkan', 'peneliti', 'Menyimpulkan hasil penelitian (indikasi kurang bayar atau tidak)', T.loket, { output: 'Kesimpulan penelitian' }),
    decide('gw_indikasi', 'peneliti', 'Indikasi kurang bayar?', V.indikasiKurangBayar, 'Ada indikasi', 'Tidak ada', 'verifikasi_kasi'),
    user('teliti_penagihan', 'penagihan', 'Meneliti lebih mendalam kekurangan pembayaran BPHTB', T.berkas, { output: 'Hasil penelitian penagihan' }),
    decide('gw_kurang', 'penagihan', 'Terdapat kurang bayar?', V.kurangBayar, 'Kurang bayar', 'Tidak kurang bayar', 'verifikasi_kasi'),
    rule('hitung_sppdkb', 'penagihan', 'Menghitung kekurangan BPHTB dan bunga', 'bphtb-sppdkb', 'perhitunganSppdkb', { output: 'Kekurangan BPHTB dan bunga' }),
    user('terbit_sppdkb', 'kasiTagih', 'Menerbitkan SPPDKB BPHTB', T.ttd, { output: 'SPPDKB BPHTB' }),
    user('bayar_kurang', 'wp', 'Membayar kekurangan BPHTB berdasarkan SPPDKB', T.wp, { output: 'Bukti bayar kekurangan BPHTB' }),
    user('verifikasi_kasi', 'kasiPdi', 'Memverifikasi dan menandatangani berkas SSPD BPHTB', T.ttd, { output: 'SSPD BPHTB diverifikasi' }),
    user('ttd_validasi', 'kabid', 'Menandatangani validasi SSPD BPHTB', T.ttd, { output: 'SSPD BPHTB tervalidasi' }),
    user('serah_loket', 'loket', 'Menerima SSPD tervalidasi untuk diserahkan kepada wajib pajak', T.loket, { output: 'SSPD BPHTB tervalidasi' }),
    user('ambil_berkas', 'wp', 'Mengambil berkas SSPD tervalidasi di loket', T.wp, { output: 'SSPD BPHTB tervalidasi' }),
    end('end', 'wp', 'SSPD BPHTB tervalidasi'),
  ],
  requirements: requirements(
    'B.1',
    'validasi SSPD BPHTB',
    [
      ...BASE_DOCS,
      { code: 'BUKTI-BAYAR-BPHTB', label: 'Bukti pembayaran BPHTB dari bank' },
      { code: 'BUKTI-TRANSAKSI', label: 'Fotokopi bukti transaksi (akta/PPJB/risalah lelang/surat waris)', required: true },
      // The Rp 300 jt NPOPTKP (bphtb-fees) holds only for family in the direct line: the relation is proven.
      {
        code: 'BUKTI-HUBUNGAN-KELUARGA',
        label: 'Bukti hubungan keluarga sedarah garis lurus satu derajat atau suami/istri (kartu keluarga, akta kelahiran/perkawinan, surat keterangan waris)',
        when: { all: [{ fact: 'acquisition', operator: 'in', value: ['waris', 'hibah-wasiat'] }, { fact: 'familyDirectLine', operator: 'equal', value: true }] },
        note: 'Syarat NPOPTKP Rp 300.000.000 untuk waris/hibah wasiat dalam keluarga garis lurus',
      },
    ],
    {
      facts: {
        acquisition: { type: 'string', title: 'Jenis perolehan', enum: ['jual-beli', 'hibah', 'hibah-wasiat', 'waris', 'lelang', 'tukar-menukar', 'lainnya'], default: 'jual-beli' },
        familyDirectLine: { type: 'boolean', title: 'Penerima keluarga sedarah garis lurus satu derajat atau suami/istri', default: false },
      },
      tests: [
        { name: 'Jual beli', facts: {} },
        { name: 'Waris kepada anak: bukti hubungan keluarga', facts: { acquisition: 'waris', familyDirectLine: true } },
        { name: 'Waris di luar garis lurus: NPOPTKP umum, tanpa bukti hubungan', facts: { acquisition: 'waris', familyDirectLine: false } },
        { name: 'Hibah biasa kepada anak: NPOPTKP umum', facts: { acquisition: 'hibah', familyDirectLine: true } },
      ],
    },
  ),
};

const b2: ProcessSpec = {
  key: 'bphtb-b2-sppdkb',
  sopNumber: 'B.2',
  name: 'B.2 Penerbitan SPPDKB BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.2 Alur Pelayanan Penerbitan Surat Pemberitahuan Pajak Daerah Kurang Bayar (SPPDKB)`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'penagihan', 'kasiTagih', 'kabid'),
  steps: [
    start('start', 'wp', 'Kurang bayar BPHTB diketahui'),
    user('ajukan', 'wp', 'Mengajukan permohonan penerbitan SPPDKB dengan SSPD yang sudah dibayar dan bukti kurang bayar', T.loket, { documents: 'requirements', output: 'Berkas permohonan SPPDKB' }),
    ...loketIntake('ajukan'),
    user('teruskan', 'loket', 'Menyampaikan berkas permohonan dan lampirannya kepada Seksi Penagihan', T.loket, {
      output: 'Berkas diteruskan',
      form: SPPDKB_USULAN,
      instruction: 'Loket boleh mencatat usulan pokok kurang bayar dan bulan keterlambatan dari bukti kurang bayar; Seksi Penagihan yang menetapkannya',
    }),
    user('teliti_penagihan', 'penagihan', 'Meneliti lebih mendalam berkas permohonan SPPDKB dan menetapkan pokok kurang bayar dan bulan keterlambatan', T.berkas, {
      output: 'Pokok kurang bayar dan bulan keterlambatan',
      instruction: 'Periksa usulan loket terhadap SSPD dan bukti kurang bayar; konfirmasi atau koreksi pokok kurang bayar dan bulan keterlambatan (langkah 3)',
    }),
    rule('hitung_sppdkb', 'penagihan', 'Menghitung kekurangan BPHTB dan bunga', 'bphtb-sppdkb', 'perhitunganSppdkb', { output: 'Kekurangan BPHTB dan bunga' }),
    user('cetak_sppdkb', 'penagihan', 'Mencetak SPPDKB BPHTB', T.loket, { output: 'SPPDKB BPHTB' }),
    user('setuju_kasi', 'kasiTagih', 'Menyetujui SPPDKB BPHTB dan meneruskan kepada Kepala Bidang Pendapatan II', T.ttd, { output: 'SPPDKB disetujui' }),
    user('ttd_kabid', 'kabid', 'Menandatangani SPPDKB BPHTB atas nama Kepala Dinas', T.ttd, { output: 'SPPDKB ditandatangani' }),
    user('sampaikan', 'loket', 'Menyampaikan SPPDKB kepada wajib pajak', T.loket, { output: 'SPPDKB BPHTB' }),
    user('bayar', 'wp', 'Membayar kekurangan BPHTB dan menyampaikan SSPDKB untuk divalidasi', T.wp, { output: 'SSPDKB' }),
    user('validasi', 'loket', 'Memvalidasi SSPDKB', T.loket, { output: 'SSPDKB tervalidasi' }),
    user('ambil', 'wp', 'Mengambil SSPDKB yang telah divalidasi di loket', T.wp, { output: 'SSPDKB tervalidasi' }),
    end('end', 'wp', 'Kekurangan BPHTB lunas'),
  ],
  requirements: requirements('B.2', 'penerbitan SPPDKB BPHTB', [
    ...BASE_DOCS.slice(0, 3),
    { code: 'BUKTI-BAYAR-BPHTB', label: 'SSPD BPHTB yang sudah dibayar' },
    { code: 'BUKTI-KURANG-BAYAR', label: 'Bukti kurang bayar (hasil penelitian / surat pemberitahuan)' },
  ]),
};

const b3: ProcessSpec = {
  key: 'bphtb-b3-pengurangan',
  sopNumber: 'B.3',
  name: 'B.3 Pengurangan Pembayaran BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.3 Alur Pelayanan Pengurangan Pembayaran BPHTB`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'peneliti', 'intens', 'kasiIntens', 'kabid', 'kadis', 'kasiPdi'),
  steps: [
    start('start', 'wp', 'Permohonan pengurangan BPHTB'),
    user('isi_sspd', 'wp', 'Mengisi dan menandatangani SSPD BPHTB dengan memperhitungkan pengurangan yang diajukan', T.wp, { output: 'SSPD BPHTB' }),
    rule('hitung_bphtb', 'wp', 'Menghitung BPHTB terutang (dengan pengurangan yang diajukan)', 'bphtb-fees', 'perhitunganBphtb', {
      output: 'BPHTB yang dibayar setelah pengurangan yang diajukan',
      facts: { reductionRequested: true },
    }),
    user('bayar', 'wp', 'Membayar BPHTB sesuai perhitungan sendiri', T.wp, { output: 'SSPD BPHTB lunas' }),
    user('ajukan', 'wp', 'Mengajukan permohonan validasi disertai surat permohonan pengurangan dan dokumen pendukung', T.loket, { documents: 'requirements', output: 'Berkas permohonan pengurangan' }),
    ...loketIntake('ajukan'),
    user('teliti_berkas', 'peneliti', 'Meneliti berkas dan meneruskan permohonan pengurangan kepada Seksi Intensifikasi dan Ekstensifikasi', T.berkas, { output: 'Hasil penelitian berkas' }),
    user('penelitian', 'intens', 'Melakukan penelitian kantor dan/atau lapangan dan membuat draft Surat Keputusan', T.lapangan, { output: 'Berita Acara Penelitian dan draft Surat Keputusan' }),
    user('ttd_ba', 'kasiIntens', 'Menandatangani Berita Acara penelitian dan draft Surat Keputusan', T.ttd, { output: 'Berita Acara ditandatangani' }),
    user('setuju_kabid', 'kabid', 'Menyetujui Berita Acara penelitian dan draft Surat Keputusan', T.ttd, { output: 'Draft Surat Keputusan disetujui' }),
    user('ttd_sk', 'kadis', 'Menyetujui dan menandatangani Surat Keputusan Pengurangan', T.ttd, {
      // the Kadis signs the SK electronically with their TTE passphrase (issue 20): numbered, signed, stored
      handler: 'sign-document',
      output: 'Surat Keputusan Pengurangan BPHTB',
      instruction: 'Persentase pengurangan yang diberikan SK (perolehan selain waris/hibah wasiat keluarga garis lurus) diisi sebelum penghitungan ulang; bandingkan hasilnya dengan yang sudah dibayar',
    }),
    rule('hitung_sk', 'kadis', 'Menghitung BPHTB yang dibayar menurut Surat Keputusan Pengurangan', 'bphtb-fees', 'perhitunganBphtbSk', {
      output: 'BPHTB yang dibayar setelah pengurangan menurut SK',
      facts: { reductionRequested: true },
    }),
    decide('gw_kurang', 'kadis', 'Ada kekurangan pembayaran?', V.kurangBayar, 'Ada kekurangan', 'Tidak ada', 'verifikasi_kasi'),
    user('bayar_kurang', 'wp', 'Membayar kekurangan pembayaran BPHTB', T.wp, { output: 'Bukti bayar kekurangan' }),
    user('verifikasi_kasi', 'kasiPdi', 'Memverifikasi dan menandatangani SSPD BPHTB', T.ttd, { output: 'SSPD BPHTB diverifikasi' }),
    user('ttd_validasi', 'kabid', 'Menandatangani SSPD BPHTB', T.ttd, { output: 'SSPD BPHTB tervalidasi' }),
    user('ambil', 'wp', 'Mengambil SSPD BPHTB yang telah divalidasi di loket', T.wp, { output: 'SSPD BPHTB tervalidasi dan SK Pengurangan' }),
    end('end', 'wp', 'Pengurangan BPHTB selesai'),
  ],
  requirements: requirements(
    'B.3',
    'pengurangan BPHTB',
    [
      ...BASE_DOCS,
      { code: 'BUKTI-BAYAR-BPHTB', label: 'Bukti pembayaran BPHTB dari bank' },
      { code: 'SURAT-PERMOHONAN-PENGURANGAN', label: 'Surat permohonan pengurangan BPHTB' },
      { code: 'DOKUMEN-PENDUKUNG', label: 'Dokumen pendukung alasan pengurangan' },
      {
        code: 'SURAT-KETERANGAN-WARIS',
        label: 'Surat keterangan waris dan akta kematian pewaris',
        when: { all: [{ fact: 'acquisition', operator: 'in', value: ['waris', 'hibah-wasiat'] }] },
      },
    ],
    {
      // Same fact as bphtb-fees, so one answer drives both the checklist and the tax.
      facts: { acquisition: { type: 'string', title: 'Jenis perolehan', enum: ['jual-beli', 'hibah', 'hibah-wasiat', 'waris', 'lelang', 'tukar-menukar', 'lainnya'], default: 'jual-beli' } },
      tests: [
        { name: 'Pengurangan atas jual beli', facts: { acquisition: 'jual-beli' } },
        { name: 'Pengurangan atas waris', facts: { acquisition: 'waris' } },
        { name: 'Hibah wasiat diurus PPAT', facts: { acquisition: 'hibah-wasiat', dikuasakan: true } },
      ],
    },
  ),
};

const b4: ProcessSpec = {
  key: 'bphtb-b4-pembetulan',
  sopNumber: 'B.4',
  name: 'B.4 Pembetulan SSPD BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.4 Alur Pelayanan Pembetulan SSPD BPHTB`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'peneliti', 'kasiPdi', 'kabid'),
  steps: [
    start('start', 'wp', 'Kesalahan pada SSPD tervalidasi'),
    user('ajukan', 'wp', 'Mengajukan permohonan pembetulan SSPD BPHTB dengan bukti kesalahan', T.loket, { documents: 'requirements', output: 'Berkas permohonan pembetulan' }),
    ...loketIntake('ajukan'),
    user('draft_sk', 'peneliti', 'Meneliti berkas dan membuat draft Surat Keterangan Pembetulan SSPD BPHTB', T.berkas, { output: 'Draft Surat Keterangan Pembetulan' }),
    user('setuju_kasi', 'kasiPdi', 'Menyetujui draft Surat Keterangan Pembetulan SSPD BPHTB', T.ttd, { output: 'Draft disetujui' }),
    user('ttd_kabid', 'kabid', 'Menandatangani Surat Keterangan Pembetulan SSPD BPHTB atas nama Kepala Dinas', T.ttd, { output: 'Surat Keterangan Pembetulan SSPD BPHTB' }),
    user('ambil', 'wp', 'Mengambil Surat Keterangan Pembetulan dan SSPD BPHTB di loket', T.wp, { output: 'Surat Keterangan Pembetulan dan SSPD BPHTB' }),
    end('end', 'wp', 'SSPD BPHTB dibetulkan'),
  ],
  requirements: requirements('B.4', 'pembetulan SSPD BPHTB', [
    ...identityAndProxy('Fotokopi KTP wajib pajak', 'KTP'),
    { code: 'SSPD-TERVALIDASI', label: 'SSPD BPHTB yang sudah divalidasi' },
    { code: 'SURAT-PERMOHONAN-PEMBETULAN', label: 'Surat permohonan pembetulan SSPD BPHTB' },
    { code: 'BUKTI-KESALAHAN', label: 'Bukti kesalahan tulis/hitung yang tidak mengubah substansi transaksi' },
  ]),
};

const b5: ProcessSpec = {
  key: 'bphtb-b5-sk-bebas',
  sopNumber: 'B.5',
  name: 'B.5 Surat Keterangan Bebas BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.5 Alur Pelayanan Surat Keterangan Bebas BPHTB`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'peneliti', 'intens', 'kasiIntens', 'kabid', 'kadis', 'kasiPdi'),
  steps: [
    start('start', 'wp', 'Permohonan Surat Keterangan Bebas BPHTB'),
    user('ajukan', 'wp', 'Mengajukan permohonan Surat Keterangan Bebas BPHTB', T.loket, { documents: 'requirements', output: 'Berkas permohonan' }),
    ...loketIntake('ajukan'),
    user('teruskan', 'peneliti', 'Meneruskan berkas kepada Seksi Intensifikasi dan Ekstensifikasi', T.loket, { output: 'Berkas diteruskan' }),
    user('penelitian', 'intens', 'Melakukan penelitian kantor/lapangan dan membuat draft Berita Acara', T.lapangan, { output: 'Draft Berita Acara Penelitian' }),
    user('ttd_ba', 'kasiIntens', 'Menandatangani Berita Acara Penelitian Kantor/Lapangan', T.ttd, { output: 'Berita Acara ditandatangani' }),
    user('setuju_ba', 'kabid', 'Menyetujui Berita Acara Penelitian Kantor/Lapangan', T.ttd, { output: 'Berita Acara disetujui' }),
    user('draft_sk', 'intens', 'Membuat draft Surat Keputusan Bebas BPHTB / Penolakan', T.berkas, { output: 'Draft Surat Keputusan' }),
    user('ttd_sk', 'kadis', 'Menyetujui dan menandatangani Surat Keputusan Bebas BPHTB / Penolakan', T.ttd, {
      // the Kadis signs the SK electronically with their TTE passphrase (issue 20): numbered, signed, stored
      handler: 'sign-document', output: 'Surat Keputusan Bebas BPHTB / Penolakan' }),
    user('draft_sket', 'peneliti', 'Membuat draft Surat Keterangan Bebas BPHTB berdasarkan Surat Keputusan', T.berkas, { output: 'Draft Surat Keterangan' }),
    user('setuju_kasi', 'kasiPdi', 'Menyetujui draft Surat Keterangan Bebas BPHTB / Penolakan', T.ttd, { output: 'Draft disetujui' }),
    user('ttd_kabid', 'kabid', 'Menandatangani Surat Keterangan Bebas BPHTB / Penolakan', T.ttd, { output: 'Surat Keterangan Bebas BPHTB / Penolakan' }),
    user('ambil', 'wp', 'Mengambil Surat Keterangan di loket pelayanan BPHTB', T.wp, { output: 'Surat Keterangan Bebas BPHTB / Penolakan' }),
    end('end', 'wp', 'Surat Keterangan diterima'),
  ],
  requirements: requirements('B.5', 'Surat Keterangan Bebas BPHTB', [
    ...BASE_DOCS,
    { code: 'SURAT-PERMOHONAN-BEBAS', label: 'Surat permohonan Surat Keterangan Bebas BPHTB' },
    { code: 'DOKUMEN-PENDUKUNG', label: 'Dokumen pendukung alasan pembebasan' },
  ]),
};

const b6: ProcessSpec = {
  key: 'bphtb-b6-keberatan',
  sopNumber: 'B.6',
  name: 'B.6 Keberatan SPPDKB BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.6 Alur Pelayanan Keberatan SPPDKB BPHTB`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'peneliti', 'penagihan', 'kasiTagih', 'kabid', 'kadis'),
  steps: [
    start('start', 'wp', 'SPPDKB diterima wajib pajak'),
    user('ajukan', 'wp', 'Menyampaikan Surat Keberatan SPPDKB BPHTB dengan persyaratan dan bukti pendukung', T.loket, { documents: 'requirements', output: 'Surat Keberatan' }),
    ...loketIntake('ajukan'),
    user('teruskan', 'peneliti', 'Meneruskan berkas kepada Seksi Penagihan PBB dan BPHTB', T.loket, { output: 'Berkas diteruskan' }),
    user('penelitian', 'penagihan', 'Melakukan penelitian kantor/lapangan dan membuat Berita Acara Penelitian', T.lapangan, { output: 'Berita Acara Penelitian' }),
    user('ttd_ba', 'kasiTagih', 'Menandatangani Berita Acara Penelitian Kantor/Lapangan', T.ttd, { output: 'Berita Acara ditandatangani' }),
    user('setuju_ba', 'kabid', 'Menyetujui Berita Acara Penelitian Kantor/Lapangan', T.ttd, { output: 'Berita Acara disetujui' }),
    user('draft_sk', 'penagihan', 'Membuat draft Surat Keputusan Keberatan', T.berkas, { output: 'Draft Surat Keputusan' }),
    user('ttd_sk', 'kadis', 'Menyetujui dan menandatangani Surat Keputusan Keberatan SPPDKB BPHTB', T.ttd, {
      // the Kadis signs the SK electronically with their TTE passphrase (issue 20): numbered, signed, stored
      handler: 'sign-document', output: 'Surat Keputusan Keberatan SPPDKB BPHTB' }),
    user('terima_sk', 'loket', 'Menerima Surat Keputusan Keberatan untuk diserahkan kepada wajib pajak', T.loket, { output: 'Surat Keputusan Keberatan' }),
    user('ambil', 'wp', 'Mengambil Surat Keputusan Keberatan di loket pelayanan', T.wp, { output: 'Surat Keputusan Keberatan SPPDKB BPHTB' }),
    end('end', 'wp', 'Keberatan diputus'),
  ],
  requirements: requirements('B.6', 'keberatan SPPDKB BPHTB', [
    ...identityAndProxy('Fotokopi KTP wajib pajak', 'KTP'),
    { code: 'SURAT-KEBERATAN', label: 'Surat keberatan SPPDKB BPHTB (alasan yang jelas)' },
    { code: 'SPPDKB', label: 'Fotokopi SPPDKB BPHTB yang diajukan keberatan' },
    { code: 'BUKTI-PENDUKUNG', label: 'Bukti pendukung keberatan' },
  ]),
};

const b7: ProcessSpec = {
  key: 'bphtb-b7-restitusi',
  sopNumber: 'B.7',
  name: 'B.7 Restitusi dan Kompensasi BPHTB',
  agency: AGENCY,
  source: `${SRC}, B.7 Alur Pelayanan Restitusi dan Kompensasi BPHTB`,
  verificationNote: NOTE,
  starterRoles: STARTERS,
  lanes: lanes('wp', 'loket', 'peneliti', 'intens', 'kasiIntens', 'kabid', 'kadis'),
  steps: [
    start('start', 'wp', 'Kelebihan bayar BPHTB'),
    user('ajukan', 'wp', 'Menyampaikan berkas permohonan restitusi/kompensasi ke loket pelayanan BPHTB', T.loket, { documents: 'requirements', output: 'Berkas permohonan' }),
    ...loketIntake('ajukan'),
    user('teruskan', 'peneliti', 'Meneruskan berkas permohonan restitusi/kompensasi kepada Seksi Intensifikasi dan Ekstensifikasi', T.loket, { output: 'Berkas diteruskan' }),
    user('penelitian', 'intens', 'Melakukan penelitian kantor/lapangan, membuat konsep Berita Acara dan laporan hasil penelitian', T.lapangan, { output: 'Konsep Berita Acara dan laporan hasil penelitian' }),
    user('ttd_ba', 'kasiIntens', 'Menandatangani Berita Acara Penelitian Kantor/Lapangan', T.ttd, { output: 'Berita Acara ditandatangani' }),
    user('setuju_lhp', 'kabid', 'Menyetujui Laporan Hasil Penelitian Kantor/Lapangan', T.ttd, { output: 'Laporan Hasil Penelitian disetujui' }),
    user('draft_sk', 'intens', 'Membuat draft Surat Keputusan Kepala Dinas tentang Kompensasi/Restitusi BPHTB', T.berkas, { output: 'Draft Surat Keputusan' }),
    user('ttd_sk', 'kadis', 'Menandatangani Surat Keputusan Kompensasi/Restitusi BPHTB', T.ttd, {
      // the Kadis signs the SK electronically with their TTE passphrase (issue 20): numbered, signed, stored
      handler: 'sign-document', output: 'Surat Keputusan Kompensasi/Restitusi BPHTB' }),
    user('ajukan_pencairan', 'intens', 'Meneruskan berkas dan persyaratan pengajuan pembayaran kepada Pejabat Penatausahaan Keuangan untuk pencairan', T.berkas, { output: 'Berkas pengajuan pencairan' }),
    user('sampaikan_sk', 'loket', 'Menyampaikan Surat Keputusan kepada wajib pajak', T.loket, { output: 'Surat Keputusan' }),
    user('urus_pencairan', 'wp', 'Mengurus pencairan restitusi pada Sub Bagian Keuangan dan Bidang Perbendaharaan', T.wp, { output: 'Restitusi dicairkan / kompensasi dicatat' }),
    end('end', 'wp', 'Restitusi/kompensasi selesai'),
  ],
  requirements: requirements('B.7', 'restitusi dan kompensasi BPHTB', [
    ...identityAndProxy('Fotokopi KTP wajib pajak', 'KTP'),
    { code: 'SURAT-PERMOHONAN-RESTITUSI', label: 'Surat permohonan restitusi/kompensasi BPHTB' },
    { code: 'SSPD-TERVALIDASI', label: 'SSPD BPHTB asli yang telah divalidasi' },
    { code: 'BUKTI-BAYAR-BPHTB', label: 'Bukti setoran BPHTB' },
    { code: 'REKENING', label: 'Fotokopi buku rekening wajib pajak (untuk restitusi)' },
  ]),
};

export const bphtbSpecs: ProcessSpec[] = [b1, b2, b3, b4, b5, b6, b7];

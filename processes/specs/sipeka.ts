/**
 * SIPEKA DPMPTSP Provinsi Banten — "Alur proses tax clearance oleh petugas Bapenda" and the
 * permit flow around it (sipeka.bantenprov.go.id).
 *
 * The source's table lists performers as columns without marking the rows; each row's
 * performer is read from its text: "Pejabat eselon 4 di PTSP" = kasi, "Kepala Bidang
 * Pelayanan" = kabid, "Kepala DPMPTSP" = kadis, "OPD teknis terkait" = the 13 OPD (one task
 * per OPD in `opdList`, each routed to that OPD's office). Digital signatures (BSrE) are the
 * `sign-document` service task; paraf steps are user tasks whose completion is the log.
 * The source gives no times: durations are assumptions (hours at DPMPTSP, days at the OPD).
 */
import { decide, end, service, start, user, when } from './helpers.js';
import type { LaneSpec, ProcessSpec } from './types.js';
import { V } from './variables.js';

const L: Record<string, LaneSpec> = {
  pemohon: { id: 'pemohon', name: 'Pemohon', role: 'pemohon' },
  fo: { id: 'fo', name: 'Petugas FO (DPMPTSP)', role: 'petugas-fo', supervisorRole: 'kasi' },
  opd: { id: 'opd', name: 'Petugas FO / OPD Teknis terkait (13 OPD)', role: 'opd-teknis' },
  bapenda: { id: 'bapenda', name: 'Petugas FO (Bapenda) — tax clearance', role: 'petugas-bapenda', supervisorRole: 'kasi' },
  kasi: { id: 'kasi', name: 'Kasi (pejabat eselon 4 PTSP)', role: 'kasi', supervisorRole: 'kabid' },
  kabid: { id: 'kabid', name: 'Kepala Bidang Pelayanan', role: 'kabid', supervisorRole: 'kadis' },
  kadis: { id: 'kadis', name: 'Kepala DPMPTSP', role: 'kadis' },
};

const perOpd = { collection: 'opdList', elementVariable: 'opd' };

/** The 13 OPD teknis (office keys of processes/offices.json, agency opd-banten). */
const OPD_KEYS = [
  'opd-dinas-pupr',
  'opd-dishub',
  'opd-dinkes',
  'opd-dlhk',
  'opd-esdm',
  'opd-dkp',
  'opd-distan',
  'opd-disperindag',
  'opd-dindikbud',
  'opd-dispar',
  'opd-perkim',
  'opd-disnakertrans',
  'opd-diskop-ukm',
];

/**
 * The FO's administrative check declares `opdList`: which OPD teknis review the application. The
 * declaration bounds the list wherever it is sent (the start of a walk-in included): each OPD at
 * most once, only these 13 (runtime/inputs.ts).
 */
const opdForm = JSON.stringify({
  schema: {
    type: 'object',
    properties: {
      opdList: { type: 'array', title: 'OPD teknis terkait', items: { type: 'string', enum: OPD_KEYS }, uniqueItems: true, minItems: 1, maxItems: OPD_KEYS.length },
    },
  },
});

/** What each OPD writes at its technical check: its notes of a shortfall, returned to the applicant. */
const teknisForm = JSON.stringify({
  schema: {
    type: 'object',
    properties: {
      catatanTeknis: { type: 'string', title: 'Catatan kekurangan persyaratan teknis', maxLength: 2000 },
    },
  },
});

const sipeka: ProcessSpec = {
  key: 'sipeka-perizinan',
  name: 'SIPEKA: Perizinan dengan tax clearance dan rekomendasi teknis OPD',
  agency: 'dpmptsp-banten',
  source: 'Alur Proses Tax Clearance oleh Petugas Bapenda, Aplikasi SIPEKA DPMPTSP Provinsi Banten',
  verificationNote:
    'Sumber tidak menandai kolom pelaksana per baris dan tidak menyebut waktu: pelaksana dibaca dari teks kegiatan, durasi diasumsikan. Penyusunan draf surat izin oleh petugas FO ditambahkan sebagai titik kembali bila paraf ditolak.',
  starterRoles: ['pemohon', 'petugas-fo'],
  documentation: 'Variabel opdList (kunci kantor OPD teknis, mis. ["opd-dinas-pupr","opd-dishub"]) diisi saat permohonan/verifikasi administrasi; tiap OPD mendapat tugasnya sendiri.',
  lanes: [L.pemohon, L.fo, L.opd, L.bapenda, L.kasi, L.kabid, L.kadis],
  steps: [
    start('start', 'pemohon', 'Pemohon login ke SIPEKA'),
    user('ajukan', 'pemohon', 'Mengajukan permohonan izin/non izin secara online dan mengunggah berkas persyaratan', 'PT1H', {
      output: 'Permohonan dan berkas persyaratan',
      documents: 'requirements',
      instruction: 'Registrasi akun bila belum punya; pilih jenis perizinan, unggah berkas yang ditentukan aplikasi',
    }),
    user('verifikasi_adm', 'fo', 'Memeriksa dan memverifikasi persyaratan administratif; asistensi bila ada kekurangan', 'PT4H', {
      output: 'Hasil verifikasi administratif',
      documents: 'requirements',
      instruction: 'Tulis keterangan kekurangan beserta bukti berkas di sistem; pemohon melihat notifikasinya. Tetapkan OPD teknis terkait (opdList).',
      form: opdForm,
    }),
    decide('gw_adm', 'fo', 'Persyaratan administratif lengkap?', V.berkasLengkap, 'Lengkap', 'Tidak lengkap', 'ajukan'),
    user('verifikasi_teknis', 'opd', 'Memeriksa dan memverifikasi persyaratan teknis; asistensi bila ada kekurangan', 'P1D', {
      office: '${opd}',
      multiInstance: perOpd,
      output: 'Hasil verifikasi persyaratan teknis',
      instruction: 'Kekurangan persyaratan teknis ditulis di sistem sebagai asistensi kepada pemohon (catatanTeknis)',
      form: teknisForm,
    }),
    // Row 4 has row 3's wording: a technical shortfall sends the application back with the OPD's notes.
    user('rekap_teknis', 'fo', 'Menerima hasil verifikasi teknis OPD; bila ada kekurangan, meneruskan catatan OPD kepada pemohon', 'PT1H', {
      output: 'Hasil verifikasi persyaratan teknis (dengan catatan OPD)',
      instruction: 'Catatan tiap OPD ada di verifikasi_teknisResults; "Tidak lengkap" mengembalikan permohonan kepada pemohon untuk dilengkapi',
    }),
    decide('gw_teknis', 'fo', 'Persyaratan teknis lengkap?', V.persyaratanTeknisLengkap, 'Lengkap', 'Tidak lengkap', 'ajukan'),
    user('tax_clearance', 'bapenda', 'Memverifikasi Pajak Kendaraan Bermotor pemohon (tax clearance)', 'PT4H', {
      output: 'Keterangan tax clearance',
      instruction: 'Bila terdapat tunggakan, beri asistensi kepada pemohon (keterangan dan bukti di sistem)',
    }),
    decide('gw_pajak', 'bapenda', 'Pajak kendaraan lunas?', V.pajakLunas, 'Tidak ada tunggakan', 'Ada tunggakan', 'lunasi'),
    user('setujui', 'fo', 'Menyetujui permohonan untuk diproses (tanda bukti terima persetujuan berkas)', 'PT1H', { output: 'Tanda bukti terima persetujuan penerimaan berkas' }),
    user('entry_rekomendasi', 'fo', 'Entry variabel data surat permohonan rekomendasi teknis elektronik ke OPD teknis terkait', 'PT1H', {
      output: 'Draf surat permohonan rekomendasi teknis',
    }),
    user('paraf_kasi_rek', 'kasi', 'Paraf digital draf surat permohonan rekomendasi teknis', 'PT2H', {
      output: 'Log paraf digital Kasi',
      instruction: 'Paraf digital melalui sistem (tercatat sebagai log); tolak bila draf perlu diperbaiki',
    }),
    decide('gw_paraf_kasi_rek', 'kasi', 'Kasi setuju?', V.parafKasiSetuju, 'Paraf', 'Perbaiki draf', 'entry_rekomendasi'),
    user('sahkan_rek', 'kabid', 'Mengesahkan surat permohonan rekomendasi teknis', 'PT2H', { output: 'Persetujuan pengesahan' }),
    service('ttd_rek', 'kabid', 'Tanda tangan elektronik surat permohonan rekomendasi (sertifikat BSrE)', 'sign-document', {
      output: 'Surat permohonan rekomendasi teknis bertanda tangan elektronik',
    }),
    user('kajian_teknis', 'opd', 'Menerima dan meregistrasi permohonan, evaluasi dokumen, peninjauan lapangan, rapat teknis dan rekomendasi teknis dengan berita acara', 'P5D', {
      office: '${opd}',
      multiInstance: perOpd,
      output: 'Rekomendasi teknis dan berita acara',
      instruction: 'Jadwalkan peninjauan lapangan di SIPEKA, input hasil tinjauan, siapkan draf rekomendasi, sahkan dan buat berita acara',
    }),
    user('rekap_rekomendasi', 'fo', 'Menerima rekomendasi teknis OPD', 'PT1H', {
      output: 'Rekomendasi teknis OPD',
      instruction: 'Rekomendasi tiap OPD ada di kajian_teknisResults; bila ada OPD yang tidak merekomendasikan, permohonan ditolak dengan surat penolakan',
    }),
    decide('gw_rekomendasi', 'fo', 'Rekomendasi teknis mendukung?', V.rekomendasiTeknisPositif, 'Direkomendasikan', 'Tidak direkomendasikan', 'surat_tolak'),
    user('draf_izin', 'fo', 'Menyusun draf naskah elektronik surat izin berdasarkan rekomendasi teknis', 'PT2H', { output: 'Draf surat izin' }),
    user('paraf_kasi', 'kasi', 'Verifikasi dan paraf digital draf surat izin (eselon 4)', 'PT2H', { output: 'Log paraf digital Kasi' }),
    decide('gw_paraf_kasi', 'kasi', 'Kasi setuju?', V.parafKasiSetuju, 'Paraf', 'Perbaiki draf', 'draf_izin'),
    user('paraf_kabid', 'kabid', 'Verifikasi dan paraf digital draf surat izin (eselon 3)', 'PT2H', { output: 'Log paraf digital Kabid' }),
    decide('gw_paraf_kabid', 'kabid', 'Kabid setuju?', V.parafKabidSetuju, 'Paraf', 'Perbaiki draf', 'draf_izin'),
    user('sahkan_izin', 'kadis', 'Pengesahan izin oleh Kepala DPMPTSP', 'PT4H', { output: 'Persetujuan pengesahan izin' }),
    decide('gw_sahkan', 'kadis', 'Kadis mengesahkan?', V.pengesahanSetuju, 'Sahkan', 'Perbaiki draf', 'draf_izin'),
    // The Kadis signs the permit with their TTE passphrase on the task page (issue 20): numbered, signed, stored.
    user('ttd_izin', 'kadis', 'Tanda tangan elektronik surat izin (sertifikat BSrE)', 'PT1H', {
      handler: 'sign-document',
      output: 'Surat izin bertanda tangan elektronik',
      instruction: 'Masukkan passphrase TTE Anda: surat izin diberi nomor, ditandatangani secara elektronik dan diterbitkan saat langkah ini selesai',
    }),
    user('unduh', 'pemohon', 'Mengunduh izin melalui akun SIPEKA', 'P1D', { output: 'Surat izin' }),
    end('end', 'pemohon', 'Izin diterima pemohon'),
    user('surat_tolak', 'fo', 'Menyampaikan surat penolakan berisi alasan dari rekomendasi teknis OPD kepada pemohon melalui SIPEKA', 'PT1H', {
      output: 'Surat penolakan',
      next: 'end_tolak',
    }),
    end('end_tolak', 'pemohon', 'Permohonan ditolak'),
    user('lunasi', 'pemohon', 'Melunasi tunggakan pajak kendaraan bermotor dan mengunggah bukti', 'P3D', { output: 'Bukti pelunasan PKB', next: 'tax_clearance' }),
  ],
  requirements: {
    title: 'Persyaratan umum permohonan perizinan SIPEKA',
    legalBasis: [
      { regulation: 'Alur Proses Tax Clearance oleh Petugas Bapenda, Aplikasi SIPEKA DPMPTSP Provinsi Banten' },
      { regulation: 'Peraturan Gubernur Banten tentang pelimpahan kewenangan perizinan kepada DPMPTSP' },
    ],
    effectiveFrom: '2020-01-01',
    assumption: true,
    assumptionNotes: [
      'Sumber menyebut berkas persyaratan "yang telah ditentukan oleh aplikasi sesuai jenis perizinan" tanpa daftar: ini persyaratan umum; persyaratan per jenis izin ditambahkan administrator.',
    ],
    facts: {
      jenisPemohon: { type: 'string', title: 'Jenis pemohon', enum: ['perorangan', 'badan-hukum'], default: 'perorangan' },
      dikuasakan: { type: 'boolean', title: 'Pengurusan dikuasakan kepada orang lain', default: false },
    },
    documents: [
      { code: 'SURAT-PERMOHONAN', label: 'Surat permohonan' },
      { code: 'KTP', label: 'KTP pemohon / penanggung jawab' },
      { code: 'NPWP', label: 'NPWP' },
      { code: 'AKTA-PENDIRIAN', label: 'Akta pendirian dan pengesahan badan hukum', when: when.is('jenisPemohon', 'badan-hukum') },
      { code: 'NIB', label: 'Nomor Induk Berusaha (NIB)', when: when.is('jenisPemohon', 'badan-hukum') },
      { code: 'STNK-KENDARAAN', label: 'STNK kendaraan atas nama pemohon/badan (untuk tax clearance)', required: false, note: 'Bila memiliki kendaraan bermotor' },
      { code: 'PERSYARATAN-TEKNIS', label: 'Berkas persyaratan teknis sesuai jenis izin' },
      { code: 'SURAT-KUASA', label: 'Surat kuasa (bila dikuasakan)', when: when.is('dikuasakan', true) },
    ],
    tests: [
      { name: 'Perorangan', facts: {} },
      { name: 'Badan hukum melalui kuasa', facts: { jenisPemohon: 'badan-hukum', dikuasakan: true } },
    ],
  },
};

export const sipekaSpecs: ProcessSpec[] = [sipeka];

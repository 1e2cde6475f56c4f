/**
 * Pengaduan (complaints): the "penanganan pengaduan, saran dan masukan" component every service
 * standard must have (Permenpan-RB 15/2014), as an SOP of its own so a complaint has a lane, a
 * due time and a history like any application. It is offered at every office that has the
 * complaints post (`pengelola-pengaduan`, granted by the office's admin to whoever handles
 * complaints): agency `*` (server/services/offices/offices.ts derivedOfferings). A complaint is started by
 * the applicant in the portal, or from the public tracking page with an application's number and
 * PIN (server/services/workspace/complaints.ts); the answer goes back on the applicant's channels
 * (`complaint-answered`, core/notification-events.ts).
 */
import { end, start, user } from './helpers.js';
import type { ProcessSpec } from './types.js';

const FORM = JSON.stringify({
  schema: {
    type: 'object',
    required: ['perihal', 'isiPengaduan'],
    properties: {
      perihal: { type: 'string', title: 'Perihal', minLength: 3, maxLength: 200 },
      isiPengaduan: { type: 'string', title: 'Isi pengaduan, saran atau masukan', minLength: 10, maxLength: 4000 },
      nomorPermohonan: { type: 'string', title: 'Nomor pendaftaran permohonan yang diadukan (bila ada)', maxLength: 60 },
    },
  },
});

const ANSWER_FORM = JSON.stringify({
  schema: {
    type: 'object',
    required: ['jawaban'],
    properties: { jawaban: { type: 'string', title: 'Jawaban untuk pengadu', minLength: 10, maxLength: 4000 } },
  },
});

export const pengaduanSpec: ProcessSpec = {
  key: 'pengaduan',
  name: 'Pengaduan, saran dan masukan',
  agency: '*',
  source: 'Permenpan-RB Nomor 15 Tahun 2014 (komponen standar pelayanan "penanganan pengaduan, saran dan masukan"); Perpres Nomor 76 Tahun 2013',
  starterRoles: ['pemohon', 'pengelola-pengaduan'],
  serviceTime: '5 hari kerja',
  verificationNote:
    'Asumsi: jangka waktu penanganan 5 hari kerja (tidak dinyatakan di sumber SOP kantor; sesuaikan dengan standar pelayanan kantor). Pengaduan ditangani oleh pos pengelola pengaduan kantor yang diadukan.',
  lanes: [
    { id: 'pengadu', name: 'Pengadu (pemohon)', role: 'pemohon' },
    { id: 'pengelola', name: 'Pengelola Pengaduan', role: 'pengelola-pengaduan' },
  ],
  steps: [
    { ...start('start', 'pengadu', 'Menyampaikan pengaduan'), form: FORM },
    user('tanggapi', 'pengelola', 'Menelaah pengaduan, menindaklanjuti dan menyampaikan jawaban kepada pengadu', 'P5D', {
      form: ANSWER_FORM,
      output: 'Jawaban pengaduan',
      instruction: 'Baca pengaduan (dan permohonan yang diadukan bila ada), tindak lanjuti dengan unit terkait, lalu tulis jawaban yang akan dikirim ke pengadu.',
    }),
    { ...end('selesai', 'pengelola', 'Jawaban disampaikan'), notify: 'complaint-answered' },
  ],
};

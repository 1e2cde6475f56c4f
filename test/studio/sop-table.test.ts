import { describe, expect, it } from 'vitest';
import { parseSopTable, roleForPerformer, sopTableToBpmn } from '../../studio/features/import/sop-table.js';
import { parseSopTime } from '../../studio/modeler/iso-duration.js';
import { errorsOnly, lintXml } from '../../studio/modeler/lint/node.js';
import { readDefinitions } from '../../studio/features/publish/model-diff.js';
import { SAMSAT_LIKE_TABLE, SAMSAT_ROLES } from './fixtures.js';

describe('new draft from an SOP table', () => {
  it('reads SOP times as written in Indonesian SOPs', () => {
    expect(parseSopTime('5 menit')).toBe('PT5M');
    expect(parseSopTime('1 jam 30 menit')).toBe('PT1H30M');
    expect(parseSopTime('3 hari kerja')).toBe('P3D');
    expect(parseSopTime('1,5 jam')).toBe('PT90M');
    expect(parseSopTime('PT10M')).toBe('PT10M');
    expect(parseSopTime('segera')).toBeUndefined();
  });

  it('reads tab-, pipe- and comma-separated tables with the standard columns', () => {
    const tab = parseSopTable(SAMSAT_LIKE_TABLE);
    expect(tab.rows.map((r) => r.performer)).toEqual(['Petugas Pendaftaran', 'Korektor', 'Kasir', 'Wajib Pajak']);
    const pipe = parseSopTable('| No | Kegiatan | Pelaksana | Waktu |\n|---|---|---|---|\n| 1 | Terima berkas | Petugas Loket | 10 menit |\n| 2 | Verifikasi | Tim Teknis | 1 hari |');
    expect(pipe.rows.map((r) => [r.activity, r.time])).toEqual([['Terima berkas', '10 menit'], ['Verifikasi', '1 hari']]);
    const csv = parseSopTable('No,Kegiatan,Pelaksana,Persyaratan,Waktu,Output\n1,"Terima, catat berkas",Petugas Loket,"KTP, KK",5 menit,Tanda terima');
    expect(csv.rows[0]).toMatchObject({ activity: 'Terima, catat berkas', requirements: 'KTP, KK', output: 'Tanda terima' });
  });

  it('maps performers to role keys, applicants to pemohon', () => {
    expect(roleForPerformer('Wajib Pajak')).toBe('pemohon');
    expect(roleForPerformer('PPAT')).toBe('pemohon');
    expect(roleForPerformer('Petugas Pendaftaran', SAMSAT_ROLES)).toBe('petugas-pendaftaran');
    expect(roleForPerformer('Petugas Loket Kecamatan', ['petugas-loket', 'tim-teknis'])).toBe('petugas-loket');
    expect(roleForPerformer('Seksi Baru')).toBe('seksi-baru');
  });

  it('builds one lane per performer, one user task per row in order, with SOP times, and passes lint', async () => {
    const { rows } = parseSopTable(SAMSAT_LIKE_TABLE);
    const xml = sopTableToBpmn(rows, { key: 'uji', name: 'Uji', knownRoles: SAMSAT_ROLES });
    const defs = (await readDefinitions(xml)) as { rootElements: Array<{ $type: string; laneSets?: Array<{ lanes: Array<{ name: string; role: string }> }>; flowElements?: Array<{ $type: string; name?: string; duration?: string }> }> };
    const proc = defs.rootElements.find((r) => r.$type === 'bpmn:Process')!;
    expect(proc.laneSets![0]!.lanes.map((l) => [l.name, l.role])).toEqual([
      ['Petugas Pendaftaran', 'petugas-pendaftaran'], ['Korektor', 'korektor'], ['Kasir', 'kasir'], ['Wajib Pajak', 'pemohon'],
    ]);
    const tasks = proc.flowElements!.filter((e) => e.$type === 'bpmn:UserTask');
    expect(tasks.map((t) => [t.name, t.duration])).toEqual([
      ['Menerima dan memeriksa berkas', 'PT5M'], ['Mengoreksi penetapan PKB', 'PT3M'], ['Menerima pembayaran', 'PT2M'], ['Menerima STNK dan bukti bayar', 'PT1M'],
    ]);
    expect(await lintXml(xml, { roles: SAMSAT_ROLES })).toEqual([]);
    expect(errorsOnly(await lintXml(xml))).toEqual([]);
  });

  it('warns about unreadable times and a missing header instead of guessing silently', () => {
    expect(parseSopTable('a\tb\n1\t2').warnings[0]).toMatch(/Kegiatan/);
    expect(parseSopTable('No\tKegiatan\tPelaksana\tWaktu\n1\tX\tY\tsegera').warnings[0]).toMatch(/segera/);
  });
});

describe('the Permenpan-RB 35/2012 layout (SOP AP)', () => {
  const TWO_ROWS = [
    'No\tKegiatan\tPelaksana\tMutu Baku\tKeterangan',
    'Sekretaris Camat\tPetugas Loket\tCamat\tKelengkapan\tWaktu\tOutput',
    '1\tMenerima berkas\t\tX\t\tKTP, KK\t15 menit\tTanda terima\t',
    '2\tMemeriksa kelengkapan\t\tX\t\t\t10 menit\tBerkas lengkap\tTidak: kembali ke No. 1',
    '3\tMemaraf draf\tX\t\t\t\t1 jam\tDraf diparaf\t',
    '4\tMenandatangani izin\t\t\tX\t\t1 hari kerja\tIzin\t',
  ].join('\n');

  it('reads the two header rows: one column per post marked X, Mutu Baku kept per step', () => {
    const t = parseSopTable(TWO_ROWS);
    expect(t.warnings).toEqual([]);
    expect(t.performers).toEqual(['Sekretaris Camat', 'Petugas Loket', 'Camat']);
    expect(t.rows.map((r) => [r.performer, r.time, r.output])).toEqual([
      ['Petugas Loket', '15 menit', 'Tanda terima'],
      ['Petugas Loket', '10 menit', 'Berkas lengkap'],
      ['Sekretaris Camat', '1 jam', 'Draf diparaf'],
      ['Camat', '1 hari kerja', 'Izin'],
    ]);
    expect(t.rows[0]!.requirements).toBe('KTP, KK');
    expect(t.rows[1]!.note).toBe('Tidak: kembali ke No. 1');
  });

  it('reads the one-row variant (posts named between Kegiatan and Kelengkapan)', () => {
    const t = parseSopTable('| No | Kegiatan | Pemohon | Kasi | Kelengkapan | Waktu | Output |\n|---|---|---|---|---|---|---|\n| 1 | Mengajukan | X | | Formulir | 5 menit | Berkas |\n| 2 | Meneliti | | X | | 2 jam | Hasil penelitian |');
    expect(t.rows.map((r) => [r.performer, r.time])).toEqual([['Pemohon', '5 menit'], ['Kasi', '2 jam']]);
    expect(t.performers).toEqual(['Pemohon', 'Kasi']);
  });

  it('builds lanes in the columns\' order with the times as sop:duration', async () => {
    const t = parseSopTable(TWO_ROWS);
    const xml = sopTableToBpmn(t.rows, { key: 'uji', name: 'Uji', knownRoles: ['petugas-loket', 'camat', 'kasi'], performers: t.performers });
    const defs = (await readDefinitions(xml)) as { rootElements: Array<{ $type: string; laneSets?: Array<{ lanes: Array<{ name: string }> }>; flowElements?: Array<{ $type: string; duration?: string }> }> };
    const proc = defs.rootElements.find((r) => r.$type === 'bpmn:Process')!;
    expect(proc.laneSets![0]!.lanes.map((l) => l.name)).toEqual(['Sekretaris Camat', 'Petugas Loket', 'Camat']);
    expect(proc.flowElements!.filter((e) => e.$type === 'bpmn:UserTask').map((e) => e.duration)).toEqual(['PT15M', 'PT10M', 'PT1H', 'P1D']);
  });
});

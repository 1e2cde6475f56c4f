import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialChoices, rolesToCreate, suggestRole } from '../../studio/features/import/role-mapping.js';
import { importSopTable, performersOf } from '../../studio/features/import/sop-import.js';
import { documentsIn, parseSopTable, type SopTableResult } from '../../studio/features/import/sop-table.js';
import { parseSopTime } from '../../studio/modeler/iso-duration.js';
import { errorsOnly, lintXml } from '../../studio/modeler/lint/node.js';
import { readDefinitions } from '../../studio/features/publish/model-diff.js';
import { IMPORT_TEXTS, SAMSAT_LIKE_TABLE, SAMSAT_ROLES } from './fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

/** The roles catalogue as the server lists it (keys and names of processes/roles.json). */
const CATALOGUE = (JSON.parse(readFileSync(new URL('../../processes/roles.json', import.meta.url), 'utf8')) as Array<{ key: string; name: string }>).map(({ key, name }) => ({ key, name }));

interface Proc {
  $type: string;
  requirementsRuleSet?: string;
  laneSets?: Array<{ lanes: Array<{ name: string; role: string; flowNodeRef?: Array<{ id: string }> }> }>;
  flowElements?: Array<{ $type: string; id: string; name?: string; duration?: string; output?: string; documents?: string; instruction?: string }>;
}
async function processOf(xml: string): Promise<Proc> {
  const defs = (await readDefinitions(xml)) as { rootElements: Proc[] };
  return defs.rootElements.find((r) => r.$type === 'bpmn:Process')!;
}

function build(t: SopTableResult, extra: { requirements?: string[]; roles?: ReturnType<typeof initialChoices> } = {}) {
  const performers = performersOf(t.rows, t.performers);
  return importSopTable(t.rows, {
    key: 'izin-uji',
    name: 'Izin uji',
    agency: 'kecamatan-kaloran',
    roles: extra.roles ?? initialChoices(performers, CATALOGUE),
    performers: t.performers,
    requirements: extra.requirements,
    effectiveFrom: '2026-01-01',
    texts: IMPORT_TEXTS,
  });
}

const PERMENPAN_STEPS = [
  ['Pemohon', '5 menit', 'Berkas permohonan'],
  ['Petugas Loket', '15 menit', 'Tanda terima'],
  ['Kepala Seksi', '1 jam', 'Draf diparaf'],
  ['Sekretaris Camat', '30 menit', 'Draf diparaf Sekcam'],
  ['Camat', '1 hari kerja', 'Surat izin'],
  ['Petugas Loket', '10 menit', 'Surat izin diterima pemohon'],
];

describe('new draft from an SOP table', () => {
  it('reads SOP times as written in Indonesian SOPs', () => {
    expect(parseSopTime('5 menit')).toBe('PT5M');
    expect(parseSopTime('1 jam 30 menit')).toBe('PT1H30M');
    expect(parseSopTime('3 hari kerja')).toBe('P3D');
    expect(parseSopTime('1,5 jam')).toBe('PT90M');
    expect(parseSopTime('PT10M')).toBe('PT10M');
    expect(parseSopTime('segera')).toBeUndefined();
  });

  it('reads tab-, pipe- and comma-separated tables with the single Pelaksana column', () => {
    const tab = parseSopTable(SAMSAT_LIKE_TABLE);
    expect(tab.layout).toBe('column');
    expect(tab.rows.map((r) => r.performer)).toEqual(['Petugas Pendaftaran', 'Korektor', 'Kasir', 'Wajib Pajak']);
    const pipe = parseSopTable('| No | Kegiatan | Pelaksana | Waktu |\n|---|---|---|---|\n| 1 | Terima berkas | Petugas Loket | 10 menit |\n| 2 | Verifikasi | Tim Teknis | 1 hari |');
    expect(pipe.rows.map((r) => [r.activity, r.time])).toEqual([['Terima berkas', '10 menit'], ['Verifikasi', '1 hari']]);
    const csv = parseSopTable('No,Kegiatan,Pelaksana,Persyaratan,Waktu,Output\n1,"Terima, catat berkas",Petugas Loket,"KTP, KK",5 menit,Tanda terima');
    expect(csv.rows[0]).toMatchObject({ activity: 'Terima, catat berkas', requirements: 'KTP, KK', output: 'Tanda terima' });
  });

  it('warns about unreadable times and a missing header instead of guessing silently', () => {
    expect(parseSopTable('a\tb\n1\t2').warnings).toEqual([{ code: 'no-header' }]);
    expect(parseSopTable('No\tKegiatan\tPelaksana\tWaktu\n1\tX\tY\tsegera').warnings).toEqual([{ code: 'time-unreadable', row: '1', time: 'segera' }]);
  });

  it('builds one lane per performer, one user task per row in order, with SOP times, and passes lint', async () => {
    const { xml } = build(parseSopTable(SAMSAT_LIKE_TABLE));
    const proc = await processOf(xml);
    expect(proc.laneSets![0]!.lanes.map((l) => [l.name, l.role])).toEqual([
      ['Petugas Pendaftaran', 'petugas-pendaftaran'], ['Korektor', 'korektor'], ['Kasir', 'kasir'], ['Wajib Pajak', 'pemohon'],
    ]);
    const tasks = proc.flowElements!.filter((e) => e.$type === 'bpmn:UserTask');
    expect(tasks.map((t) => [t.name, t.duration])).toEqual([
      ['Menerima dan memeriksa berkas', 'PT5M'], ['Mengoreksi penetapan PKB', 'PT3M'], ['Menerima pembayaran', 'PT2M'], ['Menerima STNK dan bukti bayar', 'PT1M'],
    ]);
    expect(await lintXml(xml, { roles: SAMSAT_ROLES, ruleSets: ['izin-uji-persyaratan'] })).toEqual([]);
    expect(errorsOnly(await lintXml(xml))).toEqual([]);
  });
});

describe('the Permenpan-RB 35/2012 layout (SOP AP)', () => {
  it('reads two header rows as Excel copies them: one column per post marked X/✓/v, Mutu Baku per step, the numbering row skipped', () => {
    for (const file of ['permenpan-two-rows.tsv', 'permenpan-two-rows.csv']) {
      const t = parseSopTable(fixture(file));
      expect(t.warnings, file).toEqual([]);
      expect(t.layout, file).toBe('permenpan-two-rows');
      expect(t.performers, file).toEqual(['Pemohon', 'Petugas Loket', 'Kepala Seksi', 'Sekretaris Camat', 'Camat']);
      expect(t.rows.map((r) => [r.performer, r.time, r.output]), file).toEqual(PERMENPAN_STEPS);
      expect(t.rows[0]!.requirements, file).toBe('Formulir permohonan, Fotokopi KTP, Fotokopi bukti lunas PBB');
      expect(t.rows[1]!.note, file).toBe('Tidak lengkap: kembali ke No. 1');
    }
  });

  it('reads two header rows written compactly (only the posts and Mutu Baku names on the second)', () => {
    const t = parseSopTable([
      'No\tKegiatan\tPelaksana\tMutu Baku\tKeterangan',
      'Sekretaris Camat\tPetugas Loket\tCamat\tKelengkapan\tWaktu\tOutput',
      '1\tMenerima berkas\t\tX\t\tKTP, KK\t15 menit\tTanda terima\t',
      '2\tMemaraf draf\tX\t\t\t\t1 jam\tDraf diparaf\t',
      '3\tMenandatangani izin\t\t\tX\t\t1 hari kerja\tIzin\t',
    ].join('\n'));
    expect(t.warnings).toEqual([]);
    expect(t.performers).toEqual(['Sekretaris Camat', 'Petugas Loket', 'Camat']);
    expect(t.rows.map((r) => [r.performer, r.time, r.output])).toEqual([['Petugas Loket', '15 menit', 'Tanda terima'], ['Sekretaris Camat', '1 jam', 'Draf diparaf'], ['Camat', '1 hari kerja', 'Izin']]);
  });

  it('reads the one-row variant (posts named between Kegiatan and Kelengkapan)', () => {
    const t = parseSopTable(fixture('permenpan-one-row.md'));
    expect(t.layout).toBe('permenpan-one-row');
    expect(t.performers).toEqual(['Pemohon', 'Petugas Loket', 'Sekretaris Camat']);
    expect(t.rows.map((r) => [r.performer, r.time, r.output, r.requirements])).toEqual([
      ['Pemohon', '5 menit', 'Berkas', 'Formulir, KTP'],
      ['Petugas Loket', '2 jam', 'Berkas diperiksa', 'Berkas'],
      ['Sekretaris Camat', '1 hari kerja', 'Draf diparaf', ''],
    ]);
  });

  it('keeps lanes in the columns\' order, Waktu as sop:duration, Output and Kelengkapan per step, with the library\'s lane layout', async () => {
    const { xml } = build(parseSopTable(fixture('permenpan-two-rows.tsv')));
    const proc = await processOf(xml);
    expect(proc.laneSets![0]!.lanes.map((l) => l.name)).toEqual(['Pemohon', 'Petugas Loket', 'Kepala Seksi', 'Sekretaris Camat', 'Camat']);
    const tasks = proc.flowElements!.filter((e) => e.$type === 'bpmn:UserTask');
    expect(tasks.map((e) => [e.duration, e.output])).toEqual([
      ['PT5M', 'Berkas permohonan'], ['PT15M', 'Tanda terima'], ['PT1H', 'Draf diparaf'], ['PT30M', 'Draf diparaf Sekcam'], ['P1D', 'Surat izin'], ['PT10M', 'Surat izin diterima pemohon'],
    ]);
    expect(tasks[0]!.documents).toBe('formulir-permohonan fotokopi-ktp fotokopi-bukti-lunas-pbb');
    expect(tasks[2]!.documents).toBe('berkas-lengkap draf-surat-izin');
    expect(tasks[1]!.instruction).toBe('Kelengkapan: Berkas permohonan. Keterangan: Tidak lengkap: kembali ke No. 1');
    // the generator of the library (processes/tools/bpmn-xml.ts) wrote it: its exporter mark and its shape sizes
    expect(xml).toContain('exporter="sop-studio processes/tools/generate.ts"');
    expect(xml).toMatch(/<bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">\s*<dc:Bounds x="\d+" y="\d+" width="130" height="90" \/>/);
    expect(errorsOnly(await lintXml(xml))).toEqual([]);
  });

  it('turns the Persyaratan list into a draft requirement set, each document required, linked from the model', async () => {
    const t = parseSopTable(fixture('permenpan-two-rows.tsv'));
    const { xml, ruleSet } = build(t, { requirements: ['Formulir permohonan', 'Fotokopi KTP', 'Fotokopi bukti lunas PBB tahun terakhir'] });
    expect(ruleSet!.key).toBe('izin-uji-persyaratan');
    expect(ruleSet!.kind).toBe('requirements');
    const rules = (ruleSet!.versions[0] as { rules: Array<{ event: { type: string; params: { code: string; label: string; required: boolean } } }> }).rules;
    expect(rules.map((r) => [r.event.type, r.event.params.code, r.event.params.label, r.event.params.required])).toEqual([
      ['document', 'formulir-permohonan', 'Formulir permohonan', true],
      ['document', 'fotokopi-ktp', 'Fotokopi KTP', true],
      ['document', 'fotokopi-bukti-lunas-pbb-tahun-terakhir', 'Fotokopi bukti lunas PBB tahun terakhir', true],
    ]);
    expect(ruleSet!.tests[0]!.expect.documents).toEqual(['formulir-permohonan', 'fotokopi-ktp', 'fotokopi-bukti-lunas-pbb-tahun-terakhir']);
    expect((await processOf(xml)).requirementsRuleSet).toBe('izin-uji-persyaratan');
    // without a list, the documents the Kelengkapan cells name
    const fromCells = build(t).ruleSet!;
    expect((fromCells.versions[0] as { rules: unknown[] }).rules.length).toBe(new Set(t.rows.flatMap((r) => documentsIn(r.requirements))).size);
  });

  it('splits a Persyaratan list written with numbers, bullets or on one line', () => {
    expect(documentsIn('1. Fotokopi KTP\n2. Fotokopi KK\n- Surat pengantar RT/RW')).toEqual(['Fotokopi KTP', 'Fotokopi KK', 'Surat pengantar RT/RW']);
    expect(documentsIn('KTP; KK; Pas foto 3x4')).toEqual(['KTP', 'KK', 'Pas foto 3x4']);
  });
});

describe('each performer is mapped to a role of the catalogue before the draft is created', () => {
  it('suggests a role only when the names agree word for word: Sekretaris Camat is not camat', () => {
    expect(suggestRole('Sekretaris Camat', CATALOGUE)).toBeUndefined();
    expect(suggestRole('Camat', CATALOGUE)).toBe('camat');
    expect(suggestRole('Kepala Seksi', CATALOGUE)).toBe('kasi');
    expect(suggestRole('Petugas Pendaftaran', CATALOGUE)).toBe('petugas-pendaftaran');
    expect(suggestRole('Petugas Loket', CATALOGUE)).toBe('petugas-loket');
    expect(suggestRole('Wajib Pajak', CATALOGUE)).toBe('pemohon');
    expect(suggestRole('PPAT', CATALOGUE)).toBe('pemohon');
    expect(suggestRole('Kasi Pemerintahan', CATALOGUE)).toBeUndefined();
  });

  it('proposes a new role for a performer the catalogue lacks, and the lane takes the admin\'s choice', async () => {
    const t = parseSopTable(fixture('permenpan-two-rows.tsv'));
    const choices = initialChoices(performersOf(t.rows, t.performers), CATALOGUE);
    expect(choices.map((c) => [c.performer, c.role, c.create])).toEqual([
      ['Pemohon', 'pemohon', false],
      ['Petugas Loket', 'petugas-loket', false],
      ['Kepala Seksi', 'kasi', false],
      ['Sekretaris Camat', 'sekretaris-camat', true],
      ['Camat', 'camat', false],
    ]);
    expect(rolesToCreate(choices, CATALOGUE)).toEqual([{ key: 'sekretaris-camat', name: 'Sekretaris Camat' }]);
    // the admin maps Kepala Seksi to another post instead
    const picked = choices.map((c) => (c.performer === 'Kepala Seksi' ? { ...c, role: 'kasi-pdi', suggested: false } : c));
    const proc = await processOf(build(t, { roles: picked }).xml);
    expect(proc.laneSets![0]!.lanes.map((l) => l.role)).toEqual(['pemohon', 'petugas-loket', 'kasi-pdi', 'sekretaris-camat', 'camat']);
    expect(await lintXml(build(t, { roles: picked }).xml, { roles: [...CATALOGUE.map((r) => r.key), 'sekretaris-camat'], ruleSets: ['izin-uji-persyaratan'] })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { chain, end, model, start, userTask } from '../support/bpmn.js';

// The applicant's step asks for a name: its form is what that step may be sent.
const NAME_FORM = JSON.stringify({ schema: { type: 'object', properties: { nama: { type: 'string' } } } }).replace(/"/g, '&quot;');

const xml = model(
  'izin',
  `${start()}${userTask('terima', 'sop:duration="PT5M" sop:documents="KTP KK" sop:instruction="Periksa berkas"')}${userTask('isi', `sop:duration="P1D" sop:form="${NAME_FORM}"`)}${userTask('setuju', 'sop:office="${opd}"')}${end()}
   ${chain('start', 'isi', 'terima', 'setuju', 'end')}`,
  { lanes: { 'petugas-loket': ['terima'], pemohon: ['isi'], kasi: ['setuju'] } },
);

describe('user task: offered to the lane role in the office, due after the SOP time', () => {
  it('puts the applicant-lane step in the queue of the applicant only', async () => {
    const h = new Harness();
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'dinas-pu' }, { applicantUserId: 'warga-7' });
    const t = h.task(inst.id, 'isi');
    expect(t).toMatchObject({ role: 'pemohon', assignee: 'warga-7', onBehalf: false, office: 'kantor-a', processKey: 'izin', status: 'open' });
    expect(t.dueAt?.toISOString()).toBe('2025-03-04T01:00:00.000Z');
  });

  it('gives a walk-in applicant step to the officer who registered it, on the applicant\'s behalf', async () => {
    const h = new Harness();
    h.publish('izin', xml);
    const inst = await h.start('izin', {}, { applicant: { name: 'Budi' }, startedBy: 'loket-1' });
    expect(h.task(inst.id, 'isi')).toMatchObject({ assignee: 'loket-1', onBehalf: true });
  });

  it('routes an officer step to the lane role in the instance office with its SOP due time and documents', async () => {
    const h = new Harness();
    h.publish('izin', xml);
    const inst = await h.start('izin', {}, { applicantUserId: 'warga-7' });
    await h.completeAt(inst.id, 'isi', { nama: 'Budi' }, 'warga-7');
    const t = h.task(inst.id, 'terima');
    expect(t).toMatchObject({ role: 'petugas-loket', office: 'kantor-a', assignee: null, documents: ['KTP', 'KK'], instruction: 'Periksa berkas' });
    expect(t.dueAt!.getTime() - t.createdAt.getTime()).toBe(5 * 60_000);
    expect(h.instance(inst.id).variables).toEqual({ nama: 'Budi' });
  });

  it('sends a step with sop:office="${opd}" to the office named by the variable', async () => {
    const h = new Harness();
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'dinas-pu' });
    await h.completeAt(inst.id, 'isi');
    await h.completeAt(inst.id, 'terima');
    expect(h.task(inst.id, 'setuju')).toMatchObject({ role: 'kasi', office: 'dinas-pu' });
  });

  it('refuses a second completion of the same task and records one history row', async () => {
    const h = new Harness();
    h.publish('izin', xml);
    const inst = await h.start('izin');
    const t = h.task(inst.id, 'isi');
    await h.complete(t.id);
    await expect(h.complete(t.id)).rejects.toMatchObject({ code: 'TASK_ALREADY_COMPLETED' });
    expect(h.historyOf(inst.id).filter((r) => r.taskId === t.id)).toHaveLength(1);
  });

  it('completes the instance after the last step and records who did each step against its SLA', async () => {
    const h = new Harness();
    h.publish('izin', xml);
    const inst = await h.start('izin', { opd: 'x' });
    await h.completeAt(inst.id, 'isi', {}, 'warga');
    h.clock = new Date(h.clock.getTime() + 10 * 60_000);
    await h.completeAt(inst.id, 'terima', {}, 'loket');
    await h.completeAt(inst.id, 'setuju', {}, 'kasi');
    expect(h.instance(inst.id)).toMatchObject({ status: 'completed', tokens: [] });
    const row = h.historyOf(inst.id).find((r) => r.elementId === 'terima');
    expect(row).toMatchObject({ actor: 'loket', slaMs: 5 * 60_000 });
    expect(row!.endedAt.getTime() - row!.startedAt.getTime()).toBe(10 * 60_000);
    expect(h.historyOf(inst.id).map((r) => r.elementId)).toEqual(['start', 'isi', 'terima', 'setuju', 'end', 'izin']);
  });

  it('validates completion variables against the task form and changes nothing when they do not match', async () => {
    const form = JSON.stringify({ schema: { type: 'object', required: ['berkasLengkap'], properties: { berkasLengkap: { type: 'boolean' } } } }).replace(/"/g, '&quot;');
    const h = new Harness();
    h.publish('f', model('f', `${start()}${userTask('cek', `sop:form="${form}"`)}${end()}${chain('start', 'cek', 'end')}`, { lanes: { 'petugas-loket': ['cek'] } }));
    const inst = await h.start('f');
    const t = h.task(inst.id, 'cek');
    await expect(h.complete(t.id, { berkasLengkap: 'ya' })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { errors: [expect.objectContaining({ path: '/berkasLengkap' })] } });
    expect(h.task(inst.id, 'cek').status).toBe('open');
    await h.complete(t.id, { berkasLengkap: true });
    expect(h.instance(inst.id).status).toBe('completed');
  });

  it('resolves a form key through the form loader port', async () => {
    const h = new Harness({ forms: async (key) => (key === 'cek-berkas' ? { schema: { type: 'object', required: ['catatan'] } } : undefined) });
    h.publish('g', model('g', `${start()}${userTask('cek', 'sop:form="cek-berkas"')}${end()}${chain('start', 'cek', 'end')}`, { lanes: { kasi: ['cek'] } }));
    const inst = await h.start('g');
    await expect(h.completeAt(inst.id, 'cek', {})).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
    await h.completeAt(inst.id, 'cek', { catatan: 'ok' });
    expect(h.instance(inst.id).status).toBe('completed');
  });
});

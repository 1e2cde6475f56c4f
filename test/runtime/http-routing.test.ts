import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, userTask } from './support/bpmn.js';
import { publishProcess } from './support/publish.js';

const OFFICE = 'kecamatan-kaloran';
// What each step asks for (its form) is what it may be sent (runtime/inputs.ts).
const form = (properties: Record<string, unknown>) => JSON.stringify({ schema: { type: 'object', properties } }).replace(/"/g, '&quot;');
const START_FORM = form({ nama: { type: 'string' } });
const ISI_FORM = form({
  nama: { type: 'string' },
  alamat: { type: 'string' },
  keterangan: { type: 'string' },
  kosong: { type: 'string' },
  tidakAda: { type: 'null' },
  angka: { type: 'number' },
  daftar: { type: 'array', items: { type: 'string' } },
});
const PERIKSA_FORM = form({ _catatanPetugas: { type: 'string' } });
const xml = model(
  'uji-izin',
  `<bpmn:startEvent id="start" sop:form="${START_FORM}" />${userTask('isi', `sop:duration="P1D" sop:form="${ISI_FORM}"`)}${userTask('periksa', `sop:duration="PT15M" sop:form="${PERIKSA_FORM}"`)}${userTask('setuju', 'sop:duration="PT30M"')}${end()}${chain('start', 'isi', 'periksa', 'setuju', 'end')}`,
  { lanes: { pemohon: ['start', 'isi'], 'petugas-loket': ['periksa'], kasi: ['setuju', 'end'] }, attrs: 'sop:starterRoles="petugas-loket pemohon"' },
);

describe.each(databaseKinds)('routing of tasks by role × office × applicant over HTTP (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const users = ['admin', 'manager', 'pemohon1', 'pemohon2', `petugas-loket.${OFFICE}`, 'petugas-loket.bapenda-depok', `tim-teknis.${OFFICE}`, `kasi.${OFFICE}`];

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of users) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-izin', xml);
  });
  afterAll(async () => t?.close());

  const inject = (user: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: user ? as[user] : {} });
  const startAs = (user: string, body: object) => inject(user, 'POST', '/api/processes/uji-izin/instances', body);
  const inbox = async (user: string, scope: 'mine' | 'available') => (await inject(user, 'GET', `/api/tasks?scope=${scope}`)).json().items as Array<{ id: string; elementId: string; instanceId: string }>;

  it('an applicant applies for themselves; only they see and do the applicant step', async () => {
    const res = await startAs('pemohon1', { office: OFFICE, variables: { nama: 'Siti' } });
    expect(res.statusCode).toBe(201);
    const inst = res.json();
    expect(inst).toMatchObject({ processKey: 'uji-izin', publication: 1, office: OFFICE, status: 'running', activeElements: ['isi'] });
    const mine = await inbox('pemohon1', 'mine');
    const task = mine.find((x) => x.instanceId === inst.id)!;
    expect(task.elementId).toBe('isi');
    expect((await inbox('pemohon2', 'mine')).some((x) => x.id === task.id)).toBe(false);
    expect((await inbox(`petugas-loket.${OFFICE}`, 'available')).some((x) => x.id === task.id)).toBe(false);
    expect((await inject('pemohon2', 'POST', `/api/tasks/${task.id}/complete`, { variables: {} })).statusCode).toBe(404);
    expect((await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${task.id}/complete`, { variables: {} })).statusCode).toBe(404);
    expect((await inject(null, 'POST', `/api/tasks/${task.id}/complete`, { variables: {} })).statusCode).toBe(401);
    const done = await inject('pemohon1', 'POST', `/api/tasks/${task.id}/complete`, { variables: { alamat: 'Kaloran' } });
    expect(done.statusCode).toBe(200);
    expect(done.json().instance.activeElements).toEqual(['periksa']);
  });

  it('an officer step goes to that role in that office only: not another office, not another role', async () => {
    const inst = (await startAs('pemohon1', { office: OFFICE })).json();
    const isi = (await inbox('pemohon1', 'mine')).find((x) => x.instanceId === inst.id)!;
    await inject('pemohon1', 'POST', `/api/tasks/${isi.id}/complete`, { variables: {} });
    const periksa = (await inbox(`petugas-loket.${OFFICE}`, 'available')).find((x) => x.instanceId === inst.id)!;
    expect(periksa.elementId).toBe('periksa');
    expect((await inbox('petugas-loket.bapenda-depok', 'available')).some((x) => x.instanceId === inst.id)).toBe(false);
    expect((await inbox(`tim-teknis.${OFFICE}`, 'available')).some((x) => x.instanceId === inst.id)).toBe(false);
    expect((await inject('petugas-loket.bapenda-depok', 'POST', `/api/tasks/${periksa.id}/complete`, {})).statusCode).toBe(404);
    expect((await inject(`tim-teknis.${OFFICE}`, 'POST', `/api/tasks/${periksa.id}/claim`)).statusCode).toBe(404);
    expect((await inject('manager', 'POST', `/api/tasks/${periksa.id}/complete`, {})).statusCode).toBe(404);
    const ok = await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${periksa.id}/complete`, {});
    expect(ok.statusCode).toBe(200);
    const setuju = (await inbox(`kasi.${OFFICE}`, 'available')).find((x) => x.instanceId === inst.id)!;
    expect(setuju.elementId).toBe('setuju');
    await inject(`kasi.${OFFICE}`, 'POST', `/api/tasks/${setuju.id}/complete`, {});
    const view = (await inject('pemohon1', 'GET', `/api/instances/${inst.id}`)).json();
    expect(view.status).toBe('completed');
    const history = (await inject('manager', 'GET', `/api/instances/${inst.id}/history`)).json().items;
    expect(history.map((h: { elementId: string }) => h.elementId)).toEqual(['start', 'isi', 'periksa', 'setuju', 'end', 'uji-izin']);
    // 15 minutes of the office's working time: at least 15 wall-clock minutes (more across a closing time)
    const periksaRow = history.find((h: { elementId: string; slaMs: number }) => h.elementId === 'periksa');
    expect(periksaRow).toMatchObject({ withinSla: true });
    expect(periksaRow.slaMs).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it('a claimed task cannot be completed by a colleague; a second completion is 409', async () => {
    const inst = (await startAs('pemohon2', { office: OFFICE })).json();
    const isi = (await inbox('pemohon2', 'mine')).find((x) => x.instanceId === inst.id)!;
    await inject('pemohon2', 'POST', `/api/tasks/${isi.id}/complete`, {});
    const periksa = (await inbox(`petugas-loket.${OFFICE}`, 'available')).find((x) => x.instanceId === inst.id)!;
    const claimed = await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${periksa.id}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect((await inbox(`petugas-loket.${OFFICE}`, 'mine')).some((x) => x.id === periksa.id)).toBe(true);
    expect((await inbox(`petugas-loket.${OFFICE}`, 'available')).some((x) => x.id === periksa.id)).toBe(false);
    await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${periksa.id}/complete`, {});
    const again = await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${periksa.id}/complete`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TASK_ALREADY_COMPLETED');
  });

  it('a walk-in applicant: the registering officer does the applicant step on their behalf', async () => {
    const res = await startAs(`petugas-loket.${OFFICE}`, { office: OFFICE, applicant: { name: 'Pak Darmo', nik: '3302010101010001' } });
    expect(res.statusCode).toBe(201);
    const inst = res.json();
    expect(inst.applicant).toEqual({ name: 'Pak Darmo', nik: '3302010101010001' });
    const isi = (await inbox(`petugas-loket.${OFFICE}`, 'mine')).find((x) => x.instanceId === inst.id)!;
    expect(isi).toMatchObject({ elementId: 'isi', onBehalf: true });
    expect((await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${isi.id}/complete`, {})).statusCode).toBe(200);
    const history = (await inject(`petugas-loket.${OFFICE}`, 'GET', `/api/instances/${inst.id}/history`)).json().items;
    expect(history.find((h: { elementId: string }) => h.elementId === 'isi')).toMatchObject({ onBehalf: true });
  });

  it('who may start, see and cancel an application', async () => {
    expect((await startAs('petugas-loket.bapenda-depok', { office: OFFICE })).statusCode).toBe(403);
    expect((await startAs(`tim-teknis.${OFFICE}`, { office: OFFICE })).statusCode).toBe(403);
    expect((await inject(null, 'POST', '/api/processes/uji-izin/instances', { office: OFFICE })).statusCode).toBe(401);
    expect((await startAs('pemohon1', { office: OFFICE, extra: 1 })).statusCode).toBe(400);
    // An applicant cannot write an officers' internal note: it is no input of the start.
    const forged = await startAs('pemohon1', { office: OFFICE, variables: { _catatanPetugas: 'x', nama: 'Siti' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/_catatanPetugas'] } });
    const inst = (await startAs('pemohon1', { office: OFFICE, variables: { nama: 'Siti' } })).json();
    const isi = (await inbox('pemohon1', 'mine')).find((x) => x.instanceId === inst.id)!;
    expect((await inject('pemohon1', 'POST', `/api/tasks/${isi.id}/complete`, { variables: {} })).statusCode).toBe(200);
    const periksa = (await inbox(`petugas-loket.${OFFICE}`, 'available')).find((x) => x.instanceId === inst.id)!;
    expect((await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/tasks/${periksa.id}/complete`, { variables: { _catatanPetugas: 'x' } })).statusCode).toBe(200);
    expect((await inject('pemohon2', 'GET', `/api/instances/${inst.id}`)).statusCode).toBe(404);
    expect((await inject('petugas-loket.bapenda-depok', 'GET', `/api/instances/${inst.id}`)).statusCode).toBe(404);
    expect((await inject('pemohon1', 'GET', `/api/instances/${inst.id}`)).json().variables).toEqual({ nama: 'Siti' });
    expect((await inject(`tim-teknis.${OFFICE}`, 'GET', `/api/instances/${inst.id}`)).json().variables).toEqual({ _catatanPetugas: 'x', nama: 'Siti' });
    const list = (await inject('pemohon2', 'GET', '/api/instances?process=uji-izin')).json().items as Array<{ id: string }>;
    expect(list.some((i) => i.id === inst.id)).toBe(false);
    expect((await inject('pemohon1', 'GET', '/api/instances?process=uji-izin')).json().items.some((i: { id: string }) => i.id === inst.id)).toBe(true);
    expect((await inject(`petugas-loket.${OFFICE}`, 'POST', `/api/instances/${inst.id}/cancel`, { reason: 'berkas palsu' })).statusCode).toBe(403);
    const cancelled = await inject('manager', 'POST', `/api/instances/${inst.id}/cancel`, { reason: 'berkas palsu' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', outcome: 'berkas palsu', tasks: [] });
    expect((await inbox('pemohon1', 'mine')).some((x) => x.instanceId === inst.id)).toBe(false);
  });
  it('what an applicant types in a form is kept exactly, quotes, dollar signs and backslashes included', async () => {
    const inst = (await startAs('pemohon1', { office: OFFICE })).json();
    const isi = (await inbox('pemohon1', 'mine')).find((x) => x.instanceId === inst.id)!;
    const typed = {
      nama: "Ma'ruf \\ O'Neil",
      keterangan: 'biaya $1 dan $2; $q$ tutup $q$ $q0$ $$ akhir$',
      alamat: "Jl. Merdeka No. 1'); drop table runtime_tasks; --",
      kosong: '',
      tidakAda: null,
      angka: 12.5,
      daftar: ['$1', "'", 'ü ñ 中文 🙂'],
    };
    const done = await inject('pemohon1', 'POST', `/api/tasks/${isi.id}/complete`, { variables: typed });
    expect(done.statusCode, done.body).toBe(200);
    // the officer of the office and the applicant read everything typed, exactly
    const view = (await inject(`petugas-loket.${OFFICE}`, 'GET', `/api/instances/${inst.id}`)).json();
    expect(view.variables).toMatchObject(typed);
    const own = (await inject('pemohon1', 'GET', `/api/instances/${inst.id}`)).json();
    expect(own.variables).toMatchObject(typed);
    expect(view.activeElements).toEqual(['periksa']);
  });
});

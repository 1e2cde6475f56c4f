/**
 * Reaching the applicant (issue 21) through the real app on a real database: the registration
 * number at every start (gap-free, the business key, on the receipt and in the inbox), public
 * tracking by number and PIN (same answer for a wrong PIN and an unknown number, limits per
 * number and per address), the fee's payment due date on the nota, and the satisfaction survey
 * (invitation, single-use token, the manager's IKM and its export).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/accounts/accounts.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { inviteEndedApplications } from '../../server/services/notifications/skm.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';
import { publish, saveDraft } from '../../server/services/store/store.js';
import { readFile } from 'node:fs/promises';

const OFFICE = 'kecamatan-kaloran';
const YEAR = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
// The officer checks (1 working day), the applicant completes (2 working days).
const izin = model('uji-lacak', `${start()}${userTask('periksa', 'sop:duration="P1D"')}${userTask('lengkapi', 'sop:duration="P2D"')}${end()}${chain('start', 'periksa', 'lengkapi', 'end')}`, {
  lanes: { pemohon: ['start', 'lengkapi'], 'petugas-loket': ['periksa', 'end'] },
  attrs: 'sop:starterRoles="pemohon petugas-loket"',
});

// A fee computed by the reklame tariff, then a payment step: the nota the applicant pays by.
const nota = model(
  'uji-nota',
  `${start()}<bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="retribusi" />${userTask('bayar', 'sop:duration="PT1H"')}${end()}${chain('start', 'hitung', 'bayar', 'end')}`,
  { lanes: { 'petugas-loket': ['start', 'hitung', 'bayar', 'end'] }, attrs: 'sop:starterRoles="petugas-loket"' },
);

// A file that waits for "payment received" from the counter, named by its registration number.
const bayar = model(
  'uji-lunas',
  `${start()}<bpmn:intermediateCatchEvent id="lunas" name="Pembayaran diterima"><bpmn:messageEventDefinition messageRef="msg_lunas" /></bpmn:intermediateCatchEvent>${userTask('serahkan', 'sop:duration="PT1H"')}${end()}${chain('start', 'lunas', 'serahkan', 'end')}`,
  { lanes: { 'petugas-loket': ['start', 'lunas', 'serahkan', 'end'] }, attrs: 'sop:starterRoles="petugas-loket"', extra: '<bpmn:message id="msg_lunas" name="lunas" sop:senders="petugas-loket" />' },
);

describe.each(databaseKinds)('applicant reach: registration number, tracking, survey (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  let first: { id: string; registrationNumber: string; registration: { number: string; pin: string } };

  beforeAll(async () => {
    // Only the accounts this file needs (the whole demo set costs seconds of password hashing).
    t = await createTestApp({ kind, users: false });
    const accounts = [
      { username: 'pemohon1', name: 'Siti Aminah', roles: [{ role: 'pemohon', office: null }] },
      { username: 'petugas-loket.kecamatan-kaloran', roles: [{ role: 'petugas-loket', office: OFFICE }] },
      { username: 'manager', roles: [{ role: 'manager', office: null }] },
      { username: 'admin', roles: [{ role: 'admin', office: null }] },
    ];
    await Promise.all(accounts.map((a) => createUser(t.database.db, { ...a, password: t.password }, 'test')));
    for (const a of accounts) as[a.username] = bearer(await loginAs(t.app, a.username));
    await publishProcess(t.database.db, 'uji-lacak', izin);
    await saveDraft(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', content: await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8'), actor: 'test' });
    await publish(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', actor: 'test' });
    await publishProcess(t.database.db, 'uji-nota', nota);
    await publishProcess(t.database.db, 'uji-lunas', bayar);
  }, 120_000);
  afterAll(async () => t?.close());

  const startAs = (user: string, body: object = {}) => t.app.inject({ method: 'POST', url: '/api/processes/uji-lacak/instances', headers: as[user], payload: { office: OFFICE, ...body } });
  const track = (number: string, pin: string, remoteAddress = '10.0.0.1') => t.app.inject({ method: 'POST', url: '/api/public/track', payload: { number, pin }, remoteAddress });
  const complete = async (user: string, instanceId: string) => {
    const inst = (await t.app.inject({ method: 'GET', url: `/api/instances/${instanceId}`, headers: as[user] })).json() as { tasks: Array<{ id: string }> };
    const res = await t.app.inject({ method: 'POST', url: `/api/tasks/${inst.tasks[0].id}/complete`, headers: as[user], payload: { variables: {} } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('a start answers the registration number and a 6-digit PIN once and tells the applicant', async () => {
    const res = await startAs('pemohon1');
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first.registration.number).toBe(`${OFFICE}-${YEAR}-000001`);
    expect(first.registration.pin).toMatch(/^[0-9]{6}$/);
    expect(first).toMatchObject({ registrationNumber: first.registration.number, businessKey: null });
    // Later reads show the number, never the PIN.
    const again = (await t.app.inject({ method: 'GET', url: `/api/instances/${first.id}`, headers: as.pemohon1 })).json();
    expect(again.registrationNumber).toBe(first.registration.number);
    expect(again.registration).toBeUndefined();
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as.pemohon1 })).json() as Array<{ kind: string; message: string }>;
    const registered = notes.find((n) => n.kind === 'application-registered');
    expect(registered?.message).toContain(first.registration.number);
    expect(registered?.message).toContain(first.registration.pin);
    // The portal's list and status page carry it too.
    const mine = (await t.app.inject({ method: 'GET', url: '/api/workspace/applications', headers: as.pemohon1 })).json() as Array<{ id: string; registrationNumber: string }>;
    expect(mine.find((a) => a.id === first.id)?.registrationNumber).toBe(first.registration.number);
  });

  it('starts at once get consecutive numbers without a gap; a caller’s business key stays, the number beside it', async () => {
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => startAs('petugas-loket.kecamatan-kaloran', i === 0 ? { businessKey: 'NOP-77', applicant: { name: 'Siti Aminah Lubis' } } : { applicant: { name: `Warga ${i}` } })));
    const numbers = many.map((r) => (r.json() as { registration: { number: string } }).registration.number).sort();
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `${OFFICE}-${YEAR}-${String(i + 2).padStart(6, '0')}`));
    const withKey = many[0].json() as { businessKey: string; registrationNumber: string };
    expect(withKey.businessKey).toBe('NOP-77');
    expect(withKey.registrationNumber).toMatch(new RegExp(`^${OFFICE}-${YEAR}-0000\\d\\d$`));
  });

  it('the next walk-in is numbered in the format the admin just gave the office; a number wider than its width is kept whole', async () => {
    const office = (await t.app.inject({ method: 'GET', url: `/api/admin/offices/${OFFICE}`, headers: as.admin })).json() as Record<string, unknown>;
    const { key: _key, revision: _r, createdAt: _c, updatedAt: _u, updatedBy: _b, hasLogo: _l, ...settings } = office;
    // Without the office, two offices given this format would number alike: refused, nothing changed.
    const alike = await t.app.inject({
      method: 'PUT', url: `/api/admin/offices/${OFFICE}`, headers: as.admin,
      payload: { ...settings, numbering: { ...(office.numbering as object), pendaftaran: 'REG/{year}/{seq:2}' } },
    });
    expect(alike.statusCode, alike.body).toBe(400);
    expect(alike.json()).toMatchObject({ code: 'NUMBER_FORMAT_INVALID', details: { errors: [{ path: '/numbering/pendaftaran', message: expect.stringContaining('{office}') }] } });
    const put = await t.app.inject({
      method: 'PUT', url: `/api/admin/offices/${OFFICE}`, headers: as.admin,
      payload: { ...settings, numbering: { ...(office.numbering as object), pendaftaran: 'REG/{office}/{year}/{seq:2}' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    // this year's counter stood at 9 (the starts above): the tenth fits two digits, the hundredth is not cut
    const tenth = (await startAs('petugas-loket.kecamatan-kaloran', { applicant: { name: 'Warga 10' } })).json() as { registration: { number: string } };
    expect(tenth.registration.number).toBe(`REG/${OFFICE}/${YEAR}/10`);
    await t.database.db.updateTable('document_counters').set({ last: 99 }).where('office', '=', OFFICE).where('kind', '=', 'pendaftaran').execute();
    const hundredth = (await startAs('petugas-loket.kecamatan-kaloran', { applicant: { name: 'Warga 100' } })).json() as { registration: { number: string } };
    expect(hundredth.registration.number).toBe(`REG/${OFFICE}/${YEAR}/100`);
    // and the office's own format again for the rest of this file
    const back = await t.app.inject({ method: 'PUT', url: `/api/admin/offices/${OFFICE}`, headers: as.admin, payload: { ...settings, numbering: office.numbering } });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('a message names an application by its registration number (typed in any case) as by its id', async () => {
    const waiting = (await t.app.inject({ method: 'POST', url: '/api/processes/uji-lunas/instances', headers: as['petugas-loket.kecamatan-kaloran'], payload: { office: OFFICE, applicant: { name: 'Ani' } } })).json() as { id: string; registration: { number: string } };
    const sent = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as['petugas-loket.kecamatan-kaloran'], payload: { name: 'lunas', correlationKey: waiting.registration.number.toUpperCase() } });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().instanceIds).toEqual([waiting.id]);
  });

  it('the receipt prints the number; the inbox shows it on the row and finds the application by it', async () => {
    const receipt = await t.app.inject({ method: 'GET', url: `/api/print/${first.id}/tanda-terima`, headers: as.pemohon1 });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(`<strong data-registration-number>${first.registration.number}</strong>`);
    const found = (await t.app.inject({ method: 'GET', url: `/api/inbox?tab=available&q=${encodeURIComponent(first.registration.number.toUpperCase())}`, headers: as['petugas-loket.kecamatan-kaloran'] })).json() as {
      tasks: Array<{ instanceId: string; registrationNumber: string }>;
    };
    expect(found.tasks.map((x) => x.instanceId)).toEqual([first.id]);
    expect(found.tasks[0].registrationNumber).toBe(first.registration.number);
  });

  it('tracking with the right PIN: plain steps, what to do, expected completion in working days, the first name only', async () => {
    const res = await track(` ${first.registration.number.toUpperCase()} `, first.registration.pin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ number: first.registration.number, service: 'Proses uji-lacak', office: 'Kecamatan Kaloran', status: 'running', currentSteps: ['Tugas periksa'], applicantActions: [] });
    expect(body.expectedCompletion.workingDays).toBe(3);
    expect(body.expectedCompletion.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.firstName).toBe('Siti');
    expect(res.body).not.toContain('Aminah');
    // The officer checks: now the applicant has a step to do, and the check is among the steps done.
    await complete('petugas-loket.kecamatan-kaloran', first.id);
    const next = (await track(first.registration.number, first.registration.pin)).json();
    expect(next.currentSteps).toEqual(['Tugas lengkapi']);
    expect(next.applicantActions).toEqual([{ kind: 'my-step', step: 'Tugas lengkapi' }]);
    expect(next.stepsDone.map((s: { step: string }) => s.step)).toContain('Tugas periksa');
  });

  it('a wrong PIN and an unknown number get the same status and body; bad input is a 400', async () => {
    const wrongPin = String((Number(first.registration.pin) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await track(first.registration.number, wrongPin, '10.0.0.2');
    const unknown = await track(`${OFFICE}-${YEAR}-999999`, wrongPin, '10.0.0.2');
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ code: 'TRACKING_NOT_FOUND' });
    const bad = await t.app.inject({ method: 'POST', url: '/api/public/track', payload: { number: 'x', pin: '12ab56' } });
    expect(bad.statusCode).toBe(400);
  });

  it('limits: after 5 failures a number waits (even with the right PIN); one address may try 30 times in the window', async () => {
    const walkIn = (await startAs('petugas-loket.kecamatan-kaloran', { applicant: { name: 'Budi' } })).json() as { registration: { number: string; pin: string } };
    const wrongPin = String((Number(walkIn.registration.pin) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect((await track(walkIn.registration.number, wrongPin, `10.1.0.${i}`)).statusCode).toBe(404);
    const blocked = await track(walkIn.registration.number, walkIn.registration.pin, '10.1.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // An unknown number is limited alike (no telling it apart by the limit).
    for (let i = 0; i < 5; i++) await track(`${OFFICE}-${YEAR}-888888`, wrongPin, `10.2.0.${i}`);
    expect((await track(`${OFFICE}-${YEAR}-888888`, wrongPin, '10.2.1.1')).statusCode).toBe(429);
    // One address, many numbers: the 31st attempt in the window is refused.
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await track(`${OFFICE}-${YEAR}-7${String(i).padStart(5, '0')}`, '000000', '10.9.9.9')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(codes[30]).toBe(429);
    // Other addresses and numbers are not slowed down.
    expect((await track(first.registration.number, first.registration.pin, '10.3.0.1')).statusCode).toBe(200);
  });

  it('the nota shows the due date for payment configured for the service (days after the nota)', async () => {
    const forbidden = await t.app.inject({ method: 'PUT', url: '/api/admin/services/uji-lacak/payment-due', headers: as.manager, payload: { paymentDueDays: 7 } });
    expect(forbidden.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/admin/services/uji-lacak/payment-due', headers: as.admin, payload: { paymentDueDays: 0 } });
    expect(bad.statusCode).toBe(400);
    const set = await t.app.inject({ method: 'PUT', url: '/api/admin/services/uji-lacak/payment-due', headers: as.admin, payload: { paymentDueDays: 7 } });
    expect(set.json()).toEqual({ processKey: 'uji-lacak', paymentDueDays: 7 });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/services/uji-lacak/payment-due', headers: as.manager })).json()).toEqual({ processKey: 'uji-lacak', paymentDueDays: 7 });
    // Without a setting the nota names no due date; with 14 days it does, counted from the nota's day (Jakarta).
    const started = (await t.app.inject({ method: 'POST', url: '/api/processes/uji-nota/instances', headers: as['petugas-loket.kecamatan-kaloran'], payload: { office: OFFICE, variables: { lengthMeters: 4 }, applicant: { name: 'Ani' } } })).json() as { id: string };
    const printNota = () => t.app.inject({ method: 'GET', url: `/api/print/${started.id}/nota`, headers: as['petugas-loket.kecamatan-kaloran'] });
    const before = await printNota();
    expect(before.statusCode, before.body).toBe(200);
    expect(before.body).toContain('Rp');
    expect(before.body).not.toContain('data-payment-due');
    await t.app.inject({ method: 'PUT', url: '/api/admin/services/uji-nota/payment-due', headers: as.admin, payload: { paymentDueDays: 14 } });
    const today = new Date(Date.now() + 7 * 3_600_000);
    const due = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 14)).toISOString().slice(0, 10);
    const after = (await printNota()).body;
    expect(after).toContain(`data-payment-due="${due}"`);
    expect(after).toContain('Bayar paling lambat');
    expect(after).toContain('14 hari sejak nota');
    // The same date on the screens' nota (and for the fee notification: server/services/workspace/payment-due.ts).
    const status = (await t.app.inject({ method: 'GET', url: `/api/workspace/applications/${started.id}`, headers: as['petugas-loket.kecamatan-kaloran'] })).json();
    expect(status.paymentDue).toMatchObject({ days: 14, dueDate: due });
  });

  it('an ended application invites its applicant once; the survey is answered without log-in, once; the manager sees the IKM', async () => {
    await complete('pemohon1', first.id);
    expect(await inviteEndedApplications(t.database.db)).toBe(1);
    expect(await inviteEndedApplications(t.database.db)).toBe(0);
    const notes = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: as.pemohon1 })).json() as Array<{ kind: string; link: string }>;
    const link = notes.find((n) => n.kind === 'survey-invitation')!.link;
    const token = link.replace('/survei/', '');
    const form = await t.app.inject({ method: 'GET', url: `/api/public/survey/${token}` });
    expect(form.json()).toMatchObject({ service: 'Proses uji-lacak', office: 'Kecamatan Kaloran' });
    expect(form.json().items).toHaveLength(9);
    // Out of range: 400, nothing stored, the token still good.
    expect((await t.app.inject({ method: 'POST', url: `/api/public/survey/${token}`, payload: { answers: [4, 4, 4, 4, 4, 4, 4, 4, 5] } })).statusCode).toBe(400);
    const answers = [4, 3, 3, 4, 3, 4, 4, 2, 3];
    const ok = await t.app.inject({ method: 'POST', url: `/api/public/survey/${token}`, payload: { answers, comment: 'Petugas ramah, antrean lama' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const twice = await t.app.inject({ method: 'POST', url: `/api/public/survey/${token}`, payload: { answers } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/survey/${token}` })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/survey/bukan-token-yang-ada-sama-sekali' })).statusCode).toBe(404);

    // Σ answers = 30 → unit IKM = 30 × 0.111 × 25 = 83.25, category B.
    const ikm = (await t.app.inject({ method: 'GET', url: `/api/analytics/ikm?office=${OFFICE}`, headers: as.manager })).json();
    expect(ikm.overall).toMatchObject({ respondents: 1, unitIkm: 83.25, category: 'B' });
    expect(ikm.rows).toEqual([expect.objectContaining({ office: OFFICE, process: 'uji-lacak', service: 'Proses uji-lacak' })]);
    expect(ikm.comments.map((c: { comment: string }) => c.comment)).toEqual(['Petugas ramah, antrean lama']);
    const csv = await t.app.inject({ method: 'GET', url: `/api/analytics/ikm?office=${OFFICE}&format=csv`, headers: as.manager });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('IKM unit pelayanan (× 25),,,,83.25');
    expect(csv.body).toContain('Persyaratan,U1,4,4,0.444');
    // An officer is no manager; another office's manager sees nothing of this one.
    expect((await t.app.inject({ method: 'GET', url: '/api/analytics/ikm', headers: as['petugas-loket.kecamatan-kaloran'] })).statusCode).toBe(403);
  });
});

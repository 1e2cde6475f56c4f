/**
 * Attack (assessment round 3): messages and signals beyond the sender's reach.
 *
 * - A registration number is printed on receipts and counts up per office
 *   (`samsat-cilegon-2026-000001`): a cashier of another office who named an application by it was
 *   treated as holding the system-issued key (the id, a random UUID) and marked it paid.
 * - Who may send a signal was the union of every model's `sop:senders`: a kasi allowed to
 *   announce "gangguan" in one SOP woke every other SOP's catch of the same name (whose model
 *   names only the kepala UPT), and a signal start created applications at an office that does
 *   not offer the service.
 * - A message start was checked against the office's agency only, not the services the office
 *   offers (the Kantor screen's list), unlike every other start.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const withAgency = (xml: string, agency: string) => xml.replace('id="defs_', `sop:agency="${agency}" id="defs_`);
const SERANG = 'samsat-serang';
const CILEGON = 'samsat-cilegon';
const KALORAN = 'kecamatan-kaloran';

// The applicant's file waits for the cashier's "payment received" (no business key: its registration number names it).
const bayar = withAgency(
  model(
    'uji-reg-bayar',
    `${start()}<bpmn:intermediateCatchEvent id="lunas" name="Pembayaran diterima"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>${userTask('serahkan', 'sop:duration="PT1H"')}${end()}${chain('start', 'lunas', 'serahkan', 'end')}`,
    { lanes: { kasir: ['start', 'lunas', 'serahkan', 'end'] }, attrs: 'sop:starterRoles="kasir"', extra: '<bpmn:message id="msg" name="reg-lunas" sop:senders="kasir" />' },
  ),
  'samsat-banten',
);
// A bill from the bank starts an application at the office the message names.
const tagihan = withAgency(
  model('uji-reg-tagihan', `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:startEvent>${userTask('periksa', 'sop:duration="PT1H"')}${end()}${chain('start', 'periksa', 'end')}`, {
    lanes: { kasir: ['start', 'periksa', 'end'] },
    extra: '<bpmn:message id="msg" name="reg-tagihan" sop:senders="kasir" />',
  }),
  'samsat-banten',
);
// Two SOPs catch a "gangguan" announcement: the kasi announces it in the first, only the kepala UPT in the second.
const waitsFor = (key: string, senders: string) =>
  withAgency(
    model(
      key,
      `${start()}${userTask('bayar', 'sop:duration="PT1H"')}<bpmn:boundaryEvent id="henti" attachedToRef="bayar"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>${end()}${end('e2')}${chain('start', 'bayar', 'end')}${chain('henti', 'e2')}`,
      { lanes: { kasir: ['start', 'bayar', 'end', 'e2'] }, attrs: 'sop:starterRoles="kasir"', extra: `<bpmn:signal id="sig" name="gangguan" sop:senders="${senders}" />` },
    ),
    'samsat-banten',
  );
// A Samsat SOP started by the announcement itself.
const startedBy = withAgency(
  model('uji-sig-mulai', `<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>${userTask('catat', 'sop:duration="PT1H"')}${end()}${chain('start', 'catat', 'end')}`, {
    lanes: { kasi: ['start', 'catat', 'end'] },
    extra: '<bpmn:signal id="sig" name="gangguan" sop:senders="kasi" />',
  }),
  'samsat-banten',
);

describe.each(databaseKinds)('messages and signals stay within the sender’s reach (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of [`kasir.${SERANG}`, `kasir.${CILEGON}`, `kasi.${SERANG}`, `kasi.${KALORAN}`]) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-reg-bayar', bayar);
    await publishProcess(t.database.db, 'uji-reg-tagihan', tagihan);
    await publishProcess(t.database.db, 'uji-sig-kasi', waitsFor('uji-sig-kasi', 'kasi'));
    await publishProcess(t.database.db, 'uji-sig-kepala', waitsFor('uji-sig-kepala', 'kepala-upt'));
    await publishProcess(t.database.db, 'uji-sig-mulai', startedBy);
    // Cilegon does not offer the bank's bills, Kaloran no Samsat SOP (the Kantor screen's list).
    await sql`update offices set processes = processes - 'uji-reg-tagihan' where key = ${CILEGON}`.execute(t.database.db);
    await sql`update offices set processes = processes - 'uji-sig-mulai' where key = ${KALORAN}`.execute(t.database.db);
  });
  afterAll(async () => t?.close());

  const startAt = async (key: string, office: string) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/processes/${key}/instances`, headers: as[`kasir.${office}`], payload: { office } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; registration: { number: string } };
  };
  const at = async (id: string) =>
    ((await t.database.db.selectFrom('runtime_instances').select('tokens').where('id', '=', id).executeTakeFirstOrThrow()).tokens as Array<{ element: string }>).map((x) => x.element);
  const count = async (key: string) =>
    Number((await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<string>().as('n')).where('process_key', '=', key).executeTakeFirstOrThrow()).n);

  it('a registration number names an application only for its own office: another office’s cashier gets 404, nothing paid', async () => {
    const cilegon = await startAt('uji-reg-bayar', CILEGON);
    const res = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[`kasir.${SERANG}`], payload: { name: 'reg-lunas', correlationKey: cilegon.registration.number } });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
    expect(await at(cilegon.id)).toEqual(['lunas']);
    // its own office's cashier names it by its number, and anyone allowed by its id
    const own = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[`kasir.${CILEGON}`], payload: { name: 'reg-lunas', correlationKey: cilegon.registration.number } });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().instanceIds).toEqual([cilegon.id]);
  });

  it('a message start needs an office that offers the service (its list, not only its agency): 400, nothing started', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[`kasir.${CILEGON}`], payload: { name: 'reg-tagihan', correlationKey: 'TAG-9', office: CILEGON } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'SERVICE_NOT_OFFERED' });
    expect(await count('uji-reg-tagihan')).toBe(0);
  });

  it('a signal reaches only the SOPs that name the sender’s role: the kepala’s SOP keeps waiting', async () => {
    const mine = await startAt('uji-sig-kasi', SERANG);
    const theirs = await startAt('uji-sig-kepala', SERANG);
    const res = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${SERANG}`], payload: { name: 'gangguan', office: SERANG } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().instanceIds).toEqual([mine.id]);
    expect(await at(mine.id)).toEqual([]);
    expect(await at(theirs.id)).toEqual(['bayar']);
  });

  it('a signal starts a SOP only at an office that offers it: the kasi of Kaloran starts no Samsat application', async () => {
    const before = await count('uji-sig-mulai');
    const res = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${KALORAN}`], payload: { name: 'gangguan', office: KALORAN } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ instanceIds: [], started: [] });
    expect(await count('uji-sig-mulai')).toBe(before);
  });
});

/**
 * /api/messages (issue 16, finding 2): a message reaches only applications in the sender's
 * offices (or the one whose system-issued key it names), only from a role the model lets send it
 * (`sop:senders` on the bpmn:message), and a message start needs an office that exists and
 * offers the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const withAgency = (xml: string, agency: string) => xml.replace('id="defs_', `sop:agency="${agency}" id="defs_`);

// Samsat: the applicant's file waits for the cashier's "payment received", then the cashier hands over.
const bayar = withAgency(
  model(
    'uji-bayar',
    `${start()}<bpmn:intermediateCatchEvent id="lunas" name="Pembayaran diterima"><bpmn:messageEventDefinition messageRef="msg_bayar" /></bpmn:intermediateCatchEvent>${userTask('serahkan', 'sop:duration="PT1H"')}${end()}${chain('start', 'lunas', 'serahkan', 'end')}`,
    {
      lanes: { kasir: ['start', 'lunas', 'serahkan', 'end'] },
      attrs: 'sop:starterRoles="kasir"',
      extra: '<bpmn:message id="msg_bayar" name="pembayaran-diterima" sop:senders="kasir" />',
    },
  ),
  'samsat-banten',
);
// A bill arriving from the bank starts an application at the office the message names.
const tagihan = withAgency(
  model('uji-tagihan', `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="msg_tagihan" /></bpmn:startEvent>${userTask('periksa', 'sop:duration="PT1H"')}${end()}${chain('start', 'periksa', 'end')}`, {
    lanes: { kasir: ['start', 'periksa', 'end'] },
    extra: '<bpmn:message id="msg_tagihan" name="tagihan-masuk" sop:senders="kasir" />',
  }),
  'samsat-banten',
);

describe.each(databaseKinds)('messages only within the sender\'s reach (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const users = ['admin', 'kasir.samsat-serang', 'kasir.samsat-cilegon', 'korektor.samsat-serang'];

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of users) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-bayar', bayar);
    await publishProcess(t.database.db, 'uji-tagihan', tagihan);
  });
  afterAll(async () => t?.close());

  const send = (user: string, body: object) => t.app.inject({ method: 'POST', url: '/api/messages', headers: as[user], payload: body });
  const startAt = async (office: string, businessKey?: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-bayar/instances', headers: as[`kasir.${office}`], payload: { office, ...(businessKey ? { businessKey } : {}) } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const status = async (id: string) =>
    (await t.database.db.selectFrom('runtime_instances').select('tokens').where('id', '=', id).executeTakeFirstOrThrow()).tokens as unknown;
  const waits = async (id: string) => JSON.stringify(await status(id)).includes('"lunas"');

  it('a business key is matched only in the sender\'s offices: the same plate in another office is not reached', async () => {
    const serang = await startAt('samsat-serang', 'B 1234 XY');
    const cilegon = await startAt('samsat-cilegon', 'B 1234 XY');
    const res = await send('kasir.samsat-serang', { name: 'pembayaran-diterima', correlationKey: 'B 1234 XY' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ instanceIds: [serang], started: [] });
    expect(await waits(serang)).toBe(false);
    expect(await waits(cilegon)).toBe(true);
  });

  it('a message to an application in another office only: not delivered (404), as if nothing waited', async () => {
    const cilegon = await startAt('samsat-cilegon', 'A 777 ZZ');
    const res = await send('kasir.samsat-serang', { name: 'pembayaran-diterima', correlationKey: 'A 777 ZZ' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('MESSAGE_NOT_CORRELATED');
    expect(await waits(cilegon)).toBe(true);
  });

  it('a role the model does not name may not send it: 403 MESSAGE_NOT_ALLOWED, nothing delivered', async () => {
    const serang = await startAt('samsat-serang', 'B 55 K');
    const res = await send('korektor.samsat-serang', { name: 'pembayaran-diterima', correlationKey: 'B 55 K' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('MESSAGE_NOT_ALLOWED');
    expect(await waits(serang)).toBe(true);
  });

  it('the system-issued key (the application id) reaches that one application from an allowed role in any office', async () => {
    const serang = await startAt('samsat-serang');
    const res = await send('kasir.samsat-cilegon', { name: 'pembayaran-diterima', correlationKey: serang });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().instanceIds).toEqual([serang]);
  });

  it('a message start needs an office that exists (400) and offers the process (400); the sender must work there', async () => {
    const nowhere = await send('kasir.samsat-serang', { name: 'tagihan-masuk', correlationKey: 'TAG-1', office: 'samsat-fiktif' });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().code).toBe('UNKNOWN_OFFICE');
    const notOffered = await send('admin', { name: 'tagihan-masuk', correlationKey: 'TAG-2', office: 'kecamatan-kaloran' });
    expect(notOffered.statusCode).toBe(400);
    expect(notOffered.json().code).toBe('SERVICE_NOT_OFFERED');
    const elsewhere = await send('kasir.samsat-cilegon', { name: 'tagihan-masuk', correlationKey: 'TAG-3', office: 'samsat-serang' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('MESSAGE_NOT_ALLOWED');
    const ok = await send('kasir.samsat-serang', { name: 'tagihan-masuk', correlationKey: 'TAG-4', office: 'samsat-serang' });
    expect(ok.statusCode, ok.body).toBe(200);
    const [id] = ok.json().started as string[];
    const row = await t.database.db.selectFrom('runtime_instances').select(['office', 'process_key']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ office: 'samsat-serang', process_key: 'uji-tagihan' });
    const count = await t.database.db.selectFrom('runtime_instances').select((eb) => eb.fn.countAll<string>().as('n')).where('process_key', '=', 'uji-tagihan').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

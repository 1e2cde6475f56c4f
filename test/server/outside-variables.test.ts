/**
 * Attack (assessment round 2): a message or signal sender writes the system's results. The
 * cashier's "payment received" (POST /api/messages) and the kasi's "bank down" (POST /api/signals)
 * carried `variables` straight into the applications they reached or started, `sys` included —
 * the namespace the permit's number, the fee notas and the signatures are read from. A sender
 * could put a document number of their choosing on a permit (or a fee nota) of any application
 * waiting for the message, in any office through its system-issued key. Now such a request is
 * 400 VARIABLES_INVALID and nothing is delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const withAgency = (xml: string, agency: string) => xml.replace('id="defs_', `sop:agency="${agency}" id="defs_`);

const bayar = withAgency(
  model(
    'uji-bayar-sys',
    `${start()}<bpmn:intermediateCatchEvent id="lunas" name="Pembayaran diterima"><bpmn:messageEventDefinition messageRef="msg_bayar" /></bpmn:intermediateCatchEvent>${userTask('serahkan', 'sop:duration="PT1H"')}<bpmn:boundaryEvent id="gangguan" attachedToRef="serahkan"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>${end()}${end('e2')}${chain('start', 'lunas', 'serahkan', 'end')}${chain('gangguan', 'e2')}`,
    {
      lanes: { kasir: ['start', 'lunas', 'serahkan', 'end', 'e2'] },
      attrs: 'sop:starterRoles="kasir"',
      extra: '<bpmn:message id="msg_bayar" name="pembayaran-sys" sop:senders="kasir" /><bpmn:signal id="sig" name="bank-down-sys" sop:senders="kasi" />',
    },
  ),
  'samsat-banten',
);
const SERANG = 'samsat-serang';
const FORGED = { documentNumber: '503/0001/IMB/PALSU/2026', documentKind: 'izin' };

describe.each(databaseKinds)('a message or signal cannot write the system results (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of [`kasir.${SERANG}`, 'kasir.samsat-cilegon', `kasi.${SERANG}`]) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-bayar-sys', bayar);
  });
  afterAll(async () => t?.close());

  const startAt = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/processes/uji-bayar-sys/instances', headers: as[`kasir.${SERANG}`], payload: { office: SERANG } });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const state = async (id: string) => {
    const r = await t.database.db.selectFrom('runtime_instances').select(['variables', 'tokens']).where('id', '=', id).executeTakeFirstOrThrow();
    const vars = (typeof r.variables === 'string' ? JSON.parse(r.variables) : r.variables) as Record<string, unknown>;
    return { sys: vars.sys, at: (r.tokens as Array<{ element: string }>).map((x) => x.element) };
  };

  it('a payment message naming sys (by business key or by the system key from another office) is refused, nothing delivered', async () => {
    const id = await startAt();
    for (const [who, key] of [[`kasir.${SERANG}`, id], ['kasir.samsat-cilegon', id]] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[who], payload: { name: 'pembayaran-sys', correlationKey: key, variables: { sys: FORGED } } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/sys'] } });
    }
    expect(await state(id)).toEqual({ sys: undefined, at: ['lunas'] });
    // the sender's own data still travels
    const ok = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[`kasir.${SERANG}`], payload: { name: 'pembayaran-sys', correlationKey: id, variables: { nomorBukti: 'BKT-1' } } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await state(id)).at).toEqual(['serahkan']);
  });

  it('a signal naming sys is refused, nothing delivered', async () => {
    const id = await startAt();
    await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[`kasir.${SERANG}`], payload: { name: 'pembayaran-sys', correlationKey: id } });
    const res = await t.app.inject({ method: 'POST', url: '/api/signals', headers: as[`kasi.${SERANG}`], payload: { name: 'bank-down-sys', office: SERANG, variables: { sys: FORGED } } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VARIABLES_INVALID');
    expect(await state(id)).toEqual({ sys: undefined, at: ['serahkan'] });
  });
});


/**
 * Attack: an applicant names the business key. It is the key the cashier's "payment received"
 * correlates by (a plate, a file number), so an applicant who applied with a victim's plate had
 * their own application marked paid when the cashier recorded the victim's payment. Only the
 * officer registering an application sets it now; an applicant's is 400 VARIABLES_INVALID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

const withAgency = (xml: string, agency: string) => xml.replace('id="defs_', `sop:agency="${agency}" id="defs_`);
const SERANG = 'samsat-serang';
const selfService = withAgency(
  model(
    'uji-plat',
    `${start()}<bpmn:intermediateCatchEvent id="lunas" name="Pembayaran diterima"><bpmn:messageEventDefinition messageRef="msg_plat" /></bpmn:intermediateCatchEvent>${userTask('serahkan', 'sop:duration="PT1H"')}${end()}${chain('start', 'lunas', 'serahkan', 'end')}`,
    {
      lanes: { pemohon: ['start'], kasir: ['lunas', 'serahkan', 'end'] },
      attrs: 'sop:starterRoles="pemohon kasir"',
      extra: '<bpmn:message id="msg_plat" name="pembayaran-plat" sop:senders="kasir" />',
    },
  ),
  'samsat-banten',
);

describe.each(databaseKinds)('an applicant cannot choose the business key (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await createTestApp({ kind });
    for (const u of [`kasir.${SERANG}`, 'pemohon1']) as[u] = bearer(await loginAs(t.app, u));
    await publishProcess(t.database.db, 'uji-plat', selfService);
  });
  afterAll(async () => t?.close());

  it("an applicant applying under a victim's plate is refused; the cashier's payment reaches the victim's application only", async () => {
    const victim = await t.app.inject({ method: 'POST', url: '/api/processes/uji-plat/instances', headers: as[`kasir.${SERANG}`], payload: { office: SERANG, businessKey: 'A 1234 XY', applicant: { name: 'Korban' } } });
    expect(victim.statusCode, victim.body).toBe(201);
    const attacker = await t.app.inject({ method: 'POST', url: '/api/processes/uji-plat/instances', headers: as.pemohon1, payload: { office: SERANG, businessKey: 'A 1234 XY' } });
    expect(attacker.statusCode, attacker.body).toBe(400);
    expect(attacker.json()).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/businessKey'] } });
    const own = await t.app.inject({ method: 'POST', url: '/api/processes/uji-plat/instances', headers: as.pemohon1, payload: { office: SERANG } });
    expect(own.statusCode, own.body).toBe(201);
    const paid = await t.app.inject({ method: 'POST', url: '/api/messages', headers: as[`kasir.${SERANG}`], payload: { name: 'pembayaran-plat', correlationKey: 'A 1234 XY' } });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().instanceIds).toEqual([victim.json().id]);
  });
});

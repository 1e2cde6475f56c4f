import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';

const KEY = 'uji-nota-reklame';
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs" targetNamespace="https://sop-studio.id/test" sop:agency="kecamatan-kaloran">
  <bpmn:process id="${KEY}" name="Nota reklame (uji)" isExecutable="true" sop:starterRoles="petugas-loket">
    <bpmn:laneSet id="ls">
      <bpmn:lane id="loket" name="Petugas loket" sop:role="petugas-loket"><bpmn:flowNodeRef>mulai</bpmn:flowNodeRef><bpmn:flowNodeRef>hitung</bpmn:flowNodeRef><bpmn:flowNodeRef>bayar</bpmn:flowNodeRef><bpmn:flowNodeRef>selesai</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="mulai" name="Permohonan"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="nota"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:userTask id="bayar" name="Menerima pembayaran SKRD" sop:duration="PT15M"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="selesai" name="Lunas"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="hitung" />
    <bpmn:sequenceFlow id="f2" sourceRef="hitung" targetRef="bayar" />
    <bpmn:sequenceFlow id="f3" sourceRef="bayar" targetRef="selesai" />
  </bpmn:process>
</bpmn:definitions>`;

interface Nota {
  ruleSet: { key: string; publication: number; period: { effectiveFrom: string } };
  total: string;
  fees: Array<{ code: string; amount: string }>;
}

describe.each(databaseKinds)('a running application keeps the fees it was charged (%s)', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let loket: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = bearer(await loginAs(t.app, 'admin'));
    loket = bearer(await loginAs(t.app, 'petugas-loket.kecamatan-kaloran'));
    const rules = await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8');
    for (const [kindPath, key, body, type] of [
      ['rulesets', 'kaloran-reklame', rules, 'application/json'],
      ['processes', KEY, MODEL, 'application/xml'],
    ] as const) {
      const put = await t.app.inject({ method: 'PUT', url: `/api/${kindPath}/${key}/draft`, headers: { ...admin, 'content-type': type }, payload: body });
      expect(put.statusCode, put.body).toBe(201);
      const pub = await t.app.inject({ method: 'POST', url: `/api/${kindPath}/${key}/publish`, headers: admin, payload: { effectiveFrom: '2020-01-01' } });
      expect(pub.statusCode, pub.body).toBe(201);
    }
    // The admin lets Kecamatan Kaloran offer the new process (Kantor screen).
    const office = (await t.app.inject({ method: 'GET', url: '/api/admin/offices/kecamatan-kaloran', headers: admin })).json() as { name: string; agency: string; processes: string[] };
    const offer = await t.app.inject({ method: 'PUT', url: '/api/admin/offices/kecamatan-kaloran', headers: admin, payload: { name: office.name, agency: office.agency, processes: [...office.processes, KEY] } });
    expect(offer.statusCode, offer.body).toBe(200);
  });
  afterAll(async () => t?.close());

  async function apply(): Promise<{ id: string; nota: Nota }> {
    const res = await t.app.inject({ method: 'POST', url: `/api/processes/${KEY}/instances`, headers: loket, payload: { office: 'kecamatan-kaloran', variables: { lengthMeters: 4 } } });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    const inst = await t.app.inject({ method: 'GET', url: `/api/instances/${id}`, headers: loket });
    // The nota is the system's result (variables.sys).
    return { id, nota: (inst.json() as { variables: { sys: { nota: Nota } } }).variables.sys.nota };
  }

  it('the nota computed before a tariff change still shows the old tariff; new applications use the new one', async () => {
    const before = await apply();
    expect(before.nota.total).toBe('100000');
    expect(before.nota.ruleSet).toMatchObject({ key: 'kaloran-reklame', publication: 1 });

    // the regulation changes: from 2026-01-01 the tariff is Rp 30.000 per meter
    const draft = await t.app.inject({ method: 'GET', url: '/api/rulesets/kaloran-reklame/draft', headers: admin });
    const doc = draft.json() as { versions: Array<Record<string, unknown>>; tests: unknown[] };
    doc.versions[0].effectiveTo = '2025-12-31';
    doc.versions.push({ ...doc.versions[0], effectiveFrom: '2026-01-01', effectiveTo: undefined, constants: { ...(doc.versions[0].constants as object), tarifPerMeter: 30000 } });
    doc.tests.push({ name: 'Tarif baru 2026: 4 meter', at: '2026-06-01', facts: { lengthMeters: 4 }, expect: { fees: { RETRIBUSI: '120000' }, total: '120000' } });
    const saved = await t.app.inject({ method: 'PUT', url: '/api/rulesets/kaloran-reklame/draft', headers: { ...admin, 'if-match': draft.headers.etag as string }, payload: doc });
    expect(saved.statusCode, saved.body).toBe(200);
    const pub = await t.app.inject({ method: 'POST', url: '/api/rulesets/kaloran-reklame/publish', headers: admin, payload: { effectiveFrom: '2026-01-01', note: 'Tarif reklame 2026' } });
    expect(pub.statusCode, pub.body).toBe(201);

    const again = await t.app.inject({ method: 'GET', url: `/api/instances/${before.id}`, headers: loket });
    const kept = (again.json() as { variables: { sys: { nota: Nota } } }).variables.sys.nota;
    expect(kept).toEqual(before.nota);

    const after = await apply();
    expect(after.nota.total).toBe('120000');
    expect(after.nota.ruleSet).toMatchObject({ publication: 2, period: { effectiveFrom: '2026-01-01' } });
  });
});

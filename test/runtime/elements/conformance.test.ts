import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processModelValidator } from '../../../server/services/runtime/runtime-validator.js';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, eq, flow, model, start, userTask } from '../support/bpmn.js';
import { publishProcess } from '../support/publish.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../helpers/db.js';

/**
 * Executions a BPMN conformance suite checks, stated as traces: which activities ran, how
 * many times, and how the instance ended. Each of these ran wrongly once; each now runs as
 * BPMN 2.0.2 says or is refused at publish naming the element.
 */
const lanes = (ids: string[]) => ({ lanes: { korektor: ids } });
/** The runtime's publish checks (the studio's lint rules would also ask for what these models leave out). */
const RUNTIME_CHECKS = { process: [processModelValidator], ruleset: [] };
const HOUR = 3600_000;

/** Completed activities of an instance, each with how often it ran. */
function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Event$|Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

const codes = async (xml: string) => (await validateModel(xml)).errors.map((e) => [e.code, e.element]);

describe('flows out of an activity', () => {
  it('the default flow is taken when no conditional flow holds, beside an unconditional flow', async () => {
    const h = new Harness();
    h.publish(
      'keluar',
      model(
        'keluar',
        `${start()}<bpmn:task id="a" default="f_def" /><bpmn:task id="syarat" /><bpmn:task id="biasa" /><bpmn:task id="bawaan" />${end('e1')}${end('e2')}${end('e3')}
        ${flow('f_s', 'start', 'a')}${flow('f_cond', 'a', 'syarat', eq('ok', true))}${flow('f_def', 'a', 'bawaan')}${flow('f_plain', 'a', 'biasa')}
        ${chain('syarat', 'e1')}${chain('biasa', 'e2')}${chain('bawaan', 'e3')}`,
      ),
    );
    const i = await h.start('keluar', { ok: false });
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ a: 1, biasa: 1, bawaan: 1 });
  });

  it('when a conditional flow holds, the default flow is not taken', async () => {
    const h = new Harness();
    h.publish(
      'keluar2',
      model(
        'keluar2',
        `${start()}<bpmn:task id="a" default="f_def" /><bpmn:task id="syarat" /><bpmn:task id="biasa" /><bpmn:task id="bawaan" />${end('e1')}${end('e2')}${end('e3')}
        ${flow('f_s', 'start', 'a')}${flow('f_cond', 'a', 'syarat', eq('ok', true))}${flow('f_def', 'a', 'bawaan')}${flow('f_plain', 'a', 'biasa')}
        ${chain('syarat', 'e1')}${chain('biasa', 'e2')}${chain('bawaan', 'e3')}`,
      ),
    );
    const i = await h.start('keluar2', { ok: true });
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ a: 1, syarat: 1, biasa: 1 });
  });
});

describe('refused at publish, naming the element', () => {
  it('a call activity naming a global task', async () => {
    const xml = model('panggil-global', `${start()}<bpmn:callActivity id="c" calledElement="gt" />${end()}${chain('start', 'c', 'end')}`, {
      extra: '<bpmn:globalUserTask id="gt" name="Tugas global" />',
    });
    expect(await codes(xml)).toContainEqual(['CALLED_ELEMENT_INVALID', 'c']);
  });

  it('startQuantity or completionQuantity other than 1, 0 included', async () => {
    const xml = model(
      'jumlah',
      `${start()}${userTask('a', 'startQuantity="2"')}${userTask('b', 'completionQuantity="0"')}${userTask('c', 'startQuantity="1" completionQuantity="1"')}${end()}${chain('start', 'a', 'b', 'c', 'end')}`,
      lanes(['a', 'b', 'c']),
    );
    const found = await codes(xml);
    expect(found).toContainEqual(['QUANTITY_UNSUPPORTED', 'a']);
    expect(found).toContainEqual(['QUANTITY_UNSUPPORTED', 'b']);
    expect(found.filter(([, el]) => el === 'c')).toEqual([]);
  });

  it('an intermediate timer catch with a cycle', async () => {
    const xml = model(
      'siklus',
      `${start()}<bpmn:intermediateCatchEvent id="tunggu"><bpmn:timerEventDefinition><bpmn:timeCycle>R4/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 'tunggu', 'end')}`,
    );
    expect(await codes(xml)).toEqual([['TIMER_INVALID', 'tunggu']]);
  });
});

describe.each(databaseKinds)('a call activity must name a published process (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => t.close());

  it('is refused while the callee is not published, accepted once it is', async () => {
    const caller = model('pemanggil', `${start()}<bpmn:callActivity id="bayar" name="Pembayaran" calledElement="pembayaran-x" />${end()}${chain('start', 'bayar', 'end')}`);
    const refused = await publishProcess(t.db, 'pemanggil', caller, undefined, RUNTIME_CHECKS).catch((e: { code?: string; details?: { errors?: Array<{ code: string; element?: string }> } }) => e);
    expect(refused).toMatchObject({ code: 'MODEL_INVALID' });
    expect((refused as { details: { errors: Array<{ code: string; element?: string }> } }).details.errors).toContainEqual(
      expect.objectContaining({ code: 'CALLED_ELEMENT_UNPUBLISHED', element: 'bayar' }),
    );
    await publishProcess(t.db, 'pembayaran-x', model('pembayaran-x', `${start()}${end()}${chain('start', 'end')}`));
    expect(await publishProcess(t.db, 'pemanggil', caller, undefined, RUNTIME_CHECKS)).toBe(1);
  });
});

describe('event definitions given by reference (eventDefinitionRef)', () => {
  const defs = `<bpmn:error id="err" errorCode="DITOLAK" /><bpmn:message id="msg" name="bayar" />
    <bpmn:errorEventDefinition id="def_err" errorRef="err" /><bpmn:messageEventDefinition id="def_msg" messageRef="msg" />
    <bpmn:timerEventDefinition id="def_timer"><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition>`;

  it('an error end event in a sub-process is caught by an error boundary given by reference', async () => {
    const h = new Harness();
    h.publish(
      'ref-err',
      model(
        'ref-err',
        `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:endEvent id="gagal"><bpmn:eventDefinitionRef>def_err</bpmn:eventDefinitionRef></bpmn:endEvent>${chain('s2', 'gagal')}</bpmn:subProcess>
        <bpmn:boundaryEvent id="tangkap" attachedToRef="sub"><bpmn:eventDefinitionRef>def_err</bpmn:eventDefinitionRef></bpmn:boundaryEvent>
        ${userTask('perbaiki')}${userTask('lanjut')}${end()}${end('e2')}${chain('start', 'sub', 'lanjut', 'end')}${chain('tangkap', 'perbaiki', 'e2')}`,
        { ...lanes(['perbaiki', 'lanjut']), extra: defs },
      ),
    );
    const i = await h.start('ref-err');
    expect(h.activeElements(i.id)).toEqual(['perbaiki']);
    expect(h.instance(i.id).variables).toEqual({ lastError: 'DITOLAK' });
    await h.completeAt(i.id, 'perbaiki');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ perbaiki: 1 });
  });

  it('an intermediate timer and a message catch given by reference wait for their event', async () => {
    const h = new Harness();
    const xml = model(
      'ref-wait',
      `${start()}<bpmn:intermediateCatchEvent id="jeda"><bpmn:eventDefinitionRef>def_timer</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="lunas"><bpmn:eventDefinitionRef>def_msg</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>${userTask('serah')}${end()}
      ${chain('start', 'jeda', 'lunas', 'serah', 'end')}`,
      { ...lanes(['serah']), extra: defs },
    );
    expect((await validateModel(xml)).errors).toEqual([]);
    h.publish('ref-wait', xml);
    const i = await h.start('ref-wait', {}, { businessKey: 'B-1' });
    expect(h.activeElements(i.id)).toEqual(['jeda']);
    await h.advance(2 * HOUR);
    expect(h.activeElements(i.id)).toEqual(['lunas']);
    await h.message('bayar', 'B-1', { ntpn: 'N1' });
    expect(h.activeElements(i.id)).toEqual(['serah']);
  });

  it('a message start and a message end event given by reference', async () => {
    const h = new Harness();
    h.publish(
      'ref-start',
      model('ref-start', `<bpmn:startEvent id="start"><bpmn:eventDefinitionRef>def_msg</bpmn:eventDefinitionRef></bpmn:startEvent>${userTask('a')}${end()}${chain('start', 'a', 'end')}`, {
        ...lanes(['a']),
        extra: defs,
      }),
    );
    const r = await h.message('bayar', 'K-9');
    expect(r.started).toHaveLength(1);
    expect(h.activeElements(r.started[0])).toEqual(['a']);
  });
});

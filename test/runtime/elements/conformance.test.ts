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

/**
 * The second run of the suite: tokens sent on inside a step but not arrived yet, conditions true
 * the moment their event is armed, send tasks, messages thrown without a business key, literal
 * conditions and a negative loopMaximum.
 */
describe('tokens on their way inside one step', () => {
  const SIG = '<bpmn:signal id="sig" name="berkas-ditarik" />';
  const sigDef = '<bpmn:signalEventDefinition signalRef="sig" />';

  it('a signal thrown inside a sub-process starts its interrupting event sub-process before the step after the throw runs', async () => {
    const h = new Harness();
    h.publish(
      'sinyal-dalam',
      model(
        'sinyal-dalam',
        `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:intermediateThrowEvent id="tarik">${sigDef}</bpmn:intermediateThrowEvent>${userTask('periksa')}${end('e2')}${chain('s2', 'tarik', 'periksa', 'e2')}
          <bpmn:subProcess id="batal" triggeredByEvent="true"><bpmn:startEvent id="batal_s">${sigDef}</bpmn:startEvent>${userTask('kembalikan')}${end('batal_e')}${chain('batal_s', 'kembalikan', 'batal_e')}</bpmn:subProcess>
        </bpmn:subProcess>${end()}${chain('start', 'sub', 'end')}`,
        { ...lanes(['periksa', 'kembalikan']), extra: SIG },
      ),
    );
    const i = await h.start('sinyal-dalam');
    expect(h.openTasks(i.id).map((t) => t.elementId)).toEqual(['kembalikan']);
    await h.completeAt(i.id, 'kembalikan');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kembalikan: 1, batal: 1, sub: 1 });
  });

  it('an error end in one branch: the other branch, sent on in the same step, never starts its task', async () => {
    const h = new Harness();
    h.publish(
      'galat-cabang',
      model(
        'galat-cabang',
        `${start()}<bpmn:parallelGateway id="fork" /><bpmn:endEvent id="gagal"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>${userTask('kerja')}${end()}
        ${chain('start', 'fork', 'gagal')}${chain('fork', 'kerja', 'end')}
        <bpmn:subProcess id="salah" triggeredByEvent="true"><bpmn:startEvent id="salah_s"><bpmn:errorEventDefinition errorRef="err" /></bpmn:startEvent>${userTask('tangani')}${end('salah_e')}${chain('salah_s', 'tangani', 'salah_e')}</bpmn:subProcess>`,
        { ...lanes(['kerja', 'tangani']), extra: '<bpmn:error id="err" errorCode="DATA-SALAH" />' },
      ),
    );
    const i = await h.start('galat-cabang');
    expect(h.openTasks(i.id).map((t) => t.elementId)).toEqual(['tangani']);
    await h.completeAt(i.id, 'tangani');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tangani: 1, salah: 1 });
  });

  it('a terminate end inside a sub-process ends the other branch sent on in the same step; the sub-process goes on', async () => {
    const h = new Harness();
    h.publish(
      'henti-cabang',
      model(
        'henti-cabang',
        `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:parallelGateway id="fork" /><bpmn:endEvent id="henti"><bpmn:terminateEventDefinition /></bpmn:endEvent>${userTask('kerja')}${end('e2')}${chain('s2', 'fork', 'henti')}${chain('fork', 'kerja', 'e2')}</bpmn:subProcess>
        ${userTask('serah')}${end()}${chain('start', 'sub', 'serah', 'end')}`,
        lanes(['kerja', 'serah']),
      ),
    );
    const i = await h.start('henti-cabang');
    expect(h.openTasks(i.id).map((t) => t.elementId)).toEqual(['serah']);
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ sub: 1, serah: 1 });
  });

  it('the process does not end while a token is still on its way: the step after a sub-process runs when a boundary path ended first', async () => {
    const h = new Harness();
    h.publish(
      'eskalasi-lanjut',
      model(
        'eskalasi-lanjut',
        `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:intermediateThrowEvent id="lapor"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent><bpmn:task id="rekam" />${end('e3')}${chain('s2', 'lapor', 'rekam', 'e3')}</bpmn:subProcess>
        <bpmn:boundaryEvent id="atasan" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
        <bpmn:task id="catat" /><bpmn:task id="serah" />${end()}${end('e2')}${chain('start', 'sub', 'serah', 'end')}${chain('atasan', 'catat', 'e2')}`,
        { extra: '<bpmn:escalation id="esc" escalationCode="LEWAT" />' },
      ),
    );
    const i = await h.start('eskalasi-lanjut');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ rekam: 1, sub: 1, catat: 1, serah: 1 });
  });
});

describe('conditions already true when their event is armed', () => {
  const cond = (c: object) =>
    `<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify(c)}]]></bpmn:condition></bpmn:conditionalEventDefinition>`;
  const instantSub = `<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:task id="verifikasi" />${end('e2')}${chain('s2', 'verifikasi', 'e2')}</bpmn:subProcess>`;

  it('an interrupting conditional boundary interrupts its sub-process before its automatic steps run', async () => {
    const h = new Harness();
    h.publish(
      'kondisi-batas',
      model('kondisi-batas', `${start()}${instantSub}<bpmn:boundaryEvent id="darurat" attachedToRef="sub">${cond(eq('darurat', true))}</bpmn:boundaryEvent><bpmn:task id="tangani" /><bpmn:task id="lanjut" />${end()}${end('e3')}${chain('start', 'sub', 'lanjut', 'end')}${chain('darurat', 'tangani', 'e3')}`),
    );
    const i = await h.start('kondisi-batas', { darurat: true });
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tangani: 1 });
  });

  it('a non-interrupting one runs beside them', async () => {
    const h = new Harness();
    h.publish(
      'kondisi-batas2',
      model('kondisi-batas2', `${start()}${instantSub}<bpmn:boundaryEvent id="darurat" attachedToRef="sub" cancelActivity="false">${cond(eq('darurat', true))}</bpmn:boundaryEvent><bpmn:task id="tangani" /><bpmn:task id="lanjut" />${end()}${end('e3')}${chain('start', 'sub', 'lanjut', 'end')}${chain('darurat', 'tangani', 'e3')}`),
    );
    const i = await h.start('kondisi-batas2', { darurat: true });
    expect(trace(h, i.id)).toEqual({ verifikasi: 1, sub: 1, lanjut: 1, tangani: 1 });
  });

  it('an interrupting conditional event sub-process true at the start runs instead of the main path', async () => {
    const h = new Harness();
    const espBody = (interrupting: boolean) =>
      `${start()}<bpmn:task id="kerja" />${end()}${chain('start', 'kerja', 'end')}<bpmn:subProcess id="cepat" triggeredByEvent="true"><bpmn:startEvent id="cepat_s" isInterrupting="${interrupting}">${cond(eq('darurat', true))}</bpmn:startEvent><bpmn:task id="tangani" />${end('cepat_e')}${chain('cepat_s', 'tangani', 'cepat_e')}</bpmn:subProcess>`;
    h.publish('kondisi-esp', model('kondisi-esp', espBody(true)));
    h.publish('kondisi-esp2', model('kondisi-esp2', espBody(false)));
    const i = await h.start('kondisi-esp', { darurat: true });
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tangani: 1, cepat: 1 });
    const j = await h.start('kondisi-esp2', { darurat: true });
    expect(trace(h, j.id)).toEqual({ kerja: 1, tangani: 1, cepat: 1 });
  });
});

describe('messages', () => {
  const MSG = '<bpmn:message id="m" name="berkas-masuk" />';

  it('a send task sends its messageRef (no handler needed): the waiting process goes on', async () => {
    const h = new Harness();
    const sender = model('kirim', `${start()}<bpmn:sendTask id="kirimBerkas" messageRef="m" />${end()}${chain('start', 'kirimBerkas', 'end')}`, { extra: MSG });
    expect((await validateModel(sender)).errors).toEqual([]);
    h.publish('kirim', sender);
    h.publish('terima', model('terima', `${start()}<bpmn:receiveTask id="tunggu" messageRef="m" />${userTask('proses')}${end()}${chain('start', 'tunggu', 'proses', 'end')}`, { ...lanes(['proses']), extra: MSG }));
    const r = await h.start('terima', {}, { businessKey: 'REG-7' });
    const s = await h.start('kirim', {}, { businessKey: 'REG-7' });
    expect(h.instance(s.id).status).toBe('completed');
    expect(h.activeElements(r.id)).toEqual(['proses']);
  });

  it('a receive task that would start the process (instantiate) is refused, naming it', async () => {
    const xml = model('terima-awal', `<bpmn:receiveTask id="tunggu" messageRef="m" instantiate="true" />${end()}${chain('tunggu', 'end')}`, { extra: MSG });
    expect(await codes(xml)).toContainEqual(['UNSUPPORTED_ELEMENT', 'tunggu']);
  });

  it('a send task with neither a handler nor a message is refused', async () => {
    const xml = model('kirim-kosong', `${start()}<bpmn:sendTask id="kirimBerkas" />${end()}${chain('start', 'kirimBerkas', 'end')}`);
    expect(await codes(xml)).toContainEqual(['HANDLER_MISSING', 'kirimBerkas']);
  });

  it('a message thrown by an instance without a business key starts the process it starts, keyed by the thrower', async () => {
    const h = new Harness();
    h.publish('pemicu', model('pemicu', `${start()}<bpmn:endEvent id="end"><bpmn:messageEventDefinition messageRef="m" /></bpmn:endEvent>${chain('start', 'end')}`, { extra: MSG }));
    h.publish('dipicu', model('dipicu', `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>${userTask('proses')}${end()}${chain('start', 'proses', 'end')}`, { ...lanes(['proses']), extra: MSG }));
    const p = await h.start('pemicu');
    const started = [...h.store.instances.values()].filter((x) => x.processKey === 'dipicu');
    expect(started.map((x) => x.businessKey)).toEqual([p.id]);
    expect(h.activeElements(started[0].id)).toEqual(['proses']);
  });
});

describe('literal conditions and loop bounds', () => {
  const loop = (cond: string, attrs: string) =>
    model('ulang', `${start()}<bpmn:task id="a"><bpmn:standardLoopCharacteristics ${attrs}><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${cond}</bpmn:loopCondition></bpmn:standardLoopCharacteristics></bpmn:task><bpmn:task id="b" />${end()}${chain('start', 'a', 'b', 'end')}`);
  // the passes' rows, not the loop's own (which carries its loopCounter)
  const passes = (h: Harness, id: string) => h.historyOf(id).filter((r) => r.elementId === 'a' && r.event === 'completed' && !(r.details && 'loopCounter' in r.details)).length;

  it('"true" and "false" are constants, never variables of that name', async () => {
    const h = new Harness();
    h.publish('ulang', loop('true', 'loopMaximum="3"'));
    const i = await h.start('ulang');
    expect(passes(h, i.id)).toBe(3);
    h.publish('ulang', loop('false', 'testBefore="true"'));
    const j = await h.start('ulang');
    expect(passes(h, j.id)).toBe(0);
    expect(trace(h, j.id)).toMatchObject({ b: 1 });
  });

  it('a negative loopMaximum is refused', async () => {
    expect(await codes(loop('true', 'loopMaximum="-1"'))).toEqual([['LOOP_INVALID', 'a']]);
  });
});

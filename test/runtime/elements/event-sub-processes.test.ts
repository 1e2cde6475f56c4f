import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, model, start, userTask } from '../support/bpmn.js';

/**
 * Event sub-processes (triggeredByEvent), interrupting and not, started by message, timer, error,
 * escalation, signal and condition, at process level and inside a sub-process. Each case states
 * its trace: which activities completed, how many times, and how the instance ended.
 */
const DEFS = `<bpmn:message id="m_batal" name="batal" /><bpmn:message id="m_susulan" name="susulan" />
<bpmn:error id="err" errorCode="DATA-SALAH" /><bpmn:error id="lain" errorCode="LAIN" /><bpmn:escalation id="esc" escalationCode="LEWAT" />
<bpmn:signal id="sig" name="bank-down" />`;
const ROLE_TASKS = ['kerja', 'kerja2', 'tangani', 'catat', 'serah', 'atasan', 'tindak', 'percepat', 'isi'];
const opts = { lanes: { korektor: ROLE_TASKS }, extra: DEFS };

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Event$|Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}
const events = (h: Harness, id: string, element: string) => h.historyOf(id).filter((r) => r.elementId === element).map((r) => r.event);

/** An event sub-process `id` whose start event carries `def`, then one task and an end. */
const esp = (id: string, def: string, task: string, interrupting = true) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${id}_s" isInterrupting="${interrupting}">${def}</bpmn:startEvent>${userTask(task)}${end(`${id}_e`)}${chain(`${id}_s`, task, `${id}_e`)}</bpmn:subProcess>`;
const msg = (ref: string) => `<bpmn:messageEventDefinition messageRef="${ref}" />`;
const timer = (kind: string, value: string) => `<bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
const cond = (c: object) => `<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify(c)}]]></bpmn:condition></bpmn:conditionalEventDefinition>`;
const main = `${start()}${userTask('kerja')}${userTask('serah')}${end()}${chain('start', 'kerja', 'serah', 'end')}`;
const HOUR = 3_600_000;

async function publishAndValidate(h: Harness, key: string, body: string) {
  const xml = model(key, body, opts);
  const report = await validateModel(xml);
  expect(report.errors).toEqual([]);
  h.publish(key, xml);
}

describe('message event sub-process at process level', () => {
  it('interrupting: the running step is interrupted, only the event sub-process runs, then the instance completes', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-msg', `${main}${esp('batal', msg('m_batal'), 'tangani')}`);
    const i = await h.start('esp-msg', {}, { businessKey: 'REG-1' });
    expect(h.activeElements(i.id)).toEqual(['batal_s', 'kerja']);
    await h.message('batal', 'REG-1', { alasan: 'pemohon membatalkan' });
    expect(h.activeElements(i.id)).toEqual(['batal', 'tangani']);
    expect(events(h, i.id, 'kerja')).toEqual(['interrupted']);
    expect(h.instance(i.id).variables).toMatchObject({ alasan: 'pemohon membatalkan' });
    await h.completeAt(i.id, 'tangani');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tangani: 1, batal: 1 });
    expect(h.store.subscriptions).toEqual([]);
    expect(h.openTasks(i.id)).toEqual([]);
  });

  it('non-interrupting: each message runs the event sub-process once more beside the main path; the instance ends after all', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-msg-non', `${main}${esp('susulan', msg('m_susulan'), 'catat', false)}`);
    const i = await h.start('esp-msg-non', {}, { businessKey: 'REG-2' });
    await h.message('susulan', 'REG-2');
    await h.message('susulan', 'REG-2');
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['catat', 'catat', 'kerja']);
    await h.completeAt(i.id, 'kerja');
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('running');
    for (const t of h.openTasks(i.id)) await h.complete(t.id);
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kerja: 1, serah: 1, catat: 2, susulan: 2 });
    expect(h.store.subscriptions).toEqual([]);
  });

  it('a message after the scope ended reaches nothing: the listener went with the instance', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-msg-late', `${main}${esp('batal', msg('m_batal'), 'tangani')}`);
    const i = await h.start('esp-msg-late', {}, { businessKey: 'REG-3' });
    await h.completeAt(i.id, 'kerja');
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    await expect(h.message('batal', 'REG-3')).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
    expect(trace(h, i.id)).toEqual({ kerja: 1, serah: 1 });
  });
});

describe('timer event sub-process', () => {
  it('interrupting duration: fires once after PT1H if the work is not done', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-timer', `${main}${esp('telat', timer('timeDuration', 'PT1H'), 'tindak')}`);
    const i = await h.start('esp-timer');
    expect(await h.advance(HOUR)).toBe(1);
    expect(h.activeElements(i.id)).toEqual(['telat', 'tindak']);
    expect(events(h, i.id, 'kerja')).toEqual(['interrupted']);
    await h.completeAt(i.id, 'tindak');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tindak: 1, telat: 1 });
  });

  it('done in time: the timer is dropped with the instance and never fires', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-timer-ok', `${main}${esp('telat', timer('timeDuration', 'PT1H'), 'tindak')}`);
    const i = await h.start('esp-timer-ok');
    await h.completeAt(i.id, 'kerja');
    await h.completeAt(i.id, 'serah');
    expect(h.store.jobs.size).toBe(0);
    expect(await h.advance(2 * HOUR)).toBe(0);
    expect(trace(h, i.id)).toEqual({ kerja: 1, serah: 1 });
  });

  it('non-interrupting cycle R2/PT1H: two reminders beside the main path, not a third', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-cycle', `${main}${esp('ingat', timer('timeCycle', 'R2/PT1H'), 'catat', false)}`);
    const i = await h.start('esp-cycle');
    await h.advance(HOUR);
    await h.advance(HOUR);
    await h.advance(HOUR);
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['catat', 'catat', 'kerja']);
    for (const t of h.openTasks(i.id)) await h.complete(t.id);
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kerja: 1, serah: 1, catat: 2, ingat: 2 });
  });
});

describe('error event sub-process', () => {
  const errEnd = '<bpmn:endEvent id="gagal"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>';

  it('at process level: an error end in one branch interrupts the other branch and the event sub-process handles it (no failure)', async () => {
    const h = new Harness();
    await publishAndValidate(
      h,
      'esp-err',
      `${start()}<bpmn:parallelGateway id="fork" />${userTask('kerja')}${userTask('kerja2')}${errEnd}${end()}${chain('start', 'fork', 'kerja', 'end')}${chain('fork', 'kerja2', 'gagal')}${esp('salah', '<bpmn:errorEventDefinition errorRef="err" />', 'tangani')}`,
    );
    const i = await h.start('esp-err');
    await h.completeAt(i.id, 'kerja2');
    expect(h.activeElements(i.id)).toEqual(['salah', 'tangani']);
    expect(events(h, i.id, 'kerja')).toEqual(['interrupted']);
    expect(h.instance(i.id).variables).toMatchObject({ lastError: 'DATA-SALAH' });
    await h.completeAt(i.id, 'tangani');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kerja2: 1, tangani: 1, salah: 1 });
  });

  it('inside a sub-process: caught there before the boundary on the sub-process; the sub-process completes and the process goes on', async () => {
    const h = new Harness();
    await publishAndValidate(
      h,
      'esp-err-sub',
      `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${userTask('kerja')}${errEnd}${chain('s2', 'kerja', 'gagal')}${esp('salah', '<bpmn:errorEventDefinition errorRef="err" />', 'tangani')}</bpmn:subProcess>
      <bpmn:boundaryEvent id="luar" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>${userTask('atasan')}${userTask('serah')}${end()}${end('e3')}${chain('start', 'sub', 'serah', 'end')}${chain('luar', 'atasan', 'e3')}`,
    );
    const i = await h.start('esp-err-sub');
    await h.completeAt(i.id, 'kerja');
    expect(h.activeElements(i.id)).toEqual(['salah', 'sub', 'tangani']);
    await h.completeAt(i.id, 'tangani');
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kerja: 1, tangani: 1, salah: 1, sub: 1, serah: 1 });
  });

  it('an error with another code passes the event sub-process by and fails the instance as before', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-err-other', `${start()}${userTask('kerja')}<bpmn:endEvent id="gagal"><bpmn:errorEventDefinition errorRef="lain" /></bpmn:endEvent>${chain('start', 'kerja', 'gagal')}${esp('salah', '<bpmn:errorEventDefinition errorRef="err" />', 'tangani')}`);
    const i = await h.start('esp-err-other');
    await h.completeAt(i.id, 'kerja');
    expect(h.instance(i.id).status).toBe('failed');
    expect(trace(h, i.id)).toEqual({ kerja: 1 });
  });
});

describe('escalation event sub-process', () => {
  const escThrow = '<bpmn:intermediateThrowEvent id="lapor"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>';

  it('non-interrupting, in the process: the supervisor’s step runs beside the work', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-esc', `${start()}${escThrow}${userTask('kerja')}${end()}${chain('start', 'lapor', 'kerja', 'end')}${esp('naik', '<bpmn:escalationEventDefinition escalationRef="esc" />', 'atasan', false)}`);
    const i = await h.start('esp-esc');
    expect(h.activeElements(i.id)).toEqual(['atasan', 'kerja', 'naik']);
    expect(h.instance(i.id).variables).toEqual({ lastEscalation: 'LEWAT' });
    await h.completeAt(i.id, 'kerja');
    await h.completeAt(i.id, 'atasan');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kerja: 1, atasan: 1, naik: 1 });
  });

  it('interrupting, inside a sub-process: the thrower stops, the sub-process completes after the event sub-process and the process goes on', async () => {
    const h = new Harness();
    await publishAndValidate(
      h,
      'esp-esc-int',
      `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${escThrow}${userTask('kerja')}${end('e2')}${chain('s2', 'lapor', 'kerja', 'e2')}${esp('naik', '<bpmn:escalationEventDefinition />', 'atasan')}</bpmn:subProcess>${userTask('serah')}${end()}${chain('start', 'sub', 'serah', 'end')}`,
    );
    const i = await h.start('esp-esc-int');
    expect(h.activeElements(i.id)).toEqual(['atasan', 'naik', 'sub']);
    await h.completeAt(i.id, 'atasan');
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ atasan: 1, naik: 1, sub: 1, serah: 1 });
  });
});

describe('signal event sub-process', () => {
  it('interrupting: a broadcast in the office interrupts its applications, not another office’s', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-sig', `${main}${esp('down', '<bpmn:signalEventDefinition signalRef="sig" />', 'tangani')}`);
    const a = await h.start('esp-sig');
    const b = await h.start('esp-sig', {}, { office: 'kantor-b' });
    const r = await h.engine.signal(h.store, { name: 'bank-down', office: 'kantor-a', variables: { sejak: '10:00' } });
    expect(r.instanceIds).toEqual([a.id]);
    expect(h.activeElements(a.id)).toEqual(['down', 'tangani']);
    expect(h.activeElements(b.id)).toEqual(['down_s', 'kerja']);
    await h.completeAt(a.id, 'tangani');
    expect(trace(h, a.id)).toEqual({ tangani: 1, down: 1 });
    expect(h.instance(a.id).status).toBe('completed');
  });
});

describe('conditional event sub-process', () => {
  const prioritas = cond({ all: [{ fact: 'prioritas', operator: 'equal', value: true }] });

  it('non-interrupting: starts when a step makes the condition true, once per change to true', async () => {
    const h = new Harness();
    await publishAndValidate(
      h,
      'esp-cond',
      `${start()}${userTask('isi', 'sop:form=\'{"type":"object","properties":{"prioritas":{"type":"boolean"}}}\'')}${userTask('kerja')}${userTask('serah')}${end()}${chain('start', 'isi', 'kerja', 'serah', 'end')}${esp('cepat', prioritas, 'percepat', false)}`,
    );
    const i = await h.start('esp-cond', { prioritas: false });
    expect(h.activeElements(i.id)).toEqual(['cepat_s', 'isi']);
    await h.completeAt(i.id, 'isi', { prioritas: true });
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['kerja', 'percepat']);
    // Still true after the next step: no second start.
    await h.completeAt(i.id, 'kerja');
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['percepat', 'serah']);
    await h.completeAt(i.id, 'percepat');
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ isi: 1, kerja: 1, serah: 1, percepat: 1, cepat: 1 });
  });

  it('interrupting, already true when the scope opens: starts at once', async () => {
    const h = new Harness();
    await publishAndValidate(h, 'esp-cond-int', `${main}${esp('cepat', prioritas, 'percepat')}`);
    const i = await h.start('esp-cond-int', { prioritas: true });
    expect(h.activeElements(i.id)).toEqual(['cepat', 'percepat']);
    await h.completeAt(i.id, 'percepat');
    expect(trace(h, i.id)).toEqual({ percepat: 1, cepat: 1 });
    expect(h.instance(i.id).status).toBe('completed');
  });
});

describe('event sub-process inside a sub-process', () => {
  it('is armed only while its sub-process runs', async () => {
    const h = new Harness();
    await publishAndValidate(
      h,
      'esp-inner',
      `${start()}${userTask('isi')}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${userTask('kerja')}${end('e2')}${chain('s2', 'kerja', 'e2')}${esp('batal', msg('m_batal'), 'tangani')}</bpmn:subProcess>${userTask('serah')}${end()}${chain('start', 'isi', 'sub', 'serah', 'end')}`,
    );
    const i = await h.start('esp-inner', {}, { businessKey: 'REG-9' });
    expect(h.store.subscriptions).toEqual([]);
    await h.completeAt(i.id, 'isi');
    expect(h.store.subscriptions.map((s) => s.elementId)).toEqual(['batal_s']);
    await h.message('batal', 'REG-9');
    expect(h.activeElements(i.id)).toEqual(['batal', 'sub', 'tangani']);
    await h.completeAt(i.id, 'tangani');
    expect(h.activeElements(i.id)).toEqual(['serah']);
    expect(h.store.subscriptions).toEqual([]);
    await h.completeAt(i.id, 'serah');
    expect(trace(h, i.id)).toEqual({ isi: 1, tangani: 1, batal: 1, sub: 1, serah: 1 });
  });
});

describe('publish-time checks of event sub-processes', () => {
  it('refuses, naming the element: no start event, a none start, flows in or out, a non-interrupting error start', async () => {
    const body = `${main}<bpmn:subProcess id="kosong" triggeredByEvent="true" />
      <bpmn:subProcess id="biasa" triggeredByEvent="true"><bpmn:startEvent id="biasa_s" />${end('biasa_e')}${chain('biasa_s', 'biasa_e')}</bpmn:subProcess>
      ${esp('berflow', msg('m_batal'), 'tangani').replace('</bpmn:subProcess>', '</bpmn:subProcess><bpmn:sequenceFlow id="fx" sourceRef="berflow" targetRef="serah" />')}
      ${esp('nonerr', '<bpmn:errorEventDefinition errorRef="err" />', 'catat', false)}`;
    const r = await validateModel(model('esp-bad', body, opts));
    const got = r.errors.map((e) => `${e.element}:${e.code}`).sort();
    expect(got).toEqual(['berflow:EVENT_SUBPROCESS_INVALID', 'biasa_s:UNSUPPORTED_ELEMENT', 'kosong:EVENT_SUBPROCESS_INVALID', 'nonerr_s:UNSUPPORTED_ELEMENT']);
  });
});

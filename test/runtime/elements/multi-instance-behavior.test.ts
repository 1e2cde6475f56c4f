import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, model, start, userTask } from '../support/bpmn.js';

/**
 * Multi-instance `behavior` with its events (BPMN 2.0.2 §10.3.8): One throws at the first inner
 * completion, None at each, Complex whenever its condition holds; thrown as escalations (caught by
 * the activity's own boundary first) or signals (broadcast in the office). Traces as conformance
 * cases: which activities ran, how often, how the instance ended.
 */
const DEFS = `<bpmn:escalation id="esc" escalationCode="OPD-LAPOR" /><bpmn:signal id="sig" name="opd-selesai" />
<bpmn:escalationEventDefinition id="escDef" escalationRef="esc" /><bpmn:signalEventDefinition id="sigDef" signalRef="sig" />
<bpmn:messageEventDefinition id="msgDef" />`;
const opts = { lanes: { petugas: ['tinjau', 'atasan', 'catat'] }, extra: DEFS };
const OPD = ['dinkes', 'dishub', 'dpupr'];

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Event$|Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

/** Three OPD reviews (multi-instance) with a boundary `boundary` whose path is `atasan` or `catat`. */
const reviews = (behavior: string, inner: string, boundary: string, path: string) =>
  `${start()}<bpmn:userTask id="tinjau" name="Tinjau OPD"><bpmn:multiInstanceLoopCharacteristics sop:collection="opd" sop:elementVariable="o" behavior="${behavior}" ${inner.startsWith(' ') ? inner : ''}>${inner.startsWith(' ') ? '' : inner}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
  ${boundary}${userTask(path)}${end()}${end('e2')}${chain('start', 'tinjau', 'end')}${chain('b', path, 'e2')}`;
const escBoundary = (interrupting: boolean) => `<bpmn:boundaryEvent id="b" attachedToRef="tinjau" cancelActivity="${interrupting}"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>`;
const sigBoundary = `<bpmn:boundaryEvent id="b" attachedToRef="tinjau" cancelActivity="false"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>`;

async function run(h: Harness, key: string, body: string) {
  const xml = model(key, body, opts);
  expect((await validateModel(xml)).errors).toEqual([]);
  h.publish(key, xml);
  return h.start(key, { opd: OPD });
}
const open = (h: Harness, id: string) => h.openTasks(id).map((t) => t.elementId).sort();

describe('multi-instance behavior events', () => {
  it('One: the first completion escalates once (non-interrupting boundary); the others do not', async () => {
    const h = new Harness();
    const i = await run(h, 'mi-one', reviews('One', ' oneBehaviorEventRef="escDef"', escBoundary(false), 'atasan'));
    const [first, ...rest] = h.openTasks(i.id);
    await h.complete(first.id);
    expect(open(h, i.id)).toEqual(['atasan', 'tinjau', 'tinjau']);
    for (const t of rest) await h.complete(t.id);
    expect(open(h, i.id)).toEqual(['atasan']);
    await h.completeAt(i.id, 'atasan');
    expect(h.instance(i.id).status).toBe('completed');
    // three inner reviews and the multi-instance body
    expect(trace(h, i.id)).toEqual({ tinjau: 4, atasan: 1 });
    expect(h.instance(i.id).variables).toMatchObject({ lastEscalation: 'OPD-LAPOR' });
  });

  it('None: every completion broadcasts the signal; the activity’s own signal boundary catches each', async () => {
    const h = new Harness();
    const i = await run(h, 'mi-none', reviews('None', ' noneBehaviorEventRef="sigDef"', sigBoundary, 'catat'));
    for (const t of h.openTasks(i.id).filter((x) => x.elementId === 'tinjau')) await h.complete(t.id);
    expect(open(h, i.id)).toEqual(['catat', 'catat', 'catat']);
    for (const t of h.openTasks(i.id)) await h.complete(t.id);
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tinjau: 4, catat: 3 });
  });

  it('Complex: when two OPDs have answered, an interrupting escalation ends the reviews; only the supervisor’s path goes on', async () => {
    const h = new Harness();
    const cbd = `<bpmn:complexBehaviorDefinition id="cbd"><bpmn:condition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify({ all: [{ fact: 'nrOfCompletedInstances', operator: 'equal', value: 2 }] })}]]></bpmn:condition><bpmn:event id="ev"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:event></bpmn:complexBehaviorDefinition>`;
    const i = await run(h, 'mi-complex', reviews('Complex', cbd, escBoundary(true), 'atasan'));
    const tasks = h.openTasks(i.id);
    await h.complete(tasks[0].id);
    expect(open(h, i.id)).toEqual(['tinjau', 'tinjau']);
    await h.complete(tasks[1].id);
    expect(open(h, i.id)).toEqual(['atasan']);
    expect(h.store.tasks.get(tasks[2].id)?.status).toBe('cancelled');
    await h.completeAt(i.id, 'atasan');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tinjau: 2, atasan: 1 });
  });

  it('Complex over what one OPD answered: an objection is signalled each time one is sent (the variable is an input of the review)', async () => {
    const h = new Harness();
    const cbd = `<bpmn:complexBehaviorDefinition id="cbd"><bpmn:condition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify({ all: [{ fact: 'keberatan', operator: 'equal', value: true }] })}]]></bpmn:condition><bpmn:event id="ev"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:event></bpmn:complexBehaviorDefinition>`;
    const i = await run(h, 'mi-keberatan', reviews('Complex', cbd, sigBoundary, 'catat'));
    const [a, b, c] = h.openTasks(i.id);
    await h.complete(a.id, { keberatan: true });
    await h.complete(b.id, { keberatan: false });
    await h.complete(c.id, { keberatan: true });
    expect(open(h, i.id)).toEqual(['catat', 'catat']);
    for (const t of h.openTasks(i.id)) await h.complete(t.id);
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tinjau: 4, catat: 2 });
  });

  it('All throws nothing (the signal boundary never hears from it)', async () => {
    const h = new Harness();
    const i = await run(h, 'mi-all', reviews('All', '', sigBoundary, 'catat'));
    for (const t of h.openTasks(i.id)) await h.complete(t.id);
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tinjau: 4 });
  });

  it('refuses an event that is not a signal or escalation, an event the behavior never throws, and an escalation boundary nothing escalates to, naming them', async () => {
    const noSource = await validateModel(model('mi-bad', reviews('All', '', escBoundary(false), 'atasan'), opts));
    expect(noSource.errors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', element: 'b' })]);
    for (const body of [reviews('One', ' oneBehaviorEventRef="msgDef"', escBoundary(false), 'atasan'), reviews('All', ' noneBehaviorEventRef="escDef"', escBoundary(false), 'atasan')]) {
      const r = await validateModel(model('mi-bad', body, opts));
      expect(r.errors).toContainEqual(expect.objectContaining({ code: 'MULTI_INSTANCE_INVALID', element: 'tinjau' }));
    }
  });
});

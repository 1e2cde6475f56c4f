import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, model, start, userTask } from '../support/bpmn.js';

/**
 * Escalation events: thrown inside a sub-process or a called process, caught by an escalation
 * boundary on that sub-process or call activity (interrupting or not). Stated as traces.
 */
const ESC = '<bpmn:escalation id="esc" escalationCode="LEWAT-WAKTU" /><bpmn:escalation id="lain" escalationCode="LAIN" />';
const lanes = (ids: string[]) => ({ lanes: { korektor: ids }, extra: ESC });
const escDef = (ref = 'esc') => `<bpmn:escalationEventDefinition escalationRef="${ref}" />`;

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Event$|Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

const sub = (inner: string, interrupting: boolean, ref = 'esc') =>
  `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${inner}</bpmn:subProcess>
  <bpmn:boundaryEvent id="naik" attachedToRef="sub" cancelActivity="${interrupting}">${escDef(ref)}</bpmn:boundaryEvent>
  ${userTask('atasan')}${userTask('serah')}${end()}${end('e3')}${chain('start', 'sub', 'serah', 'end')}${chain('naik', 'atasan', 'e3')}`;

describe('escalation thrown in a sub-process', () => {
  it('non-interrupting catch of an intermediate throw: the supervisor’s task and the sub-process both go on', async () => {
    const h = new Harness();
    h.publish(
      'esc-non',
      model('esc-non', sub(`<bpmn:intermediateThrowEvent id="lapor">${escDef()}</bpmn:intermediateThrowEvent>${userTask('kerja')}${end('e2')}${chain('s2', 'lapor', 'kerja', 'e2')}`, false), lanes(['kerja', 'atasan', 'serah'])),
    );
    const i = await h.start('esc-non');
    expect(h.activeElements(i.id)).toEqual(['atasan', 'kerja', 'sub']);
    expect(h.instance(i.id).variables).toEqual({ lastEscalation: 'LEWAT-WAKTU' });
    await h.completeAt(i.id, 'kerja');
    await h.completeAt(i.id, 'atasan');
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ kerja: 1, sub: 1, atasan: 1, serah: 1 });
  });

  it('interrupting catch of an end escalation: the sub-process is interrupted, only the boundary path runs', async () => {
    const h = new Harness();
    h.publish(
      'esc-int',
      model(
        'esc-int',
        sub(`<bpmn:parallelGateway id="fork" />${userTask('kerja')}<bpmn:endEvent id="naikkan">${escDef()}</bpmn:endEvent>${end('e2')}${chain('s2', 'fork')}<bpmn:sequenceFlow id="fa" sourceRef="fork" targetRef="kerja" /><bpmn:sequenceFlow id="fb" sourceRef="fork" targetRef="naikkan" />${chain('kerja', 'e2')}`, true),
        lanes(['kerja', 'atasan', 'serah']),
      ),
    );
    const i = await h.start('esc-int');
    expect(h.activeElements(i.id)).toEqual(['atasan']);
    expect(h.historyOf(i.id).find((r) => r.elementId === 'sub')?.event).toBe('interrupted');
    await h.completeAt(i.id, 'atasan');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ atasan: 1 });
  });

  it('an escalation with another code is not caught: the thrower goes on, nothing else happens', async () => {
    const h = new Harness();
    h.publish(
      'esc-lain',
      model('esc-lain', sub(`<bpmn:intermediateThrowEvent id="lapor">${escDef('lain')}</bpmn:intermediateThrowEvent>${userTask('kerja')}${end('e2')}${chain('s2', 'lapor', 'kerja', 'e2')}`, true), lanes(['kerja', 'atasan', 'serah'])),
    );
    const i = await h.start('esc-lain');
    expect(h.activeElements(i.id)).toEqual(['kerja', 'sub']);
    await h.completeAt(i.id, 'kerja');
    await h.completeAt(i.id, 'serah');
    expect(trace(h, i.id)).toEqual({ kerja: 1, sub: 1, serah: 1 });
  });
});

describe('escalation thrown in a called process', () => {
  it('reaches the call activity’s boundary in the calling instance (non-interrupting)', async () => {
    const h = new Harness();
    h.publish('anak', model('anak', `${start()}<bpmn:intermediateThrowEvent id="lapor">${escDef()}</bpmn:intermediateThrowEvent>${userTask('kerja')}${end()}${chain('start', 'lapor', 'kerja', 'end')}`, lanes(['kerja'])));
    h.publish(
      'induk',
      model(
        'induk',
        `${start()}<bpmn:callActivity id="panggil" calledElement="anak" /><bpmn:boundaryEvent id="naik" attachedToRef="panggil" cancelActivity="false">${escDef()}</bpmn:boundaryEvent>${userTask('atasan')}${end()}${end('e2')}${chain('start', 'panggil', 'end')}${chain('naik', 'atasan', 'e2')}`,
        lanes(['atasan']),
      ),
    );
    const i = await h.start('induk');
    expect(h.activeElements(i.id)).toEqual(['atasan', 'panggil']);
    const child = [...h.store.instances.values()].find((x) => x.parentInstanceId === i.id)!;
    await h.completeAt(child.id, 'kerja');
    await h.completeAt(i.id, 'atasan');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ panggil: 1, atasan: 1 });
  });

  it('an escalation boundary on a user task is refused at publish', async () => {
    const xml = model('esc-salah', `${start()}${userTask('a')}<bpmn:boundaryEvent id="naik" attachedToRef="a">${escDef()}</bpmn:boundaryEvent>${end()}${end('e2')}${chain('start', 'a', 'end')}${chain('naik', 'e2')}`, lanes(['a']));
    expect((await validateModel(xml)).errors).toContainEqual(expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', element: 'naik' }));
  });
});

import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, flow, model, start, userTask } from '../support/bpmn.js';

/**
 * Complex gateway with its activationCondition in our condition JSON (BPMN 2.0.2 §13.4.5): fires
 * once when the condition over `activationCount` and the variables holds, absorbs the late
 * arrivals, and on reset takes the flows whose condition holds with `waitingForStart: false`.
 */
const opts = { lanes: { petugas: ['a', 'b', 'c', 'lanjut', 'sisa', 'x', 'y'] } };
const activation = (c: object) => `<bpmn:activationCondition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify(c)}]]></bpmn:activationCondition>`;
const form = `sop:form='{"type":"object","properties":{"cukup":{"type":"boolean"}}}'`;

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Event$|Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

/** Three parallel reviews a, b, c into the complex gateway; `lanjut` at activation, `sisa` at reset. */
const body = (act: object) =>
  `${start()}<bpmn:parallelGateway id="fork" />${userTask('a', form)}${userTask('b', form)}${userTask('c', form)}
  <bpmn:complexGateway id="cg">${activation(act)}</bpmn:complexGateway>${userTask('lanjut')}${userTask('sisa')}${end()}${end('e2')}
  ${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}${flow('ta', 'a', 'cg')}${flow('tb', 'b', 'cg')}${flow('tc', 'c', 'cg')}${chain('start', 'fork')}
  ${flow('go', 'cg', 'lanjut')}${flow('rest', 'cg', 'sisa', { all: [{ fact: 'waitingForStart', operator: 'equal', value: false }] })}${chain('lanjut', 'end')}${chain('sisa', 'e2')}`;

async function publish(h: Harness, key: string, xml: string) {
  expect((await validateModel(xml)).errors).toEqual([]);
  h.publish(key, xml);
}

describe('complex gateway join', () => {
  it('2 of 3: fires at the second arrival, absorbs the third, and its reset takes the reset flow', async () => {
    const h = new Harness();
    await publish(h, 'cg-2of3', model('cg-2of3', body({ all: [{ fact: 'activationCount', operator: 'greaterThanInclusive', value: 2 }] }), opts));
    const i = await h.start('cg-2of3');
    await h.completeAt(i.id, 'a');
    expect(h.openTasks(i.id).map((t) => t.elementId)).toEqual(['b', 'c']);
    await h.completeAt(i.id, 'b');
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['c', 'lanjut']);
    await h.completeAt(i.id, 'c');
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['lanjut', 'sisa']);
    await h.completeAt(i.id, 'lanjut');
    await h.completeAt(i.id, 'sisa');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ a: 1, b: 1, c: 1, lanjut: 1, sisa: 1 });
    // fired once (the arrivals joined), one absorbed, then the reset
    expect(h.historyOf(i.id).filter((r) => r.elementId === 'cg').map((r) => r.event)).toEqual(['completed', 'completed', 'reset']);
  });

  it('a variable in the condition: the first review that finds enough fires it; the others are absorbed', async () => {
    const h = new Harness();
    await publish(
      h,
      'cg-cukup',
      model('cg-cukup', body({ any: [{ fact: 'activationCount', operator: 'equal', value: 3 }, { fact: 'cukup', operator: 'equal', value: true }] }), opts),
    );
    const i = await h.start('cg-cukup', { cukup: false });
    await h.completeAt(i.id, 'a', { cukup: true });
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['b', 'c', 'lanjut']);
    await h.completeAt(i.id, 'lanjut');
    expect(h.instance(i.id).status).toBe('running');
    await h.completeAt(i.id, 'b');
    await h.completeAt(i.id, 'c');
    // Reset after absorbing two: the reset flow runs once.
    await h.completeAt(i.id, 'sisa');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ a: 1, b: 1, c: 1, lanjut: 1, sisa: 1 });
  });

  it('all three needed: fires once at the third, nothing to absorb, no reset flow', async () => {
    const h = new Harness();
    await publish(h, 'cg-all', model('cg-all', body({ all: [{ fact: 'activationCount', operator: 'equal', value: 3 }] }), opts));
    const i = await h.start('cg-all');
    for (const t of ['a', 'b', 'c']) await h.completeAt(i.id, t);
    await h.completeAt(i.id, 'lanjut');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ a: 1, b: 1, c: 1, lanjut: 1 });
  });
});

describe('complex gateway split', () => {
  it('without an activation condition and one incoming flow: every flow whose condition holds, else the default', async () => {
    const h = new Harness();
    const xml = model(
      'cg-split',
      `${start()}<bpmn:complexGateway id="cg" default="fy" />${userTask('x')}${userTask('y')}${end()}${end('e2')}${chain('start', 'cg')}
      ${flow('fx', 'cg', 'x', { all: [{ fact: 'pilih', operator: 'equal', value: 'x' }] })}${flow('fy', 'cg', 'y')}${chain('x', 'end')}${chain('y', 'e2')}`,
      opts,
    );
    await publish(h, 'cg-split', xml);
    const one = await h.start('cg-split', { pilih: 'x' });
    const two = await h.start('cg-split', { pilih: 'z' });
    expect(h.activeElements(one.id)).toEqual(['x']);
    expect(h.activeElements(two.id)).toEqual(['y']);
  });

  it('refuses a join without an activation condition, naming it', async () => {
    const xml = model('cg-bad', body({}).replace(/<bpmn:activationCondition[\s\S]*?<\/bpmn:activationCondition>/, ''), opts);
    const r = await validateModel(xml);
    expect(r.errors).toEqual([expect.objectContaining({ element: 'cg', code: 'COMPLEX_GATEWAY_INVALID' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, flow, model, start, userTask } from '../support/bpmn.js';

/**
 * Conditional events (BPMN 2.0.2 §10.5.2) with conditions in our condition JSON: intermediate
 * catch, boundary (interrupting and not), re-evaluated after every step that changes the variables
 * and happening when the condition becomes true. Traces as a conformance suite states them.
 */
const cond = (c: object | string) =>
  typeof c === 'string'
    ? `<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${c}</bpmn:condition></bpmn:conditionalEventDefinition>`
    : `<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify(c)}]]></bpmn:condition></bpmn:conditionalEventDefinition>`;
const lunas = cond({ all: [{ fact: 'lunas', operator: 'equal', value: true }] });
const form = (props: Record<string, string>) =>
  `sop:form='${JSON.stringify({ type: 'object', properties: Object.fromEntries(Object.entries(props).map(([k, t]) => [k, { type: t }])) })}'`;
const opts = { lanes: { kasir: ['bayar', 'serah', 'periksa', 'ubah', 'batal', 'catat', 'isi'] } };

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Gateway$/.test(row.elementKind)) continue;
    if (/Event$/.test(row.elementKind) && !/^(tunggu|kondisi)/.test(row.elementId)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

async function publish(h: Harness, key: string, body: string) {
  const xml = model(key, body, opts);
  expect((await validateModel(xml)).errors).toEqual([]);
  h.publish(key, xml);
}

describe('conditional intermediate catch', () => {
  const body = `${start()}<bpmn:parallelGateway id="fork" />${userTask('bayar', form({ lunas: 'boolean' }))}<bpmn:intermediateCatchEvent id="tunggu">${lunas}</bpmn:intermediateCatchEvent>${userTask('serah')}<bpmn:parallelGateway id="join" />${end()}
    ${chain('start', 'fork', 'bayar', 'join')}${chain('fork', 'tunggu', 'serah', 'join', 'end')}`;

  it('waits until a step elsewhere makes its condition true, then goes on', async () => {
    const h = new Harness();
    await publish(h, 'cond-catch', body);
    const i = await h.start('cond-catch', { lunas: false });
    expect(h.activeElements(i.id)).toEqual(['bayar', 'tunggu']);
    await h.completeAt(i.id, 'bayar', { lunas: false });
    expect(h.activeElements(i.id)).toEqual(['join', 'tunggu']);
    // The join waits for the other branch; the catch still waits.
    const j = await h.start('cond-catch', { lunas: false });
    await h.completeAt(j.id, 'bayar', { lunas: true });
    expect(h.activeElements(j.id)).toEqual(['join', 'serah']);
    await h.completeAt(j.id, 'serah');
    expect(h.instance(j.id).status).toBe('completed');
    expect(trace(h, j.id)).toEqual({ bayar: 1, tunggu: 1, serah: 1 });
    expect(h.instance(i.id).status).toBe('running');
  });

  it('goes on at once when the condition already holds on arrival', async () => {
    const h = new Harness();
    await publish(h, 'cond-catch-now', body);
    const i = await h.start('cond-catch-now', { lunas: true });
    expect(h.activeElements(i.id)).toEqual(['bayar', 'serah']);
    expect(trace(h, i.id)).toEqual({ tunggu: 1 });
  });

  it('reads a plain boolean variable name as its condition', async () => {
    const h = new Harness();
    await publish(h, 'cond-catch-var', body.replace(lunas, cond('lunas')));
    const i = await h.start('cond-catch-var', { lunas: false });
    await h.completeAt(i.id, 'bayar', { lunas: true });
    expect(h.activeElements(i.id)).toEqual(['join', 'serah']);
  });
});

describe('conditional boundary event', () => {
  // periksa runs while ubah (a step done four times, a standard loop) changes `dibatalkan`.
  const body = (interrupting: boolean) =>
    `${start()}<bpmn:parallelGateway id="fork" />${userTask('periksa')}${userTask('ubah', form({ dibatalkan: 'boolean' }))}
    <bpmn:boundaryEvent id="kondisi" attachedToRef="periksa" cancelActivity="${interrupting}">${cond({ all: [{ fact: 'dibatalkan', operator: 'equal', value: true }] })}</bpmn:boundaryEvent>
    ${userTask('batal')}${end()}${end('e2')}${end('e3')}${chain('start', 'fork', 'periksa', 'end')}${chain('fork', 'ubah', 'e2')}${chain('kondisi', 'batal', 'e3')}`;
  const looped = (interrupting: boolean) => body(interrupting).replace(/<bpmn:userTask id="ubah"([^>]*)\/>/, '<bpmn:userTask id="ubah"$1><bpmn:standardLoopCharacteristics loopMaximum="4" /></bpmn:userTask>');

  it('interrupting: the activity ends when the condition becomes true; only the boundary path goes on', async () => {
    const h = new Harness();
    await publish(h, 'cond-boundary', looped(true));
    const i = await h.start('cond-boundary', { dibatalkan: false });
    await h.completeAt(i.id, 'ubah', { dibatalkan: false });
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['periksa', 'ubah']);
    await h.completeAt(i.id, 'ubah', { dibatalkan: true });
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['batal', 'ubah']);
    expect(h.historyOf(i.id).filter((r) => r.elementId === 'periksa').map((r) => r.event)).toEqual(['interrupted']);
    await h.completeAt(i.id, 'batal');
    await h.completeAt(i.id, 'ubah', {});
    await h.completeAt(i.id, 'ubah', {});
    expect(h.instance(i.id).status).toBe('completed');
    // ubah: four passes and the loop itself
    expect(trace(h, i.id)).toEqual({ ubah: 5, kondisi: 1, batal: 1 });
  });

  it('non-interrupting: happens each time the condition becomes true again, not while it stays true', async () => {
    const h = new Harness();
    await publish(h, 'cond-boundary-non', looped(false));
    const i = await h.start('cond-boundary-non', { dibatalkan: false });
    await h.completeAt(i.id, 'ubah', { dibatalkan: true });
    await h.completeAt(i.id, 'ubah', { dibatalkan: true });
    expect(h.openTasks(i.id).filter((t) => t.elementId === 'batal')).toHaveLength(1);
    await h.completeAt(i.id, 'ubah', { dibatalkan: false });
    await h.completeAt(i.id, 'ubah', { dibatalkan: true });
    expect(h.openTasks(i.id).filter((t) => t.elementId === 'batal')).toHaveLength(2);
    for (const t of h.openTasks(i.id)) await h.complete(t.id);
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ ubah: 5, kondisi: 2, batal: 2, periksa: 1 });
  });

  it('already true when the activity starts: happens at once', async () => {
    const h = new Harness();
    await publish(h, 'cond-boundary-now', looped(true));
    const i = await h.start('cond-boundary-now', { dibatalkan: true });
    expect(h.openTasks(i.id).map((t) => t.elementId).sort()).toEqual(['batal', 'ubah']);
  });
});

describe('publish-time checks of conditional events', () => {
  it('refuses a conditional event without a condition or with JavaScript, naming it', async () => {
    const r = await validateModel(
      model(
        'cond-bad',
        `${start()}<bpmn:intermediateCatchEvent id="kosong"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="js"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" language="javascript">x &gt; 1</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 'kosong', 'js', 'end')}`,
        opts,
      ),
    );
    expect([...new Set(r.errors.map((e) => e.element))].sort()).toEqual(['js', 'kosong']);
    expect(r.errors).toContainEqual(expect.objectContaining({ element: 'js', code: 'CONDITION_INVALID' }));
    expect(r.errors).toContainEqual(expect.objectContaining({ element: 'kosong', code: 'CONDITION_INVALID' }));
  });

  it('a conditional start at process level stays refused (only inside an event sub-process)', async () => {
    const r = await validateModel(model('cond-start', `<bpmn:startEvent id="mulai">${lunas}</bpmn:startEvent>${userTask('bayar')}${end()}${chain('mulai', 'bayar', 'end')}${flow('fz', 'bayar', 'end')}`, opts));
    expect(r.errors).toContainEqual(expect.objectContaining({ element: 'mulai', code: 'UNSUPPORTED_ELEMENT' }));
  });
});

import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, model, start } from '../support/bpmn.js';

/**
 * Standard loops (standardLoopCharacteristics): the activity repeats while its loopCondition (our
 * condition JSON) holds, tested after each pass by default or before it with testBefore, at most
 * loopMaximum times. Traces count the passes of each task.
 */
const lanes = (ids: string[]) => ({ lanes: { korektor: ids } });
const looped = (attrs: string, cond?: object, max?: number) =>
  `<bpmn:userTask id="koreksi" name="Koreksi"><bpmn:standardLoopCharacteristics ${attrs}${max === undefined ? '' : ` loopMaximum="${max}"`}>${
    cond ? `<bpmn:loopCondition xsi:type="bpmn:tFormalExpression" language="json-rules-engine"><![CDATA[${JSON.stringify(cond)}]]></bpmn:loopCondition>` : ''
  }</bpmn:standardLoopCharacteristics></bpmn:userTask>`;
const salah = { all: [{ fact: 'masihSalah', operator: 'equal', value: true }] };

function passes(h: Harness, instanceId: string, element: string): number {
  return [...h.store.tasks.values()].filter((t) => t.instanceId === instanceId && t.elementId === element && t.status === 'completed').length;
}

describe('standard loop', () => {
  it('runs once, then again while the condition holds (tested after each pass)', async () => {
    const h = new Harness();
    h.publish('loop', model('loop', `${start()}${looped('', salah)}<bpmn:userTask id="serah" />${end()}${chain('start', 'koreksi', 'serah', 'end')}`, lanes(['koreksi', 'serah'])));
    const i = await h.start('loop', { masihSalah: true });
    await h.completeAt(i.id, 'koreksi', { masihSalah: true });
    await h.completeAt(i.id, 'koreksi', { masihSalah: true });
    expect(h.openTasks(i.id)[0].elementId).toBe('koreksi');
    await h.completeAt(i.id, 'koreksi', { masihSalah: false });
    expect(h.activeElements(i.id)).toEqual(['serah']);
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(passes(h, i.id, 'koreksi')).toBe(3);
  });

  it('with testBefore and a false condition it does not run at all', async () => {
    const h = new Harness();
    h.publish('loop-tb', model('loop-tb', `${start()}${looped('testBefore="true"', salah)}<bpmn:userTask id="serah" />${end()}${chain('start', 'koreksi', 'serah', 'end')}`, lanes(['koreksi', 'serah'])));
    const i = await h.start('loop-tb', { masihSalah: false });
    expect(h.activeElements(i.id)).toEqual(['serah']);
    expect(passes(h, i.id, 'koreksi')).toBe(0);
  });

  it('stops at loopMaximum even while the condition holds', async () => {
    const h = new Harness();
    h.publish('loop-max', model('loop-max', `${start()}${looped('', salah, 2)}<bpmn:userTask id="serah" />${end()}${chain('start', 'koreksi', 'serah', 'end')}`, lanes(['koreksi', 'serah'])));
    const i = await h.start('loop-max');
    await h.completeAt(i.id, 'koreksi', { masihSalah: true });
    await h.completeAt(i.id, 'koreksi', { masihSalah: true });
    expect(h.activeElements(i.id)).toEqual(['serah']);
    expect(passes(h, i.id, 'koreksi')).toBe(2);
    expect(h.historyOf(i.id).find((r) => r.elementId === 'koreksi' && r.taskId === null)?.details).toEqual({ loopCounter: 2 });
  });

  it('without loopCondition and loopMaximum is refused at publish', async () => {
    const xml = model('loop-tanpa', `${start()}${looped('')}${end()}${chain('start', 'koreksi', 'end')}`, lanes(['koreksi']));
    expect((await validateModel(xml)).errors).toContainEqual(expect.objectContaining({ code: 'LOOP_INVALID', element: 'koreksi' }));
  });
});

describe('multi-instance behavior', () => {
  const mi = (attrs: string, inner = '') =>
    model(
      'mi-b',
      `${start()}<bpmn:userTask id="tinjau"><bpmn:multiInstanceLoopCharacteristics sop:collection="opd" ${attrs}>${inner}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>${end()}${chain('start', 'tinjau', 'end')}`,
      lanes(['tinjau']),
    );

  it('None, One and All without events run every inner instance', async () => {
    for (const behavior of ['None', 'One', 'All']) {
      const h = new Harness();
      h.publish('mi-b', mi(`behavior="${behavior}"`));
      const i = await h.start('mi-b', { opd: ['dinkes', 'dishub'] });
      for (const t of h.openTasks(i.id)) await h.complete(t.id);
      expect(h.instance(i.id).status).toBe('completed');
      expect(passes(h, i.id, 'tinjau')).toBe(2);
    }
  });

  it('Complex without a complexBehaviorDefinition is refused at publish (the events: multi-instance-behavior.test.ts)', async () => {
    const errors = (await validateModel(mi('behavior="Complex"'))).errors;
    expect(errors).toContainEqual(expect.objectContaining({ code: 'MULTI_INSTANCE_INVALID', element: 'tinjau' }));
  });
});

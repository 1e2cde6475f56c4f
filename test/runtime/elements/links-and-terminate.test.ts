import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../runtime/validate.js';
import { Harness } from '../support/harness.js';
import { chain, end, eq, flow, model, start, userTask } from '../support/bpmn.js';

/** Link events (a go-to inside one process level) and terminate inside a sub-process, as traces. */
const lanes = (ids: string[]) => ({ lanes: { korektor: ids } });
const linkThrow = (id: string, name: string) => `<bpmn:intermediateThrowEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateThrowEvent>`;
const linkCatch = (id: string, name: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateCatchEvent>`;

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

describe('link events', () => {
  it('a throw continues at the catch of the same name, and may loop back', async () => {
    const h = new Harness();
    const xml = model(
      'link',
      `${start()}${userTask('periksa')}<bpmn:exclusiveGateway id="g" default="f_ok" />${linkThrow('ulang', 'KOREKSI')}${linkCatch('koreksi', 'KOREKSI')}${userTask('perbaiki')}${userTask('serah')}${end()}
      ${chain('start', 'periksa', 'g')}${flow('f_no', 'g', 'ulang', eq('salah', true))}${flow('f_ok', 'g', 'serah')}${chain('serah', 'end')}${chain('koreksi', 'perbaiki', 'periksa')}`,
      lanes(['periksa', 'perbaiki', 'serah']),
    );
    expect((await validateModel(xml)).errors).toEqual([]);
    h.publish('link', xml);
    const i = await h.start('link');
    await h.completeAt(i.id, 'periksa', { salah: true });
    expect(h.activeElements(i.id)).toEqual(['perbaiki']);
    await h.completeAt(i.id, 'perbaiki');
    await h.completeAt(i.id, 'periksa', { salah: false });
    await h.completeAt(i.id, 'serah');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toMatchObject({ periksa: 2, perbaiki: 1, serah: 1, ulang: 1, koreksi: 1 });
  });

  it('a link inside a sub-process stays in it; the sub-process then completes', async () => {
    const h = new Harness();
    h.publish(
      'link-sub',
      model(
        'link-sub',
        `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${linkThrow('lompat', 'L')}${linkCatch('tiba', 'L')}${userTask('a')}${end('e2')}${chain('s2', 'lompat')}${chain('tiba', 'a', 'e2')}</bpmn:subProcess>${userTask('b')}${end()}${chain('start', 'sub', 'b', 'end')}`,
        lanes(['a', 'b']),
      ),
    );
    const i = await h.start('link-sub');
    expect(h.activeElements(i.id)).toEqual(['a', 'sub']);
    await h.completeAt(i.id, 'a');
    expect(h.activeElements(i.id)).toEqual(['b']);
  });

  it('are refused at publish without their pair in the same process level', async () => {
    const xml = model(
      'link-salah',
      `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${linkCatch('di-dalam', 'X')}${end('e2')}${chain('s2', 'e2')}${chain('di-dalam', 'e2')}</bpmn:subProcess>${linkThrow('keluar', 'X')}${end()}${chain('start', 'sub', 'keluar')}`,
    );
    expect((await validateModel(xml)).errors).toContainEqual(expect.objectContaining({ code: 'LINK_INVALID', element: 'keluar' }));
  });
});

describe('terminate inside a sub-process', () => {
  it('ends only that sub-process: its other branches are cancelled and the process goes on', async () => {
    const h = new Harness();
    h.publish(
      'term-sub',
      model(
        'term-sub',
        `${start()}<bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:parallelGateway id="fork" />${userTask('a')}${userTask('b')}<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>${end('e2')}
        ${chain('s2', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'stop')}${chain('b', 'e2')}</bpmn:subProcess>
        <bpmn:parallelGateway id="fork0" />${userTask('luar')}${userTask('lanjut')}<bpmn:parallelGateway id="join0" />${end()}
        ${chain('start', 'fork0')}${flow('f1', 'fork0', 'sub')}${flow('f2', 'fork0', 'luar')}${flow('f3', 'sub', 'join0')}${flow('f4', 'luar', 'join0')}${chain('join0', 'lanjut', 'end')}`,
        lanes(['a', 'b', 'luar', 'lanjut']),
      ),
    );
    const i = await h.start('term-sub');
    expect(h.activeElements(i.id)).toEqual(['a', 'b', 'luar', 'sub']);
    await h.completeAt(i.id, 'a');
    expect(h.instance(i.id).status).toBe('running');
    expect(h.activeElements(i.id)).toEqual(['join0', 'luar']);
    expect(h.historyOf(i.id).find((r) => r.elementId === 'b')?.event).toBe('cancelled');
    await h.completeAt(i.id, 'luar');
    await h.completeAt(i.id, 'lanjut');
    expect(h.instance(i.id)).toMatchObject({ status: 'completed', outcome: null });
    expect(trace(h, i.id)).toMatchObject({ a: 1, sub: 1, luar: 1, lanjut: 1 });
    expect(trace(h, i.id).b).toBeUndefined();
  });
});

describe('event definitions where they cannot happen', () => {
  it('an escalation start at process level and a timer end event are refused by name', async () => {
    const xml = model(
      'salah-tempat',
      `<bpmn:startEvent id="start"><bpmn:escalationEventDefinition /></bpmn:startEvent><bpmn:endEvent id="end"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:endEvent>${chain('start', 'end')}`,
    );
    const errors = (await validateModel(xml)).errors.map((e) => [e.code, e.element]);
    expect(errors).toContainEqual(['UNSUPPORTED_ELEMENT', 'start']);
    expect(errors).toContainEqual(['UNSUPPORTED_ELEMENT', 'end']);
  });
});

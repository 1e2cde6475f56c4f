import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { chain, end, model, start, userTask } from '../support/bpmn.js';

/**
 * Signal events: a broadcast to every waiting catch of the same office (an office-wide
 * announcement such as "sistem pembayaran bank down"), never to another office.
 */
const SIGNAL = '<bpmn:signal id="sig" name="bank-down" sop:senders="kasi" />';
const ref = '<bpmn:signalEventDefinition signalRef="sig" />';
const opts = (ids: string[]) => ({ lanes: { korektor: ids }, extra: SIGNAL });

function trace(h: Harness, instanceId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of h.historyOf(instanceId)) {
    if (row.event !== 'completed' || row.elementKind === 'process' || /Event$|Gateway$/.test(row.elementKind)) continue;
    out[row.elementId] = (out[row.elementId] ?? 0) + 1;
  }
  return out;
}

const send = (h: Harness, office: string, variables = {}) => h.engine.signal(h.store, { name: 'bank-down', office, variables, startedBy: 'kasi-1' });

describe('signal catch and throw', () => {
  it('an intermediate catch waits for the signal of its own office only', async () => {
    const h = new Harness();
    h.publish('tunggu', model('tunggu', `${start()}<bpmn:intermediateCatchEvent id="c">${ref}</bpmn:intermediateCatchEvent>${userTask('a')}${end()}${chain('start', 'c', 'a', 'end')}`, opts(['a'])));
    const here = await h.start('tunggu');
    const there = await h.start('tunggu', {}, { office: 'kantor-b' });
    const r = await send(h, 'kantor-a', { sejak: '08:00' });
    expect(r).toEqual({ instanceIds: [here.id], started: [] });
    expect(h.activeElements(here.id)).toEqual(['a']);
    expect(h.instance(here.id).variables).toEqual({ sejak: '08:00' });
    expect(h.activeElements(there.id)).toEqual(['c']);
    // The catch is gone once it happened: a second broadcast reaches nobody here.
    expect((await send(h, 'kantor-a')).instanceIds).toEqual([]);
  });

  it('a thrown signal reaches every waiting instance of the office, an end signal too', async () => {
    const h = new Harness();
    h.publish('tunggu', model('tunggu', `${start()}<bpmn:intermediateCatchEvent id="c">${ref}</bpmn:intermediateCatchEvent>${end()}${chain('start', 'c', 'end')}`, opts([])));
    h.publish('umum', model('umum', `${start()}${userTask('umumkan')}<bpmn:intermediateThrowEvent id="t">${ref}</bpmn:intermediateThrowEvent>${userTask('lanjut')}${end()}${chain('start', 'umumkan', 't', 'lanjut', 'end')}`, opts(['umumkan', 'lanjut'])));
    h.publish('akhir', model('akhir', `${start()}${userTask('umumkan')}<bpmn:endEvent id="selesai">${ref}</bpmn:endEvent>${chain('start', 'umumkan', 'selesai')}`, opts(['umumkan'])));
    const w1 = await h.start('tunggu');
    const w2 = await h.start('tunggu');
    const other = await h.start('tunggu', {}, { office: 'kantor-b' });
    const thrower = await h.start('umum');
    await h.completeAt(thrower.id, 'umumkan');
    expect(h.instance(w1.id).status).toBe('completed');
    expect(h.instance(w2.id).status).toBe('completed');
    expect(h.activeElements(other.id)).toEqual(['c']);
    expect(h.activeElements(thrower.id)).toEqual(['lanjut']);
    const ender = await h.start('akhir', {}, { office: 'kantor-b' });
    await h.completeAt(ender.id, 'umumkan');
    expect(h.instance(ender.id).status).toBe('completed');
    expect(h.instance(other.id).status).toBe('completed');
  });
});

describe('signal boundary events', () => {
  const body = (interrupting: boolean) =>
    `${start()}${userTask('bayar')}<bpmn:boundaryEvent id="b" attachedToRef="bayar" cancelActivity="${interrupting}">${ref}</bpmn:boundaryEvent>${userTask('tunai')}${end()}${end('e2')}${chain('start', 'bayar', 'end')}${chain('b', 'tunai', 'e2')}`;

  it('interrupting: the task is cancelled and the boundary path runs', async () => {
    const h = new Harness();
    h.publish('bi', model('bi', body(true), opts(['bayar', 'tunai'])));
    const i = await h.start('bi');
    await send(h, 'kantor-a');
    expect(h.activeElements(i.id)).toEqual(['tunai']);
    await h.completeAt(i.id, 'tunai');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ tunai: 1 });
    expect(h.historyOf(i.id).find((r) => r.elementId === 'bayar')?.event).toBe('interrupted');
  });

  it('non-interrupting: the task stays and the boundary path runs each time the signal comes', async () => {
    const h = new Harness();
    h.publish('bn', model('bn', body(false), opts(['bayar', 'tunai'])));
    const i = await h.start('bn');
    await send(h, 'kantor-a');
    await send(h, 'kantor-a');
    expect(h.activeElements(i.id)).toEqual(['bayar', 'tunai', 'tunai']);
    for (const t of h.openTasks(i.id).filter((x) => x.elementId === 'tunai')) await h.complete(t.id);
    await h.completeAt(i.id, 'bayar');
    expect(h.instance(i.id).status).toBe('completed');
    expect(trace(h, i.id)).toEqual({ bayar: 1, tunai: 2 });
  });
});

describe('signal start events', () => {
  it('start an instance in the sender’s office, started by the sender', async () => {
    const h = new Harness();
    h.publish('darurat', model('darurat', `<bpmn:startEvent id="start">${ref}</bpmn:startEvent>${userTask('tangani')}${end()}${chain('start', 'tangani', 'end')}`, opts(['tangani'])));
    const r = await send(h, 'kantor-b', { sejak: '09:00' });
    expect(r.started).toHaveLength(1);
    expect(h.instance(r.started[0])).toMatchObject({ office: 'kantor-b', startedBy: 'kasi-1', variables: { sejak: '09:00' } });
    expect(h.openTasks(r.started[0]).map((t) => [t.elementId, t.office])).toEqual([['tangani', 'kantor-b']]);
  });
});

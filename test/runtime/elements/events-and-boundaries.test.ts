import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { chain, end, flow, model, start, userTask } from '../support/bpmn.js';

const lanes = (ids: string[]) => ({ lanes: { korektor: ids } });
const timer = (d: string) => `<bpmn:timerEventDefinition><bpmn:timeDuration>${d}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
const HOUR = 3600_000;

describe('intermediate timer and message catch events', () => {
  it('a timer catch waits its duration, then goes on', async () => {
    const h = new Harness();
    h.publish('t', model('t', `${start()}<bpmn:intermediateCatchEvent id="tunggu">${timer('PT2H')}</bpmn:intermediateCatchEvent>${userTask('a')}${end()}${chain('start', 'tunggu', 'a', 'end')}`, lanes(['a'])));
    const i = await h.start('t');
    expect(await h.advance(HOUR)).toBe(0);
    expect(h.activeElements(i.id)).toEqual(['tunggu']);
    expect(await h.advance(HOUR)).toBe(1);
    expect(h.activeElements(i.id)).toEqual(['a']);
  });

  it('a message catch waits for its message by business key and merges its variables', async () => {
    const h = new Harness();
    h.publish(
      'm',
      model('m', `${start()}<bpmn:intermediateCatchEvent id="lunas"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>${userTask('a')}${end()}${chain('start', 'lunas', 'a', 'end')}`, {
        ...lanes(['a']),
        extra: '<bpmn:message id="msg" name="pembayaran" />',
      }),
    );
    const i1 = await h.start('m', {}, { businessKey: 'K1' });
    const i2 = await h.start('m', {}, { businessKey: 'K2' });
    const r = await h.message('pembayaran', 'K2', { ntpn: 'X9' });
    expect(r.instanceIds).toEqual([i2.id]);
    expect(h.activeElements(i1.id)).toEqual(['lunas']);
    expect(h.activeElements(i2.id)).toEqual(['a']);
    expect(h.instance(i2.id).variables).toEqual({ ntpn: 'X9' });
  });

  it('a message correlates on sop:correlationVariable when the message names one', async () => {
    const h = new Harness();
    h.publish(
      'mc',
      model('mc', `${start()}<bpmn:receiveTask id="terima" messageRef="msg" />${end()}${chain('start', 'terima', 'end')}`, {
        extra: '<bpmn:message id="msg" name="bayar" sop:correlationVariable="kodeBayar" />',
      }),
    );
    const i = await h.start('mc', { kodeBayar: 'BR-77' });
    expect(h.activeElements(i.id)).toEqual(['terima']);
    await h.message('bayar', 'BR-77');
    expect(h.instance(i.id).status).toBe('completed');
  });
});

describe('intermediate throw and message end events', () => {
  it('a thrown message reaches another instance waiting with the same key', async () => {
    const h = new Harness();
    const extra = '<bpmn:message id="msg" name="selesai-bayar" />';
    h.publish('induk', model('induk', `${start()}<bpmn:intermediateCatchEvent id="tunggu"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateCatchEvent>${end()}${chain('start', 'tunggu', 'end')}`, { extra }));
    // The cashier records the payment in the step's form.
    const form = JSON.stringify({ schema: { type: 'object', properties: { dibayar: { type: 'boolean' } } } }).replace(/"/g, '&quot;');
    h.publish('kasir', model('kasir', `${start()}${userTask('terima', `sop:form="${form}"`)}<bpmn:intermediateThrowEvent id="kirim"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:intermediateThrowEvent>${end()}${chain('start', 'terima', 'kirim', 'end')}`, { ...lanes(['terima']), extra }));
    const waiting = await h.start('induk', {}, { businessKey: 'NOP-1' });
    const cashier = await h.start('kasir', {}, { businessKey: 'NOP-1' });
    await h.completeAt(cashier.id, 'terima', { dibayar: true });
    expect(h.instance(cashier.id).status).toBe('completed');
    expect(h.instance(waiting.id).status).toBe('completed');
    expect(h.instance(waiting.id).variables).toEqual({ dibayar: true });
  });

  it('a message start event starts a process when nothing waits for the message', async () => {
    const h = new Harness();
    h.publish('ms', model('ms', `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:startEvent>${userTask('a')}${end()}${chain('start', 'a', 'end')}`, { ...lanes(['a']), extra: '<bpmn:message id="msg" name="permohonan-online" />' }));
    const r = await h.message('permohonan-online', 'REG-9', { nama: 'Ani' });
    expect(r.started).toHaveLength(1);
    expect(h.instance(r.started[0])).toMatchObject({ businessKey: 'REG-9', variables: { nama: 'Ani' }, office: 'kantor-a' });
    expect(h.activeElements(r.started[0])).toEqual(['a']);
  });
});

describe('terminate and error end events', () => {
  it('terminate ends every other branch and the instance', async () => {
    const h = new Harness();
    h.publish(
      'term',
      model('term', `${start()}<bpmn:parallelGateway id="fork" />${userTask('a')}${userTask('b')}<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>${end()}
        ${chain('start', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'stop')}${chain('b', 'end')}`, lanes(['a', 'b'])),
    );
    const i = await h.start('term');
    const b = h.task(i.id, 'b');
    await h.completeAt(i.id, 'a');
    expect(h.instance(i.id)).toMatchObject({ status: 'completed', outcome: 'terminated', tokens: [] });
    expect(h.store.tasks.get(b.id)?.status).toBe('cancelled');
  });

  it('an uncaught error end event fails the instance', async () => {
    const h = new Harness();
    h.publish('err', model('err', `${start()}<bpmn:endEvent id="gagal"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>${chain('start', 'gagal')}`, { extra: '<bpmn:error id="e" errorCode="DITOLAK" />' }));
    const i = await h.start('err');
    expect(h.instance(i.id)).toMatchObject({ status: 'failed', outcome: 'error:DITOLAK' });
  });
});

describe('boundary events', () => {
  const withBoundary = (boundary: string, extra = '') =>
    model(
      'bnd',
      `${start()}${userTask('verifikasi', 'sop:duration="P1D"')}${boundary}${userTask('lanjut')}${userTask('eskalasi')}${end()}${end('end2')}
       ${chain('start', 'verifikasi', 'lanjut', 'end')}${chain('b', 'eskalasi', 'end2')}`,
      { lanes: { korektor: ['verifikasi', 'lanjut'], kasi: ['eskalasi'] }, extra },
    );

  it('an interrupting timer ends the overdue task and escalates', async () => {
    const h = new Harness();
    h.publish('bnd', withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="verifikasi">${timer('P1D')}</bpmn:boundaryEvent>`));
    const i = await h.start('bnd');
    const t = h.task(i.id, 'verifikasi');
    await h.advance(86400_000);
    expect(h.activeElements(i.id)).toEqual(['eskalasi']);
    expect(h.store.tasks.get(t.id)?.status).toBe('cancelled');
    await expect(h.complete(t.id)).rejects.toMatchObject({ code: 'TASK_ALREADY_COMPLETED' });
    expect(h.historyOf(i.id).find((r) => r.elementId === 'verifikasi')?.event).toBe('interrupted');
  });

  it('a timer boundary does not fire once the task is done in time', async () => {
    const h = new Harness();
    h.publish('bnd', withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="verifikasi">${timer('P1D')}</bpmn:boundaryEvent>`));
    const i = await h.start('bnd');
    await h.completeAt(i.id, 'verifikasi');
    expect(h.store.jobs.size).toBe(0);
    expect(await h.advance(2 * 86400_000)).toBe(0);
    expect(h.activeElements(i.id)).toEqual(['lanjut']);
  });

  it('a non-interrupting timer sends a reminder and leaves the task open', async () => {
    const h = new Harness();
    h.publish('bnd', withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="verifikasi" cancelActivity="false">${timer('PT4H')}</bpmn:boundaryEvent>`));
    const i = await h.start('bnd');
    await h.advance(4 * HOUR);
    expect(h.activeElements(i.id)).toEqual(['eskalasi', 'verifikasi']);
    await h.completeAt(i.id, 'verifikasi');
    await h.completeAt(i.id, 'eskalasi');
    expect(h.activeElements(i.id)).toEqual(['lanjut']);
  });

  it('a message boundary (applicant withdraws) interrupts the task', async () => {
    const h = new Harness();
    h.publish('bnd', withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="verifikasi"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>`, '<bpmn:message id="m" name="tarik-berkas" />'));
    const i = await h.start('bnd', {}, { businessKey: 'R-5' });
    await h.message('tarik-berkas', 'R-5', { alasan: 'salah isi' });
    expect(h.activeElements(i.id)).toEqual(['eskalasi']);
    expect(h.instance(i.id).variables).toEqual({ alasan: 'salah isi' });
  });

  it('a non-interrupting message boundary leaves the task open', async () => {
    const h = new Harness();
    h.publish('bnd', withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="verifikasi" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>`, '<bpmn:message id="m" name="tanya" />'));
    const i = await h.start('bnd', {}, { businessKey: 'R-6' });
    await h.message('tanya', 'R-6');
    expect(h.activeElements(i.id)).toEqual(['eskalasi', 'verifikasi']);
  });

  it('an error boundary on a sub-process catches an error end event inside it', async () => {
    const h = new Harness();
    h.publish(
      'sub-err',
      model(
        'sub-err',
        `${start()}<bpmn:subProcess id="sub">${start('s1')}${userTask('cek')}<bpmn:exclusiveGateway id="g" default="ok" /><bpmn:endEvent id="tolak"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>${end('s_end')}
           ${chain('s1', 'cek', 'g')}${flow('ok', 'g', 's_end')}${flow('no', 'g', 'tolak', { all: [{ fact: 'valid', operator: 'equal', value: false }] })}</bpmn:subProcess>
         <bpmn:boundaryEvent id="b" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>${userTask('beritahu')}${userTask('terbit')}${end()}${end('end2')}
         ${chain('start', 'sub', 'terbit', 'end')}${chain('b', 'beritahu', 'end2')}`,
        { lanes: { korektor: ['sub', 'cek', 'beritahu', 'terbit'] }, extra: '<bpmn:error id="e" errorCode="BERKAS_TIDAK_VALID" />' },
      ),
    );
    const i = await h.start('sub-err');
    await h.completeAt(i.id, 'cek', { valid: false });
    expect(h.activeElements(i.id)).toEqual(['beritahu']);
    expect(h.instance(i.id).variables).toMatchObject({ lastError: 'BERKAS_TIDAK_VALID' });
  });
});

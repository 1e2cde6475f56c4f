import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { chain, end, eq, flow, model, start, userTask } from '../support/bpmn.js';

const lanes = (ids: string[]) => ({ lanes: { 'petugas-loket': ids } });

describe('exclusive gateway', () => {
  const xml = model(
    'xor',
    `${start()}${userTask('periksa')}<bpmn:exclusiveGateway id="g" default="f_lain" />${userTask('lengkapi')}${userTask('proses')}${userTask('tolak')}${end()}${end('end2')}${end('end3')}
     ${chain('start', 'periksa', 'g')}
     ${flow('f_ok', 'g', 'proses', eq('berkasLengkap', true), 'Lengkap')}
     ${flow('f_kurang', 'g', 'lengkapi', 'perluLengkapi', 'Tidak lengkap')}
     ${flow('f_lain', 'g', 'tolak')}
     ${chain('lengkapi', 'periksa')}${chain('proses', 'end')}${chain('tolak', 'end3')}`,
    lanes(['periksa', 'lengkapi', 'proses', 'tolak']),
  );

  it('takes the flow whose json-rules-engine condition holds', async () => {
    const h = new Harness();
    h.publish('xor', xml);
    const i = await h.start('xor');
    await h.completeAt(i.id, 'periksa', { berkasLengkap: true });
    expect(h.activeElements(i.id)).toEqual(['proses']);
  });

  it('loops back when the file is incomplete (Tidak Lengkap → back to the applicant) and goes on when fixed', async () => {
    const h = new Harness();
    h.publish('xor', xml);
    const i = await h.start('xor');
    await h.completeAt(i.id, 'periksa', { berkasLengkap: false, perluLengkapi: true });
    expect(h.activeElements(i.id)).toEqual(['lengkapi']);
    // The decision is the checker's: the applicant's step cannot reset it (runtime/inputs.ts).
    await expect(h.completeAt(i.id, 'lengkapi', { perluLengkapi: false })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/perluLengkapi'] } });
    await h.completeAt(i.id, 'lengkapi', {});
    expect(h.activeElements(i.id)).toEqual(['periksa']);
    await h.completeAt(i.id, 'periksa', { berkasLengkap: false, perluLengkapi: true });
    await h.completeAt(i.id, 'lengkapi', {});
    await h.completeAt(i.id, 'periksa', { berkasLengkap: true });
    await h.completeAt(i.id, 'proses');
    expect(h.instance(i.id).status).toBe('completed');
    expect(h.historyOf(i.id).filter((r) => r.elementId === 'periksa')).toHaveLength(3);
  });

  it('takes the default flow when no condition holds', async () => {
    const h = new Harness();
    h.publish('xor', xml);
    const i = await h.start('xor');
    await h.completeAt(i.id, 'periksa', {});
    expect(h.activeElements(i.id)).toEqual(['tolak']);
  });

  it('refuses a completion that matches no flow and no default, leaving the task open', async () => {
    const h = new Harness();
    h.publish('x2', model('x2', `${start()}${userTask('a')}<bpmn:exclusiveGateway id="g" />${end()}${end('e2')}${chain('start', 'a', 'g')}${flow('f1', 'g', 'end', eq('ok', true))}${flow('f2', 'g', 'e2', eq('ok', false))}`, lanes(['a'])));
    const i = await h.start('x2');
    await expect(h.completeAt(i.id, 'a', {})).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
    expect(h.task(i.id, 'a').status).toBe('open');
  });
});

describe('parallel gateway', () => {
  it('forks to every branch and joins only when every branch has arrived', async () => {
    const h = new Harness();
    h.publish(
      'and',
      model(
        'and',
        `${start()}<bpmn:parallelGateway id="fork" />${userTask('a')}${userTask('b')}${userTask('c')}<bpmn:parallelGateway id="join" />${userTask('akhir')}${end()}
         ${chain('start', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}${flow('ja', 'a', 'join')}${flow('jb', 'b', 'join')}${flow('jc', 'c', 'join')}${chain('join', 'akhir', 'end')}`,
        lanes(['a', 'b', 'c', 'akhir']),
      ),
    );
    const i = await h.start('and');
    expect(h.activeElements(i.id)).toEqual(['a', 'b', 'c']);
    await h.completeAt(i.id, 'b');
    await h.completeAt(i.id, 'a');
    expect(h.activeElements(i.id)).toEqual(['c', 'join', 'join']);
    expect(h.openTasks(i.id).map((t) => t.elementId)).toEqual(['c']);
    await h.completeAt(i.id, 'c');
    expect(h.activeElements(i.id)).toEqual(['akhir']);
    await h.completeAt(i.id, 'akhir');
    expect(h.instance(i.id).status).toBe('completed');
  });
});

describe('inclusive gateway', () => {
  const xml = model(
    'or',
    `${start()}${userTask('input')}<bpmn:inclusiveGateway id="fork" />${userTask('teknis')}${userTask('pajak')}${userTask('lingkungan')}<bpmn:inclusiveGateway id="join" />${userTask('akhir')}${end()}
     ${chain('start', 'input', 'fork')}
     ${flow('ft', 'fork', 'teknis', eq('perluTeknis', true))}${flow('fp', 'fork', 'pajak', eq('perluPajak', true))}${flow('fl', 'fork', 'lingkungan', eq('perluAmdal', true))}
     ${flow('jt', 'teknis', 'join')}${flow('jp', 'pajak', 'join')}${flow('jl', 'lingkungan', 'join')}${chain('join', 'akhir', 'end')}`,
    lanes(['input', 'teknis', 'pajak', 'lingkungan', 'akhir']),
  );

  it('forks to the branches whose conditions hold and the join waits only for those', async () => {
    const h = new Harness();
    h.publish('or', xml);
    const i = await h.start('or');
    await h.completeAt(i.id, 'input', { perluTeknis: true, perluPajak: true, perluAmdal: false });
    expect(h.activeElements(i.id)).toEqual(['pajak', 'teknis']);
    await h.completeAt(i.id, 'teknis');
    expect(h.activeElements(i.id)).toEqual(['join', 'pajak']);
    await h.completeAt(i.id, 'pajak');
    expect(h.activeElements(i.id)).toEqual(['akhir']);
  });

  it('a single activated branch passes the join at once', async () => {
    const h = new Harness();
    h.publish('or', xml);
    const i = await h.start('or');
    await h.completeAt(i.id, 'input', { perluAmdal: true });
    await h.completeAt(i.id, 'lingkungan');
    expect(h.activeElements(i.id)).toEqual(['akhir']);
  });

  it('the join stops waiting when a token takes a path that can no longer reach it', async () => {
    const h = new Harness();
    h.publish(
      'or2',
      model(
        'or2',
        `${start()}<bpmn:parallelGateway id="fork" />${userTask('a')}${userTask('b')}<bpmn:exclusiveGateway id="x" />${end('keluar')}<bpmn:inclusiveGateway id="join" />${userTask('akhir')}${end()}
         ${chain('start', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('ja', 'a', 'join')}${chain('b', 'x')}
         ${flow('xj', 'x', 'join', eq('lanjut', true))}${flow('xe', 'x', 'keluar', eq('lanjut', false))}${chain('join', 'akhir', 'end')}`,
        lanes(['a', 'b', 'akhir']),
      ),
    );
    const i = await h.start('or2');
    await h.completeAt(i.id, 'a');
    expect(h.activeElements(i.id)).toEqual(['b', 'join']);
    await h.completeAt(i.id, 'b', { lanjut: false });
    expect(h.activeElements(i.id)).toEqual(['akhir']);
  });
});

describe('event-based gateway', () => {
  const xml = model(
    'evg',
    `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="g" />
     <bpmn:intermediateCatchEvent id="bayar"><bpmn:messageEventDefinition messageRef="msgBayar" /></bpmn:intermediateCatchEvent>
     <bpmn:intermediateCatchEvent id="batas"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
     ${userTask('terbit')}${userTask('kedaluwarsa')}${end()}${end('end2')}
     ${chain('start', 'g')}${flow('f1', 'g', 'bayar')}${flow('f2', 'g', 'batas')}${chain('bayar', 'terbit', 'end')}${chain('batas', 'kedaluwarsa', 'end2')}`,
    { ...lanes(['terbit', 'kedaluwarsa']), extra: '<bpmn:message id="msgBayar" name="pembayaran-diterima" />' },
  );

  it('takes the message path when the payment arrives first, and the timer never fires', async () => {
    const h = new Harness();
    h.publish('evg', xml);
    const i = await h.start('evg', {}, { businessKey: 'BILL-1' });
    expect(h.activeElements(i.id)).toEqual(['g']);
    await h.message('pembayaran-diterima', 'BILL-1', { jumlah: '150000' });
    expect(h.activeElements(i.id)).toEqual(['terbit']);
    expect(h.instance(i.id).variables).toEqual({ jumlah: '150000' });
    expect(await h.advance(4 * 86400_000)).toBe(0);
    expect(h.activeElements(i.id)).toEqual(['terbit']);
  });

  it('takes the timer path when no payment arrives in time; a late message finds nobody', async () => {
    const h = new Harness();
    h.publish('evg', xml);
    const i = await h.start('evg', {}, { businessKey: 'BILL-2' });
    await h.advance(2 * 86400_000);
    expect(h.activeElements(i.id)).toEqual(['g']);
    await h.advance(86400_000);
    expect(h.activeElements(i.id)).toEqual(['kedaluwarsa']);
    await expect(h.message('pembayaran-diterima', 'BILL-2')).rejects.toMatchObject({ code: 'MESSAGE_NOT_CORRELATED' });
  });
});

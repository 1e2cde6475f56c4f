/**
 * The kasir's step in the interpreter (runtime/payment.ts): the record is the system's, the
 * amount is checked against the notas before anything is issued, and a step with no nota to pay
 * is refused. The numbering service's own guarantees are tested on both databases
 * (test/workspace/kasir-payment.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { systemResults } from '../../runtime/inputs.js';
import { Harness } from './support/harness.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';

const KASIR = '<bpmn:userTask id="terima_bayar" name="Menerima pembayaran" sop:handler="receive-payment" />';
const nota = { total: '1750000', fees: [{ code: 'PKB', label: 'PKB', amount: '1750000' }], ruleSet: { key: 'samsat-fees', publication: 1, period: { effectiveFrom: '2025-01-05' } } };

function harness(): Harness {
  const h = new Harness({ rules: { async evaluate() { return nota as never; } } });
  h.publish('bayar', model('bayar', `${start()}<bpmn:businessRuleTask id="hitung" sop:ruleSet="samsat-fees" sop:resultVariable="notaPkb" />${KASIR}${end()}${chain('start', 'hitung', 'terima_bayar', 'end')}`, { lanes: { kasir: ['hitung', 'terima_bayar', 'end'] } }));
  h.publish('tanpa-nota', model('tanpa-nota', `${start()}${KASIR}${end()}${chain('start', 'terima_bayar', 'end')}`, { lanes: { kasir: ['terima_bayar'] } }));
  return h;
}

describe('the kasir receives the payment (sop:handler="receive-payment")', () => {
  it('records amount, change, method and a receipt number among the system results; the typed fields are not variables', async () => {
    const h = harness();
    const i = await h.start('bayar');
    await h.completeAt(i.id, 'terima_bayar', { jumlahDiterima: '1800000', metodePembayaran: 'transfer' }, 'kasir-1');
    const v = h.instance(i.id).variables;
    expect(systemResults(v).pembayaran).toMatchObject({ tagihan: '1750000', diterima: '1800000', kembalian: '50000', metode: 'transfer', diterimaOleh: 'kasir-1', nomorBukti: expect.stringMatching(/^KW\//) });
    expect(v).not.toHaveProperty('jumlahDiterima');
    expect(h.historyOf(i.id).find((e) => e.elementId === 'terima_bayar')?.details).toMatchObject({ pembayaran: { diterima: '1800000' } });
  });

  it('less than due, or no nota at all, is refused and the task stays open', async () => {
    const h = harness();
    const i = await h.start('bayar');
    await expect(h.completeAt(i.id, 'terima_bayar', { jumlahDiterima: '1749999.99' })).rejects.toMatchObject({ code: 'PAYMENT_TOO_LOW', details: { due: '1750000', received: '1749999.99' } });
    expect(h.activeElements(i.id)).toEqual(['terima_bayar']);
    expect(systemResults(h.instance(i.id).variables)).not.toHaveProperty('pembayaran');
    const j = await h.start('tanpa-nota');
    await expect(h.completeAt(j.id, 'terima_bayar', { jumlahDiterima: '1000' })).rejects.toMatchObject({ code: 'PAYMENT_NOTHING_DUE' });
    expect(h.activeElements(j.id)).toEqual(['terima_bayar']);
  });

  it('the amount fields are inputs of the kasir step only', async () => {
    const h = harness();
    h.publish('lain', model('lain', `${start()}${userTask('periksa')}${end()}${chain('start', 'periksa', 'end')}`, { lanes: { korektor: ['periksa'] } }));
    const i = await h.start('lain');
    await expect(h.completeAt(i.id, 'periksa', { jumlahDiterima: '1000' })).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
  });
});

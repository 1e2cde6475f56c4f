/**
 * The step-input boundary (runtime/inputs.ts) on the real engine: what each step may be sent, the
 * bounds, writeOnly fields, and the derivation kept once per parsed model.
 */
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS, modelInputs, systemResults } from '../../runtime/inputs.js';
import { Harness } from './support/harness.js';
import { chain, end, eq, flow, model, start, userTask } from './support/bpmn.js';

const form = (properties: Record<string, unknown>) => JSON.stringify({ schema: { type: 'object', properties } }).replace(/"/g, '&quot;');

// A signing step asks for a passphrase (writeOnly) and a note; the head then decides.
const xml = model(
  'ttd',
  `${start()}${userTask('tanda_tangan', `sop:form="${form({ passphrase: { type: 'string', writeOnly: true }, keterangan: { type: 'string', maxLength: 50 } })}"`)}${userTask('putus')}<bpmn:exclusiveGateway id="g" default="tolak" />${end()}${end('e2')}
   ${chain('start', 'tanda_tangan', 'putus', 'g')}${flow('setuju', 'g', 'end', eq('disetujui', true), 'Setuju')}${flow('tolak', 'g', 'e2')}`,
  { lanes: { kadis: ['tanda_tangan', 'putus'] } },
);

describe('step inputs', () => {
  it('a writeOnly field reaches the step but is stored neither in the variables nor in the history', async () => {
    const h = new Harness();
    h.publish('ttd', xml);
    const i = await h.start('ttd');
    await h.completeAt(i.id, 'tanda_tangan', { passphrase: 'rahasia-bsre-123', keterangan: 'ditandatangani' });
    expect(h.instance(i.id).variables).toEqual({ keterangan: 'ditandatangani' });
    expect(JSON.stringify(h.historyOf(i.id))).not.toContain('rahasia-bsre-123');
  });

  it('a form step refuses what its form does not ask for, and a decision belongs to the step before its gateway', async () => {
    const h = new Harness();
    h.publish('ttd', xml);
    const i = await h.start('ttd');
    await expect(h.completeAt(i.id, 'tanda_tangan', { disetujui: true })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/disetujui'] } });
    await expect(h.completeAt(i.id, 'tanda_tangan', { keterangan: 'x'.repeat(51) })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/keterangan'] } });
    await h.completeAt(i.id, 'tanda_tangan', {});
    await expect(h.completeAt(i.id, 'putus', { sys: { documentNumber: 'PALSU' } })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/sys'] } });
    await expect(h.completeAt(i.id, 'putus', { dokumenKurang: Array.from({ length: 101 }, () => 'KTP') })).rejects.toMatchObject({ code: 'VARIABLES_INVALID' });
    await h.completeAt(i.id, 'putus', { disetujui: true, catatan: 'lengkap' });
    expect(h.instance(i.id).status).toBe('completed');
    expect(systemResults(h.instance(i.id).variables)).toEqual({});
  });

  it('bounds what no declaration bounds: total size and list length', async () => {
    const h = new Harness();
    h.publish('mi', model('mi', `${start()}<bpmn:userTask id="kaji" sop:office="\${opd}"><bpmn:multiInstanceLoopCharacteristics sop:collection="daftar" sop:elementVariable="opd" /></bpmn:userTask>${end()}${chain('start', 'kaji', 'end')}`, { lanes: { 'opd-teknis': ['kaji'] } }));
    const i = await h.start('mi', { daftar: ['a'] });
    const [t] = h.openTasks(i.id);
    // The multi-instance collection is read by the model: an input, bounded to 100 items.
    await expect(h.complete(t.id, { daftar: Array.from({ length: INPUT_LIMITS.listLength + 1 }, (_, n) => `opd-${n}`) })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/daftar'] } });
    await expect(h.complete(t.id, { catatan: 'x'.repeat(INPUT_LIMITS.totalBytes) })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/'] } });
    // The element variable is a local of each inner task, not an input.
    await expect(h.complete(t.id, { opd: 'opd-lain' })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/opd'] } });
  });

  it("a standard loop's condition is decided by the looped step, even one with a form; not by another form step", async () => {
    const h = new Harness();
    const loop = `<bpmn:userTask id="koreksi" sop:form="${form({ keterangan: { type: 'string' } })}"><bpmn:standardLoopCharacteristics loopMaximum="5"><bpmn:loopCondition xsi:type="bpmn:tFormalExpression">masihSalah</bpmn:loopCondition></bpmn:standardLoopCharacteristics></bpmn:userTask>`;
    h.publish('loop', model('loop', `${start()}${loop}${userTask('serah', `sop:form="${form({ keterangan: { type: 'string' } })}"`)}${end()}${chain('start', 'koreksi', 'serah', 'end')}`, { lanes: { korektor: ['koreksi', 'serah'] } }));
    expect(modelInputs(await h.engine.model(h.store, 'loop', 1)).reads).toContain('masihSalah');
    const i = await h.start('loop');
    await h.completeAt(i.id, 'koreksi', { masihSalah: true, keterangan: 'ulang' });
    expect(h.openTasks(i.id)[0].elementId).toBe('koreksi');
    await h.completeAt(i.id, 'koreksi', { masihSalah: false });
    await expect(h.completeAt(i.id, 'serah', { masihSalah: true })).rejects.toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: ['/masihSalah'] } });
  });

  it('is derived once per parsed model', async () => {
    const h = new Harness();
    h.publish('ttd', xml);
    const m = await h.engine.model(h.store, 'ttd', 1);
    expect(modelInputs(m)).toBe(modelInputs(await h.engine.model(h.store, 'ttd', 1)));
    expect([...modelInputs(m).reads]).toEqual([]);
  });
});

/**
 * The applicant's timeline says what each step decided: the named way a decision took (the
 * gateway after the step, or the step's own choice of flows) is that step's outcome.
 */
import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../server/services/workspace/applications.js';

const flow = (id: string, name: string) => ({ id, name, source: 's', target: 't', condition: undefined });
const model = {
  flows: {
    f_lengkap: flow('f_lengkap', 'Lengkap'),
    f_kurang: flow('f_kurang', 'Tidak lengkap'),
    f_plain: flow('f_plain', ''),
    f_terima: flow('f_terima', 'Diterima'),
  },
};
const at = '2026-01-05T02:00:00.000Z';
const row = (element_id: string, element_kind: string, element_name: string, details: unknown = null, event = 'completed') => ({ element_id, element_kind, element_name, event, ended_at: at, details });

describe('timelineOf', () => {
  it("puts a gateway's named way on the step before it, and a step's own named flow on itself", () => {
    const timeline = timelineOf(model, [
      row('start', 'startEvent', 'Pemohon datang', JSON.stringify({ flows: ['f_plain'] })),
      row('periksa', 'userTask', 'Memeriksa kelengkapan', JSON.stringify({ pesanPemohon: 'IMB belum ada' })),
      row('gw', 'exclusiveGateway', 'Lengkap?', JSON.stringify({ flows: ['f_kurang'] })),
      row('periksa', 'userTask', 'Memeriksa kelengkapan'),
      row('gw', 'exclusiveGateway', 'Lengkap?', { flows: ['f_lengkap'] }),
      row('rekomendasi', 'userTask', 'Rekomendasi', { flows: ['f_terima'] }),
      row('bayar', 'userTask', 'Membayar', null, 'cancelled'),
    ]);
    expect(timeline.map((e) => [e.step, e.outcome, e.note])).toEqual([
      ['Pemohon datang', null, null],
      ['Memeriksa kelengkapan', 'Tidak lengkap', 'IMB belum ada'],
      ['Memeriksa kelengkapan', 'Lengkap', null],
      ['Rekomendasi', 'Diterima', null],
      ['Membayar', null, null],
    ]);
  });

  it('a gateway without a named way leaves the step without an outcome', () => {
    const timeline = timelineOf(model, [row('a', 'userTask', 'Langkah A'), row('gw', 'parallelGateway', '', { flows: ['f_plain'] })]);
    expect(timeline).toEqual([{ step: 'Langkah A', event: 'completed', at, note: null, outcome: null }]);
  });
});

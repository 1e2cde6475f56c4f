import { describe, expect, it } from 'vitest';
import { mappingProblems, planMigration, unmatchedElements, type MigrationInput } from '../../runtime/migration.js';
import { parseModel } from '../../runtime/model/parse.js';
import type { ProcessModel } from '../../runtime/model/types.js';
import type { Token } from '../../runtime/store.js';
import { chain, end, model, start, userTask } from './support/bpmn.js';

async function parsed(body: string, lanes: Record<string, string[]>): Promise<ProcessModel> {
  const { model: m, errors } = await parseModel(model('uji', body, { lanes }), { processKey: 'uji' });
  if (!m) throw new Error(JSON.stringify(errors));
  return m;
}

const sub = (id: string, inner: string) =>
  `<bpmn:subProcess id="${id}" name="Pemeriksaan">${start(`${id}_s`)}${inner}${end(`${id}_e`)}${chain(`${id}_s`, 'cek', `${id}_e`)}</bpmn:subProcess>`;
const tok = (id: string, element: string, scope: string | null = null, data?: Token['data']): Token => ({ id, element, scope, via: null, enteredAt: '2026-12-01T02:00:00.000Z', ...(data ? { data } : {}) });
const input = (tokens: Token[], tasks: MigrationInput['tasks'] = []): MigrationInput => ({ tokens, tasks, jobs: [], subscriptions: [] });

describe('planning the move of a running application to another publication (runtime/migration.ts)', () => {
  it('a token inside a sub-process moves only into the mapped sub-process; out of its scope it is blocked', async () => {
    const v1 = await parsed(`${start()}${sub('pemeriksaan', userTask('cek'))}${end()}${chain('start', 'pemeriksaan', 'end')}`, { korektor: ['start', 'pemeriksaan', 'cek', 'end'] });
    const flat = await parsed(`${start()}${userTask('cek')}${end()}${chain('start', 'cek', 'end')}`, { korektor: ['start', 'cek', 'end'] });
    const renamed = await parsed(`${start()}${sub('pemeriksaan2', userTask('cek'))}${end()}${chain('start', 'pemeriksaan2', 'end')}`, { korektor: ['start', 'pemeriksaan2', 'cek', 'end'] });
    const tokens = [tok('t1', 'pemeriksaan'), tok('t2', 'cek', 't1')];

    const out = planMigration(input(tokens), v1, flat, {});
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.blocks.map((b) => [b.code, b.element])).toEqual([['ELEMENT_REMOVED', 'pemeriksaan'], ['SCOPE_CHANGED', 'cek']]);

    expect(unmatchedElements(v1, renamed).map((u) => u.id)).toEqual(['pemeriksaan', 'pemeriksaan_s', 'pemeriksaan_e']);
    const moved = planMigration(input(tokens), v1, renamed, { pemeriksaan: 'pemeriksaan2' });
    expect(moved).toMatchObject({ ok: true, tokens: [{ id: 't1', element: 'pemeriksaan2' }, { id: 't2', element: 'cek', scope: 't1' }] });
  });

  it('a multi-instance activity needs a multi-instance target; another kind of element is refused in the mapping', async () => {
    const mi = `<bpmn:userTask id="review" name="Review OPD"><bpmn:multiInstanceLoopCharacteristics sop:collection="opds" sop:elementVariable="opd" /></bpmn:userTask>`;
    const v1 = await parsed(`${start()}${mi}${end()}${chain('start', 'review', 'end')}`, { 'opd-teknis': ['start', 'review', 'end'] });
    const single = await parsed(`${start()}${userTask('review')}${end()}${chain('start', 'review', 'end')}`, { 'opd-teknis': ['start', 'review', 'end'] });
    const out = planMigration(input([tok('b', 'review', null, { mi: { items: ['a'], next: 1, completed: 0, active: 1, results: [] } }), tok('c', 'review', 'b', { miChild: true })]), v1, single, {});
    expect(out).toMatchObject({ ok: false, blocks: [{ code: 'MULTI_INSTANCE_CHANGED', element: 'review' }] });
    const service = await parsed(`${start()}<bpmn:serviceTask id="review" sop:handler="notify" />${end()}${chain('start', 'review', 'end')}`, { 'opd-teknis': ['start', 'review', 'end'] });
    expect(planMigration(input([tok('x', 'review')]), single, service, {})).toMatchObject({ ok: false, blocks: [{ code: 'KIND_CHANGED' }] });
    expect(mappingProblems(single, service, { review: 'review' })).toHaveLength(1);
    expect(mappingProblems(single, service, { hilang: 'review' })).toEqual(['"hilang" bukan elemen versi asal']);
  });

  it('an open task keeps its claim unless its lane changes role; its due time is recounted from its creation with the new duration', async () => {
    const v1 = await parsed(`${start()}${userTask('koreksi', 'sop:duration="PT1H" sop:calendar="calendar"')}${end()}${chain('start', 'koreksi', 'end')}`, { korektor: ['start', 'koreksi', 'end'] });
    const longer = await parsed(`${start()}${userTask('koreksi', 'sop:duration="PT3H" sop:calendar="calendar"')}${end()}${chain('start', 'koreksi', 'end')}`, { korektor: ['start', 'koreksi', 'end'] });
    const otherRole = await parsed(`${start()}${userTask('koreksi', 'sop:duration="PT3H" sop:calendar="calendar"')}${end()}${chain('start', 'koreksi', 'end')}`, { kasir: ['start', 'koreksi', 'end'] });
    const createdAt = new Date('2026-12-01T02:00:00Z');
    const task = { id: 'task1', tokenId: 't', elementId: 'koreksi', office: 'samsat-serang', role: 'korektor', claimedBy: 'u1', createdAt, dueAt: new Date('2026-12-01T03:00:00Z') };
    const same = planMigration(input([tok('t', 'koreksi')], [task]), v1, longer, {});
    expect(same).toMatchObject({ ok: true, tasks: [{ id: 'task1', role: 'korektor', claimedBy: 'u1', claimReleased: false, dueAt: new Date('2026-12-01T05:00:00Z') }] });
    const moved = planMigration(input([tok('t', 'koreksi')], [task]), v1, otherRole, {});
    expect(moved).toMatchObject({ ok: true, tasks: [{ role: 'kasir', claimedBy: null, claimReleased: true }] });
  });
});

import { describe, expect, it } from 'vitest';
import { diffModels } from '../../studio/features/publish/model-diff.js';
import { samsatLikeXml, withDecision } from './fixtures.js';

describe('difference to the last published version', () => {
  it('lists exactly the korektor SLA change and the lane role change', async () => {
    const before = samsatLikeXml();
    const after = before.replace('sop:duration="PT3M"', 'sop:duration="PT5M"').replace('sop:role="kasir"', 'sop:role="petugas-fiskal"');
    const d = await diffModels(before, after);
    expect(d.properties).toEqual([
      { element: 'Lane_3', elementName: 'Kasir', elementType: 'bpmn:Lane', property: 'role', oldValue: 'kasir', newValue: 'petugas-fiskal' },
      { element: 'Task_2', elementName: 'Mengoreksi penetapan PKB', elementType: 'bpmn:UserTask', property: 'duration', oldValue: 'PT3M', newValue: 'PT5M' },
    ]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.sort()).toEqual(['Lane_3', 'Task_2']);
  });

  it('shows added shapes and a changed condition as one readable line', async () => {
    const a = withDecision(samsatLikeXml(), { yes: '{"all":[{"fact":"benar","operator":"equal","value":true}]}', defaultFlow: true });
    const b = a.replace('"value":true}]}', '"value":false}]}');
    const d = await diffModels(a, b);
    expect(d.properties).toEqual([{ element: 'Flow_yes', elementType: 'bpmn:SequenceFlow', property: 'condition', oldValue: '{"all":[{"fact":"benar","operator":"equal","value":true}]}', newValue: '{"all":[{"fact":"benar","operator":"equal","value":false}]}' }]);
    const added = await diffModels(samsatLikeXml(), a);
    expect(added.added).toEqual(expect.arrayContaining(['Gw_1', 'Flow_yes', 'Flow_no']));
    const removed = await diffModels(a, samsatLikeXml());
    expect(removed.removed).toEqual(expect.arrayContaining(['Gw_1', 'Flow_yes', 'Flow_no']));
    expect(removed.added).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { EXECUTABLE_TYPES, elementKind, isActivityType } from '../../core/bpmn-elements.js';

describe('the BPMN element catalogue', () => {
  it('names each executable type once and maps it to its runtime kind', () => {
    expect(new Set(EXECUTABLE_TYPES).size).toBe(EXECUTABLE_TYPES.length);
    expect(elementKind('bpmn:UserTask')).toBe('userTask');
    expect(elementKind('bpmn:ScriptTask')).toBeUndefined();
    expect(elementKind('toString')).toBeUndefined();
  });

  it('tells activities from events and gateways', () => {
    expect(isActivityType('bpmn:CallActivity')).toBe(true);
    expect(isActivityType('bpmn:BoundaryEvent')).toBe(false);
    expect(isActivityType('bpmn:ExclusiveGateway')).toBe(false);
    expect(isActivityType('bpmn:Lane')).toBe(false);
  });
});

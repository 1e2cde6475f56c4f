/** Small constructors that keep the specs close to the SOP tables they transcribe. */
import type { Condition, EndStep, GatewayStep, RequirementDoc, RuleTaskStep, StartStep, TaskAttrs, UserTaskStep, CallStep, ServiceTaskStep } from './types.js';

export function start(id: string, lane: string, name: string): StartStep {
  return { kind: 'start', id, lane, name };
}

export function end(id: string, lane: string, name: string): EndStep {
  return { kind: 'end', id, lane, name };
}

export function user(
  id: string,
  lane: string,
  name: string,
  duration: string,
  more: Omit<TaskAttrs, 'duration'> & Pick<UserTaskStep, 'multiInstance' | 'handler'> & { next?: string | null; source?: string } = {},
): UserTaskStep {
  return { kind: 'user', id, lane, name, duration, ...more };
}

export function rule(
  id: string,
  lane: string,
  name: string,
  ruleSet: string,
  resultVariable: string,
  more: TaskAttrs & { next?: string | null; facts?: Record<string, unknown>; onError?: RuleTaskStep['onError'] } = {},
): RuleTaskStep {
  return { kind: 'rule', id, lane, name, ruleSet, resultVariable, ...more };
}

export function call(id: string, lane: string, name: string, calledElement: string, more: TaskAttrs & { inputs?: string; outputs?: string; next?: string | null } = {}): CallStep {
  return { kind: 'call', id, lane, name, calledElement, ...more };
}

export function service(id: string, lane: string, name: string, handler: string, more: TaskAttrs & { next?: string | null } = {}): ServiceTaskStep {
  return { kind: 'service', id, lane, name, handler, ...more };
}

/** A yes/no decision on a boolean variable: `yes` continues with the next step written. */
export function decide(id: string, lane: string, name: string, variable: string, yes: string, no: string, noTo: string, yesTo?: string): GatewayStep {
  return {
    kind: 'decision',
    id,
    lane,
    name,
    variable,
    branches: [
      { label: yes, value: true, ...(yesTo ? { to: yesTo } : {}) },
      { label: no, value: false, to: noTo },
    ],
  };
}

export const when = {
  is: (fact: string, value: unknown): Condition => ({ all: [{ fact, operator: 'equal', value }] }),
};

/** "Identitas/Surat Kuasa": the identity always, the power of attorney when represented. */
export function identityAndProxy(identityLabel: string, identityCode = 'IDENTITAS'): RequirementDoc[] {
  return [
    { code: identityCode, label: identityLabel },
    { code: 'SURAT-KUASA', label: 'Surat kuasa (bila diwakilkan)', when: when.is('dikuasakan', true), note: 'Hanya bila pengurusan dikuasakan kepada orang lain' },
  ];
}

export const FACT_DIKUASAKAN = { type: 'boolean' as const, title: 'Pengurusan dikuasakan kepada orang lain', default: false };

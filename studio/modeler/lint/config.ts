/**
 * The studio's lint configuration, bundled as ES modules with an in-memory resolver: the
 * browser equivalent of rollup-plugin-bpmnlint, and the same object drives Node (node.ts).
 */
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process.js';
import conditionalFlows from 'bpmnlint/rules/conditional-flows.js';
import endEventRequired from 'bpmnlint/rules/end-event-required.js';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway.js';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event.js';
import fakeJoin from 'bpmnlint/rules/fake-join.js';
import labelRequired from 'bpmnlint/rules/label-required.js';
import linkEvent from 'bpmnlint/rules/link-event.js';
import noBpmndi from 'bpmnlint/rules/no-bpmndi.js';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway.js';
import noDisconnected from 'bpmnlint/rules/no-disconnected.js';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork.js';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split.js';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end.js';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start.js';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements.js';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event.js';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition.js';
import startEventRequired from 'bpmnlint/rules/start-event-required.js';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event.js';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway.js';
import superfluousLabel from 'bpmnlint/rules/superfluous-label.js';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination.js';
import userTaskRole from './rules/user-task-role.js';
import gatewayConditions from './rules/gateway-conditions.js';
import userTaskSla from './rules/user-task-sla.js';
import ruleSetExists from './rules/rule-set-exists.js';
import supportedElements from './rules/supported-elements.js';
import conditionLanguage from './rules/condition-language.js';

type Factory = (config?: unknown) => unknown;

const bpmnlintRules: Record<string, Factory> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-start': noImplicitStart,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination,
};

const sopRules: Record<string, Factory> = {
  'user-task-role': userTaskRole as Factory,
  'gateway-conditions': gatewayConditions as Factory,
  'user-task-sla': userTaskSla as Factory,
  'rule-set-exists': ruleSetExists as Factory,
  'supported-elements': supportedElements as Factory,
  'condition-language': conditionLanguage as Factory,
};

/** What the server knows; passed to the rules so they can check references, not just presence. */
export interface LintContext {
  roles?: string[];
  ruleSets?: string[];
}

export type LintCategory = 'error' | 'warn' | 'info' | 'off';

export interface LintConfig {
  rules: Record<string, LintCategory | [LintCategory, unknown]>;
}

export function buildLintConfig(ctx: LintContext = {}): LintConfig {
  const rules: LintConfig['rules'] = {
    // bpmnlint:recommended, with inclusive gateways allowed (the runtime executes them),
    // conditional-flows superseded by our stricter gateway-conditions, and complex gateways
    // allowed (executed with an activationCondition in our condition JSON; sop/supported-elements
    // refuses a complex join without one).
    'ad-hoc-sub-process': 'error',
    'end-event-required': 'error',
    'event-based-gateway': 'error',
    'event-sub-process-typed-start-event': 'error',
    'fake-join': 'warn',
    'label-required': 'error',
    'link-event': 'error',
    'no-bpmndi': 'error',
    'no-complex-gateway': 'off',
    'no-disconnected': 'error',
    'no-duplicate-sequence-flows': 'error',
    'no-gateway-join-fork': 'error',
    'no-implicit-split': 'error',
    'no-implicit-end': 'error',
    'no-implicit-start': 'error',
    'no-overlapping-elements': 'warn',
    'single-blank-start-event': 'error',
    'single-event-definition': 'error',
    'start-event-required': 'error',
    'sub-process-blank-start-event': 'error',
    'superfluous-gateway': 'warn',
    'superfluous-label': 'warn',
    'superfluous-termination': 'warn',
    'sop/user-task-role': ['error', { roles: ctx.roles }],
    'sop/gateway-conditions': 'error',
    'sop/user-task-sla': 'error',
    'sop/rule-set-exists': ['error', { ruleSets: ctx.ruleSets }],
    'sop/supported-elements': 'error',
    'sop/condition-language': 'error',
  };
  return { rules };
}

/** bpmnlint resolver over the statically imported rules (no require() at run time). */
export const resolver = {
  resolveRule(pkg: string, ruleName: string): Factory {
    const table = pkg === 'bpmnlint-plugin-sop' ? sopRules : bpmnlintRules;
    const rule = table[ruleName];
    if (!rule) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
    return rule;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`unknown config <${pkg}/${configName}>`);
  },
};

/** What bpmn-js-bpmnlint's `linting.bpmnlint` option expects. */
export function bpmnlintOptions(ctx: LintContext = {}): { config: LintConfig; resolver: typeof resolver } {
  return { config: buildLintConfig(ctx), resolver };
}

import type { ElementKind, FlowNode } from '../model/types.js';
import type { Token } from '../store.js';
import { boundaryEvent } from './boundary-event.js';
import { businessRuleTask } from './business-rule-task.js';
import { callActivity } from './call-activity.js';
import { complexGateway } from './complex-gateway.js';
import { endEvent } from './end-event.js';
import { eventSubProcessStart } from './event-sub-process.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { intermediateCatchEvent } from './intermediate-catch.js';
import { intermediateThrowEvent } from './intermediate-throw.js';
import { multiInstance } from './multi-instance.js';
import { parallelGateway } from './parallel-gateway.js';
import { receiveTask } from './receive-task.js';
import { serviceTask } from './service-task.js';
import { standardLoop } from './standard-loop.js';
import { startEvent } from './start-event.js';
import { subProcess } from './sub-process.js';
import { task } from './task.js';
import type { Behaviour } from './types.js';
import { userTask } from './user-task.js';

export type { Behaviour } from './types.js';

/**
 * Every executable BPMN type and its behaviour. Exhaustive on purpose: adding a kind to
 * ElementKind fails the build until it has a behaviour here (one file plus one line).
 */
export const behaviours: Record<ElementKind, Behaviour> = {
  startEvent,
  endEvent,
  task,
  userTask,
  // A manual step still needs someone to confirm it was done: same as a user task.
  manualTask: userTask,
  businessRuleTask,
  serviceTask,
  sendTask: serviceTask,
  receiveTask,
  subProcess,
  callActivity,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  complexGateway,
  // once its trigger started it (event-sub-process.ts), an event sub-process runs as an embedded one
  eventSubProcess: subProcess,
};

/** A multi-instance or looped activity's outer token runs the multi-instance or loop behaviour; its inner ones the element's own. */
export function behaviourFor(node: FlowNode, token: Token): Behaviour {
  if (token.data?.miChild) return behaviours[node.kind];
  if (token.data?.listener) return eventSubProcessStart;
  return node.multiInstance ? multiInstance : node.loop ? standardLoop : behaviours[node.kind];
}

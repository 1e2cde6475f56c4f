/**
 * Drives one SOP instance through the real runtime the way its people would: an officer of a
 * starter role registers a walk-in applicant, then every open task (of the instance and of
 * the payment sub-process it calls) is done by a holder of the task's role in the task's
 * office — the applicant's steps by the registering officer on the applicant's behalf — with
 * the answers the script gives for that step, until nothing is open. Jobs (service tasks)
 * run in between. The trail records who did what, and which variables existed at each step.
 */
import { expect } from 'vitest';
import type { Variables } from '../../../runtime/conditions.js';
import { systemResults } from '../../../runtime/inputs.js';
import { amountDue, PAYMENT_HANDLER } from '../../../runtime/payment.js';
import { completeTask, drainJobs, startInstance } from '../../../server/services/runtime/runtime.js';
import { processModel } from '../../../server/services/publications/services-catalog.js';
import { SIGNING_HANDLER } from '../../../runtime/engine.js';
import { toInstance, toTask } from '../../../server/services/runtime/runtime-store.js';
import type { LibraryDb } from './library-db.js';

export interface TrailStep {
  processKey: string;
  element: string;
  role: string;
  office: string;
  onBehalf: boolean;
  /** the instance's variables when the task was done (before its own answers) */
  variables: Variables;
}

export interface ScenarioResult {
  instanceId: string;
  status: string;
  trail: TrailStep[];
  variables: Variables;
  /** roles in the order their tasks were done */
  roles: string[];
  elements: string[];
}

/** Answers per element: one object for every visit, or a list consumed visit by visit. */
export type Script = Record<string, Variables | Variables[]>;

export interface ScenarioInput {
  processKey: string;
  office: string;
  starterRole: string;
  variables?: Variables;
  script?: Script;
}

const MAX_TASKS = 200;
/** A step of an SOP is a few queries; one that takes longer is stuck, not slow. */
const STEP_TIMEOUT_MS = 8000;

/**
 * Fails fast, and clearly, when a runtime step never finishes (e.g. a database connection
 * waited on from inside the step's own transaction): the database is then marked blocked so
 * the scenarios after it fail at once instead of each waiting for the test timeout.
 */
async function step<T>(lib: LibraryDb, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      lib.blocked = `${what} did not finish within ${STEP_TIMEOUT_MS} ms`;
      reject(new Error(`${lib.blocked}: the runtime step is stuck (on PGlite, a query on another handle than the step's transaction waits forever)`));
    }, STEP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runScenario(lib: LibraryDb, input: ScenarioInput): Promise<ScenarioResult> {
  if (lib.blocked) throw new Error(`database blocked by an earlier scenario (${lib.blocked}); see the first failure`);
  const { db } = lib;
  const starter = await lib.officer(input.starterRole, input.office);
  const started = await step(
    lib,
    `start ${input.processKey}`,
    startInstance(db, starter, input.processKey, {
      office: input.office,
      variables: input.variables ?? {},
      applicant: { name: 'Budi Santoso', nik: '3604010101800001' },
    }),
  );
  const visits = new Map<string, number>();
  const trail: TrailStep[] = [];
  for (let n = 0; n < MAX_TASKS; n++) {
    await step(lib, `jobs of ${input.processKey}`, drainJobs(db));
    // The instance and the instances it called (the payment sub-process).
    const tree = await db
      .selectFrom('runtime_instances')
      .select(['id', 'parent_instance_id'])
      .where((eb) => eb.or([eb('id', '=', started.id), eb('parent_instance_id', '=', started.id)]))
      .execute();
    const open = (
      await db
        .selectFrom('runtime_tasks')
        .selectAll()
        .where(
          'instance_id',
          'in',
          tree.map((t) => t.id),
        )
        .where('status', '=', 'open')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map(toTask);
    if (open.length === 0) break;
    const task = open[0];
    const actor = task.assignee ? lib.userById(task.assignee) : await lib.officer(task.role, task.office);
    expect(actor, `someone may do ${task.elementId} (${task.role} @ ${task.office})`).toBeDefined();
    const inst = toInstance(await db.selectFrom('runtime_instances').selectAll().where('id', '=', task.instanceId).executeTakeFirstOrThrow());
    const k = `${task.processKey}:${task.elementId}`;
    const visit = visits.get(k) ?? 0;
    visits.set(k, visit + 1);
    const answer = input.script?.[task.elementId];
    const vars = Array.isArray(answer) ? (answer[Math.min(visit, answer.length - 1)] ?? {}) : (answer ?? {});
    trail.push({ processKey: task.processKey, element: task.elementId, role: task.role, office: task.office, onBehalf: task.onBehalf, variables: inst.variables });
    // A signing step (issue 20): the official, with their identity on record, signs with their passphrase (the local CA's: their password).
    const node = (await processModel(db, task.processKey, task.publication)).nodes[task.elementId];
    const signing = node?.kind === 'userTask' && node.handler === SIGNING_HANDLER;
    if (signing) await db.updateTable('users').set({ full_name: `Pejabat ${task.role}`, nip: '197001012000031001', jabatan: `Pejabat ${task.role}` }).where('id', '=', actor!.id).where('full_name', 'is', null).execute();
    // The kasir's step (issue 23): the applicant pays exactly what the notas say is due.
    const paid = node?.kind === 'userTask' && node.handler === PAYMENT_HANDLER ? { jumlahDiterima: amountDue(inst.variables) ?? '0', ...vars } : vars;
    await step(lib, `${task.processKey}: completing ${task.elementId}`, completeTask(db, actor!, task.id, paid, signing ? { signing: { passphrase: lib.password, origin: 'http://localhost' } } : {}));
  }
  const final = toInstance(await db.selectFrom('runtime_instances').selectAll().where('id', '=', started.id).executeTakeFirstOrThrow());
  return {
    instanceId: started.id,
    status: final.status,
    trail,
    variables: final.variables,
    roles: trail.map((t) => t.role),
    elements: trail.map((t) => t.element),
  };
}

/** Consecutive duplicates collapsed: the hand-overs between posts, as the SOP tables read. */
export function handOvers(roles: string[]): string[] {
  return roles.filter((r, i) => i === 0 || roles[i - 1] !== r);
}

/** The first step at which a variable exists (the step right after the one that set it). */
export function firstStepWith(result: ScenarioResult, variable: string): string | undefined {
  return result.trail.find((t) => variable in t.variables || variable in systemResults(t.variables))?.element;
}

/** Fee lines of a stored rule-set result, code → amount. */
export function feesOf(value: unknown): Record<string, string> {
  const r = value as { fees?: Array<{ code: string; amount: string }> } | undefined;
  return Object.fromEntries((r?.fees ?? []).map((f) => [f.code, f.amount]));
}

/** Each [step answered "no", step the SOP sends the file back to] happened, and the step was redone. */
export function expectLoopsTaken(elements: string[], loops: Array<[string, string]>): void {
  for (const [from, to] of loops) {
    const i = elements.indexOf(from);
    expect(i, `${from} was reached`).toBeGreaterThanOrEqual(0);
    expect(elements[i + 1], `"no" at ${from} sends the file back to ${to}`).toBe(to);
    expect(elements.filter((e) => e === from).length, `${from} is done again after the loop`).toBeGreaterThanOrEqual(2);
  }
}

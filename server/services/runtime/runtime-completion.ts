import type { Kysely, Transaction } from 'kysely';
import type { Variables } from '../../../runtime/conditions.js';
import type { SigningRequest } from '../../../runtime/engine.js';
import { RuntimeError } from '../../../runtime/errors.js';
import type { TaskRow } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { signOnStep } from '../../documents/issue.js';
import type { SessionUser } from '../accounts/accounts.js';
import { delegatedPostFor } from '../workspace/delegations.js';
import { mayActOnTask } from './runtime-access.js';
import { engineFor } from './runtime-engine.js';
import { inStep, LOCKING_RUNTIME, type RuntimeContext } from './runtime-steps.js';
import type { KyselyRuntimeStore } from './runtime-store.js';
import { activeElements, taskView } from './runtime-views.js';

/**
 * `opts.runtime`: the app's runtime (app.runtime): how this database's completions are written
 * (runtime-steps.ts) and the job worker to wake.
 * `opts.claimNext`: the queue tasks this completion opens that the same user may do ("the next
 * step is yours") are claimed for them in the same statement, so a colleague's "Ambil tugas
 * berikutnya" does not take the step they are about to do.
 */
export async function completeTask(
  db: Kysely<Database>,
  user: SessionUser,
  id: string,
  variables: Variables,
  opts: { runtime?: RuntimeContext; claimNext?: boolean; signing?: { passphrase: string; origin: string } } = {},
) {
  // Authorized on the task as read under the instance lock (no read of its own before the step):
  // the same checks, in the same order, as taskForActor + the claim check.
  const authorize = (t: TaskRow) => {
    if (!mayActOnTask(user, t)) throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
    // A delegate acts "atas nama" the officer whose post it is, also on the tasks that officer had taken.
    const delegated = t.assignee === null ? delegatedPostFor(user, t) : undefined;
    if (t.claimedBy !== null && t.claimedBy !== user.id && t.claimedBy !== delegated?.delegatedFrom?.id) {
      throw new RuntimeError('TASK_NOT_CLAIMABLE', 'Tugas sedang dikerjakan petugas lain', { id, claimedBy: t.claimedBy });
    }
    return delegated?.delegatedFrom ? { onBehalf: t.onBehalf, details: { atasNama: delegated.delegatedFrom.username } } : { onBehalf: t.onBehalf };
  };
  const step = (store: KyselyRuntimeStore, trx?: Transaction<Database>) => {
    if (opts.claimNext) store.claimOpenedFor = { by: user.id, may: (t) => mayActOnTask(user, t) };
    // A signing step issues its signed document inside this step's transaction (server/documents/issue.ts).
    const signing = opts.signing;
    const sign =
      signing && trx
        ? (req: SigningRequest) =>
            signOnStep(trx, { actor: user.id, role: req.task.role, instanceId: req.task.instanceId, office: req.office, model: req.model, output: req.node.output, variables: req.variables, inputs: req.inputs, passphrase: signing.passphrase, origin: signing.origin })
        : undefined;
    return engineFor(db).completeTask(store, { taskId: id, actor: user.id, variables, authorize, ...(sign ? { sign } : {}) });
  };
  const runtime = opts.runtime ?? LOCKING_RUNTIME;
  // A signing step runs in a transaction of its own (the document is rendered and signed in it), never optimistically.
  const run = opts.signing ? inStep(db, (store, trx) => step(store, trx)).then((out) => ({ out, jobsQueued: true })) : runtime.steps.complete(db, id, step);
  const {
    out: { instance, task, created },
    jobsQueued,
  } = await run.catch((e: unknown) => {
    // An absent task is reported exactly as before (as taskForActor does), whoever noticed it.
    if (e instanceof RuntimeError && e.code === 'TASK_NOT_FOUND') throw new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id });
    throw e;
  });
  // The worker is woken only for jobs this step queued (a timer or service task after the task).
  if (jobsQueued) runtime.jobsQueued();
  return {
    task: taskView(task),
    instance: { id: instance.id, status: instance.status, activeElements: activeElements(instance.tokens) },
    // The steps this completion opened that the same user may do next ("the next step is yours").
    nextTasks: created.filter((c) => mayActOnTask(user, c)).map((c) => ({ id: c.id, elementId: c.elementId, elementName: c.elementName, instanceId: c.instanceId })),
  };
}

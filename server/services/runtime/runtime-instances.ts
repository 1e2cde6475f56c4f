import type { Kysely } from 'kysely';
import { canCancel, canSeeInternalVariables, officesOf, startMode, supervisedOffices } from '../../../core/access.js';
import type { Variables } from '../../../runtime/conditions.js';
import type { Engine } from '../../../runtime/engine.js';
import { RuntimeError } from '../../../runtime/errors.js';
import { INTERNAL_NOTE } from '../../../runtime/inputs.js';
import type { InstanceState, TaskRow, WalkInApplicant } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { calendarCache } from '../offices/calendars.js';
import { publicationCache } from './publication-cache.js';
import { DEFAULT_REGISTRATION_FORMAT, REGISTRATION_KIND } from '../../../core/numbering.js';
import { allocateRegistrationNumber, newPin, recordRegistration, registrationWithStart } from '../workspace/registration-number.js';
import { engineFor, stepStore } from './runtime-engine.js';
import { notifyWorkspaceAfterCommit } from './runtime-notify.js';
import { officeOfferings } from '../offices/office-offers.js';
import { startInputs } from './runtime-inputs.js';
import { inStep, LOCKING_RUNTIME, type RuntimeContext } from './runtime-steps.js';
import { INSERT_ONLY, KyselyRuntimeStore, OptimisticStepAbandoned, toInstance } from './runtime-store.js';
import { describeInstance } from './runtime-views.js';
import { feeNotas } from '../../../runtime/fee-notas.js';
import { paymentOf } from '../../../runtime/payment.js';
import { historyOutcomes } from './history-outcomes.js';
import { historyFields, namedVariables } from './history-fields.js';
import { processModel } from '../publications/services-catalog.js';
import { keyMatches, searchPattern } from '../workspace/search-sql.js';
import { instanceAccessFor } from '../workspace/workspace-access.js';

/* Applications: start, read, list, history, cancel. */
export interface StartInput {
  office: string;
  variables?: Variables;
  businessKey?: string;
  applicant?: WalkInApplicant;
}

/** The publication of `processKey` in force today and its model (PROCESS_NOT_PUBLISHED without one). */
export async function publishedModel(db: Kysely<Database>, processKey: string): Promise<{ publication: number; model: Awaited<ReturnType<Engine['model']>> }> {
  const engine = engineFor(db);
  const store = new KyselyRuntimeStore(db, { publications: publicationCache(db) });
  const pub = await store.currentPublication(processKey, engine.now());
  if (!pub) throw new RuntimeError('PROCESS_NOT_PUBLISHED', `Proses "${processKey}" belum diterbitkan`, { processKey });
  return { publication: pub.n, model: await engine.model(store, pub.key, pub.n) };
}

/** `opts.runtime`: the app's runtime (app.runtime): its step strategy and job worker. */
export async function startInstance(db: Kysely<Database>, user: SessionUser, processKey: string, input: StartInput, opts: { runtime?: RuntimeContext } = {}) {
  const { publication, model } = await publishedModel(db, processKey);
  // The offices' offerings are kept with their calendars (one query for all, on a change): the
  // database is asked only about an office not kept there, or a service the kept list lacks.
  await calendarCache(db).ready();
  const kept = calendarCache(db).office(input.office)?.processes;
  const offered = kept?.includes(processKey) ? kept : await officeOfferings(db, input.office);
  if (!offered) throw new RuntimeError('NOT_ALLOWED', `Kantor "${input.office}" tidak dikenal`, { office: input.office });
  // Finding 7: only at an office that offers the service (applicants and walk-ins alike).
  if (!offered.includes(processKey)) throw new AppError('SERVICE_NOT_OFFERED', `Layanan "${processKey}" tidak tersedia di kantor "${input.office}"`, { office: input.office, processKey });
  const starters = model.starterRoles;
  const mode = startMode(user, input.office, starters);
  if (mode === null) {
    throw new RuntimeError('NOT_ALLOWED', 'Anda tidak berwenang memulai permohonan ini di kantor tersebut', { starterRoles: starters, office: input.office });
  }
  // An applicant starts for themselves; an officer registers a walk-in (or named) applicant.
  const selfService = mode === 'applicant';
  // The business key is the office's reference (a plate, a file number): it correlates the
  // cashier's "payment received" and stands as the reference of an unnumbered result, so the
  // applicant never chooses it (they would take another's payment, or name their own permit).
  if (selfService && input.businessKey !== undefined) {
    throw new RuntimeError('VARIABLES_INVALID', 'Kunci permohonan diisi petugas, bukan pemohon', {
      paths: ['/businessKey'],
      errors: [{ path: '/businessKey', message: 'hanya diisi petugas' }],
    });
  }
  const started = await startOffered(db, model, publication, processKey, {
    office: input.office,
    variables: input.variables ?? {},
    businessKey: input.businessKey ?? null,
    applicantUserId: selfService ? user.id : null,
    applicant: selfService ? null : (input.applicant ?? null),
    startedBy: user.id,
    runtime: opts.runtime ?? LOCKING_RUNTIME,
    selfService,
  });
  // The instance's open tasks are the ones its start opened: no read needed.
  const described = await describeInstance(db, user, started.inst, started.opened, started.number);
  // The PIN is answered once, here (the confirmation shows it); only its hash is kept.
  return { ...described, registration: { number: started.number, pin: started.pin } };
}

/**
 * Starts an application the caller has authorized (a start route by its starter roles, a
 * complaint by the tracked application's number and PIN): the start's inputs checked against
 * its model, the office's next registration number and a tracking PIN, all in one transaction.
 */
export async function startOffered(
  db: Kysely<Database>,
  model: Awaited<ReturnType<Engine['model']>>,
  publication: number,
  processKey: string,
  input: { office: string; variables: Variables; businessKey: string | null; applicantUserId: string | null; applicant: WalkInApplicant | null; startedBy: string; runtime: RuntimeContext; selfService?: boolean },
): Promise<{ inst: InstanceState; opened: TaskRow[]; number: string; pin: string }> {
  // the start's tasks get due times in the office's working calendar: loaded before the step
  await calendarCache(db).ready();
  const engine = engineFor(db);
  // Only the start's inputs (runtime/inputs.ts), checked before anything is written.
  const variables = await startInputs(db, model, input.variables, input.selfService === true);
  // Issue 21: every start takes the office's next registration number and a tracking PIN with its
  // rows (a start that fails gives the number back: gap-free). The PIN's hash is made before it
  // (CPU work outside the counter row's lock).
  const pin = await newPin();
  const request = {
    processKey,
    publication,
    office: input.office,
    variables,
    businessKey: input.businessKey,
    applicantUserId: input.applicantUserId,
    applicant: input.applicant,
    startedBy: input.startedBy,
  };
  // Nearly every start only inserts rows: then it is ONE statement that commits by itself, the
  // registration (counter and row) written by it too (INSERT_ONLY with its companion), and
  // remembered for the first step's optimistic completion. A start that tells an applicant account
  // (its notice is more statements) or writes more goes in a transaction.
  const office = calendarCache(db).office(input.office);
  if (input.applicantUserId === null && office) {
    const store = stepStore(db, db, {
      notifyAfterCommit: true,
      mode: INSERT_ONLY,
      companion: registrationWithStart({ office: input.office, at: engine.now(), format: office.numbering[REGISTRATION_KIND] ?? DEFAULT_REGISTRATION_FORMAT, pinHash: pin.hash }),
    });
    try {
      const inst = await engine.start(store, request);
      const { committed, tasksChanged, jobsQueued, tasksInserted } = store.outcome;
      if (committed && typeof store.companionAnswer === 'string') {
        if (tasksChanged) notifyWorkspaceAfterCommit(db);
        if (jobsQueued) input.runtime.jobsQueued();
        return { inst, opened: tasksInserted.filter((t) => t.instanceId === inst.id && t.status === 'open'), number: store.companionAnswer, pin: pin.pin };
      }
      if (committed) throw new Error('a start written in one statement answered no registration number');
    } catch (e) {
      if (store.outcome.committed || !(e instanceof OptimisticStepAbandoned)) throw e;
    }
  }
  let opened: readonly TaskRow[] = [];
  let number = '';
  const inst = await inStep(
    db,
    async (store, trx) => {
      number = await allocateRegistrationNumber(trx, input.office, engine.now());
      const started = await engine.start(store, request);
      opened = store.outcome.tasksInserted;
      await recordRegistration(trx, {
        instanceId: started.id, office: input.office, number, pin: pin.pin, pinHash: pin.hash,
        applicantUserId: started.applicantUserId, processName: started.processName,
      });
      return started;
    },
    // On PostgreSQL the start's rows are kept for its first step's optimistic completion.
    { remember: input.runtime.steps.remembersStarts },
  );
  input.runtime.jobsQueued();
  return { inst, opened: opened.filter((t) => t.instanceId === inst.id && t.status === 'open'), number, pin: pin.pin };
}

export async function getInstance(db: Kysely<Database>, user: SessionUser, id: string) {
  // Not found and not allowed answer the same, so ids of others' applications are not probed.
  const access = await instanceAccessFor(db, user, id);
  if (!access) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  const r = await db.selectFrom('runtime_instances').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  const described = await describeInstance(db, user, toInstance(r));
  if (access.view !== 'task') return described;
  // An officer reached only by a task (an OPD review) does not see the office's fee notas.
  const noNotas = new Set(feeNotas(described.variables).map((n) => n.variable));
  return { ...described, variables: Object.fromEntries(Object.entries(described.variables).filter(([k]) => !noNotas.has(k))) };
}

export interface InstanceQuery {
  process?: string;
  office?: string;
  status?: string;
  businessKey?: string;
  /** the business key or registration number, however typed, anywhere in it (core/search-key.ts): open and closed alike */
  q?: string;
  limit?: number;
  offset?: number;
}

export async function listInstances(db: Kysely<Database>, user: SessionUser, q: InstanceQuery) {
  const limit = Math.min(q.limit ?? 50, 200);
  const offset = q.offset ?? 0;
  let query = db.selectFrom('runtime_instances').select(['id', 'process_key', 'process_name', 'publication', 'office', 'business_key', 'status', 'created_at', 'ended_at', 'applicant_user_id', 'started_by']);
  const supervised = supervisedOffices(user);
  if (supervised !== 'all') {
    // Officers and managers see their offices' instances; applicants their own applications.
    const offices = [...new Set([...officesOf(user), ...supervised])];
    query = query.where((eb) =>
      eb.or([
        ...(offices.length > 0 ? [eb('office', 'in', offices)] : []),
        eb('applicant_user_id', '=', user.id),
        eb('started_by', '=', user.id),
      ]),
    );
  }
  if (q.process) query = query.where('process_key', '=', q.process);
  if (q.office) query = query.where('office', '=', q.office);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.businessKey) query = query.where('business_key', '=', q.businessKey);
  const pattern = q.q ? searchPattern(q.q) : null;
  if (pattern) query = query.where((eb) => eb.or([keyMatches('business_key', pattern), eb('id', 'in', eb.selectFrom('registrations').select('instance_id').where(keyMatches('number', pattern)))]));
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit + 1).offset(offset).execute();
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      processKey: r.process_key,
      processName: r.process_name,
      publication: r.publication,
      office: r.office,
      businessKey: r.business_key,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    })),
    limit,
    offset,
    hasMore: rows.length > limit,
  };
}

const withoutKey = <T extends Record<string, unknown>>(o: T, key: string): T => {
  if (!(key in o)) return o;
  const { [key]: _dropped, ...rest } = o;
  return rest as T;
};

export async function getHistory(db: Kysely<Database>, user: SessionUser, id: string) {
  const inst = await getInstance(db, user, id);
  const internal = canSeeInternalVariables(user);
  const rows = await db.selectFrom('runtime_history').selectAll().where('instance_id', '=', id).orderBy('id').execute();
  // Who did each step (issue 23), by name, for the office's people; an applicant reads the steps without officers' names.
  // …and the kasir who received a payment (issue 23), also on the call that made it.
  const kasirOf = (d: unknown) => paymentOf({ sys: { pembayaran: (d as { pembayaran?: unknown } | null)?.pembayaran } })?.diterimaOleh;
  const actorIds = internal ? [...new Set(rows.flatMap((h) => [h.actor, kasirOf(h.details)]).filter((a): a is string => !!a))] : [];
  const [names, model] = await Promise.all([
    actorIds.length > 0 ? db.selectFrom('users').select(['id', 'name', 'full_name']).where('id', 'in', actorIds).execute() : [],
    processModel(db, inst.processKey, inst.publication),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.full_name ?? u.name]));
  const outcomes = historyOutcomes(model, rows);
  const fields = await historyFields(db, model, namedVariables(rows.map((h) => h.details)));
  return {
    fields,
    items: rows.map((h, i) => {
      const durationMs = h.ended_at.getTime() - h.started_at.getTime();
      return {
        elementId: h.element_id,
        elementName: h.element_name,
        elementKind: h.element_kind,
        event: h.event,
        actor: h.actor,
        actorName: h.actor ? (nameOf.get(h.actor) ?? null) : null,
        outcome: outcomes[i],
        onBehalf: h.on_behalf,
        startedAt: h.started_at.toISOString(),
        endedAt: h.ended_at.toISOString(),
        durationMs,
        slaMs: h.sla_ms === null ? null : Number(h.sla_ms),
        // on time = done by its due time, which counts the office's working hours (not durationMs ≤ slaMs)
        withinSla: h.due_at === null ? null : h.ended_at.getTime() <= new Date(h.due_at).getTime(),
        taskId: h.task_id,
        details: h.details && !internal ? withoutKey(h.details, INTERNAL_NOTE) : withKasirName(h.details, nameOf),
      };
    }),
  };
}

/** A payment's record in a history entry, with the kasir's name beside their id (officers' view). */
function withKasirName<T>(details: T, nameOf: ReadonlyMap<string, string>): T {
  const p = (details as { pembayaran?: { diterimaOleh?: unknown } } | null)?.pembayaran;
  if (!p || typeof p.diterimaOleh !== 'string') return details;
  return { ...details, pembayaran: { ...p, diterimaOlehNama: nameOf.get(p.diterimaOleh) ?? null } };
}

export async function cancelInstance(db: Kysely<Database>, user: SessionUser, id: string, reason: string) {
  const access = await instanceAccessFor(db, user, id);
  if (!access) throw new RuntimeError('INSTANCE_NOT_FOUND', 'Permohonan tidak ditemukan', { id });
  if (!canCancel(user, access.inst)) throw new RuntimeError('NOT_ALLOWED', 'Hanya admin atau manajer kantor ini yang dapat membatalkan permohonan');
  const inst = await inStep(db, (store) => engineFor(db).cancel(store, { instanceId: id, reason, by: user.id }));
  return describeInstance(db, user, inst);
}

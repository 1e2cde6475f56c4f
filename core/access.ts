/**
 * The one access policy: who may see and act on what, as pure functions over the session user
 * (role × office grants) and the facts of a task, an application (instance) or a document.
 * Every route and service of the server asks here; none decides by itself.
 *
 * The people around an application:
 * - its applicant (the account that applied), and the officer who registered it (a walk-in);
 * - officers of the application's office (any role: the counter answers questions about it);
 * - officers reached by one of its tasks in another office (an OPD's technical review): they see
 *   what their task needs — the task page, the application, its documents and the receipt —
 *   not the fee notas or the permit, which are the office's business;
 * - supervisors: managers granted for the office (office null = every office), read-only;
 * - admins: everything.
 * A task is acted on by its one assignee (applicant lane) or, when it has none, by a holder of
 * its role in its office (the task's office, which is not always the application's).
 */

/** One grant of a user: a role, in an office (null: not tied to an office — admin, manager of all, applicant). */
export interface Grant {
  role: string;
  office: string | null;
}

export interface Principal {
  id: string;
  roles: readonly Grant[];
}

/** Roles whose lane belongs to the application's applicant, not to an office post. Defined here only. */
export const APPLICANT_ROLES: ReadonlySet<string> = new Set(['pemohon', 'wajib-pajak']);

export const isApplicantRole = (role: string): boolean => APPLICANT_ROLES.has(role);

export const isAdmin = (u: Principal): boolean => u.roles.some((r) => r.role === 'admin');

/** Staff roles that are not posts in an office: they never work tasks. */
const NOT_POSTS = new Set(['admin', 'manager']);

/** The (role, office) posts the user works in as an officer. */
export function officerGrants(u: Principal): Array<{ role: string; office: string }> {
  return u.roles.filter((r): r is { role: string; office: string } => r.office !== null && !APPLICANT_ROLES.has(r.role) && !NOT_POSTS.has(r.role));
}

/** Offices where the user holds an officer post. */
export function officesOf(u: Principal): string[] {
  return [...new Set(officerGrants(u).map((g) => g.office))];
}

export const isOfficer = (u: Principal): boolean => officerGrants(u).length > 0;

const isApplicant = (u: Principal): boolean => u.roles.some((r) => APPLICANT_ROLES.has(r.role));

/** Offices the user supervises read-only: 'all' for an admin or a manager granted without an office. */
export function supervisedOffices(u: Principal): 'all' | string[] {
  if (isAdmin(u) || u.roles.some((r) => r.role === 'manager' && r.office === null)) return 'all';
  return [...new Set(u.roles.filter((r) => r.role === 'manager' && r.office !== null).map((r) => r.office as string))];
}

/** Admins, and managers granted for this office or for every office. */
export function supervises(u: Principal, office: string): boolean {
  const s = supervisedOffices(u);
  return s === 'all' || s.includes(office);
}

const isSupervisor = (u: Principal): boolean => {
  const s = supervisedOffices(u);
  return s === 'all' || s.length > 0;
};

export interface TaskFacts {
  role: string;
  office: string;
  /** the one user the task is for (applicant lane), or null: a queue of its role in its office */
  assignee: string | null;
  /** who holds it now: a supervisor may have given it to someone or taken it (reassign/take) */
  claimedBy?: string | null;
}

export interface InstanceFacts {
  office: string;
  applicantUserId: string | null;
  startedBy: string | null;
}

/** Who may act on a task (claim, complete, read it as theirs): its assignee, else a holder of its role in ITS office. */
export function canActOnTask(u: Principal, t: TaskFacts): boolean {
  if (t.assignee !== null) return t.assignee === u.id;
  // whoever holds it now (a supervisor gave it to them or took it: escalation.ts)
  if (t.claimedBy != null && t.claimedBy === u.id) return true;
  return officerGrants(u).some((g) => g.role === t.role && g.office === t.office);
}

/** Who may read a task: whoever may act on it, and its office's supervisors (read-only). */
export function canSeeTask(u: Principal, t: TaskFacts): boolean {
  return canActOnTask(u, t) || supervises(u, t.office);
}

/**
 * Sending a document to the application's applicant from a task (issue 23): whoever may act on an
 * office's task (not an applicant-lane step, which is the applicant's own). Supervisors only read.
 */
export const canSendToApplicant = (u: Principal, t: TaskFacts): boolean => t.assignee === null && canActOnTask(u, t);

/** A supervisor may hand back a task someone else claimed (the holder is away). */
export const canReleaseClaim = (u: Principal, t: TaskFacts): boolean => supervises(u, t.office);

/**
 * How much of an application a user sees:
 * - 'full': its applicant, the officer who registered it, officers of its office, its supervisors;
 * - 'task': an officer reached only by one of its tasks in another office (`reachedBy`: the
 *   application's tasks, any status, whose (role, office) the user holds);
 * - 'none': to this user the application does not exist.
 */
export type InstanceView = 'full' | 'task' | 'none';

export function instanceView(u: Principal, inst: InstanceFacts, reachedBy: readonly Pick<TaskFacts, 'role' | 'office'>[] = []): InstanceView {
  if (inst.applicantUserId !== null && inst.applicantUserId === u.id) return 'full';
  if (inst.startedBy !== null && inst.startedBy === u.id) return 'full';
  if (supervises(u, inst.office)) return 'full';
  if (officesOf(u).includes(inst.office)) return 'full';
  const grants = officerGrants(u);
  if (reachedBy.some((t) => grants.some((g) => g.role === t.role && g.office === t.office))) return 'task';
  return 'none';
}

/** Whether the user needs to know the application's tasks to decide (an officer outside its office). */
export function needsTaskReach(u: Principal, inst: InstanceFacts): boolean {
  return instanceView(u, inst) === 'none' && isOfficer(u);
}

export const canSeeInstance = (u: Principal, inst: InstanceFacts, reachedBy: readonly Pick<TaskFacts, 'role' | 'office'>[] = []): boolean =>
  instanceView(u, inst, reachedBy) !== 'none';

/** Internal notes (variables starting with "_") are for staff, not for the applicant. */
export const canSeeInternalVariables = (u: Principal): boolean => isOfficer(u) || isSupervisor(u);

/**
 * A document (upload) of an application: its uploader always; with a full view every document;
 * with a task view the documents those tasks name (all of them when the tasks name none).
 */
export function canSeeDocument(
  u: Principal,
  doc: { ownerId: string; document: string | null },
  view: InstanceView,
  taskDocuments: readonly string[] = [],
): boolean {
  if (doc.ownerId === u.id) return true;
  if (view === 'full') return true;
  if (view === 'task') return taskDocuments.length === 0 || (doc.document !== null && taskDocuments.includes(doc.document));
  return false;
}

/** The printable documents of an application (print views). */
export type PrintKind = 'tanda-terima' | 'nota' | 'skpd' | 'skrd' | 'sppdkb' | 'sk' | 'surat-penolakan' | 'izin' | 'kwitansi';

/** An officer reached by a task prints the receipt of the documents they review; the rest is the office's. */
export function canPrint(view: InstanceView, doc: PrintKind): boolean {
  if (view === 'full') return true;
  return view === 'task' && doc === 'tanda-terima';
}

/**
 * Revoking or replacing an issued document (issue 20): an admin, or the signing post — a holder of
 * the role of the step that signed it, in the document's office. A document no step signed (a
 * receipt, a nota) has no signing post: its office's supervisors (managers) and admins.
 * 'hidden' for whoever is not of that office at all (the document's existence is not theirs to know).
 */
export function canChangeIssuedDocument(u: Principal, doc: { office: string; signerRole: string | null }): 'ok' | 'forbidden' | 'hidden' {
  if (isAdmin(u)) return 'ok';
  if (doc.signerRole !== null && officerGrants(u).some((g) => g.role === doc.signerRole && g.office === doc.office)) return 'ok';
  if (doc.signerRole === null && supervises(u, doc.office)) return 'ok';
  return officesOf(u).includes(doc.office) || supervises(u, doc.office) ? 'forbidden' : 'hidden';
}

/**
 * Adding a document to an application: its applicant, the officer who registered it, officers
 * of its office, officers with a task in it, admins. Supervisors (managers) only read.
 */
export function canUpload(u: Principal, inst: InstanceFacts, view: InstanceView): boolean {
  if (view === 'none') return false;
  if (isAdmin(u)) return true;
  if (inst.applicantUserId !== null && inst.applicantUserId === u.id) return true;
  if (inst.startedBy !== null && inst.startedBy === u.id) return true;
  if (officesOf(u).includes(inst.office)) return true;
  return view === 'task';
}

/**
 * Changing what every office runs — saving SOP and rule-set drafts, publishing, approving a
 * submitted publication, migrating running applications, service standards: an admin, or a
 * manager granted for every office (the process administrators). A manager granted for one
 * office (a camat, a kepala UPT: issue 18's cockpit) supervises that office's work: reads the
 * studio, runs Dampak over their office, submits and sends back submissions; they do not put
 * another agency's SOP in force nor move its applications.
 */
export const mayEditProcesses = (u: Principal): boolean => isAdmin(u) || u.roles.some((r) => r.role === 'manager' && r.office === null);

/** Cancelling an application: an admin or a manager of its office. */
export const canCancel = (u: Principal, inst: InstanceFacts): boolean => supervises(u, inst.office);

/**
 * Starting an application at an office: an officer whose role may start the process there
 * (registering a walk-in, `starters` empty = any post), an applicant when the applicant lane may
 * start it (self-service), an admin.
 */
export function startMode(u: Principal, office: string, starters: readonly string[]): 'officer' | 'applicant' | 'admin' | null {
  if (officerGrants(u).some((g) => g.office === office && (starters.length === 0 || starters.includes(g.role)))) return 'officer';
  if (isApplicant(u) && starters.some((r) => APPLICANT_ROLES.has(r))) return 'applicant';
  if (isAdmin(u)) return 'admin';
  return null;
}

/** Anyone who may send messages at all: officers and admins (applicants and managers never). */
export const maySendMessages = (u: Principal): boolean => isAdmin(u) || isOfficer(u);

/**
 * Delivering a message to an application, or starting one at an office:
 * - 'ok': an admin, or a holder of one of the message's `senders` roles in that office; with a
 *   system-issued key (the application's id), a holder of such a role in any office;
 * - 'hidden': the target is in none of the sender's offices (as if it did not exist);
 * - 'forbidden': the sender works in that office, but in no role the model lets send it.
 * A message whose model declares no senders is the system's alone (admins).
 */
export function canSendMessage(
  u: Principal,
  target: { office: string; senders: readonly string[] | undefined; systemKey?: boolean },
): 'ok' | 'hidden' | 'forbidden' {
  if (isAdmin(u)) return 'ok';
  const grants = officerGrants(u);
  const senders = target.senders ?? [];
  const inScope = target.systemKey ? grants : grants.filter((g) => g.office === target.office);
  if (inScope.length === 0) return 'hidden';
  return inScope.some((g) => senders.includes(g.role)) ? 'ok' : 'forbidden';
}

/**
 * Broadcasting a signal in an office (POST /api/signals) to the applications of one model: a
 * holder, in that office, of one of the roles that model declares as its senders (`sop:senders`
 * on its bpmn:signal). Asked per model reached: another SOP catching a signal of the same name
 * names its own senders. Admins send only what a model lets them (no role of theirs is a post).
 */
export const canSendSignal = (u: Principal, office: string, senders: readonly string[]): boolean =>
  u.roles.some((r) => r.office === office && senders.includes(r.role));

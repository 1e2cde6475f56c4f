/**
 * The compact definition of one SOP: lanes, steps in flow order, decisions and loops, and
 * its requirements checklist. `processes/tools/generate.ts` turns each into
 * `processes/<key>.bpmn` (with lanes and diagram layout) and `rules/<key>-persyaratan.json`.
 *
 * Steps are written in the order the SOP lists them: each step flows to the next one unless
 * it says otherwise (`next`), ends, or is a gateway (whose branches name their targets; a
 * branch without `to` continues with the next step). A step that several flows reach gets
 * an exclusive merge gateway in front of it, so no task has more than one incoming flow.
 */

/** json-rules-engine condition over process variables (see runtime/README.md). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; operator: string; value: unknown };

export interface LaneSpec {
  /** short id used by steps; the BPMN id becomes `Lane_<id>` */
  id: string;
  /** the lane's label, as the source names the performer */
  name: string;
  /** role key (CONTRACTS.md); `pemohon` for every applicant lane */
  role: string;
  office?: string;
  /** `sop:supervisorRole`: the post that supervises this lane's tasks in the same office (escalation, reassignment) */
  supervisorRole?: string;
}

interface StepBase {
  id: string;
  lane: string;
  name: string;
  /** the id of the next step; `null` = none (the step is reached only by flows into it) */
  next?: string | null;
  /** text annotation-free documentation of where the step comes from (e.g. "langkah 3") */
  source?: string;
}

export interface TaskAttrs {
  /** ISO 8601 duration from the SOP's "Waktu" */
  duration?: string;
  output?: string;
  instruction?: string;
  /** document codes the step must see (the checklist step lists the requirement codes) */
  documents?: string[] | 'requirements';
  form?: string;
  office?: string;
  /** `sop:notify`: the applicant event raised when a token reaches the step (default: the library's conventions, tools/bpmn-xml.ts) */
  notify?: string;
}

export interface UserTaskStep extends StepBase, TaskAttrs {
  kind: 'user';
  /** `sop:handler` on a user task: `sign-document`, the official signs the document with their passphrase (issue 20) */
  handler?: string;
  multiInstance?: { collection: string; elementVariable: string; sequential?: boolean };
}

export interface ServiceTaskStep extends StepBase, TaskAttrs {
  kind: 'service';
  handler: string;
}

export interface RuleTaskStep extends StepBase, TaskAttrs {
  kind: 'rule';
  ruleSet: string;
  resultVariable: string;
  /** constant facts the model binds (`sop:facts`), laid over the process variables */
  facts?: Record<string, unknown>;
  /**
   * An error boundary event on the task: the BPMN error `code` (e.g. NOT_ELIGIBLE, thrown when
   * the rule set finds the facts outside the service's remit) leads to step `to`.
   */
  onError?: { code: string; name: string; to: string };
}

export interface CallStep extends StepBase, TaskAttrs {
  kind: 'call';
  calledElement: string;
  inputs?: string;
  outputs?: string;
}

export interface Branch {
  label: string;
  /** target step id; absent = the step written after the gateway */
  to?: string;
  /** the value of the gateway's variable that takes this branch */
  value?: unknown;
  /** or a full condition */
  condition?: Condition;
}

export interface GatewayStep extends StepBase {
  kind: 'decision';
  /** the process variable the decision sets (e.g. berkasLengkap) */
  variable: string;
  branches: Branch[];
}

export interface StartStep extends StepBase {
  kind: 'start';
  /** `sop:form` of the start: what whoever starts it fills in */
  form?: string;
}

export interface EndStep extends StepBase {
  kind: 'end';
  /** `sop:notify`: the applicant event raised when the application ends here */
  notify?: string;
}

export type StepSpec = UserTaskStep | ServiceTaskStep | RuleTaskStep | CallStep | GatewayStep | StartStep | EndStep;

export interface FactSpec {
  type: 'string' | 'boolean' | 'integer' | 'number';
  title: string;
  enum?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
}

export interface RequirementDoc {
  code: string;
  label: string;
  /** false = bring if available (default true) */
  required?: boolean;
  /** condition over the facts; absent = always needed */
  when?: Condition;
  note?: string;
  upload?: boolean;
}

export interface RequirementTest {
  name: string;
  facts: Record<string, unknown>;
  /** codes expected; absent = every unconditional document */
  documents?: string[];
  /** ineligibility codes expected (checked against the eligibility rules when given) */
  reasons?: string[];
}

/** A limit of the service's remit: when `when` holds, the service is not available (rule type `ineligible`). */
export interface EligibilityRule {
  code: string;
  when: Condition;
  message: { id: string; en: string };
  /** the source line that sets the limit */
  legalBasis: string;
  /** where to go instead, when the source says */
  redirect?: { id: string; en: string };
}

export interface RequirementsSpec {
  title: string;
  description?: string;
  legalBasis: Array<{ regulation: string; article?: string; text?: string }>;
  effectiveFrom: string;
  /** true when the list is not in the source (BPHTB, SOP 09, TDI): shown to the administrator */
  assumption?: boolean;
  assumptionNotes?: string[];
  facts: Record<string, FactSpec>;
  /** limits of the office's remit, evaluated before the checklist */
  eligibility?: EligibilityRule[];
  documents: RequirementDoc[];
  tests: RequirementTest[];
}

export interface ProcessSpec {
  key: string;
  name: string;
  agency: string;
  /** where the SOP comes from (document, number) */
  source: string;
  /** `perlu-verifikasi` = seeded as a draft, never published */
  status?: 'perlu-verifikasi';
  /** what is uncertain; written as sop:verificationNote */
  verificationNote?: string;
  starterRoles: string[];
  /**
   * The SOP's number in its source's order ("01" … "09", "B.1", "8"): written as
   * `sop:sopNumber`, it orders the services wherever they are listed (core/sop-order.ts).
   */
  sopNumber?: string;
  documentation?: string;
  lanes: LaneSpec[];
  steps: StepSpec[];
  /** absent for the shared samsat-pembayaran process */
  requirements?: RequirementsSpec;
  /** the service time the source states for the whole SOP (e.g. "1 hari"), for the README */
  serviceTime?: string;
  /** fee rule sets the model evaluates (filled in from rule tasks by the generator) */
}

/**
 * An imported SOP table → the library's own SOP spec (processes/specs/types.ts), written by the
 * library's generator: the same BPMN writer with lane layout (processes/tools/bpmn-xml.ts) and
 * the same requirement rule set (processes/tools/requirements.ts) as the shipped SOPs. The
 * table's Waktu becomes `sop:duration`, Output `sop:output`, Kelengkapan the step's
 * `sop:documents` (and its instruction), and the Persyaratan list a draft requirement set with
 * each document required.
 */
import type { LaneSpec, ProcessSpec, RequirementDoc, StepSpec } from '../../../processes/specs/types.js';
import { toBpmnXml } from '../../../processes/tools/bpmn-xml.js';
import { toRequirementRuleSet, type RequirementRuleSet } from '../../../processes/tools/requirements.js';
import { parseSopTime } from '../../modeler/iso-duration.js';
import { APPLICANT_ROLE, type RoleChoice } from './role-mapping.js';
import { documentsIn, slug, type SopRow } from './sop-table.js';

export interface ImportOptions {
  key: string;
  name: string;
  agency?: string;
  /** each performer's role (the mapping the administrator confirmed) */
  roles: RoleChoice[];
  /** the Pelaksana columns in the table's order (Permenpan layout); else lanes follow first appearance */
  performers?: string[];
  /** the SOP's Persyaratan list (one document per entry); empty = every document the Kelengkapan cells name */
  requirements?: string[];
  /** the requirement set's first period */
  effectiveFrom: string;
  /** words the page supplies (the studio's language) */
  texts: { requirementsTitle: string; legalBasis: string; testName: string; source: string; requirementsLabel: string; noteLabel: string };
}

export interface ImportResult {
  spec: ProcessSpec;
  xml: string;
  /** the draft requirement set, absent when the table names no document */
  ruleSet?: RequirementRuleSet;
}

const docCode = (label: string) => slug(label).slice(0, 48);

/** Every performer in lane order: the table's post columns that have a row, then first appearance. */
export function performersOf(rows: SopRow[], declared: string[] = []): string[] {
  const out = declared.filter((p) => rows.some((r) => r.performer === p));
  for (const r of rows) if (r.performer && !out.includes(r.performer)) out.push(r.performer);
  return out;
}

function requirementDocs(rows: SopRow[], list: string[] | undefined): RequirementDoc[] {
  const labels = list?.length ? list.flatMap(documentsIn) : rows.flatMap((r) => documentsIn(r.requirements));
  const docs = new Map<string, RequirementDoc>();
  for (const label of labels) if (!docs.has(docCode(label))) docs.set(docCode(label), { code: docCode(label), label, required: true });
  return [...docs.values()];
}

function tableToSpec(rows: SopRow[], opts: ImportOptions): ProcessSpec {
  const performers = performersOf(rows, opts.performers);
  const roleOf = new Map(opts.roles.map((c) => [c.performer, c.role]));
  // Lane ids are numbers so the BPMN ids read Lane_1, Lane_2 … in the table's order.
  const laneId = new Map(performers.map((p, i) => [p, String(i + 1)]));
  const lanes: LaneSpec[] = performers.map((p) => ({ id: laneId.get(p)!, name: p, role: roleOf.get(p) ?? slug(p) }));
  const docs = requirementDocs(rows, opts.requirements);
  const steps: StepSpec[] = [{ kind: 'start', id: 'StartEvent_1', lane: laneId.get(rows[0]!.performer)!, name: 'Mulai' }];
  rows.forEach((r, i) => {
    const documents = documentsIn(r.requirements).map(docCode);
    const instruction = [r.requirements ? `${opts.texts.requirementsLabel}: ${r.requirements}` : '', r.note ? `${opts.texts.noteLabel}: ${r.note}` : ''].filter(Boolean).join('. ');
    steps.push({
      kind: 'user',
      id: `Task_${i + 1}`,
      lane: laneId.get(r.performer)!,
      name: r.activity,
      ...(parseSopTime(r.time) ? { duration: parseSopTime(r.time) } : {}),
      ...(r.output ? { output: r.output } : {}),
      ...(instruction ? { instruction } : {}),
      ...(documents.length ? { documents } : {}),
      ...(r.no ? { source: r.no } : {}),
    });
  });
  steps.push({ kind: 'end', id: 'EndEvent_1', lane: laneId.get(rows.at(-1)!.performer)!, name: 'Selesai' });
  const applicantStarts = lanes[0]?.role === APPLICANT_ROLE;
  return {
    key: opts.key,
    name: opts.name,
    agency: opts.agency ?? '',
    source: opts.texts.source,
    starterRoles: applicantStarts ? [APPLICANT_ROLE] : [],
    lanes,
    steps,
    ...(docs.length
      ? {
          requirements: {
            title: opts.texts.requirementsTitle,
            legalBasis: [{ regulation: opts.texts.legalBasis }],
            effectiveFrom: opts.effectiveFrom,
            facts: {},
            documents: docs,
            tests: [{ name: opts.texts.testName, facts: {} }],
          },
        }
      : {}),
  };
}

export function importSopTable(rows: SopRow[], opts: ImportOptions): ImportResult {
  const spec = tableToSpec(rows, opts);
  const ruleSet = toRequirementRuleSet(spec);
  return { spec, xml: toBpmnXml(spec), ...(ruleSet ? { ruleSet } : {}) };
}


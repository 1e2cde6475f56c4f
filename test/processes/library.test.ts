/**
 * The SOP library as files: every model parses with the `sop` extension without warnings,
 * passes the studio's lint (errors and warnings), is wired the way the runtime needs it
 * (user tasks in role lanes with ISO durations, decisions with conditions on every way out,
 * call activities to a model that exists), and its requirement rule set is valid and passes
 * its own test cases. The generated files must match the specs.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import sopDescriptor from '../../runtime/moddle/sop.json' with { type: 'json' };
import { parseDuration } from '../../core/duration.js';
import { compileCondition } from '../../runtime/conditions.js';
import { inspectRuleSet, runRuleSetTests } from '../../rules/engine/index.js';
import { lintXml } from '../../studio/modeler/lint/node.js';
import { allSpecs } from '../../processes/specs/index.js';
import { generateLibrary } from '../../processes/tools/generate.js';
import { parseBpmn } from '../../server/services/store/bpmn-parse.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROCESSES = path.join(ROOT, 'processes');
const RULES = path.join(ROOT, 'rules');

interface El {
  $type: string;
  id: string;
  name?: string;
  get(name: string): unknown;
  [k: string]: unknown;
}

const roles = (JSON.parse(await fs.readFile(path.join(PROCESSES, 'roles.json'), 'utf8')) as Array<{ key: string }>).map((r) => r.key);
const offices = JSON.parse(await fs.readFile(path.join(PROCESSES, 'offices.json'), 'utf8')) as Array<{ key: string; name: string; agency: string }>;
const bpmnFiles = (await fs.readdir(PROCESSES)).filter((f) => f.endsWith('.bpmn')).sort();
const ruleSetKeys = (await fs.readdir(RULES)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
const processKeys = bpmnFiles.map((f) => f.replace(/\.bpmn$/, ''));

async function load(file: string) {
  const xml = await fs.readFile(path.join(PROCESSES, file), 'utf8');
  const moddle = new BpmnModdle({ sop: sopDescriptor });
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const defs = rootElement as unknown as El;
  const process = (defs.get('rootElements') as El[]).find((e) => e.$type === 'bpmn:Process')!;
  return { xml, defs, process, warnings };
}

describe('the SOP library', () => {
  it('holds all 27 models: 25 SOPs from the four sources, the shared samsat-pembayaran and the offices\' pengaduan', () => {
    expect(bpmnFiles).toHaveLength(27);
    expect(processKeys.filter((k) => k.startsWith('samsat-'))).toHaveLength(10);
    expect(processKeys.filter((k) => k.startsWith('bphtb-'))).toHaveLength(7);
    expect(processKeys.filter((k) => k.startsWith('kaloran-'))).toHaveLength(8);
    expect(processKeys).toContain('sipeka-perizinan');
    expect(processKeys).toContain('samsat-pembayaran');
    expect(processKeys).toContain('pengaduan');
  });

  it('is exactly what the generator makes from the specs (regenerate after editing a spec)', async () => {
    for (const f of generateLibrary()) {
      expect(await fs.readFile(f.file, 'utf8'), path.relative(ROOT, f.file)).toBe(f.content);
    }
  });

  it('lists the 5 main offices and 13 OPD offices once each, in the agencies the models use', () => {
    const keys = offices.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(offices.filter((o) => o.agency === 'opd-banten')).toHaveLength(13);
    for (const k of ['samsat-serang', 'samsat-cilegon', 'bapenda-depok', 'kecamatan-kaloran', 'dpmptsp-banten']) expect(keys).toContain(k);
    const agencies = new Set(offices.map((o) => o.agency));
    for (const s of allSpecs) if (s.agency !== '*') expect(agencies, s.key).toContain(s.agency);
  });
});

describe.each(bpmnFiles)('%s', (file) => {
  const key = file.replace(/\.bpmn$/, '');

  it('parses with the sop extension without warnings and passes the store check', async () => {
    const { xml, process, warnings } = await load(file);
    expect(warnings.map((w) => w.message)).toEqual([]);
    expect(process.id).toBe(key);
    const parsed = await parseBpmn(xml);
    expect(parsed.processIds).toEqual([key]);
  });

  it('passes the studio lint with neither errors nor warnings, against the known roles and rule sets', async () => {
    const { xml } = await load(file);
    const issues = await lintXml(xml, { roles, ruleSets: ruleSetKeys });
    expect(issues).toEqual([]);
  });

  it('routes every user task to a lane role, with an ISO 8601 SOP time; rule tasks and calls point at what exists', async () => {
    const { process, defs } = await load(file);
    const lanes = ((process.get('laneSets') as El[])[0].get('lanes') as El[]) ?? [];
    const laneOf = new Map<string, El>();
    for (const lane of lanes) for (const ref of lane.get('flowNodeRef') as El[]) laneOf.set(ref.id, lane);
    const elements = process.get('flowElements') as El[];
    const starters = String(process.get('sop:starterRoles') ?? '').split(' ');
    expect(starters.every((r) => roles.includes(r))).toBe(true);
    // `*`: a service every office with its posts offers (the complaints SOP)
    expect(String(defs.get('sop:agency'))).toMatch(/^(samsat-banten|bapenda-depok|kecamatan-kaloran|dpmptsp-banten|\*)$/);

    for (const lane of lanes) expect(roles, `${lane.name}`).toContain(lane.get('sop:role'));
    const applicantLanes = lanes.filter((l) => l.get('sop:role') === 'pemohon');
    expect(applicantLanes.length, 'one applicant lane').toBeLessThanOrEqual(1);

    for (const el of elements) {
      if (el.$type === 'bpmn:SequenceFlow') continue;
      expect(laneOf.has(el.id), `${el.id} sits in a lane`).toBe(true);
      if (el.$type === 'bpmn:UserTask') {
        const d = el.get('sop:duration') as string;
        expect(parseDuration(d), `${el.id} duration ${d}`).toBeDefined();
      }
      if (el.$type === 'bpmn:BusinessRuleTask') expect(ruleSetKeys).toContain(el.get('sop:ruleSet'));
      if (el.$type === 'bpmn:CallActivity') expect(processKeys).toContain(el.get('calledElement'));
      if (el.$type === 'bpmn:ExclusiveGateway' && (el.get('outgoing') as El[]).length > 1) {
        for (const flow of el.get('outgoing') as El[]) {
          const expr = flow.get('conditionExpression') as El;
          expect(expr, `${flow.id} has a condition`).toBeDefined();
          expect(() => compileCondition(expr.get('language') as string, expr.get('body') as string)).not.toThrow();
        }
      }
    }
    const req = process.get('sop:requirementsRuleSet');
    // the shared payment process and the complaints SOP ask for no documents
    if (key === 'samsat-pembayaran' || key === 'pengaduan') expect(req).toBeUndefined();
    else expect(req).toBe(`${key}-persyaratan`);
  });
});

describe.each(allSpecs.filter((s) => s.requirements).map((s) => `${s.key}-persyaratan`))('rule set %s', (key) => {
  it('is a valid requirements rule set whose own test cases all pass', async () => {
    const doc: unknown = JSON.parse(await fs.readFile(path.join(RULES, `${key}.json`), 'utf8'));
    const report = inspectRuleSet(doc);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    const run = runRuleSetTests(report.compiled!);
    expect(run.outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.join('; ')}`)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(2);
  });
});

import { Engine as RulesEngine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateCondition, OPERATORS, type Condition } from '../../runtime/conditions.js';
import { addDuration, parseDuration } from '../../core/duration.js';
import { parseTimer } from '../../runtime/duration.js';
import { firstOccurrence, followingOccurrence, latestDue, timerStartOffices } from '../../runtime/timer-start.js';
import { validateModel } from '../../runtime/validate.js';
import { chain, end, flow, model, start, userTask } from './support/bpmn.js';

// A small deterministic generator: conditions and fact sets to compare against json-rules-engine.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const VALUES: unknown[] = [0, 1, 5, 10.5, '10', 'ya', 'tidak', true, false, null, ['a', 'b'], [1, 2], 'a'];
function genFact(r: () => number): Condition {
  const op = OPERATORS[Math.floor(r() * OPERATORS.length)];
  let value = VALUES[Math.floor(r() * VALUES.length)];
  if ((op === 'in' || op === 'notIn') && !Array.isArray(value)) value = ['a', 1, 'ya', true];
  return { fact: ['x', 'y', 'z'][Math.floor(r() * 3)], operator: op, value };
}
function genCondition(r: () => number, depth = 0): Condition {
  const k = r();
  if (depth > 2 || k < 0.5) return genFact(r);
  const kids = Array.from({ length: 1 + Math.floor(r() * 3) }, () => genCondition(r, depth + 1));
  if (k < 0.7) return { all: kids };
  if (k < 0.9) return { any: kids };
  return { not: kids[0] };
}

describe('conditions: json-rules-engine semantics, evaluated synchronously', () => {
  it('agrees with json-rules-engine on 400 generated conditions and fact sets', async () => {
    const r = rng(42);
    for (let i = 0; i < 400; i++) {
      let c = genCondition(r);
      if ('fact' in c) c = { all: [c] };
      const facts: Record<string, unknown> = {};
      for (const f of ['x', 'y', 'z']) if (r() < 0.85) facts[f] = VALUES[Math.floor(r() * VALUES.length)];
      const engine = new RulesEngine([], { allowUndefinedFacts: true });
      engine.addRule({ conditions: c as never, event: { type: 'hit' } });
      let expected: boolean;
      try {
        // Variables come from JSON and conditions from the model: never the same object.
        expected = (await engine.run(JSON.parse(JSON.stringify(facts)))).events.length > 0;
      } catch {
        continue; // json-rules-engine throws on some type mismatches; the step then fails either way
      }
      expect(evaluateCondition({ kind: 'rules', condition: c }, JSON.parse(JSON.stringify(facts))), JSON.stringify({ c, facts })).toBe(expected);
    }
  });

  it('reads nested facts by path and compares fact to fact', () => {
    const c = compileCondition('json-rules-engine', '{"all":[{"fact":"nota","path":"$.total","operator":"greaterThan","value":{"fact":"batas"}}]}');
    expect(evaluateCondition(c, { nota: { total: 10 }, batas: 5 })).toBe(true);
    expect(evaluateCondition(c, { nota: { total: 1 }, batas: 5 })).toBe(false);
  });

  it('a plain variable name is true only when the variable is true', () => {
    const c = compileCondition(undefined, 'berkasLengkap');
    expect(evaluateCondition(c, { berkasLengkap: true })).toBe(true);
    expect(evaluateCondition(c, { berkasLengkap: 'true' })).toBe(false);
  });

  it('refuses JavaScript, FEEL and unknown operators', () => {
    expect(() => compileCondition('javascript', 'x > 1')).toThrow(/tidak didukung/);
    expect(() => compileCondition('feel', 'x > 1')).toThrow(/tidak didukung/);
    expect(() => compileCondition(undefined, '${x > 1}')).toThrow();
    expect(() => compileCondition('json-rules-engine', '{"all":[{"fact":"x","operator":"regex","value":"."}]}')).toThrow(/operator/);
  });
});

describe('durations from the SOP "Waktu" column', () => {
  it('parses ISO 8601 durations and adds them on the calendar', () => {
    expect(parseDuration('PT5M')).toMatchObject({ minutes: 5 });
    expect(parseDuration('P1DT2H')).toMatchObject({ days: 1, hours: 2 });
    expect(parseDuration('5 menit')).toBeUndefined();
    expect(addDuration(new Date('2025-01-31T00:00:00Z'), parseDuration('P1M')!).toISOString()).toBe('2025-03-03T00:00:00.000Z');
    expect(parseTimer('timeDate', '2025-01-05')).toMatchObject({ type: 'date', at: new Date('2025-01-04T17:00:00Z') });
    expect(parseTimer('timeCycle', 'R3/PT1H')).toMatchObject({ type: 'cycle', repetitions: 3 });
    expect(parseTimer('timeCycle', 'R/2026-03-02T08:00/P1D')).toMatchObject({ type: 'cycle', repetitions: undefined, start: new Date('2026-03-02T01:00:00Z') });
    expect(parseTimer('timeCycle', 'R3/besok/PT1H')).toBeUndefined();
    expect(parseTimer('timeCycle', 'R/PT0S')).toBeUndefined();
  });
});

describe('when a timer start event fires', () => {
  const effective = new Date('2026-03-02T01:00:00Z');
  const cycle = (text: string) => parseTimer('timeCycle', text)!;

  it('first occurrence: a date at the date, a duration and a cycle one period after the publication takes effect, a dated cycle at its start', () => {
    expect(firstOccurrence(parseTimer('timeDate', '2026-04-01T09:00')!, effective)).toEqual({ dueAt: new Date('2026-04-01T02:00:00Z'), remaining: 1 });
    expect(firstOccurrence(parseTimer('timeDuration', 'P1D')!, effective)).toEqual({ dueAt: new Date('2026-03-03T01:00:00Z'), remaining: 1 });
    expect(firstOccurrence(cycle('R3/PT1H'), effective)).toEqual({ dueAt: new Date('2026-03-02T02:00:00Z'), remaining: 3 });
    expect(firstOccurrence(cycle('R/2026-03-05T08:00/P1D'), effective)).toEqual({ dueAt: new Date('2026-03-05T01:00:00Z'), remaining: null });
    expect(firstOccurrence(cycle('R0/PT1H'), effective)).toBeUndefined();
  });

  it('after a firing: the next period while repetitions are left; missed occurrences collapse into the latest due one', () => {
    const spec = cycle('R3/PT1H');
    const due = { dueAt: new Date('2026-03-02T02:00:00Z'), remaining: 3 };
    expect(latestDue(spec, due, due.dueAt)).toEqual(due);
    expect(followingOccurrence(spec, due)).toEqual({ dueAt: new Date('2026-03-02T03:00:00Z'), remaining: 2 });
    expect(followingOccurrence(spec, { dueAt: due.dueAt, remaining: 1 })).toBeUndefined();
    expect(latestDue(spec, due, new Date('2026-03-02T12:00:00Z'))).toEqual({ dueAt: new Date('2026-03-02T04:00:00Z'), remaining: 1 });
    expect(latestDue(cycle('R/PT1H'), { dueAt: due.dueAt, remaining: null }, new Date('2026-03-02T05:30:00Z'))).toEqual({ dueAt: new Date('2026-03-02T05:00:00Z'), remaining: null });
    expect(timerStartOffices('samsat-serang, samsat-cilegon')).toEqual(['samsat-serang', 'samsat-cilegon']);
    expect(timerStartOffices('${opd}')).toBeUndefined();
  });
});

describe('publish-time validation names what the runtime cannot run', () => {
  const base = (body: string, lanes: Record<string, string[]> = { kasir: ['a'] }, extra = '') => model('v', body, { lanes, extra });

  it('accepts a model of supported elements', async () => {
    const r = await validateModel(base(`${start()}${userTask('a', 'sop:duration="PT5M"')}${end()}${chain('start', 'a', 'end')}`));
    expect(r.errors).toEqual([]);
  });

  it('refuses script tasks, JavaScript conditions, unknown handlers, tasks without a lane role and unsupported elements', async () => {
    const r = await validateModel(
      base(
        `${start()}<bpmn:scriptTask id="skrip" scriptFormat="javascript"><bpmn:script>x=1</bpmn:script></bpmn:scriptTask><bpmn:serviceTask id="svc" sop:handler="kirim-fax" />${userTask('tanpaPeran')}
         <bpmn:complexGateway id="rumit" /><bpmn:transaction id="tx" /><bpmn:exclusiveGateway id="g" />${end()}${end('e2')}
         ${chain('start', 'skrip', 'svc', 'tanpaPeran', 'g')}${flow('r1', 'start', 'rumit')}${flow('r2', 'start', 'rumit')}${flow('f1', 'g', 'end', '${x > 1}')}${flow('f2', 'g', 'e2')}`,
        {},
      ).replace('${x > 1}', '').replace('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">x &gt; 1'),
    );
    const byCode = Object.fromEntries(r.errors.map((e) => [e.element, e.code]));
    expect(byCode).toMatchObject({
      skrip: 'SCRIPT_TASK_REFUSED',
      svc: 'HANDLER_UNKNOWN',
      tanpaPeran: 'TASK_WITHOUT_ROLE',
      // a complex join runs only with an activation condition to say when it fires
      rumit: 'COMPLEX_GATEWAY_INVALID',
      tx: 'UNSUPPORTED_ELEMENT',
      f1: 'CONDITION_INVALID',
      f2: 'FLOW_WITHOUT_CONDITION',
    });
  });

  it('refuses sop:facts on a business rule task that is not a JSON object', async () => {
    const r = await validateModel(base(`${start()}<bpmn:businessRuleTask id="hitung" sop:ruleSet="samsat-fees" sop:resultVariable="nota" sop:facts="service=tahunan" />${end()}${chain('start', 'hitung', 'end')}`));
    expect(r.errors).toEqual([expect.objectContaining({ code: 'FACTS_INVALID', element: 'hitung' })]);
  });

  it('refuses a signal event naming no bpmn:signal, and an event sub-process without a start event, by name', async () => {
    const r = await validateModel(
      base(`${start()}<bpmn:intermediateCatchEvent id="sinyal"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent><bpmn:subProcess id="evsub" triggeredByEvent="true" />${end()}${chain('start', 'sinyal', 'end')}`),
    );
    expect([...new Set(r.errors.map((e) => e.element))].sort()).toEqual(['evsub', 'sinyal']);
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'SIGNAL_MISSING', element: 'sinyal' }));
    expect(r.errors).toContainEqual(expect.objectContaining({ code: 'EVENT_SUBPROCESS_INVALID', element: 'evsub' }));
  });
});

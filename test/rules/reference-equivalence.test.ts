import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateCompiled, evaluateReference, type EvaluationResult, type FactsSchema, type RuleSetDocument } from '../../rules/engine/index.js';
import { FEE_SET_KEYS, loadRuleSet, prng } from './helpers.js';

const INTERESTING = [0, 1, 2, 3, 5, 6, 7, 15, 16, 24, 25, 30, 500, 501, 2500, 2501, 3000, 60000000, 300000000];

/** Random facts drawn from the schema, biased towards the thresholds the rules test. */
function generateFacts(schema: FactsSchema, rand: () => number): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema.properties)) {
    const required = schema.required?.includes(name) ?? false;
    if (!required && rand() < 0.2) continue;
    if (p.enum) facts[name] = p.enum[Math.floor(rand() * p.enum.length)];
    else if (p.format === 'date') facts[name] = randomDate(rand, Date.UTC(2019, 2, 1));
    else if (p.type === 'boolean') facts[name] = rand() < 0.5;
    else if (p.type === 'integer') facts[name] = rand() < 0.6 ? INTERESTING[Math.floor(rand() * INTERESTING.length)] : Math.floor(rand() * 2_000_000_000);
    else if (p.type === 'number') facts[name] = Math.round(rand() * (typeof p.maximum === 'number' ? p.maximum : 1000) * 100) / 100;
    else if (p.type === 'array') facts[name] = ['a', 'b', 'c'].filter(() => rand() < 0.5);
    else facts[name] = `t${Math.floor(rand() * 3)}`;
  }
  // Facts that exclude each other (a due date or months late): mostly only one of them.
  const both = (schema.not as { required?: string[] } | undefined)?.required;
  if (both && both.every((n) => n in facts) && rand() < 0.9) delete facts[both[Math.floor(rand() * both.length)]];
  return facts;
}

function randomDate(rand: () => number, start = Date.UTC(2010, 0, 1)): string {
  const end = Date.UTC(2027, 0, 1);
  return new Date(start + Math.floor(rand() * (end - start))).toISOString().slice(0, 10);
}

type Outcome = { ok: true; value: Omit<EvaluationResult, 'trace'> & { fired: boolean[] } } | { ok: false; code: string };

async function outcome(fn: () => EvaluationResult | Promise<EvaluationResult>): Promise<Outcome> {
  try {
    const { trace, ...rest } = await fn();
    return { ok: true, value: { ...rest, fired: trace.map((t) => t.fired) } };
  } catch (e) {
    return { ok: false, code: String((e as { code?: unknown }).code) };
  }
}

/** A requirements set exercising every operator, nesting, `not`, empty `any` and fact-to-fact comparison. */
const operatorZoo: RuleSetDocument = {
  key: 'operator-zoo',
  title: 'Semua operator',
  kind: 'requirements',
  legalBasis: [{ regulation: 'Uji' }],
  facts: {
    type: 'object',
    properties: {
      a: { type: 'integer', title: 'A' },
      b: { type: 'integer', title: 'B' },
      s: { type: 'string', title: 'S', enum: ['x', 'y', 'z'] },
      flag: { type: 'boolean', title: 'Flag' },
      tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
    },
  },
  versions: [
    {
      effectiveFrom: '2000-01-01',
      rules: [
        { name: 'eq', conditions: { all: [{ fact: 's', operator: 'equal', value: 'x' }] }, event: { type: 'document', params: { code: 'eq', label: 'eq' } } },
        { name: 'ne', conditions: { all: [{ fact: 's', operator: 'notEqual', value: 'x' }] }, event: { type: 'document', params: { code: 'ne', label: 'ne' } } },
        { name: 'in', conditions: { any: [{ fact: 's', operator: 'in', value: ['y', 'z'] }, { fact: 'flag', operator: 'equal', value: true }] }, event: { type: 'document', params: { code: 'in', label: 'in' } } },
        { name: 'notIn', conditions: { all: [{ fact: 's', operator: 'notIn', value: ['y'] }] }, event: { type: 'document', params: { code: 'notin', label: 'notIn' } } },
        { name: 'contains', conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'a' }] }, event: { type: 'document', params: { code: 'contains', label: 'c' } } },
        { name: 'doesNotContain', conditions: { all: [{ fact: 'tags', operator: 'doesNotContain', value: 'b' }] }, event: { type: 'document', params: { code: 'dnc', label: 'd' } } },
        { name: 'lt', conditions: { all: [{ fact: 'a', operator: 'lessThan', value: 500 }] }, event: { type: 'document', params: { code: 'lt', label: 'lt' } } },
        { name: 'lte', conditions: { all: [{ fact: 'a', operator: 'lessThanInclusive', value: 500 }] }, event: { type: 'document', params: { code: 'lte', label: 'lte' } } },
        { name: 'gt', conditions: { all: [{ fact: 'b', operator: 'greaterThan', value: 2500 }] }, event: { type: 'document', params: { code: 'gt', label: 'gt' } } },
        { name: 'gte', conditions: { all: [{ fact: 'b', operator: 'greaterThanInclusive', value: 2500 }] }, event: { type: 'document', params: { code: 'gte', label: 'gte' } } },
        { name: 'a<b', conditions: { all: [{ fact: 'a', operator: 'lessThan', value: { fact: 'b' } }] }, event: { type: 'document', params: { code: 'ab', label: 'ab' } } },
        {
          name: 'nested',
          conditions: { not: { any: [{ all: [{ fact: 'flag', operator: 'equal', value: true }, { fact: 'a', operator: 'greaterThan', value: 5 }] }, { not: { fact: 's', operator: 'equal', value: 'z' } }] } },
          event: { type: 'document', params: { code: 'nested', label: 'n' } },
        },
        { name: 'empty any', conditions: { any: [] }, event: { type: 'document', params: { code: 'empty', label: 'e' } } },
      ],
    },
  ],
};

describe('the compiled engine decides exactly as json-rules-engine (the reference) on generated facts', () => {
  const sets = [...FEE_SET_KEYS.map((k) => loadRuleSet(k)), operatorZoo];

  it.each(sets.map((d) => [d.key, d] as const))('%s: 300 generated fact sets give the same fees, documents and fired rules', async (_key, doc) => {
    const compiled = compileRuleSet(doc);
    const rand = prng(0x5eed + doc.key.length);
    let fired = 0;
    for (let i = 0; i < 300; i++) {
      const facts = generateFacts(doc.facts, rand);
      const at = randomDate(rand);
      const mine = await outcome(() => evaluateCompiled(compiled, facts, at));
      const ref = await outcome(() => evaluateReference(compiled, facts, at, { cache: i % 2 === 0 }));
      expect({ i, facts, at, result: mine }).toEqual({ i, facts, at, result: ref });
      if (mine.ok) fired += mine.value.fired.filter(Boolean).length;
    }
    // the generator must actually make rules fire, or the comparison proves little
    expect(fired).toBeGreaterThan(150);
  });

  it('agrees on the operator zoo for a hand-picked case too (not just generated ones)', async () => {
    const c = compileRuleSet(operatorZoo);
    const facts = { a: 3, b: 2500, s: 'z', flag: false, tags: ['a'] };
    const mine = evaluateCompiled(c, facts, '2024-01-01');
    expect(mine.documents.map((d) => d.code)).toEqual(['ne', 'in', 'notin', 'contains', 'dnc', 'lt', 'lte', 'gte', 'ab', 'nested', 'empty']);
    expect((await evaluateReference(c, facts, '2024-01-01')).documents).toEqual(mine.documents);
  });
});

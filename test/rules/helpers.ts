import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSetDocument } from '../../rules/engine/index.js';

export const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');

export function loadRuleSet(key: string): RuleSetDocument {
  return JSON.parse(readFileSync(path.join(RULES_DIR, `${key}.json`), 'utf8')) as RuleSetDocument;
}

export function shippedRuleSetKeys(): string[] {
  return readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export const FEE_SET_KEYS = ['samsat-fees', 'bphtb-fees', 'bphtb-sppdkb', 'kaloran-reklame', 'kaloran-pemakaman', 'kaloran-imb', 'kaloran-ho'];

/** A deep copy to mutate in a test without touching the shipped file's parsed object. */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** mulberry32: a tiny seeded PRNG, so a failing generated case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A minimal valid fee set to vary in tests of bad input. */
export function miniFeeSet(): RuleSetDocument {
  return {
    key: 'mini-fees',
    title: 'Contoh',
    kind: 'fees',
    legalBasis: [{ regulation: 'Contoh' }],
    facts: {
      type: 'object',
      required: ['amount'],
      properties: {
        amount: { type: 'integer', title: 'Jumlah', minimum: 0 },
        divisor: { type: 'integer', title: 'Pembagi' },
        category: { type: 'string', title: 'Kategori', enum: ['a', 'b'] },
      },
    },
    versions: [
      {
        effectiveFrom: '2024-01-01',
        constants: { rate: '10%' },
        rules: [
          {
            name: 'Fee',
            conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 0 }] },
            event: { type: 'fee', params: { code: 'FEE', label: 'Fee', formula: 'amount × rate', legalBasis: 'Contoh' } },
          },
        ],
      },
    ],
    tests: [{ name: 'ten percent', at: '2024-06-01', facts: { amount: 1000 }, expect: { fees: { FEE: '100' } } }],
  };
}

/**
 * npm run bench:rules — samsat-fees evaluations per second on one core:
 *   compiled   the production path: conditions and formulas compiled once per published period
 *   jre-cached json-rules-engine deciding which rules fire, one Engine per period reused
 *   jre-new    the naive baseline: a new json-rules-engine Engine built on every call
 * All three return the same complete answer (fees in decimal, total, trace); the reference
 * equivalence test proves they agree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleSet, evaluateCompiled, evaluateReference } from '../../rules/engine/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const doc = JSON.parse(readFileSync(path.join(here, '../../rules/samsat-fees.json'), 'utf8'));
const compiled = compileRuleSet(doc, { publication: 1 });
const DURATION_MS = Number(process.env.BENCH_MS ?? 2000);

// A mix like a Samsat counter's day: new cars, renewals, late payments, both tariff periods.
const cases = [
  { at: '2023-05-10', facts: { vehicleType: 'sedan', njkb: 150000000, ownershipOrder: 1, usage: 'private', transfer: 'first', monthsLate: 0 } },
  { at: '2025-03-01', facts: { vehicleType: 'sedan', njkb: 150000000, ownershipOrder: 1, usage: 'private', transfer: 'first', monthsLate: 0 } },
  { at: '2024-06-01', facts: { vehicleType: 'minibus', njkb: 400000000, engineCc: 3000, ownershipOrder: 2, usage: 'private', transfer: 'none', monthsLate: 3 } },
  { at: '2025-02-01', facts: { vehicleType: 'motorcycle', njkb: 20000000, engineCc: 150, usage: 'private', transfer: 'second', monthsLate: 30 } },
];

/** Times `fn`; only awaits when it returns a promise (the compiled path is synchronous). */
async function measure(name: string, fn: (i: number) => unknown): Promise<{ name: string; perSecond: number; calls: number }> {
  const isAsync = fn(0) instanceof Promise;
  // warm up the JIT before timing
  for (let i = 0; i < 2000; i++) {
    const r = fn(i);
    if (isAsync) await r;
  }
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(DURATION_MS) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    if (isAsync) for (let k = 0; k < 200; k++) await fn(calls++);
    else for (let k = 0; k < 200; k++) fn(calls++);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, perSecond: calls / seconds, calls };
}

const results = [
  await measure('compiled (cached per publication)', (i) => {
    const c = cases[i % cases.length];
    return evaluateCompiled(compiled, c.facts, c.at);
  }),
  await measure('json-rules-engine, cached Engine', (i) => {
    const c = cases[i % cases.length];
    return evaluateReference(compiled, c.facts, c.at, { cache: true });
  }),
  await measure('json-rules-engine, new Engine per call', (i) => {
    const c = cases[i % cases.length];
    return evaluateReference(compiled, c.facts, c.at, { cache: false });
  }),
];

const baseline = results[2].perSecond;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(`\nsamsat-fees evaluations per second (one core, ${DURATION_MS} ms each, node ${process.version})\n`);
console.log(`${'engine'.padEnd(42)}${'eval/s'.padStart(12)}${'× baseline'.padStart(13)}`);
console.log('-'.repeat(67));
for (const r of results) console.log(`${r.name.padEnd(42)}${fmt(r.perSecond).padStart(12)}${(r.perSecond / baseline).toFixed(1).padStart(13)}`);
const ok = results[0].perSecond >= 20000 && results[0].perSecond >= 10 * baseline;
console.log(`\ntarget: compiled ≥ 20,000/s and ≥ 10× the new-Engine baseline → ${ok ? 'MET' : 'NOT MET'}`);

import { describe, expect, it } from 'vitest';
import { compileFormula, type FormulaScope } from '../../rules/engine/formula/compile.js';
import { D, parseScalar } from '../../rules/engine/formula/decimal.js';
import { parseFormula } from '../../rules/engine/formula/parse.js';

const scope: FormulaScope = {
  facts: {
    njkb: { type: 'integer', title: 'NJKB' },
    months: { type: 'integer', title: 'Bulan' },
    zero: { type: 'integer', title: 'Nol' },
    vehicleType: { type: 'string', title: 'Jenis', enum: ['sedan', 'bus'] },
  },
  constants: new Map<string, ReturnType<typeof parseScalar> | Map<string, ReturnType<typeof parseScalar>>>([
    ['rate', parseScalar('1.75%')],
    ['bobot', new Map([['sedan', parseScalar('1.05')], ['bus', parseScalar('1.3')]])],
    ['progresif', new Map([['2', parseScalar('2%')], ['5', parseScalar('3.5%')]])],
  ]),
  fees: new Set(['PKB']),
};

function run(src: string, facts: Record<string, unknown> = {}, fees: Record<string, string> = {}): string {
  const f = compileFormula(src, scope);
  expect(f.issues).toEqual([]);
  return f.fn({ facts, fees: new Map(Object.entries(fees).map(([k, v]) => [k, new D(v)])) }).toString();
}

function issues(src: string): string[] {
  return compileFormula(src, scope).issues.map((i) => i.code);
}

describe('fee formulas are parsed by our own parser and computed in decimal', () => {
  it('computes the Samsat PKB of a sedan with NJKB 150,000,000 exactly (no binary floating point)', () => {
    expect(run('njkb × bobot[vehicleType] × rate', { njkb: 150000000, vehicleType: 'sedan' })).toBe('2756250');
    // 0.1 + 0.2 is the classic float trap
    expect(run('0.1 + 0.2')).toBe('0.3');
  });

  it('honours precedence, parentheses, unary minus and both ASCII and regulation symbols', () => {
    expect(run('2 + 3 * 4')).toBe('14');
    expect(run('(2 + 3) × 4')).toBe('20');
    expect(run('10 − 4 ÷ 2')).toBe('8');
    expect(run('-3 + 5')).toBe('2');
    expect(run('1_000_000 / 4')).toBe('250000');
  });

  it('reads percent literals and percent of a term', () => {
    expect(run('200 × 66%')).toBe('132');
    expect(run('(50)% × 10')).toBe('5');
  });

  it('offers min, max and rounding to a unit', () => {
    expect(run('min(months, 24)', { months: 30 })).toBe('24');
    expect(run('max(0, 60 - 100)')).toBe('0');
    expect(run('round(1250, 100)')).toBe('1300');
    expect(run('floor(1299, 100)')).toBe('1200');
    expect(run('ceil(1201, 100)')).toBe('1300');
    expect(run('round(2.5)')).toBe('3');
  });

  it('looks tables up by a string fact or a computed number', () => {
    expect(run('progresif[min(months, 5)]', { months: 9 })).toBe('0.035');
    expect(run('bobot[vehicleType]', { vehicleType: 'bus' })).toBe('1.3');
  });

  it('reads an earlier fee line with fee(code), 0 when that rule did not fire', () => {
    expect(run("fee('PKB') × 66%", {}, { PKB: '1890000' })).toBe('1247400');
    expect(run("fee('PKB') × 66%", {}, {})).toBe('0');
  });

  it('builds a tree, never evaluating text as code', () => {
    expect(parseFormula('a + b * 2')).toMatchObject({ t: 'bin', op: '+', left: { t: 'ref', name: 'a' }, right: { t: 'bin', op: '*' } });
    expect(issues('process.exit(1)')).toContain('FORMULA_SYNTAX');
    expect(issues('constructor')).toEqual(['UNKNOWN_IDENTIFIER']);
  });

  it('refuses formulas that do not parse, with the position', () => {
    const f = compileFormula('njkb × (rate', scope);
    expect(f.issues[0]).toMatchObject({ code: 'FORMULA_SYNTAX' });
    expect(f.issues[0].message).toMatch(/position 13/);
    expect(issues('njkb ×')).toEqual(['FORMULA_SYNTAX']);
    expect(issues('2 $ 3')).toEqual(['FORMULA_SYNTAX']);
    expect(issues('min(1,)')).toEqual(['FORMULA_SYNTAX']);
  });

  it('refuses unknown names, functions, wrong arity and text in arithmetic', () => {
    expect(issues('njkb × tarif')).toEqual(['UNKNOWN_IDENTIFIER']);
    expect(issues('sqrt(njkb)')).toEqual(['UNKNOWN_FUNCTION']);
    expect(issues('round(1, 2, 3)')).toEqual(['FUNCTION_ARITY']);
    expect(issues('vehicleType × 2')).toEqual(['FORMULA_TYPE']);
    expect(issues('bobot × 2')).toEqual(['FORMULA_TYPE']);
    expect(issues("fee('BBNKB')")).toEqual(['FEE_REFERENCE']);
  });

  it('refuses division by a zero constant when compiling and by a zero fact when computing', () => {
    expect(issues('njkb / 0')).toEqual(['DIVISION_BY_ZERO']);
    expect(issues('njkb / (rate - 1.75%)')).toEqual(['DIVISION_BY_ZERO']);
    const f = compileFormula('njkb / zero', scope);
    expect(f.issues).toEqual([]);
    expect(() => f.fn({ facts: { njkb: 1, zero: 0 }, fees: new Map() })).toThrow(expect.objectContaining({ code: 'DIVISION_BY_ZERO' }));
  });

  it('reports a table that lacks a value of the fact it is looked up by', () => {
    const s: FormulaScope = { ...scope, constants: new Map([['bobot', new Map([['sedan', new D(1)]])]]) };
    const f = compileFormula('bobot[vehicleType]', s);
    expect(f.issues.map((i) => i.code)).toEqual(['TABLE_INCOMPLETE']);
    expect(f.issues[0].message).toContain('"bus"');
  });
});

describe('date functions of the formula language (whole months and years, month ends clamped)', () => {
  const dated: FormulaScope = {
    ...scope,
    facts: { ...scope.facts, due: { type: 'string', title: 'Jatuh tempo', format: 'date' }, plain: { type: 'string', title: 'Teks' } },
    perTaxYear: true,
  };
  const at = (src: string, env: { facts?: Record<string, unknown>; at?: string; year?: { taxYear: number; dueDate: string } }): string => {
    const f = compileFormula(src, dated);
    expect(f.issues).toEqual([]);
    return f.fn({ facts: env.facts ?? {}, fees: new Map(), at: env.at, year: env.year }).toString();
  };
  const codes = (src: string, s: FormulaScope = dated): string[] => compileFormula(src, s).issues.map((i) => i.code);

  it('lateMonths: 0 until the due date, every part of a month a whole month, month ends and leap years', () => {
    expect(at('lateMonths(due, at)', { facts: { due: '2024-05-10' }, at: '2024-05-10' })).toBe('0');
    expect(at('lateMonths(due, at)', { facts: { due: '2024-05-10' }, at: '2024-05-11' })).toBe('1');
    expect(at('lateMonths(due, at)', { facts: { due: '2024-01-31' }, at: '2024-02-29' })).toBe('1');
    expect(at('lateMonths(due, at)', { facts: { due: '2024-01-31' }, at: '2024-03-01' })).toBe('2');
    expect(at("lateMonths('2023-01-31', '2023-03-01')", {})).toBe('2');
  });

  it('addMonths, addYears and year: 29 February becomes 28 February', () => {
    expect(at("year(addYears('2024-02-29', 1))", {})).toBe('2025');
    expect(at("lateMonths(addYears('2024-02-29', 1), '2025-03-01')", {})).toBe('1'); // 2025-02-28 → 2025-03-01
    expect(at('lateMonths(addMonths(due, 1), at)', { facts: { due: '2024-01-31' }, at: '2024-03-01' })).toBe('1'); // 2024-02-29 → 2024-03-01
  });

  it('yearsOwed counts the year due and each anniversary up to the date', () => {
    expect(at('yearsOwed(due, at)', { facts: { due: '2023-06-01' }, at: '2025-06-01' })).toBe('3');
    expect(at('yearsOwed(due, at)', { facts: { due: '2023-06-01' }, at: '2025-05-31' })).toBe('2');
    expect(at('yearsOwed(due, at)', { facts: { due: '2025-08-01' }, at: '2025-06-01' })).toBe('1');
  });

  it('a per-tax-year rule reads its year and due date; the amounts stay decimal', () => {
    expect(at('njkb × 2% × min(lateMonths(yearDueDate, at), 15) + taxYear', { facts: { njkb: 1837500 }, at: '2024-05-01', year: { taxYear: 2022, dueDate: '2022-03-10' } })).toBe('553272');
  });

  it('refuses dates in arithmetic, text that is not a date, and the year names outside a per-year rule', () => {
    expect(codes('due + 1')).toEqual(['FORMULA_TYPE']);
    expect(codes('at')).toEqual(['FORMULA_TYPE']);
    expect(codes('lateMonths(plain, at)')).toEqual(['FORMULA_TYPE']);
    expect(codes("lateMonths('2025-02-30', at)")).toEqual(['FORMULA_TYPE']);
    expect(codes('lateMonths(due)')).toEqual(['FUNCTION_ARITY']);
    expect(codes('taxYear', { ...dated, perTaxYear: false })).toEqual(['UNKNOWN_IDENTIFIER']);
    expect(codes('lateMonths(yearDueDate, at)', { ...dated, perTaxYear: false })).toEqual(['UNKNOWN_IDENTIFIER']);
  });

  it('a missing date fact fails the evaluation, not the compilation', () => {
    const f = compileFormula('lateMonths(due, at)', dated);
    expect(() => f.fn({ facts: {}, fees: new Map(), at: '2025-01-01' })).toThrow(expect.objectContaining({ code: 'FACT_MISSING' }));
  });
});

describe('formulas that would exhaust the stack (issue 16, finding 9)', () => {
  it('50,000 brackets, a long minus chain or a 50,000-term sum are a syntax problem, not a crash', () => {
    for (const src of [`${'('.repeat(50_000)}1${')'.repeat(50_000)}`, `${'-'.repeat(50_000)}1`, Array(50_000).fill('1').join(' + '), `${'max(1, '.repeat(2_000)}1${')'.repeat(2_000)}`]) {
      const f = compileFormula(src, scope);
      expect(f.issues.map((i) => i.code)).toEqual(['FORMULA_SYNTAX']);
    }
    expect(() => parseFormula(`${'('.repeat(40)}1${')'.repeat(40)}`)).not.toThrow();
  });
});

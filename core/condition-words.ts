/**
 * A json-rules-engine condition in plain Indonesian for the public ("bila pengurusan dikuasakan
 * kepada orang lain", "luas bangunan (m²) lebih dari 100"), with the facts' titles from the
 * rule set's facts schema. Pure.
 */
export interface FactInfo {
  title?: string;
  /** labels of enum values (oneOf: [{const, title}]) */
  oneOf?: Array<{ const?: unknown; title?: string }>;
}

const OPERATOR_WORDS: Record<string, string> = {
  equal: 'adalah',
  notEqual: 'bukan',
  greaterThan: 'lebih dari',
  greaterThanInclusive: 'paling sedikit',
  lessThan: 'kurang dari',
  lessThanInclusive: 'paling banyak',
  in: 'salah satu dari',
  notIn: 'bukan salah satu dari',
  contains: 'memuat',
  doesNotContain: 'tidak memuat',
};

function valueWords(v: unknown, fact: FactInfo | undefined): string {
  if (Array.isArray(v)) return v.map((x) => valueWords(x, fact)).join(', ');
  const named = fact?.oneOf?.find((o) => o.const === v)?.title;
  if (named) return named;
  if (typeof v === 'number') return v.toLocaleString('id-ID');
  if (typeof v === 'boolean') return v ? 'ya' : 'tidak';
  return String(v);
}

function leafWords(c: { fact?: unknown; operator?: unknown; value?: unknown }, facts: Record<string, FactInfo>): string {
  const name = String(c.fact);
  const fact = facts[name];
  const label = (fact?.title ?? name).replace(/^./, (ch) => ch.toLowerCase());
  const op = String(c.operator);
  if (typeof c.value === 'boolean' && (op === 'equal' || op === 'notEqual')) {
    const yes = (op === 'equal') === c.value;
    return yes ? label : `tidak ${label}`;
  }
  return `${label} ${OPERATOR_WORDS[op] ?? op} ${valueWords(c.value, fact)}`;
}

/** Words for a condition; undefined when there is none (the item always applies). */
export function conditionWords(condition: unknown, facts: Record<string, FactInfo> = {}): string | undefined {
  if (!condition || typeof condition !== 'object') return undefined;
  const c = condition as { all?: unknown[]; any?: unknown[]; not?: unknown; fact?: unknown };
  if (typeof c.fact === 'string') return leafWords(c as { fact: string }, facts);
  const parts = (list: unknown[] | undefined) => (list ?? []).map((x) => conditionWords(x, facts)).filter((x): x is string => !!x);
  if (c.all) {
    const p = parts(c.all);
    return p.length ? p.join(' dan ') : undefined;
  }
  if (c.any) {
    const p = parts(c.any);
    return p.length ? (p.length > 1 ? `${p.join(' atau ')}` : p[0]) : undefined;
  }
  if (c.not) {
    const inner = conditionWords(c.not, facts);
    return inner ? `bukan (${inner})` : undefined;
  }
  return undefined;
}

/**
 * The condition builder's model: rows of (variable, operator, value) joined by all/any, and
 * the json-rules-engine JSON the runtime reads. A condition the rows cannot express (nesting,
 * paths, params) is reported as not representable and stays editable in the raw JSON tab.
 */

export const OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type ValueType = 'boolean' | 'number' | 'string' | 'list';
export type Scalar = string | number | boolean;

export interface ConditionRow {
  fact: string;
  operator: Operator;
  valueType: ValueType;
  /** as typed in the value field; converted by valueType */
  value: string;
}

export interface BuilderModel {
  combinator: 'all' | 'any';
  rows: ConditionRow[];
}

export interface JreLeaf {
  fact: string;
  operator: string;
  value: unknown;
}
export type JreCondition = { all: JreCondition[] } | { any: JreCondition[] } | { not: JreCondition } | JreLeaf;

function isOperator(op: string): op is Operator {
  return (OPERATORS as readonly string[]).includes(op);
}

function valueTypeOf(value: unknown): ValueType | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return 'list';
  return undefined;
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

export class RowError extends Error {
  constructor(public readonly row: number, message: string) {
    super(message);
  }
}

function listItem(s: string): Scalar {
  const t = s.trim();
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}

/** The typed value of a row, or a RowError saying which row is wrong. */
function rowValue(row: ConditionRow, index: number): Scalar | Scalar[] {
  switch (row.valueType) {
    case 'boolean':
      if (row.value !== 'true' && row.value !== 'false') throw new RowError(index, 'Nilai harus ya/tidak');
      return row.value === 'true';
    case 'number': {
      const n = Number(row.value.trim());
      if (row.value.trim() === '' || Number.isNaN(n)) throw new RowError(index, 'Nilai harus angka');
      return n;
    }
    case 'list':
      return row.value.split(',').filter((s) => s.trim() !== '').map(listItem);
    default:
      return row.value;
  }
}

const FACT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function builderToCondition(model: BuilderModel): JreCondition {
  const leaves = model.rows.map((row, i): JreLeaf => {
    if (!FACT.test(row.fact)) throw new RowError(i, 'Nama variabel tidak sah');
    return { fact: row.fact, operator: row.operator, value: rowValue(row, i) };
  });
  return model.combinator === 'all' ? { all: leaves } : { any: leaves };
}

function leafToRow(c: unknown): ConditionRow | undefined {
  if (!c || typeof c !== 'object') return undefined;
  const leaf = c as Record<string, unknown>;
  const keys = Object.keys(leaf).sort().join(',');
  if (keys !== 'fact,operator,value') return undefined;
  if (typeof leaf.fact !== 'string' || typeof leaf.operator !== 'string' || !isOperator(leaf.operator)) return undefined;
  const valueType = valueTypeOf(leaf.value);
  if (!valueType) return undefined;
  return { fact: leaf.fact, operator: leaf.operator, valueType, value: valueText(leaf.value) };
}

/** Rows for a condition, or undefined when only the raw JSON tab can show it faithfully. */
export function conditionToBuilder(condition: unknown): BuilderModel | undefined {
  if (!condition || typeof condition !== 'object') return undefined;
  const c = condition as Record<string, unknown>;
  const single = leafToRow(c);
  if (single) return { combinator: 'all', rows: [single] };
  const keys = Object.keys(c);
  if (keys.length !== 1 || (keys[0] !== 'all' && keys[0] !== 'any')) return undefined;
  const list = c[keys[0]];
  if (!Array.isArray(list)) return undefined;
  const rows = list.map(leafToRow);
  if (rows.some((r) => !r)) return undefined;
  return { combinator: keys[0] as 'all' | 'any', rows: rows as ConditionRow[] };
}

/** The text stored in bpmn:conditionExpression's body (language="json-rules-engine"). */
export function conditionBody(model: BuilderModel): string {
  return JSON.stringify(builderToCondition(model));
}

export function parseConditionBody(body: string): { model?: BuilderModel; json?: unknown; error?: string } {
  try {
    const json: unknown = JSON.parse(body);
    return { json, model: conditionToBuilder(json) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

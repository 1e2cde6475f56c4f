/** The rule-set document as written (see ../schema/ruleset.schema.json and ../README.md). */

export type RuleSetKind = 'requirements' | 'fees' | 'decision';

export interface LegalBasis {
  regulation: string;
  article?: string;
  text?: string;
  link?: string;
}

export interface FactProperty {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  title: string;
  enum?: unknown[];
  default?: unknown;
  [keyword: string]: unknown;
}

export interface FactsSchema {
  type: 'object';
  required?: string[];
  properties: Record<string, FactProperty>;
  [keyword: string]: unknown;
}

export type Scalar = number | string;
export type Constant = Scalar | Record<string, Scalar>;

export interface LeafCondition {
  fact: string;
  operator: string;
  value: unknown;
}
export type BooleanCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type Condition = LeafCondition | BooleanCondition;

export interface Rounding {
  mode?: 'down' | 'up' | 'half-up';
  unit?: number;
}

export interface FeeEvent {
  type: 'fee';
  params: { code: string; label: string; formula: string; legalBasis: string; rounding?: Rounding; assumption?: boolean; note?: string };
}
export interface DocumentEvent {
  type: 'document';
  params: { code: string; label: string; required?: boolean; note?: string; upload?: boolean };
}
export interface DecisionEvent {
  type: 'decision';
  params: { variable: string; value: unknown };
}
export type RuleEvent = FeeEvent | DocumentEvent | DecisionEvent;

export interface Rule {
  name: string;
  description?: string;
  conditions?: BooleanCondition;
  event: RuleEvent;
}

export interface Period {
  effectiveFrom: string;
  effectiveTo?: string;
  label?: string;
  assumption?: boolean;
  assumptionNotes?: string[];
  legalBasis?: LegalBasis[];
  constants?: Record<string, Constant>;
  rules: Rule[];
}

export interface TestExpectation {
  fees?: Record<string, Scalar>;
  total?: Scalar;
  documents?: string[];
  decisions?: Record<string, unknown>;
  error?: string;
}

export interface TestCase {
  name: string;
  at: string;
  facts: Record<string, unknown>;
  expect: TestExpectation;
}

export interface RuleSetDocument {
  key: string;
  title: string;
  description?: string;
  agency?: string;
  status?: 'perlu-verifikasi';
  source?: string;
  verificationNote?: string;
  kind: RuleSetKind;
  legalBasis: LegalBasis[];
  facts: FactsSchema;
  versions: Period[];
  tests?: TestCase[];
}

export type Facts = Record<string, unknown>;

/* ---- the answer ---- */

export interface ConditionTrace {
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean;
}

export type TraceAdds =
  | { type: 'fee'; code: string; formula: string; value: string; amount: string }
  | { type: 'document'; code: string }
  | { type: 'decision'; variable: string; value: unknown; applied: boolean };

export interface TraceEntry {
  rule: string;
  path: string;
  fired: boolean;
  conditions: ConditionTrace[];
  adds?: TraceAdds;
}

export interface DocumentLine {
  code: string;
  label: string;
  required: boolean;
  conditional: boolean;
  note?: string;
  upload?: boolean;
}

export interface FeeLine {
  code: string;
  label: string;
  amount: string;
  legalBasis: string;
  assumption?: boolean;
  note?: string;
}

export interface EvaluationResult {
  ruleSet: {
    key: string;
    title: string;
    kind: RuleSetKind;
    publication: number | null;
    period: { effectiveFrom: string; effectiveTo: string | null; assumption: boolean; assumptionNotes: string[] };
  };
  at: string;
  facts: Facts;
  documents: DocumentLine[];
  fees: FeeLine[];
  total: string;
  decisions: Record<string, unknown>;
  trace: TraceEntry[];
}

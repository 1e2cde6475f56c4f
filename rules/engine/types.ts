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
  params: {
    code: string;
    label: string;
    formula: string;
    legalBasis: string;
    rounding?: Rounding;
    assumption?: boolean;
    note?: string;
    /** leave the line off the nota when it comes to 0 (a late fee of a year paid on time) */
    omitWhenZero?: boolean;
  };
}
export interface DocumentEvent {
  type: 'document';
  params: { code: string; label: string; required?: boolean; note?: string; upload?: boolean };
}
export interface DecisionEvent {
  type: 'decision';
  params: { variable: string; value: unknown };
}
/** A text in both languages of the product: Bahasa Indonesia (`id`, the default) and English. */
export interface LocalText {
  id: string;
  en: string;
}
export type Lang = keyof LocalText;
/**
 * Eligibility: the service is not available for these facts (outside the office's remit).
 * Allowed in requirement and fee sets; when one fires the answer is `eligible: false`.
 */
export interface IneligibleEvent {
  type: 'ineligible';
  params: { code: string; message: LocalText; legalBasis: string; redirect?: LocalText };
}
export type RuleEvent = FeeEvent | DocumentEvent | DecisionEvent | IneligibleEvent;

export interface Rule {
  name: string;
  description?: string;
  conditions?: BooleanCondition;
  event: RuleEvent;
  /**
   * Fee rules only: fires once per tax year owed (see RuleSetDocument.taxYears), with
   * `taxYear`, `yearDueDate` and the constants of the period in force on that year's due date.
   */
  perTaxYear?: boolean;
}

/** A fact a period needs only in some cases (e.g. engine size where a progressive rate exists). */
export interface RequiredFact {
  fact: string;
  when?: BooleanCondition;
  message?: string;
}

export interface Period {
  effectiveFrom: string;
  effectiveTo?: string;
  label?: string;
  assumption?: boolean;
  assumptionNotes?: string[];
  legalBasis?: LegalBasis[];
  constants?: Record<string, Constant>;
  requiredFacts?: RequiredFact[];
  rules: Rule[];
}

/** One expected fee line; a list of them can test repeated codes (one PKB per tax year). */
export interface ExpectedFeeLine {
  code: string;
  amount: Scalar;
  label?: string;
}

export interface TestExpectation {
  /** code → amount (the sum of that code's lines), or the list of lines */
  fees?: Record<string, Scalar> | ExpectedFeeLine[];
  total?: Scalar;
  documents?: string[];
  decisions?: Record<string, unknown>;
  /** whether the service is available for the facts */
  eligible?: boolean;
  /** the codes of the ineligibility reasons, exactly */
  reasons?: string[];
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
  /**
   * where tax years come from: the date fact holding the due date of the oldest year owed, and
   * optionally the integer fact with the months late of one year typed without its due date
   */
  taxYears?: { dueDateFact: string; monthsLateFact?: string };
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
  | { type: 'decision'; variable: string; value: unknown; applied: boolean }
  | { type: 'ineligible'; code: string };

export interface TraceEntry {
  rule: string;
  path: string;
  /** perTaxYear rules: the tax year this entry is for */
  taxYear?: number;
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

/** The period (tariff) a line or an answer was computed under. */
export interface PeriodRef {
  effectiveFrom: string;
  effectiveTo: string | null;
  label?: string;
}

export interface FeeLine {
  code: string;
  label: string;
  amount: string;
  legalBasis: string;
  assumption?: boolean;
  note?: string;
  /** the period whose rule and constants computed this line */
  period: PeriodRef;
  /** perTaxYear lines when the set has tax years from a due date */
  taxYear?: number;
  dueDate?: string;
}

export interface TaxYearOwed {
  taxYear: number;
  dueDate: string;
  monthsLate: number;
  period: PeriodRef;
}

/** Why the service is not available, in the language asked for. */
export interface IneligibleReason {
  code: string;
  message: string;
  legalBasis: string;
  /** where to go instead, when the source says */
  redirect?: string;
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
  /** false when an `ineligible` rule fired: then documents and fees are empty and total is "0" */
  eligible: boolean;
  reasons: IneligibleReason[];
  documents: DocumentLine[];
  fees: FeeLine[];
  total: string;
  /** the tax years owed, when the set counts them from a due date */
  taxYears?: TaxYearOwed[];
  decisions: Record<string, unknown>;
  trace: TraceEntry[];
}

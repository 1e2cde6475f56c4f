import type { FastifyInstance } from 'fastify';
import { requireRole } from '../plugins/auth.js';
import { DATE_PATTERN } from '../services/dates.js';
import { ruleSetService, testRuleSetDraft } from '../services/rules.js';
import { KEY_PATTERN } from '../services/store.js';
import { errorResponses, issue } from './schemas.js';

const keyParams = { type: 'object', properties: { key: { type: 'string', pattern: KEY_PATTERN } }, required: ['key'], additionalProperties: false } as const;
const open = { type: 'object', additionalProperties: true } as const;

/** The period (tariff) a fee line or a tax year was computed under. */
const periodRef = {
  type: 'object',
  properties: { effectiveFrom: { type: 'string' }, effectiveTo: { type: ['string', 'null'] }, label: { type: 'string' } },
  required: ['effectiveFrom', 'effectiveTo'],
} as const;

const evaluationAnswer = {
  type: 'object',
  properties: {
    ruleSet: {
      type: 'object',
      properties: {
        key: { type: 'string' },
        title: { type: 'string' },
        kind: { type: 'string' },
        publication: { type: ['integer', 'null'] },
        period: {
          type: 'object',
          properties: {
            effectiveFrom: { type: 'string' },
            effectiveTo: { type: ['string', 'null'] },
            assumption: { type: 'boolean' },
            assumptionNotes: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    at: { type: 'string' },
    facts: open,
    documents: { type: 'array', items: open },
    fees: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          label: { type: 'string' },
          amount: { type: 'string' },
          legalBasis: { type: 'string' },
          assumption: { type: 'boolean' },
          note: { type: 'string' },
          period: periodRef,
          taxYear: { type: 'integer', description: 'the tax year of a per-year line (PKB, DENDA-PKB, OPSEN-PKB, SWDKLLJ in arrears)' },
          dueDate: { type: 'string', description: 'that tax year’s due date' },
        },
        required: ['code', 'label', 'amount', 'legalBasis', 'period'],
      },
    },
    total: { type: 'string' },
    taxYears: {
      type: 'array',
      description: 'the tax years owed, when the rule set counts them from a due date',
      items: { type: 'object', properties: { taxYear: { type: 'integer' }, dueDate: { type: 'string' }, monthsLate: { type: 'integer' }, period: periodRef }, required: ['taxYear', 'dueDate', 'monthsLate', 'period'] },
    },
    decisions: open,
    trace: { type: 'array', items: open },
  },
  required: ['ruleSet', 'at', 'documents', 'fees', 'total', 'decisions', 'trace'],
} as const;

const testAnswer = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    passed: { type: 'integer' },
    failed: { type: 'integer' },
    issues: { type: 'array', items: issue },
    warnings: { type: 'array', items: issue },
    outcomes: { type: 'array', items: open },
  },
  required: ['ok', 'passed', 'failed', 'issues', 'warnings', 'outcomes'],
} as const;

// The applicant's fee calculator is public, so it is rate limited per client address.
const EVALUATE_LIMIT = Number(process.env.RULES_EVALUATE_RATE_LIMIT ?? 120);

export default async function rulesetEvalRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { key: string }; Body: { facts: Record<string, unknown>; at?: string } }>(
    '/api/rulesets/:key/evaluate',
    {
      config: { rateLimit: { max: EVALUATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['rulesets'],
        summary: 'Menghitung aturan terbit (persyaratan, biaya, keputusan) untuk fakta dan tanggal permohonan',
        params: keyParams,
        body: {
          type: 'object',
          properties: { facts: { type: 'object', additionalProperties: true }, at: { type: 'string', pattern: DATE_PATTERN } },
          required: ['facts'],
          additionalProperties: false,
        },
        response: { 200: evaluationAnswer, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request) => ruleSetService(app.db).evaluate(request.params.key, request.body.facts, request.body.at),
  );

  app.post<{ Params: { key: string }; Body: { document?: unknown } | undefined }>(
    '/api/rulesets/:key/test',
    {
      preHandler: [app.authenticate, requireRole('admin', 'manager')],
      schema: {
        tags: ['rulesets'],
        summary: 'Menjalankan kasus uji draf aturan (atau dokumen yang dikirim, belum disimpan) tanpa menerbitkan',
        params: keyParams,
        body: { type: 'object', properties: { document: { type: 'object', additionalProperties: true } }, additionalProperties: false },
        response: { 200: testAnswer, ...errorResponses },
      },
    },
    async (request) => testRuleSetDraft(app.db, request.params.key, request.body?.document),
  );
}

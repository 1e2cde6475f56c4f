import type { FastifyInstance } from 'fastify';
import { requireRole } from '../plugins/auth.js';
import { DATE_PATTERN } from '../services/dates.js';
import { ruleSetService, testRuleSetDraft } from '../services/rules.js';
import { KEY_PATTERN } from '../services/store.js';
import { errorResponses, Issue } from '../../contracts/common.js';
import type { Lang } from '../../rules/engine/index.js';

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
    eligible: { type: 'boolean', description: 'false: the service is not available for these facts (outside the office\'s remit); documents and fees are then empty and total is "0"' },
    reasons: {
      type: 'array',
      description: 'Why the service is not available, in the language of the request (Accept-Language or `lang`; Indonesian by default)',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, message: { type: 'string' }, legalBasis: { type: 'string' }, redirect: { type: 'string' } },
        required: ['code', 'message', 'legalBasis'],
      },
    },
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
  required: ['ruleSet', 'at', 'eligible', 'reasons', 'documents', 'fees', 'total', 'decisions', 'trace'],
} as const;

/** The language of eligibility reasons: `lang` if given, else the first of id/en in Accept-Language, else Indonesian. */
function requestLang(lang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (lang === 'en' || lang === 'id') return lang;
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const t of tags) {
    if (t.tag === 'en' || t.tag.startsWith('en-')) return 'en';
    if (t.tag === 'id' || t.tag.startsWith('id-')) return 'id';
  }
  return 'id';
}

const testAnswer = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    passed: { type: 'integer' },
    failed: { type: 'integer' },
    issues: { type: 'array', items: Issue },
    warnings: { type: 'array', items: Issue },
    outcomes: { type: 'array', items: open },
  },
  required: ['ok', 'passed', 'failed', 'issues', 'warnings', 'outcomes'],
} as const;

// The applicant's fee calculator is public, so it is rate limited per client address.
const EVALUATE_LIMIT = Number(process.env.RULES_EVALUATE_RATE_LIMIT ?? 120);

export default async function rulesetEvalRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { key: string }; Body: { facts: Record<string, unknown>; at?: string; lang?: Lang } }>(
    '/api/rulesets/:key/evaluate',
    {
      config: { rateLimit: { max: EVALUATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['rulesets'],
        summary: 'Menghitung aturan terbit (persyaratan, biaya, keputusan) untuk fakta dan tanggal permohonan',
        params: keyParams,
        body: {
          type: 'object',
          properties: {
            facts: { type: 'object', additionalProperties: true },
            at: { type: 'string', pattern: DATE_PATTERN },
            lang: { type: 'string', enum: ['id', 'en'], description: 'language of the eligibility reasons (else Accept-Language, else id)' },
          },
          required: ['facts'],
          additionalProperties: false,
        },
        response: { 200: evaluationAnswer, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request) =>
      ruleSetService(app.db).evaluate(request.params.key, request.body.facts, request.body.at, undefined, requestLang(request.body.lang, request.headers['accept-language'])),
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

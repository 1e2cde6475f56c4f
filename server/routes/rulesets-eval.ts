import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../plugins/auth.js';
import { DATE_PATTERN } from '../services/offices/dates.js';
import { ruleSetService, testRuleSetDraft } from '../services/store/rules.js';
import { KEY_PATTERN } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import { EvaluateBody, Evaluation, TestAnswer, TestBody } from '../../contracts/rules.js';
import { KeyParams } from '../../contracts/store.js';
import type { Lang } from '../../rules/engine/index.js';

const keyParams = KeyParams(KEY_PATTERN);

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

// The applicant's fee calculator is public, so it is rate limited per client address.
const EVALUATE_LIMIT = Number(process.env.RULES_EVALUATE_RATE_LIMIT ?? 120);

export default async function rulesetEvalRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/rulesets/:key/evaluate',
    {
      config: { rateLimit: { max: EVALUATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['rulesets'],
        summary: 'Menghitung aturan terbit (persyaratan, biaya, keputusan) untuk fakta dan tanggal permohonan',
        params: keyParams,
        body: EvaluateBody(DATE_PATTERN),
        response: { 200: Evaluation, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request) =>
      ruleSetService(app.db).evaluate(request.params.key, request.body.facts, request.body.at, undefined, requestLang(request.body.lang, request.headers['accept-language'])),
  );

  app.post(
    '/api/rulesets/:key/test',
    {
      preHandler: [app.authenticate, requireRole('admin', 'manager')],
      schema: {
        tags: ['rulesets'],
        summary: 'Menjalankan kasus uji draf aturan (atau dokumen yang dikirim, belum disimpan) tanpa menerbitkan',
        params: keyParams,
        body: TestBody,
        response: { 200: TestAnswer, ...errorResponses },
      },
    },
    async (request) => testRuleSetDraft(app.db, request.params.key, request.body?.document),
  );
}

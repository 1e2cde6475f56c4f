import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { requireRole } from '../plugins/auth.js';
import { requiresApproval, submitForApproval } from '../services/approvals.js';
import { changelog } from '../services/changelog.js';
import { DATE_PATTERN } from '../services/dates.js';
import {
  getDraft,
  getPublication,
  KEY_PATTERN,
  listDocuments,
  listPublications,
  publicationStates,
  publish,
  saveDraft,
  type DocumentKind,
  type LegalBasis,
  type PublicationMeta,
} from '../services/store.js';
import { errorResponses, issue } from './schemas.js';

const keyParams = { type: 'object', properties: { key: { type: 'string', pattern: KEY_PATTERN } }, required: ['key'], additionalProperties: false } as const;

const publicationMeta = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    n: { type: 'integer' },
    sha256: { type: 'string' },
    note: { type: 'string' },
    effectiveFrom: { type: 'string' },
    publishedBy: { type: 'string' },
    publishedAt: { type: 'string', format: 'date-time' },
    legalBasis: {
      type: ['object', 'null'],
      properties: { regulation: { type: 'string' }, article: { type: 'string' }, date: { type: 'string' } },
    },
  },
  required: ['key', 'n', 'sha256', 'note', 'effectiveFrom', 'publishedBy', 'publishedAt', 'legalBasis'],
} as const;

const state = { type: 'string', enum: ['in-force', 'scheduled', 'superseded'] } as const;

const changeItem = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    subject: { type: 'string' },
    name: { type: 'string' },
    period: { type: 'string' },
    before: { type: 'string' },
    after: { type: 'string' },
  },
  required: ['kind'],
} as const;

/** The publish body's legal basis: regulation number, article, the regulation's date. */
const legalBasisBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    regulation: { type: 'string', maxLength: 500 },
    article: { type: 'string', maxLength: 500 },
    date: { type: 'string', anyOf: [{ pattern: DATE_PATTERN }, { maxLength: 0 }] },
  },
} as const;

const summary = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    agency: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['draft', 'published', 'perlu-verifikasi'] },
    latestVersion: { type: ['integer', 'null'] },
    hasDraft: { type: 'boolean' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
  required: ['key', 'name', 'agency', 'status', 'latestVersion', 'hasDraft', 'updatedAt', 'updatedBy'],
} as const;

const saveAnswer = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    revision: { type: 'integer' },
    status: { type: 'string' },
    sha256: { type: 'string' },
    warnings: { type: 'array', items: issue },
  },
  required: ['key', 'revision', 'status', 'sha256', 'warnings'],
} as const;

/** `"3"`, `W/"3"` or `3` → 3; anything else is a malformed precondition. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw new AppError('BAD_REQUEST', 'If-Match harus berupa revisi draf, misalnya "3"', { ifMatch: header });
  return Number(m[1]);
}

function etag(reply: FastifyReply, revision: number): void {
  void reply.header('etag', `"${revision}"`);
}

function metaOut(p: PublicationMeta) {
  return { ...p, publishedAt: p.publishedAt.toISOString() };
}

/**
 * Draft and publication routes, identical for both kinds of document:
 * processes (BPMN XML) under /api/processes, rule sets (JSON) under /api/rulesets.
 */
function storeRoutes(kind: DocumentKind, base: string, tag: string) {
  return async function (app: FastifyInstance): Promise<void> {
    const editors = [app.authenticate, requireRole('admin', 'manager')];

    app.get(
      base,
      {
        preHandler: app.authenticate,
        schema: { tags: [tag], summary: 'Daftar dokumen: kunci, nama, versi terbit terakhir, status draf', response: { 200: { type: 'array', items: summary }, ...errorResponses } },
      },
      async () => (await listDocuments(app.db, kind)).map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString() })),
    );

    app.get<{ Params: { key: string } }>(
      `${base}/:key/draft`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Isi draf (ETag = revisi)',
          params: keyParams,
          response: { 200: kind === 'process' ? { type: 'string' } : { type: 'object', additionalProperties: true }, ...errorResponses },
        },
      },
      async (request, reply) => {
        const draft = await getDraft(app.db, kind, request.params.key);
        etag(reply, draft.revision);
        void reply.header('x-draft-status', draft.status);
        void reply.header('x-updated-by', encodeURIComponent(draft.updatedBy));
        void reply.header('x-updated-at', draft.updatedAt.toISOString());
        if (kind === 'process') return reply.type('application/xml; charset=utf-8').send(draft.content);
        return reply.type('application/json; charset=utf-8').send(draft.content);
      },
    );

    app.put<{ Params: { key: string }; Body: unknown }>(
      `${base}/:key/draft`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: kind === 'process' ? 'Simpan draf BPMN (XML mentah; If-Match untuk draf yang ada)' : 'Simpan draf aturan (dokumen JSON; If-Match untuk draf yang ada)',
          params: keyParams,
          headers: { type: 'object', properties: { 'if-match': { type: 'string' } } },
          body: kind === 'process' ? { type: 'string' } : { type: 'object' },
          response: { 200: saveAnswer, 201: saveAnswer, ...errorResponses },
        },
      },
      async (request, reply) => {
        const content = kind === 'process' ? (request.body as string) : JSON.stringify(request.body, null, 2);
        const saved = await saveDraft(app.db, {
          kind,
          key: request.params.key,
          content,
          ifMatch: parseIfMatch(request.headers['if-match']),
          actor: request.user!.username,
        });
        etag(reply, saved.draft.revision);
        return reply.status(saved.created ? 201 : 200).send({
          key: saved.draft.key,
          revision: saved.draft.revision,
          status: saved.draft.status,
          sha256: saved.draft.sha256,
          warnings: saved.warnings,
        });
      },
    );

    app.post<{ Params: { key: string }; Body: { effectiveFrom?: string; note?: string; legalBasis?: LegalBasis } }>(
      `${base}/:key/publish`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Terbitkan draf sebagai versi n+1 (tidak dapat diubah); bila dokumen mensyaratkan persetujuan: 202 dengan pengajuan yang menunggu persetujuan orang kedua',
          params: keyParams,
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { effectiveFrom: { type: 'string', pattern: DATE_PATTERN }, note: { type: 'string', maxLength: 2000 }, legalBasis: legalBasisBody },
          },
          response: {
            201: { type: 'object', properties: { ...publicationMeta.properties, version: { type: 'integer' }, warnings: { type: 'array', items: issue } }, required: ['key', 'version', 'n'] },
            202: { type: 'object', properties: { approval: { type: 'object', additionalProperties: true } }, required: ['approval'] },
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        // Two people for a publication (issue 19): the publish becomes a submission for approval.
        if (await requiresApproval(app.db, kind, request.params.key)) {
          const approval = await submitForApproval(app.db, { kind, key: request.params.key, ...body, actor: request.user!.username });
          return reply.status(202).send({ approval });
        }
        const result = await publish(app.db, {
          kind,
          key: request.params.key,
          effectiveFrom: body.effectiveFrom,
          note: body.note,
          legalBasis: body.legalBasis,
          actor: request.user!.username,
        });
        return reply.status(201).send({ ...metaOut(result.publication), version: result.publication.n, warnings: result.warnings });
      },
    );

    app.get<{ Params: { key: string } }>(
      `${base}/:key/versions`,
      {
        preHandler: app.authenticate,
        schema: {
          tags: [tag],
          summary: 'Daftar versi terbit; state: in-force (berlaku hari ini), scheduled (terjadwal), superseded',
          params: keyParams,
          response: { 200: { type: 'array', items: { type: 'object', properties: { ...publicationMeta.properties, state }, required: [...publicationMeta.required, 'state'] } }, ...errorResponses },
        },
      },
      async (request) => {
        const pubs = await listPublications(app.db, kind, request.params.key);
        const states = publicationStates(pubs);
        return pubs.map((p) => ({ ...metaOut(p), state: states.get(p.n) ?? 'superseded' }));
      },
    );

    app.get<{ Params: { key: string } }>(
      `${base}/:key/changelog`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Riwayat perubahan: setiap versi terbit dengan dasar hukum, tanggal berlaku, penerbit, catatan dan ringkasan perubahan',
          params: keyParams,
          response: {
            200: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  ...publicationMeta.properties,
                  state,
                  summary: { type: 'array', items: changeItem },
                  approval: {
                    type: 'object',
                    properties: { id: { type: 'string' }, submittedBy: { type: 'string' }, submittedAt: { type: 'string' }, decidedBy: { type: ['string', 'null'] }, decidedAt: { type: ['string', 'null'] } },
                  },
                },
                required: [...publicationMeta.required, 'state', 'summary'],
              },
            },
            ...errorResponses,
          },
        },
      },
      async (request) => (await changelog(app.db, kind, request.params.key)).map((e) => ({ ...e, publishedAt: e.publishedAt.toISOString() })),
    );

    app.get<{ Params: { key: string; n: number } }>(
      `${base}/:key/versions/:n`,
      {
        preHandler: app.authenticate,
        schema: {
          tags: [tag],
          summary: 'Satu versi terbit: isi dan metadata (siapa, kapan, catatan, berlaku mulai, sha256)',
          params: {
            type: 'object',
            properties: { key: { type: 'string', pattern: KEY_PATTERN }, n: { type: 'integer', minimum: 1 } },
            required: ['key', 'n'],
            additionalProperties: false,
          },
          response: { 200: { type: 'object', properties: { ...publicationMeta.properties, content: { type: 'string' } }, required: [...publicationMeta.required, 'content'] }, ...errorResponses },
        },
      },
      async (request) => metaOut(await getPublication(app.db, kind, request.params.key, request.params.n)) as ReturnType<typeof metaOut> & { content: string },
    );
  };
}

export const processStoreRoutes = storeRoutes('process', '/api/processes', 'processes');
export const rulesetStoreRoutes = storeRoutes('ruleset', '/api/rulesets', 'rulesets');

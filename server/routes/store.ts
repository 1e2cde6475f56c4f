import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, preHandlerHookHandler } from 'fastify';
import type { TypedApp } from './typed-app.js';
import { AppError } from '../errors.js';
import { requirePolicy, requireRole } from '../plugins/auth.js';
import { mayEditProcesses } from '../../core/access.js';
import { requiresApproval, submitForApproval } from '../services/store/approvals.js';
import { changelog } from '../services/store/changelog.js';
import { DATE_PATTERN } from '../services/offices/dates.js';
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
  type PublicationMeta,
} from '../services/store/store.js';
import { CONTENT_VALIDATORS } from '../services/store/validators.js';
import { errorResponses } from '../../contracts/common.js';
import { OpenObject } from '../../contracts/schema.js';
import {
  ChangelogEntry,
  DocumentSummary,
  KeyParams,
  Publication,
  PublicationVersion,
  PublishAnswer,
  PublishBody,
  PublishSubmitted,
  SaveAnswer,
  VersionParams,
} from '../../contracts/store.js';

const keyParams = KeyParams(KEY_PATTERN);

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
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const editors = [app.authenticate, requireRole('admin', 'manager')];
    // who changes what every office runs (core/access.ts): admins and managers of every office
    const writers = [app.authenticate, requirePolicy(mayEditProcesses)];

    app.get(
      base,
      {
        preHandler: app.authenticate,
        schema: { tags: [tag], summary: 'Daftar dokumen: kunci, nama, versi terbit terakhir, status draf', response: { 200: Type.Array(DocumentSummary), ...errorResponses } },
      },
      async () => (await listDocuments(app.db, kind)).map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString() })),
    );

    app.get(
      `${base}/:key/draft`,
      {
        preHandler: editors,
        schema: {
          tags: [tag],
          summary: 'Isi draf (ETag = revisi)',
          params: keyParams,
          response: { 200: kind === 'process' ? Type.String() : OpenObject(), ...errorResponses },
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

    app.put(
      `${base}/:key/draft`,
      {
        preHandler: writers,
        schema: {
          tags: [tag],
          summary: kind === 'process' ? 'Simpan draf BPMN (XML mentah; If-Match untuk draf yang ada)' : 'Simpan draf aturan (dokumen JSON; If-Match untuk draf yang ada)',
          params: keyParams,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
          body: kind === 'process' ? Type.String() : Type.Unsafe<object>({ type: 'object' }),
          response: { 200: SaveAnswer, 201: SaveAnswer, ...errorResponses },
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
          validators: CONTENT_VALIDATORS,
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

    app.post(
      `${base}/:key/publish`,
      {
        preHandler: writers,
        schema: {
          tags: [tag],
          summary: 'Terbitkan draf sebagai versi n+1 (tidak dapat diubah); bila dokumen mensyaratkan persetujuan: 202 dengan pengajuan yang menunggu persetujuan orang kedua',
          params: keyParams,
          body: PublishBody(DATE_PATTERN),
          response: { 201: PublishAnswer, 202: PublishSubmitted, ...errorResponses },
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
          validators: CONTENT_VALIDATORS,
        });
        return reply.status(201).send({ ...metaOut(result.publication), version: result.publication.n, warnings: result.warnings });
      },
    );

    publicationRoutes(app, kind, base, tag, editors);
  };
}

/** A document's published versions: the list with their state, the change history, one version. */
function publicationRoutes(app: TypedApp, kind: DocumentKind, base: string, tag: string, editors: preHandlerHookHandler[]): void {
  app.get(
    `${base}/:key/versions`,
    {
      preHandler: app.authenticate,
      schema: {
        tags: [tag],
        summary: 'Daftar versi terbit; state: in-force (berlaku hari ini), scheduled (terjadwal), superseded',
        params: keyParams,
        response: { 200: Type.Array(PublicationVersion), ...errorResponses },
      },
    },
    async (request) => {
      const pubs = await listPublications(app.db, kind, request.params.key);
      const states = publicationStates(pubs);
      return pubs.map((p) => ({ ...metaOut(p), state: states.get(p.n) ?? 'superseded' }));
    },
  );

  app.get(
    `${base}/:key/changelog`,
    {
      preHandler: editors,
      schema: {
        tags: [tag],
        summary: 'Riwayat perubahan: setiap versi terbit dengan dasar hukum, tanggal berlaku, penerbit, catatan dan ringkasan perubahan',
        params: keyParams,
        response: { 200: Type.Array(ChangelogEntry), ...errorResponses },
      },
    },
    async (request) => (await changelog(app.db, kind, request.params.key)).map((e) => ({ ...e, publishedAt: e.publishedAt.toISOString() })),
  );

  app.get(
    `${base}/:key/versions/:n`,
    {
      preHandler: app.authenticate,
      schema: {
        tags: [tag],
        summary: 'Satu versi terbit: isi dan metadata (siapa, kapan, catatan, berlaku mulai, sha256)',
        params: VersionParams(KEY_PATTERN),
        response: { 200: Publication, ...errorResponses },
      },
    },
    async (request) => metaOut(await getPublication(app.db, kind, request.params.key, request.params.n)) as ReturnType<typeof metaOut> & { content: string },
  );
}

export const processStoreRoutes = storeRoutes('process', '/api/processes', 'processes');
export const rulesetStoreRoutes = storeRoutes('ruleset', '/api/rulesets', 'rulesets');

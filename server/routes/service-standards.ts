import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { CALCULATOR_JS, serviceStandardHtml, serviceStandardPdf } from '../documents/service-standard.js';
import { escapeHtml } from '../documents/sop-document.js';
import { requirePolicy, requireRole } from '../plugins/auth.js';
import { mayEditProcesses } from '../../core/access.js';
import { MANAGEMENT_COMPONENTS, publishedServices, saveManagementTexts, serviceStandard, type ManagementTexts } from '../services/publications/service-standard.js';
import { KEY_PATTERN } from '../services/store/store.js';
import { errorResponses } from '../../contracts/common.js';
import { contentDisposition } from '../../core/content-disposition.js';
import { ManagementSchemas, OfficeQuery, PageKeyParams, StandardAnswer } from '../../contracts/service-standards.js';
import { KeyParams } from '../../contracts/store.js';

const keyParams = KeyParams(KEY_PATTERN);
const { TextsAnswer, TextsBody, RevisionAnswer } = ManagementSchemas(MANAGEMENT_COMPONENTS);

/**
 * The service standard (Standar Pelayanan, Permenpan-RB 15/2014, issue 20): public pages
 * (no log-in) generated from what is published, a PDF with the maklumat pelayanan, and the
 * editable management components (admins and managers).
 */
export default async function serviceStandardRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const editors = [app.authenticate, requireRole('admin', 'manager')];
  // who changes what every office runs (core/access.ts): admins and managers of every office
  const writers = [app.authenticate, requirePolicy(mayEditProcesses)];

  app.get('/standar-pelayanan', { schema: { tags: ['public'], summary: 'Daftar standar pelayanan (halaman publik)' } }, async (_request, reply) => {
    const services = await publishedServices(app.db);
    const items = services.map((s) => `<li><a href="/standar-pelayanan/${s.key}">${escapeHtml(s.name)}</a> <small>${escapeHtml(s.offices.map((o) => o.name).join(', '))}</small></li>`).join('');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(`<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Standar Pelayanan</title><style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:900px;margin:0 auto;padding:16px}li{margin:6px 0}</style></head><body><h1>Standar Pelayanan</h1><ul>${items}</ul></body></html>`);
  });

  app.get('/standar-pelayanan/kalkulator.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(CALCULATOR_JS),
  );

  app.get(
    '/standar-pelayanan/:key',
    {
      schema: {
        tags: ['public'],
        summary: 'Standar pelayanan satu layanan (halaman publik, HTML); akhiri dengan .pdf untuk PDF dengan maklumat pelayanan',
        params: PageKeyParams,
        querystring: OfficeQuery,
      },
    },
    async (request, reply) => {
      const pdf = request.params.key.endsWith('.pdf');
      const key = request.params.key.replace(/\.pdf$/, '');
      const std = await serviceStandard(app.db, key, { office: request.query.kantor });
      const q = request.query.kantor ? `?kantor=${encodeURIComponent(request.query.kantor)}` : '';
      if (pdf) {
        const date = new Date(Math.max(new Date(`${std.effectiveFrom}T00:00:00+07:00`).getTime(), std.updatedAt ? new Date(std.updatedAt).getTime() : 0));
        const bytes = await serviceStandardPdf(std, date);
        return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition('inline', `standar-pelayanan-${key}.pdf`)).send(Buffer.from(bytes));
      }
      const html = serviceStandardHtml(std, { pdfHref: `/standar-pelayanan/${key}.pdf${q}`, officeHref: (o) => `/standar-pelayanan/${key}?kantor=${encodeURIComponent(o)}` });
      return reply.header('content-type', 'text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/api/public/service-standards/:key',
    {
      schema: {
        tags: ['public'],
        summary: 'Standar pelayanan satu layanan sebagai JSON (publik): 14 komponen dari model dan aturan yang berlaku',
        params: keyParams,
        querystring: OfficeQuery,
        response: { 200: StandardAnswer, ...errorResponses },
      },
    },
    async (request) => serviceStandard(app.db, request.params.key, { office: request.query.kantor }),
  );

  app.get(
    '/api/service-standards/:key',
    {
      preHandler: editors,
      schema: {
        tags: ['processes'],
        summary: 'Komponen pengelolaan standar pelayanan yang dapat diubah (admin, manajer)',
        params: keyParams,
        response: { 200: TextsAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const row = await app.db.selectFrom('service_standards').select(['components', 'revision']).where('process_key', '=', request.params.key).executeTakeFirst();
      const parsed = row ? ((typeof row.components === 'string' ? JSON.parse(row.components) : row.components) as ManagementTexts) : {};
      return { texts: parsed, revision: row?.revision ?? 0 };
    },
  );

  app.put(
    '/api/service-standards/:key',
    {
      preHandler: writers,
      schema: {
        tags: ['processes'],
        summary: 'Mengganti komponen pengelolaan dan maklumat pelayanan satu layanan; revision yang dibaca (0 = belum ada) → 409 STANDARD_CONFLICT bila sudah berubah',
        params: keyParams,
        body: TextsBody,
        response: { 200: RevisionAnswer, ...errorResponses },
      },
    },
    async (request) => saveManagementTexts(app.db, request.user!.username, request.params.key, request.body.texts, request.body.revision),
  );
}

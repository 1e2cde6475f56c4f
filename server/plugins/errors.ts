import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { toHttpError, type ErrorBody } from '../errors.js';

/** Maps every error to the one body shape {code, message, details?}, once, for all routes. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const mapped = toHttpError(err);
      if (mapped) {
        if (mapped.body.code === 'RATE_LIMITED') {
          const retry = (mapped.body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
          if (retry) void reply.header('retry-after', String(retry));
        }
        return reply.status(mapped.status).send(mapped.body);
      }
      if (err.validation) {
        const body: ErrorBody = {
          code: 'VALIDATION_FAILED',
          message: `Permintaan tidak valid: ${err.message}`,
          details: { context: err.validationContext, errors: err.validation.map((v) => ({ path: v.instancePath, message: v.message, params: v.params })) },
        };
        return reply.status(400).send(body);
      }
      // Input a statement or a parser met first: still the client's doing, so a 4xx (issue 16, finding 9).
      const sqlState = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
      if (sqlState === '23505') return reply.status(409).send({ code: 'CONFLICT', message: 'Data yang sama sudah ada' });
      if (sqlState && (sqlState.startsWith('22') || sqlState === '54001' || sqlState === '54000')) {
        return reply.status(400).send({ code: 'INPUT_INVALID', message: 'Data tidak dapat disimpan', details: { sqlState } });
      }
      if (err.statusCode === undefined && /[\\/]@?fastify[\\/]busboy[\\/]|[\\/]busboy[\\/]/.test(err.stack ?? '')) {
        return reply.status(400).send({ code: 'UPLOAD_INVALID', message: `Isi multipart tidak sah: ${err.message}` });
      }
      const status = err.statusCode ?? 500;
      if (status === 413) return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: 'Isi permintaan terlalu besar (maks 5 MB)' });
      if (status === 429) return reply.status(429).send({ code: 'RATE_LIMITED', message: 'Terlalu banyak permintaan; coba lagi nanti' });
      if (status === 415) return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: err.message });
      if (status >= 400 && status < 500) return reply.status(status).send({ code: 'BAD_REQUEST', message: err.message });
      request.log.error({ err }, 'unhandled error');
      return reply.status(500).send({ code: 'INTERNAL', message: 'Terjadi kesalahan di server' });
    });
    app.setNotFoundHandler((request, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: `Tidak ditemukan: ${request.method} ${request.url.split('?')[0]}` }));
  },
  { name: 'errors' },
);

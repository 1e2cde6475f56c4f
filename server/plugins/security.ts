import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors.js';
import { inputProblem, MAX_INPUT_DEPTH, type InputProblem } from '../services/platform/input-guard.js';

const INPUT_MESSAGES: Record<InputProblem['reason'], string> = {
  'nul-byte': 'Teks tidak boleh memuat karakter NUL',
  'lone-surrogate': 'Teks memuat karakter Unicode yang tidak sah',
  'too-deep': `Data bersarang terlalu dalam (maksimal ${MAX_INPUT_DEPTH} tingkat)`,
};

/**
 * Strict content security policy: scripts only from our origin and never eval (form
 * validators are precompiled). Styles allow inline because MUI/emotion and bpmn-js inject them.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  // the studio opens uploaded PDFs in a new tab
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, computed once. They are the same for every response (no nonces), and
 * building helmet's middleware per request (what @fastify/helmet does: it re-parses the policy
 * every time) was a measurable share of a task completion's CPU.
 */
function securityHeaders(): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
      return recorder;
    },
    removeHeader() {},
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err as Error;
  });
  return headers;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export default fp(
  async (app) => {
    const headers = securityHeaders();
    // Nothing decodes compressed request bodies: one sent gzipped would reach the JSON or
    // multipart parser as garbage. Refused up front with the error shape.
    app.addHook('onRequest', async (request) => {
      const encoding = request.headers['content-encoding'];
      if (encoding && encoding.toLowerCase() !== 'identity' && BODY_METHODS.has(request.method)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" tidak didukung`, { contentEncoding: encoding });
      }
    });
    // NUL bytes, lone surrogates and deep nesting anywhere in the input: one 400 for all routes.
    app.addHook('preValidation', async (request) => {
      for (const [where, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
        const problem = inputProblem(value);
        if (problem) throw new AppError('INPUT_INVALID', INPUT_MESSAGES[problem.reason], { in: where, path: problem.path, reason: problem.reason });
      }
    });
    // On the raw response, as helmet does, so hijacked responses (the event stream) carry them too.
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
    // Routes opt in with `config: { rateLimit: {...} }`; limits are per server process,
    // a first line in front of the database-backed limits (log-in failures).
    await app.register(rateLimit, { global: false });
  },
  { name: 'security' },
);

import path from 'node:path';
import { DEFAULT_POOL_SIZE } from './db/index.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections of this server process (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  dataDir: string;
  demoPassword: string | undefined;
  production: boolean;
  /** quotas and retention (checked at start; services read them with storageLimits()) */
  limits: StorageLimits;
  /** TRUST_PROXY: how many proxy hops, or which proxy addresses, to believe X-Forwarded-For from; false: none */
  trustProxy: TrustProxy;
  /** API_DOCS: serve /docs (on by default, off by default when NODE_ENV=production) */
  apiDocs: boolean;
  /** AUDIT_DIR: where the audit checkpoints and the generated audit key live, outside the database */
  auditDir: string;
  /** AUDIT_KEY: the HMAC key of the audit checkpoints; without it a key file in auditDir is used (made on first start) */
  auditKey: string | undefined;
  /** AUDIT_CHECKPOINT_MINUTES: how often a server writes a checkpoint (and the log-in failure summary) */
  auditCheckpointMinutes: number;
  /** SERVER_PROCESSES: `auto` (one per core but one, up to 4, on PostgreSQL; 1 on PGlite) or a number (cluster.ts) */
  serverProcesses: number | 'auto';
}

/**
 * Bounds on what one applicant or one application may store, and how long leftovers are kept.
 * Read from the environment each time they are needed (a few property reads), so an operator's
 * change applies on restart and tests can set them.
 */
export interface StorageLimits {
  /** UPLOAD_QUOTA_APPLICANT_BYTES: all uploads of one applicant account (officers are not bounded by this) */
  uploadBytesPerApplicant: number;
  /** UPLOAD_QUOTA_APPLICATION_BYTES: all uploads attached to one application */
  uploadBytesPerApplication: number;
  /** UPLOAD_QUOTA_UNATTACHED: uploads one user has not attached to an application yet */
  unattachedUploadsPerUser: number;
  /** VARIABLES_MAX_BYTES: the variables document of one application, as JSON */
  variablesBytesPerApplication: number;
  /** UNATTACHED_UPLOAD_TTL_HOURS: an upload never attached is removed after this */
  unattachedUploadTtlHours: number;
  /** LOGIN_FAILURE_RETENTION_HOURS: log-in failures older than this are removed */
  loginFailureRetentionHours: number;
  /** PURGE_INTERVAL_MINUTES: how often one of the servers runs the clean-up */
  purgeIntervalMinutes: number;
}

const MiB = 1024 * 1024;

export function storageLimits(env: NodeJS.ProcessEnv = process.env): StorageLimits {
  return {
    uploadBytesPerApplicant: positiveInteger('UPLOAD_QUOTA_APPLICANT_BYTES', env.UPLOAD_QUOTA_APPLICANT_BYTES, 200 * MiB),
    uploadBytesPerApplication: positiveInteger('UPLOAD_QUOTA_APPLICATION_BYTES', env.UPLOAD_QUOTA_APPLICATION_BYTES, 100 * MiB),
    unattachedUploadsPerUser: positiveInteger('UPLOAD_QUOTA_UNATTACHED', env.UPLOAD_QUOTA_UNATTACHED, 30),
    variablesBytesPerApplication: positiveInteger('VARIABLES_MAX_BYTES', env.VARIABLES_MAX_BYTES, 512 * 1024),
    unattachedUploadTtlHours: positiveInteger('UNATTACHED_UPLOAD_TTL_HOURS', env.UNATTACHED_UPLOAD_TTL_HOURS, 24),
    loginFailureRetentionHours: positiveInteger('LOGIN_FAILURE_RETENTION_HOURS', env.LOGIN_FAILURE_RETENTION_HOURS, 24),
    purgeIntervalMinutes: positiveInteger('PURGE_INTERVAL_MINUTES', env.PURGE_INTERVAL_MINUTES, 60),
  };
}

export type TrustProxy = false | number | string[];

/** All configuration comes from the environment; nothing is read anywhere else. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: positiveInteger('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, DEFAULT_POOL_SIZE),
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    demoPassword: env.DEMO_PASSWORD || undefined,
    production: env.NODE_ENV === 'production',
    limits: storageLimits(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    apiDocs: onOff('API_DOCS', env.API_DOCS, env.NODE_ENV !== 'production'),
    auditDir: path.resolve(env.AUDIT_DIR ?? 'audit'),
    auditKey: env.AUDIT_KEY || undefined,
    auditCheckpointMinutes: positiveInteger('AUDIT_CHECKPOINT_MINUTES', env.AUDIT_CHECKPOINT_MINUTES, 5),
    serverProcesses: !env.SERVER_PROCESSES || env.SERVER_PROCESSES === 'auto' ? 'auto' : positiveInteger('SERVER_PROCESSES', env.SERVER_PROCESSES, 1),
  };
}

/**
 * The number of proxy hops in front of the server (`1` for one reverse proxy), or a
 * comma-separated list of the proxies' addresses (CIDR allowed). Never "trust all": then anyone
 * could choose the address the log-in throttle counts by sending X-Forwarded-For.
 */
function trustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (['true', 'all', '*'].includes(value.toLowerCase())) {
    throw new Error(`TRUST_PROXY tidak boleh "${value}" (percaya semua): isi jumlah proxy (mis. 1) atau daftar alamat proxy`);
  }
  const list = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
  for (const a of list) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a) && !['loopback', 'linklocal', 'uniquelocal'].includes(a)) {
      throw new Error(`TRUST_PROXY: "${a}" bukan alamat IP atau CIDR`);
    }
    if (/\/0$/.test(a)) throw new Error(`TRUST_PROXY: "${a}" berarti percaya semua`);
  }
  return list;
}

function onOff(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1'].includes(raw.toLowerCase())) return true;
  if (['off', 'false', '0'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} harus "on" atau "off", bukan "${raw}"`);
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} harus bilangan bulat positif, bukan "${raw}"`);
  return n;
}

/** Email, WhatsApp and the outbox's retry (issue 21); read at start, documented in the README. */
export interface NotificationConfig {
  /** SMTP_URL, or SMTP_HOST (+ SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASSWORD); MAIL_FROM. Absent: email rows wait and fail after the retries */
  smtp: { url?: string; host?: string; port?: number; secure?: boolean; user?: string; password?: string; from: string } | undefined;
  /** WHATSAPP_API_URL + WHATSAPP_API_TOKEN; WHATSAPP_OFFICES: JSON {"<office>": {"url", "token"}} for offices with their own provider */
  whatsapp: { provider: { url: string; token: string }; offices: Record<string, { url: string; token: string }> } | undefined;
  /** NOTIFY_MAX_ATTEMPTS (5), NOTIFY_BACKOFF_SECONDS (30: then 60, 120 …), NOTIFY_LEASE_SECONDS (120) */
  retry: { maxAttempts: number; baseMs: number; leaseMs: number };
  /** NOTIFY_POLL_MS (2000): how often a server looks for due messages and reminders */
  pollMs: number;
}

export function notificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const from = env.MAIL_FROM || 'SOP Studio <no-reply@localhost>';
  const smtp = env.SMTP_URL
    ? { url: env.SMTP_URL, from }
    : env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: positiveInteger('SMTP_PORT', env.SMTP_PORT, 587),
          secure: onOff('SMTP_SECURE', env.SMTP_SECURE, false),
          user: env.SMTP_USER || undefined,
          password: env.SMTP_PASSWORD || undefined,
          from,
        }
      : undefined;
  let offices: Record<string, { url: string; token: string }> = {};
  if (env.WHATSAPP_OFFICES) {
    try {
      offices = JSON.parse(env.WHATSAPP_OFFICES) as typeof offices;
    } catch {
      throw new Error('WHATSAPP_OFFICES harus JSON: {"<kantor>": {"url": "…", "token": "…"}}');
    }
  }
  const whatsapp = env.WHATSAPP_API_URL ? { provider: { url: env.WHATSAPP_API_URL, token: env.WHATSAPP_API_TOKEN ?? '' }, offices } : undefined;
  return {
    smtp,
    whatsapp,
    retry: {
      maxAttempts: positiveInteger('NOTIFY_MAX_ATTEMPTS', env.NOTIFY_MAX_ATTEMPTS, 5),
      baseMs: positiveInteger('NOTIFY_BACKOFF_SECONDS', env.NOTIFY_BACKOFF_SECONDS, 30) * 1000,
      leaseMs: positiveInteger('NOTIFY_LEASE_SECONDS', env.NOTIFY_LEASE_SECONDS, 120) * 1000,
    },
    pollMs: positiveInteger('NOTIFY_POLL_MS', env.NOTIFY_POLL_MS, 2000),
  };
}

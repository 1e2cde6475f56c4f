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
  };
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} harus bilangan bulat positif, bukan "${raw}"`);
  return n;
}

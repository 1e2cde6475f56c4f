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
  };
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} harus bilangan bulat positif, bukan "${raw}"`);
  return n;
}

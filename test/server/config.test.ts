import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { DEFAULT_POOL_SIZE } from '../../server/db/index.js';

describe('server configuration from the environment', () => {
  it('an operator sizes the PostgreSQL pool with DATABASE_POOL_SIZE; without it the default holds', () => {
    expect(loadConfig({}).databasePoolSize).toBe(DEFAULT_POOL_SIZE);
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
  });

  it('a pool size that is not a positive whole number stops the server with the variable named', () => {
    for (const bad of ['0', '-2', '2.5', 'sepuluh']) {
      expect(() => loadConfig({ DATABASE_POOL_SIZE: bad })).toThrow(`DATABASE_POOL_SIZE harus bilangan bulat positif, bukan "${bad}"`);
    }
  });
});

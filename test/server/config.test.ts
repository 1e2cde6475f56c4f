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

  it('TRUST_PROXY takes a number of hops or a list of proxy addresses, never "trust all"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.1.0/24' }).trustProxy).toEqual(['10.0.0.1', '10.0.1.0/24']);
    for (const bad of ['true', 'all', '*', '0.0.0.0/0', 'proxy.kantor.id']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it('/docs is on in development and off by default in production; API_DOCS decides either way', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', API_DOCS: 'off' }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', API_DOCS: 'on' }).apiDocs).toBe(true);
    expect(() => loadConfig({ API_DOCS: 'kadang' })).toThrow('API_DOCS');
  });
});

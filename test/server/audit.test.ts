import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, recordAudit, verifyAuditChain } from '../../server/services/audit.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';

describe.each(databaseKinds)('hash-chained audit log (%s)', (kind) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(kind, { poolSize: 8 });
  });
  afterAll(async () => d?.close());

  it('concurrent writers from many connections still form one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => recordAudit(d.db, { actor: `petugas-${i % 5}`, action: 'uji.tulis', subject: `dokumen:${i}`, details: { i } })),
    );
    const rows = await d.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows).toHaveLength(40);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await verifyAuditChain(d.db)).toEqual({ ok: true, rows: 40 });
  });

  it('an entry rolled back with its transaction leaves no trace in the chain', async () => {
    await expect(
      d.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actor: 'admin', action: 'uji.batal', subject: 'x' });
        throw new Error('batal');
      }),
    ).rejects.toThrow('batal');
    const rolled = await d.db.selectFrom('audit_log').select('seq').where('action', '=', 'uji.batal').execute();
    expect(rolled).toHaveLength(0);
    expect((await verifyAuditChain(d.db)).ok).toBe(true);
  });
});

/**
 * The numbering service on a real database: many issues at once give 1..N with no gap and no
 * duplicate; a step that rolls back gives its number back; the office's format is applied; each
 * office, kind and year counts on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/services/runtime/runtime.js';
import { allocateDocumentNumber } from '../../server/services/offices/numbering.js';
import { seedCatalog } from '../../server/services/offices/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';

const AT = new Date('2026-03-10T03:00:00Z');

describe.each(databaseKinds)('numbering service (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { poolSize: 20 });
    await seedCatalog(database.db);
  }, 240_000);
  afterAll(async () => database?.close());

  it('60 issues at once, each in its own transaction: numbers 1..60, none twice, none missing', async () => {
    const issued = await Promise.all(
      Array.from({ length: 60 }, () => inTransaction(database.db, (trx) => allocateDocumentNumber(trx, { office: 'samsat-cilegon', kind: 'skpd', at: AT }))),
    );
    expect(issued.map((n) => n.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(issued.map((n) => n.number)).size).toBe(60);
    // samsat-cilegon has no format of its own for skpd: the default one.
    expect(issued.find((n) => n.seq === 7)?.number).toBe('0007/skpd/samsat-cilegon/2026');
  });

  it('a step that rolls back gives its number back: the next one gets it', async () => {
    const first = await inTransaction(database.db, (trx) => allocateDocumentNumber(trx, { office: 'kecamatan-kaloran', kind: 'izin', at: AT }));
    await expect(
      inTransaction(database.db, async (trx) => {
        await allocateDocumentNumber(trx, { office: 'kecamatan-kaloran', kind: 'izin', at: AT });
        throw new Error('the signing step failed');
      }),
    ).rejects.toThrow('the signing step failed');
    const next = await inTransaction(database.db, (trx) => allocateDocumentNumber(trx, { office: 'kecamatan-kaloran', kind: 'izin', at: AT }));
    expect(next.seq).toBe(first.seq + 1);
    // Kecamatan Kaloran's own format (processes/offices.json).
    expect(next.number).toBe(`503/${String(next.seq).padStart(3, '0')}/IZIN/KLR/2026`);
  });

  it('each office, document kind and year has its own counter; the year is Jakarta’s', async () => {
    const skrd = await inTransaction(database.db, (trx) => allocateDocumentNumber(trx, { office: 'kecamatan-kaloran', kind: 'skrd', at: AT }));
    expect(skrd).toMatchObject({ seq: 1, number: '973/001/SKRD/KLR/2026' });
    // 31 December 2026, 18:00 UTC is already 1 January 2027 in Jakarta.
    const newYear = await inTransaction(database.db, (trx) => allocateDocumentNumber(trx, { office: 'kecamatan-kaloran', kind: 'skrd', at: new Date('2026-12-31T18:00:00Z') }));
    expect(newYear).toMatchObject({ seq: 1, year: 2027 });
  });
});

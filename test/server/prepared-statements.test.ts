import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedStatement } from '../../server/db/prepared.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db.js';

/**
 * The hot statements (a step's write, the session lookup, take-next…) go to the database by name
 * on both databases. What a named statement answers must be exactly what the same text answers
 * sent unnamed: types parsed the same, errors with the same codes, and a failure or a rolled-back
 * transaction must not leave the name unusable.
 */
const ECHO_TEXT = `select $1::uuid as id, $2::jsonb as variables, $3::timestamptz as due_at, $4::numeric as fee,
  $5::int[] as counts, $6::text as note, $7::boolean as done`;
const ECHO = preparedStatement('sop_test_echo', ECHO_TEXT);
// The same statement with a trailing space: not registered, so it goes unnamed.
const ECHO_UNNAMED = `${ECHO_TEXT} `;

const INSERT_ONE = preparedStatement('sop_test_insert_one', `insert into prepared_probe (id, label) values ($1, $2) returning id, label`);
// First run inside a transaction that rolls back: the name must outlive the rollback.
const LABEL_OF = preparedStatement('sop_test_label_of', `select label from prepared_probe where id = $1`);

const values = [
  '0b6f4c1e-1d7a-4c35-9a3e-2f9d5c1e8a11',
  JSON.stringify({ nopol: 'A 1234 BC', njkb: '150000000.00', dokumen: ['ktp', 'stnk'] }),
  '2026-12-07T02:30:00.000Z',
  '2512500.50',
  [1, 2, 3],
  null,
  true,
];

describe.each(databaseKinds)('named statements (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { migrate: false });
    await database.db.executeQuery(CompiledQuery.raw('create table prepared_probe (id int primary key, label text not null)'));
  });
  afterAll(async () => database?.close());

  const run = <R>(text: string, params: readonly unknown[]) => database.db.executeQuery<R>(CompiledQuery.raw(text, [...params]));

  it('answers what the same text answers unnamed, value for value, on every call', async () => {
    const unnamed = await run(ECHO_UNNAMED, values);
    const first = await run(ECHO, values);
    const second = await run(ECHO, values);
    expect(first.rows).toEqual(unnamed.rows);
    expect(second.rows).toEqual(unnamed.rows);
    expect(first.rows[0]).toMatchObject({ variables: { nopol: 'A 1234 BC', dokumen: ['ktp', 'stnk'] }, fee: '2512500.50', counts: [1, 2, 3], note: null, done: true });
  });

  it('gives a failure its code, and the same name works on the next call', async () => {
    await run(INSERT_ONE, [1, 'pertama']);
    const duplicate = await run(INSERT_ONE, [1, 'lagi']).catch((e: unknown) => e);
    expect((duplicate as { code?: string }).code).toBe('23505');
    const next = await run<{ id: number; label: string }>(INSERT_ONE, [2, 'kedua']);
    expect(next.rows).toEqual([{ id: 2, label: 'kedua' }]);
  });

  it('leaves nothing of a rolled-back transaction, and the name still works after it', async () => {
    await database.db
      .transaction()
      .execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw(INSERT_ONE, [3, 'batal']));
        expect((await tx.executeQuery(CompiledQuery.raw(LABEL_OF, [3]))).rows).toEqual([{ label: 'batal' }]);
        throw new Error('dibatalkan');
      })
      .catch(() => undefined);
    await database.db.transaction().execute(async (tx) => {
      await tx.executeQuery(CompiledQuery.raw(INSERT_ONE, [4, 'dalam transaksi']));
    });
    const { rows } = await run<{ id: number }>('select id from prepared_probe order by id', []);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 4]);
    expect((await run(LABEL_OF, [4])).rows).toEqual([{ label: 'dalam transaksi' }]);
    expect((await run(LABEL_OF, [3])).rows).toEqual([]);
  });
});

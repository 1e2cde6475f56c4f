import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCheckpoint, auditKey, CHECKPOINT_FILE, KEY_FILE, makeCheckpoint, readCheckpoints, summariseLoginFailures, verifyAnchored } from '../../server/services/platform/audit-anchor.js';
import { appendAudit, recordAudit, rowHash, verifyAuditChain } from '../../server/services/platform/audit.js';
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

/**
 * Issue 16, finding 10: TRUNCATE emptied the log and verify said "intact"; deleting the tail or
 * recomputing every hash went unnoticed. Now TRUNCATE is refused, and checkpoints kept outside
 * the database (signed with a key the database never sees) catch the rest.
 */
describe.each(databaseKinds)('audit chain anchored outside the database (%s)', (kind) => {
  let d: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    d = await createTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), 'sop-audit-'));
  });
  afterAll(async () => {
    await d?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** What an operator with the database's superuser could do: bypass the append-only triggers. */
  async function behindTheTriggers(statement: string): Promise<void> {
    await sql.raw('alter table audit_log disable trigger user').execute(d.db);
    try {
      await sql.raw(statement).execute(d.db);
    } finally {
      await sql.raw('alter table audit_log enable trigger user').execute(d.db);
    }
  }

  it('TRUNCATE of the audit log and of the publications is refused', async () => {
    await recordAudit(d.db, { actor: 'admin', action: 'uji.tulis', subject: 'x' });
    for (const table of ['audit_log', 'publications']) {
      await expect(sql.raw(`truncate ${table}`).execute(d.db)).rejects.toThrow(/append-only/);
    }
    expect((await d.db.selectFrom('audit_log').select('seq').execute()).length).toBeGreaterThan(0);
  });

  it('the server makes its key file on first start, readable by its owner only; without a key verify says it could not check', async () => {
    const config = { auditDir: path.join(dir, 'kunci'), auditKey: undefined };
    expect(auditKey(config, { create: false })).toBeUndefined();
    const key = auditKey(config, { create: true })!;
    expect(key.length).toBe(32);
    expect((await stat(path.join(config.auditDir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(auditKey(config, { create: true })!.equals(key)).toBe(true);
    expect(auditKey({ auditDir: dir, auditKey: 'rahasia-audit-kantor' }, { create: false })!.toString()).toBe('rahasia-audit-kantor');
    const unkeyed = await verifyAnchored(d.db, [await makeCheckpoint(d.db, key)], undefined);
    expect(unkeyed).toMatchObject({ keyed: false, problems: [] });
  });

  it('a deleted tail and a chain recomputed from the start are both found; a forged checkpoint too', async () => {
    const key = Buffer.from('kunci-audit-uji-yang-panjang');
    const auditDir = path.join(dir, kind);
    for (let i = 0; i < 5; i++) await recordAudit(d.db, { actor: 'admin', action: 'user.create', subject: `user:petugas-${i}` });
    appendCheckpoint(auditDir, await makeCheckpoint(d.db, key));
    const file = path.join(auditDir, CHECKPOINT_FILE);
    expect(await verifyAnchored(d.db, readCheckpoints(file), key)).toMatchObject({ ok: true, keyed: true, checkpoints: 1, problems: [] });

    // someone deletes the last two rows: the chain that is left is still a valid chain
    const [{ seq: last }] = await d.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).execute();
    await behindTheTriggers(`delete from audit_log where seq > ${last - 2}`);
    expect((await verifyAuditChain(d.db)).ok).toBe(true);
    const tail = await verifyAnchored(d.db, readCheckpoints(file), key);
    expect(tail.ok).toBe(false);
    expect(tail.problems).toEqual([expect.objectContaining({ kind: 'missing-tail', seq: last, lastSeq: last - 2 })]);

    // someone puts rows back under the same numbers with a recomputed chain from the first row on
    await behindTheTriggers(`insert into audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
      select s, now(), 'penyusup', 'user.create', 'user:palsu', '{}', '', '' from generate_series(${last - 1}, ${last}) s`);
    const rows = await d.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const hash = rowHash(prev, new Date(r.at).toISOString(), { actor: r.actor, action: r.action, subject: r.subject, beforeHash: r.before_hash, afterHash: r.after_hash, details: r.details });
      await behindTheTriggers(`update audit_log set prev_hash = '${prev}', hash = '${hash}' where seq = ${r.seq}`);
      prev = hash;
    }
    expect((await verifyAuditChain(d.db)).ok).toBe(true);
    const rewritten = await verifyAnchored(d.db, readCheckpoints(file), key);
    expect(rewritten.problems).toEqual([expect.objectContaining({ kind: 'rewritten', seq: last })]);

    // and a checkpoint made up to match the rewritten chain, without the key, is itself refused
    const forged = await makeCheckpoint(d.db, Buffer.from('kunci-tebakan'));
    const check = await verifyAnchored(d.db, [forged], key);
    expect(check.problems).toEqual([expect.objectContaining({ kind: 'forged-checkpoint' })]);
  });

  it('log-in failures land as one summary row per run of the job, with counts, not one row per attacker-chosen name', async () => {
    await d.db.insertInto('login_failures').values([
      { username: 'admin', ip: '203.0.113.1' },
      { username: 'bukan-siapa-siapa', ip: '203.0.113.1' },
      { username: 'admin', ip: '203.0.113.2' },
    ]).execute();
    expect(await summariseLoginFailures(d.db)).toBe(true);
    expect(await summariseLoginFailures(d.db)).toBe(false);
    const rows = await d.db.selectFrom('audit_log').select(['actor', 'subject', 'details']).where('action', '=', 'auth.login-failures').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'system', subject: 'auth:login' });
    expect(JSON.parse(rows[0].details)).toMatchObject({ failures: 3, addresses: 2, usernames: 2 });
  });
});

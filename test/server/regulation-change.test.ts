import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainChangeJobs, runOneChangeJob } from '../../server/services/store/change-job-runner.js';
import { takeChangeJob } from '../../server/services/store/change-jobs.js';
import { todayInJakarta } from '../../server/services/offices/dates.js';
import { publish, saveDraft } from '../../server/services/store/store.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { offerEverywhere, publishProcess } from '../runtime/support/publish.js';

const SAMSAT_FEES = readFileSync(new URL('../../rules/samsat-fees.json', import.meta.url), 'utf8');

/** A fee step right after registration, then the cashier. */
const notaModel = (payStep = 'bayar') =>
  model(
    'uji-nota',
    `${start()}
     <bpmn:businessRuleTask id="hitung" name="Hitung PKB" sop:ruleSet="samsat-fees" sop:resultVariable="notaPkb" sop:facts="{&quot;service&quot;:&quot;tahunan&quot;}" />
     ${userTask(payStep, 'sop:duration="PT1H"')}
     ${end()}
     ${chain('start', 'hitung', payStep, 'end')}`,
    { lanes: { 'petugas-pendaftaran': ['start', 'hitung'], kasir: [payStep, 'end'] }, attrs: 'sop:starterRoles="petugas-pendaftaran"' },
  );

/** SOP-like flow, version 1: daftar → periksa_lama → tetapkan → serahkan. */
const migV1 = model(
  'uji-migrasi',
  `${start()}
   ${userTask('daftar', 'sop:duration="PT30M"')}
   ${userTask('periksa_lama', 'sop:duration="PT1H"')}
   ${userTask('tetapkan', 'sop:duration="PT1H"')}
   ${userTask('serahkan', 'sop:duration="PT15M"')}
   ${end()}
   ${chain('start', 'daftar', 'periksa_lama', 'tetapkan', 'serahkan', 'end')}`,
  { lanes: { 'petugas-pendaftaran': ['start', 'daftar'], korektor: ['periksa_lama', 'tetapkan', 'serahkan', 'end'] }, attrs: 'sop:starterRoles="petugas-pendaftaran"' },
);
/** Version 2 adds a verification step, replaces periksa_lama by periksa_baru, removes serahkan, and gives tetapkan 2 hours. */
const migV2 = model(
  'uji-migrasi',
  `${start()}
   ${userTask('daftar', 'sop:duration="PT30M"')}
   ${userTask('verifikasi', 'sop:duration="PT20M"')}
   ${userTask('periksa_baru', 'sop:duration="PT1H"')}
   ${userTask('tetapkan', 'sop:duration="PT2H" sop:calendar="calendar"')}
   ${end()}
   ${chain('start', 'daftar', 'verifikasi', 'periksa_baru', 'tetapkan', 'end')}`,
  { lanes: { 'petugas-pendaftaran': ['start', 'daftar'], korektor: ['verifikasi', 'periksa_baru', 'tetapkan', 'end'] }, attrs: 'sop:starterRoles="petugas-pendaftaran"' },
);

interface Job {
  id: string;
  status: string;
  progress: number;
  total: number | null;
  result: Record<string, unknown> | null;
  counts: Record<string, number>;
  items: Array<Record<string, unknown>>;
}

const firstOfNextMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
};

describe.each(databaseKinds)('regulation change: impact and migration (%s)', (kind) => {
  let t: TestApp;
  let manager: Record<string, string>;
  let kasiSerang: Record<string, string>;
  let counter: Record<string, Record<string, string>>;
  const started: Array<{ id: string; office: string; njkb: number; total: string }> = [];

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const poll = async (url: string, headers = manager): Promise<Job> => {
    const res = await inject('GET', url, headers);
    expect(res.statusCode).toBe(200);
    return res.json() as Job;
  };

  beforeAll(async () => {
    t = await createTestApp({ kind });
    manager = bearer(await loginAs(t.app, 'manager'));
    kasiSerang = bearer(await loginAs(t.app, 'kasi.samsat-serang'));
    counter = {};
    for (const office of ['samsat-serang', 'samsat-cilegon']) counter[office] = bearer(await loginAs(t.app, `petugas-pendaftaran.${office}`));
    counter.korektor = bearer(await loginAs(t.app, 'korektor.samsat-serang'));
    const db = t.database.db;
    await saveDraft(db, { kind: 'ruleset', key: 'samsat-fees', content: SAMSAT_FEES, actor: 'test' });
    await publish(db, { kind: 'ruleset', key: 'samsat-fees', actor: 'test', effectiveFrom: '2019-03-01' });
    await publishProcess(db, 'uji-nota', notaModel());
    // 12 applications at Serang, 4 at Cilegon, NJKB 100/200/300 juta
    for (let i = 0; i < 16; i++) {
      const office = i < 12 ? 'samsat-serang' : 'samsat-cilegon';
      const njkb = 100_000_000 * (1 + (i % 3));
      const res = await inject('POST', '/api/processes/uji-nota/instances', counter[office], {
        office,
        variables: { vehicleType: 'sedan', njkb, ownershipOrder: 1, usage: 'private' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json() as { id: string; variables: { sys: { notaPkb: { total: string } } } };
      started.push({ id: body.id, office, njkb, total: body.variables.sys.notaPkb.total });
    }
  });
  afterAll(async () => t?.close());

  it('Dampak of a tariff from next month: per application old and new total and lines, sums, largest first; nothing written to the applications', async () => {
    const doc = JSON.parse(SAMSAT_FEES) as { versions: Array<Record<string, unknown> & { effectiveFrom: string; effectiveTo?: string; constants: Record<string, unknown> }> };
    const from = firstOfNextMonth();
    const last = doc.versions[doc.versions.length - 1];
    const next = structuredClone(last);
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    last.effectiveTo = dayBefore;
    next.effectiveFrom = from;
    delete next.effectiveTo;
    next.constants = { ...next.constants, tarifPkb: '1.5%' };
    doc.versions.push(next);
    const put = await inject('PUT', '/api/rulesets/samsat-fees/draft', { ...manager, 'if-match': '"1"' }, doc);
    expect(put.statusCode, put.body).toBe(200);

    const denied = await inject('POST', '/api/rulesets/samsat-fees/impact', counter['samsat-serang'], {});
    expect(denied.statusCode).toBe(403);
    const start = await inject('POST', '/api/rulesets/samsat-fees/impact', manager, {});
    expect(start.statusCode, start.body).toBe(202);
    const { id } = start.json() as { id: string };
    expect((await poll(`/api/rulesets/samsat-fees/impact/${id}`)).status).toBe('queued');
    expect(await drainChangeJobs(t.database.db)).toBe(1);
    const job = await poll(`/api/rulesets/samsat-fees/impact/${id}`);
    expect(job.status).toBe('done');
    expect(job.progress).toBe(1);
    // PKB = NJKB × 1.05 × tariff; opsen = 66 % of PKB; both change, nothing else
    const pkb = (njkb: number, permille: bigint) => (BigInt(njkb) * 105n * permille) / 100_000n;
    const diffOf = (njkb: number) => {
      const d = pkb(njkb, 15n) - pkb(njkb, 12n);
      return d + (d * 66n) / 100n;
    };
    const expected = started.reduce((a, s) => a + diffOf(s.njkb), 0n);
    expect(job.result).toMatchObject({ asOf: from, applications: 16, changed: 16, unchanged: 0, failed: 0, difference: expected.toString() });
    expect(BigInt(job.result!.totalAfter as string) - BigInt(job.result!.totalBefore as string)).toBe(expected);
    const top = job.items[0] as { instanceId: string; difference: string; evaluations: Array<{ lines: Array<{ code: string; before: string; after: string }> }> };
    const topApp = started.find((s) => s.id === top.instanceId)!;
    expect(topApp.njkb).toBe(300_000_000);
    expect(top.difference).toBe(diffOf(300_000_000).toString());
    expect(top.evaluations[0].lines.map((l) => l.code).sort()).toEqual(['OPSEN-PKB', 'PKB']);
    const pkbLine = top.evaluations[0].lines.find((l) => l.code === 'PKB')!;
    expect([pkbLine.before, pkbLine.after]).toEqual([pkb(300_000_000, 12n).toString(), pkb(300_000_000, 15n).toString()]);
    expect((job.result!.largest as unknown[]).length).toBe(10);

    // the applications keep the nota they were assessed with
    const inst = await inject('GET', `/api/instances/${started[0].id}`, manager);
    expect(inst.json().variables.sys.notaPkb.total).toBe(started[0].total);

    // a manager of one office sees that office's applications only
    const scoped = await inject('POST', '/api/rulesets/samsat-fees/impact', kasiSerang, { asOf: from });
    expect(scoped.statusCode).toBe(202);
    await drainChangeJobs(t.database.db);
    const mine = await poll(`/api/rulesets/samsat-fees/impact/${(scoped.json() as { id: string }).id}`, kasiSerang);
    expect(mine.result).toMatchObject({ applications: 12, changed: 12 });
    expect(mine.items.every((i) => i.office === 'samsat-serang')).toBe(true);

    // every impact run is audited, start and finish
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', 'ruleset.impact.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['ruleset.impact.start', 'ruleset.impact.finish', 'ruleset.impact.start', 'ruleset.impact.finish']);
  });

  it('a run whose server died is taken over after its lease and finished once; a busy run is skipped by the others', async () => {
    const res = await inject('POST', '/api/rulesets/samsat-fees/impact', manager, { asOf: '2025-06-01' });
    const { id } = res.json() as { id: string };
    // a server takes it with a lease that has already passed, then "dies"
    const taken = await takeChangeJob(t.database.db, new Date(Date.now() - 120_000), 1000);
    expect(taken?.id).toBe(id);
    expect((await poll(`/api/rulesets/samsat-fees/impact/${id}`)).status).toBe('running');
    // two servers look for work at once: one takes the abandoned run, the other finds nothing
    const both = await Promise.all([runOneChangeJob(t.database.db), runOneChangeJob(t.database.db)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const job = await poll(`/api/rulesets/samsat-fees/impact/${id}`);
    expect(job.status).toBe('done');
    // as of mid-2025 the draft equals the publication: nothing changes
    expect(job.result).toMatchObject({ applications: 16, changed: 0, unchanged: 16, difference: '0' });
    const row = await t.database.db.selectFrom('change_jobs').select('attempts').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect((await inject('GET', `/api/rulesets/samsat-fees/impact/00000000-0000-0000-0000-000000000000`, manager)).statusCode).toBe(404);
  });

  it('Dampak of a process draft: open applications on removed or changed steps, grouped by step', async () => {
    const put = await inject('PUT', '/api/processes/uji-nota/draft', { ...manager, 'content-type': 'application/xml', 'if-match': '"1"' }, notaModel('bayar_loket'));
    expect(put.statusCode, put.body).toBe(200);
    const start = await inject('POST', '/api/processes/uji-nota/impact', manager, {});
    expect(start.statusCode).toBe(202);
    await drainChangeJobs(t.database.db);
    const job = await poll(`/api/processes/uji-nota/impact/${(start.json() as { id: string }).id}`);
    expect(job.result).toMatchObject({ open: 16, affected: 16, byElement: [{ elementId: 'bayar', change: 'removed', instances: 16 }] });
  });

  it('migration: dry run reports ok/blocked per application, the run moves tokens and tasks, keeps claims and notas, recounts due times; blocked ones stay whole', async () => {
    const db = t.database.db;
    await publishProcess(db, 'uji-migrasi', migV1);
    await offerEverywhere(db, 'uji-migrasi');
    const korektor = counter.korektor;
    const startOne = async () => {
      const r = await inject('POST', '/api/processes/uji-migrasi/instances', counter['samsat-serang'], { office: 'samsat-serang', variables: {} });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; tasks: Array<{ id: string }> };
    };
    const complete = async (taskId: string, who: Record<string, string>) => {
      const r = await inject('POST', `/api/tasks/${taskId}/complete`, who, { variables: {} });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { nextTasks: Array<{ id: string }>; instance: { activeElements: string[] } };
    };
    const openTask = async (instanceId: string) =>
      db.selectFrom('runtime_tasks').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow();
    // at daftar (2), at periksa_lama (2, one claimed), at tetapkan (1), at serahkan (1: blocked)
    const atDaftar = [await startOne(), await startOne()];
    const atPeriksa = [];
    for (let i = 0; i < 2; i++) {
      const s = await startOne();
      await complete(s.tasks[0].id, counter['samsat-serang']);
      atPeriksa.push(s);
    }
    expect((await inject('POST', `/api/tasks/${(await openTask(atPeriksa[0].id)).id}/claim`, korektor, {})).statusCode).toBe(200);
    const claimedTask = await openTask(atPeriksa[0].id);
    expect(claimedTask.claimed_by).not.toBeNull();
    const atTetapkan = await startOne();
    await complete(atTetapkan.tasks[0].id, counter['samsat-serang']);
    await complete((await openTask(atTetapkan.id)).id, korektor);
    const atSerahkan = await startOne();
    await complete(atSerahkan.tasks[0].id, counter['samsat-serang']);
    await complete((await openTask(atSerahkan.id)).id, korektor);
    await complete((await openTask(atSerahkan.id)).id, korektor);
    const blockedBefore = await db.selectFrom('runtime_instances').select(['tokens', 'publication', 'variables']).where('id', '=', atSerahkan.id).executeTakeFirstOrThrow();

    await publishProcess(db, 'uji-migrasi', migV2);
    const options = await inject('GET', '/api/processes/uji-migrasi/migrations/options?from=1&to=2', manager);
    expect(options.json().unmatched.map((u: { id: string }) => u.id).sort()).toEqual(['periksa_lama', 'serahkan']);
    const bad = await inject('POST', '/api/processes/uji-migrasi/migrations', manager, { from: 1, to: 2, mapping: { periksa_lama: 'tidak_ada' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('MIGRATION_MAPPING_INVALID');
    expect((await inject('POST', '/api/processes/uji-migrasi/migrations', counter['samsat-serang'], { from: 1, to: 2, dryRun: true })).statusCode).toBe(403);

    const mapping = { periksa_lama: 'periksa_baru' };
    const dry = await inject('POST', '/api/processes/uji-migrasi/migrations', manager, { from: 1, to: 2, mapping, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(202);
    await drainChangeJobs(db);
    const dryJob = await poll(`/api/processes/uji-migrasi/migrations/${(dry.json() as { id: string }).id}`);
    expect(dryJob.result).toMatchObject({ dryRun: true, ok: 5, blocked: 1, moved: 0 });
    const blockedItem = dryJob.items.find((i) => i.instanceId === atSerahkan.id)!;
    expect(blockedItem).toMatchObject({ status: 'blocked', office: 'samsat-serang', businessKey: null });
    expect(String(blockedItem.reason)).toContain('serahkan');
    expect((await db.selectFrom('runtime_instances').select('id').where('process_key', '=', 'uji-migrasi').where('publication', '=', 2).execute()).length).toBe(0);

    // the real run, while an officer completes a daftar task at the same moment
    const run = await inject('POST', '/api/processes/uji-migrasi/migrations', manager, { from: 1, to: 2, mapping });
    const runId = (run.json() as { id: string }).id;
    const [, raced] = await Promise.all([drainChangeJobs(db), complete(atDaftar[0].tasks[0].id, counter['samsat-serang'])]);
    expect(raced.instance.activeElements.length).toBe(1);
    const job = await poll(`/api/processes/uji-migrasi/migrations/${runId}`);
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ dryRun: false, moved: 5, blocked: 1, failed: 0 });
    expect(job.items.map((i) => i.status).sort()).toEqual(['blocked', 'moved', 'moved', 'moved', 'moved', 'moved']);

    // whichever won the race, the application is on version 2 at a step of version 2
    const racedInst = await db.selectFrom('runtime_instances').select(['publication']).where('id', '=', atDaftar[0].id).executeTakeFirstOrThrow();
    expect(racedInst.publication).toBe(2);
    const racedTask = await openTask(atDaftar[0].id);
    expect(['verifikasi', 'periksa_baru']).toContain(racedTask.element_id);
    expect(racedTask.publication).toBe(2);

    // the claimed task moved with its claim; the step after it is the new version's
    const moved = await openTask(atPeriksa[0].id);
    expect(moved).toMatchObject({ element_id: 'periksa_baru', element_name: 'Tugas periksa_baru', publication: 2, claimed_by: claimedTask.claimed_by });
    const after = await complete(moved.id, korektor);
    expect(after.instance.activeElements).toEqual(['tetapkan']);
    // the untouched daftar application continues into the new verification step
    const next = await complete(atDaftar[1].tasks[0].id, counter['samsat-serang']);
    expect(next.instance.activeElements).toEqual(['verifikasi']);
    // tetapkan's due time recounted: 2 hours on the wall clock from the task's creation
    const tetapkan = await openTask(atTetapkan.id);
    expect(new Date(tetapkan.due_at!).getTime() - new Date(tetapkan.created_at).getTime()).toBe(2 * 3600_000);

    // the blocked application is exactly as it was
    const blockedAfter = await db.selectFrom('runtime_instances').select(['tokens', 'publication', 'variables']).where('id', '=', atSerahkan.id).executeTakeFirstOrThrow();
    expect(blockedAfter).toEqual(blockedBefore);
    expect((await openTask(atSerahkan.id)).element_id).toBe('serahkan');

    const audit = await db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'process.migration.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['process.migration.start', 'process.migration.finish', 'process.migration.start', 'process.migration.finish']);
    expect(JSON.parse(audit[3].details)).toMatchObject({ from: 1, to: 2, moved: 5, blocked: 1, dryRun: false });
    expect(JSON.parse(audit[2].details)).toMatchObject({ mapping, from: 1, to: 2 });
  });
  it('two people for a publication: a publish becomes a submission; only another manager or admin approves it, and only the submitted revision', async () => {
    let admin = bearer(await loginAs(t.app, 'admin'));
    const url = '/api/processes/uji-nota';
    expect((await inject('PUT', `${url}/approval-setting`, manager, { required: true })).statusCode).toBe(403);
    expect((await inject('PUT', `${url}/approval-setting`, admin, { required: true })).json()).toEqual({ required: true });

    const today = todayInJakarta();
    const revision = Number(String((await inject('GET', `${url}/draft`, manager)).headers.etag).replace(/"/g, ''));
    const basis = { regulation: 'Pergub Banten No. 9 Tahun 2026', article: 'Pasal 4' };
    const submitted = await inject('POST', `${url}/publish`, manager, { effectiveFrom: today, note: 'Loket bayar baru', legalBasis: basis });
    expect(submitted.statusCode, submitted.body).toBe(202);
    const first = submitted.json().approval as { id: string; status: string; submittedBy: string; draftRevision: number };
    expect(first).toMatchObject({ status: 'pending', submittedBy: 'manager', draftRevision: revision });
    expect((await inject('GET', `${url}/versions`, manager)).json()).toHaveLength(1);
    // the author cannot decide, a second submission waits for the first
    const self = await inject('POST', `${url}/approvals/${first.id}/approve`, manager);
    expect([self.statusCode, self.json().code]).toEqual([403, 'APPROVAL_SELF']);
    expect((await inject('POST', `${url}/approvals`, manager, {})).json().code).toBe('APPROVAL_PENDING');
    // another manager sends it back with a comment
    expect((await inject('POST', `${url}/approvals/${first.id}/reject`, kasiSerang, { comment: '' })).statusCode).toBe(400);
    const back = await inject('POST', `${url}/approvals/${first.id}/reject`, kasiSerang, { comment: 'Dasar hukum belum lengkap' });
    expect(back.json()).toMatchObject({ status: 'rejected', decidedBy: 'kasi.samsat-serang', comment: 'Dasar hukum belum lengkap' });

    // submitted again; the draft then changes, so approving would publish something else
    const again = await inject('POST', `${url}/approvals`, manager, { effectiveFrom: today, note: 'Loket bayar baru', legalBasis: { ...basis, date: today } });
    expect(again.statusCode).toBe(201);
    const put = await inject('PUT', `${url}/draft`, { ...manager, 'content-type': 'application/xml', 'if-match': `"${revision}"` }, notaModel('bayar_kasir'));
    expect(put.statusCode).toBe(200);
    admin = bearer(await loginAs(t.app, 'admin'));
    const stale = await inject('POST', `${url}/approvals/${again.json().id}/approve`, admin);
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'APPROVAL_STALE']);
    expect((await inject('GET', `${url}/versions`, manager)).json()).toHaveLength(1);
    await inject('POST', `${url}/approvals/${again.json().id}/reject`, admin, { comment: 'Draf berubah' });

    const third = await inject('POST', `${url}/approvals`, manager, { effectiveFrom: today, note: 'Loket kasir', legalBasis: basis });
    const ok = await inject('POST', `${url}/approvals/${third.json().id}/approve`, admin);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, approval: { status: 'approved', decidedBy: 'admin', publication: 2 } });
    const log = (await inject('GET', `${url}/changelog`, manager)).json() as Array<{ n: number; publishedBy: string; note: string; approval?: { submittedBy: string; decidedBy: string } }>;
    expect(log[0]).toMatchObject({ n: 2, publishedBy: 'admin', note: 'Loket kasir', approval: { submittedBy: 'manager', decidedBy: 'admin' } });
    expect(log[1].approval).toBeUndefined();
    const list = (await inject('GET', `${url}/approvals`, kasiSerang)).json() as { required: boolean; approvals: Array<{ status: string }> };
    expect(list.required).toBe(true);
    expect(list.approvals.map((a) => a.status)).toEqual(['approved', 'rejected', 'rejected']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'process.approval%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'process.approval-setting',
      'process.approval.submit',
      'process.approval.reject',
      'process.approval.submit',
      'process.approval.reject',
      'process.approval.submit',
      'process.approval.approve',
    ]);
  });
  it('Dampak counts an application once when it calls a process that runs on a copy of its nota (SOP 02 and its payment)', async () => {
    const db = t.database.db;
    await publishProcess(db, 'uji-bayar', model('uji-bayar', `${start()} ${userTask('bayar', 'sop:duration="PT1H"')} ${end()} ${chain('start', 'bayar', 'end')}`, { lanes: { kasir: ['start', 'bayar', 'end'] } }));
    await publishProcess(
      db,
      'uji-panggil',
      model(
        'uji-panggil',
        `${start()}
         <bpmn:businessRuleTask id="hitung" name="Hitung PKB" sop:ruleSet="samsat-fees" sop:resultVariable="notaPkb" sop:facts="{&quot;service&quot;:&quot;tahunan&quot;}" />
         <bpmn:callActivity id="pembayaran" name="Pembayaran" calledElement="uji-bayar" />
         ${end()}
         ${chain('start', 'hitung', 'pembayaran', 'end')}`,
        { lanes: { 'petugas-pendaftaran': ['start', 'hitung', 'pembayaran', 'end'] }, attrs: 'sop:starterRoles="petugas-pendaftaran"' },
      ),
    );
    await offerEverywhere(db, 'uji-panggil');
    const res = await inject('POST', '/api/processes/uji-panggil/instances', counter['samsat-serang'], { office: 'samsat-serang', variables: { vehicleType: 'sedan', njkb: 500_000_000, ownershipOrder: 1, usage: 'private' } });
    expect(res.statusCode, res.body).toBe(201);
    const parent = (res.json() as { id: string }).id;
    // the premise: the called payment runs on a copy of the application's variables, nota included
    const child = await db.selectFrom('runtime_instances').select(['id', 'variables']).where('parent_instance_id', '=', parent).executeTakeFirstOrThrow();
    const childVars = (typeof child.variables === 'string' ? JSON.parse(child.variables) : child.variables) as { sys?: { notaPkb?: unknown } };
    expect(childVars.sys?.notaPkb).toBeTruthy();

    const startRun = await inject('POST', '/api/rulesets/samsat-fees/impact', manager, { asOf: firstOfNextMonth() });
    expect(startRun.statusCode).toBe(202);
    await drainChangeJobs(db);
    const job = await poll(`/api/rulesets/samsat-fees/impact/${(startRun.json() as { id: string }).id}`);
    expect(job.result).toMatchObject({ applications: started.length + 1, changed: started.length + 1 });
    expect(job.items.filter((i) => i.instanceId === parent)).toHaveLength(1);
    expect(job.items.some((i) => i.instanceId === child.id)).toBe(false);
  });
});

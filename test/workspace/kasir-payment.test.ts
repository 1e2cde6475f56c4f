/**
 * The kasir records the payment (issue 23) through the real app on a real database: the retribusi
 * is computed, the applicant pays at the counter, the kasir types the amount received and the
 * method; less than due is refused (nothing stored, no number used), the receipt's number comes
 * from the numbering service (kind `kwitansi`, the office's format, gap-free also when two kasir
 * desks finish at the same moment), and the record shows in the history, on the applicant's status
 * page and on the kwitansi. The applicant cannot write any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { createUser } from '../../server/services/accounts/accounts.js';
import { publish, saveDraft } from '../../server/services/store/store.js';
import { bearer, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { databaseKinds } from '../helpers/db.js';
import { chain, end, model, start, userTask } from '../runtime/support/bpmn.js';
import { publishProcess } from '../runtime/support/publish.js';

type Json = Record<string, any>;
const OFFICE = 'samsat-serang';
const YEAR = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const receipt = (seq: number) => `KW/${String(seq).padStart(6, '0')}/${OFFICE}/${YEAR}`;

// The SOP's payment at the kasir: the retribusi is computed (4 m × Rp 25.000 = Rp 100.000), the
// wajib pajak pays at the counter, the kasir receives it and hands over the receipt.
const SOP = model(
  'uji-kasir-bayar',
  `${start()}<bpmn:businessRuleTask id="hitung" name="Menghitung retribusi" sop:ruleSet="kaloran-reklame" sop:resultVariable="retribusi" />` +
    `${userTask('bayar', 'sop:duration="PT15M"')}` +
    `<bpmn:userTask id="terima_bayar" name="Menerima pembayaran dan memberikan tanda bukti" sop:duration="PT3M" sop:handler="receive-payment" sop:output="Tanda bukti pembayaran" />` +
    `${end()}${chain('start', 'hitung', 'bayar', 'terima_bayar', 'end')}`,
  { lanes: { pemohon: ['start', 'bayar'], kasir: ['hitung', 'terima_bayar', 'end'] }, attrs: 'sop:starterRoles="pemohon"' },
);

describe.each(databaseKinds)('the kasir records the amount received and the receipt number (%s)', (kind) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const KASIR = 'kasir.samsat-serang';
  const KASIR2 = 'kasir2.samsat-serang';

  beforeAll(async () => {
    t = await createTestApp({ kind, users: false });
    const accounts = [
      { username: 'pemohon1', name: 'Siti Aminah', roles: [{ role: 'pemohon', office: null }] },
      { username: KASIR, name: 'Rina Kasir', roles: [{ role: 'kasir', office: OFFICE }] },
      { username: KASIR2, name: 'Dodi Kasir', roles: [{ role: 'kasir', office: OFFICE }] },
      { username: 'admin', roles: [{ role: 'admin', office: null }] },
    ];
    await Promise.all(accounts.map((a) => createUser(t.database.db, { ...a, password: t.password }, 'test')));
    for (const a of accounts) as[a.username] = bearer(await loginAs(t.app, a.username));
    await saveDraft(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', content: await readFile(new URL('../../rules/kaloran-reklame.json', import.meta.url), 'utf8'), actor: 'test' });
    await publish(t.database.db, { kind: 'ruleset', key: 'kaloran-reklame', actor: 'test' });
    await publishProcess(t.database.db, 'uji-kasir-bayar', SOP);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (user: string, url: string) => t.app.inject({ method: 'GET', url, headers: as[user] });
  const complete = (user: string, taskId: string, variables: Json) => t.app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: as[user], payload: { variables } });
  const openTask = async (user: string, instanceId: string) => ((await get(user, `/api/instances/${instanceId}`)).json() as { tasks: Json[] }).tasks.find((x) => x.status === 'open')!;
  const counters = async () => (await t.database.db.selectFrom('document_counters').select('last').where('office', '=', OFFICE).where('kind', '=', 'kwitansi').executeTakeFirst())?.last ?? 0;

  /** The applicant applies (4 m billboard) and pays at the counter: the file reaches the kasir. */
  async function atTheKasir(): Promise<{ instanceId: string; taskId: string }> {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-kasir-bayar/instances', headers: as.pemohon1, payload: { office: OFFICE, variables: { lengthMeters: 4 } } });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = (started.json() as { id: string }).id;
    const bayar = await openTask('pemohon1', instanceId);
    expect(bayar.elementId).toBe('bayar');
    expect((await complete('pemohon1', bayar.id, {})).statusCode).toBe(200);
    const kasir = await openTask(KASIR, instanceId);
    expect(kasir.elementId).toBe('terima_bayar');
    return { instanceId, taskId: kasir.id };
  }

  it('the kasir sees what is due; less than due is refused with the field named, nothing stored and no number used; then the receipt is numbered and recorded', async () => {
    const { instanceId, taskId } = await atTheKasir();
    const ctx = (await get(KASIR, `/api/workspace/tasks/${taskId}/context`)).json() as Json;
    expect(ctx.payment).toEqual({ due: '100000', methods: ['tunai', 'transfer', 'qris', 'kartu'], recorded: null });
    // No receipt before the money is received.
    expect((await get(KASIR, `/api/print/${instanceId}/kwitansi`)).statusCode).toBe(404);
    expect(ctx.printable).not.toContain('kwitansi');
    const before = await counters();

    const low = await complete(KASIR, taskId, { jumlahDiterima: '99999', metodePembayaran: 'tunai' });
    expect(low.statusCode).toBe(400);
    expect(low.json()).toMatchObject({ code: 'PAYMENT_TOO_LOW', message: expect.stringContaining('Rp 100.000'), details: { paths: ['/jumlahDiterima'], due: '100000', received: '99999' } });
    for (const bad of [{}, { jumlahDiterima: 150000 }, { jumlahDiterima: '1e5' }, { jumlahDiterima: '100.000' }, { jumlahDiterima: '150000', metodePembayaran: 'cek' }]) {
      const res = await complete(KASIR, taskId, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json(), JSON.stringify(bad)).toMatchObject({ code: 'VARIABLES_INVALID', details: { paths: expect.any(Array) } });
    }
    expect(await counters()).toBe(before);
    expect((await openTask(KASIR, instanceId)).id).toBe(taskId);

    const paid = await complete(KASIR, taskId, { jumlahDiterima: '150000', metodePembayaran: 'tunai' });
    expect(paid.statusCode, paid.body).toBe(200);
    const number = receipt(before + 1);

    // The history: who received how much, and the receipt's number.
    const history = (await get(KASIR, `/api/instances/${instanceId}/history`)).json() as { items: Json[] };
    const row = history.items.find((h) => h.elementId === 'terima_bayar')!;
    expect(row).toMatchObject({ actorName: 'Rina Kasir', details: { pembayaran: { tagihan: '100000', diterima: '150000', kembalian: '50000', metode: 'tunai', nomorBukti: number, diterimaOlehNama: 'Rina Kasir' } } });
    // The applicant's status page: the receipt's number and the change.
    const status = (await get('pemohon1', `/api/workspace/applications/${instanceId}`)).json() as Json;
    expect(status.payment).toMatchObject({ tagihan: '100000', diterima: '150000', kembalian: '50000', nomorBukti: number });
    // The kwitansi carries the same number, the amount received and the change; the kasir signs.
    const html = await get(KASIR, `/api/print/${instanceId}/kwitansi`);
    expect(html.statusCode, html.body.slice(0, 300)).toBe(200);
    for (const text of [number, 'Rp 150.000', 'Rp 50.000', 'Tunai', 'Rina Kasir']) expect(html.body).toContain(text);
    const pdf = await get(KASIR, `/api/print/${instanceId}/kwitansi.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(await counters()).toBe(before + 1);
  });

  it('the applicant cannot write the payment: not on their own step, not in the system results, not at the kasir step', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/processes/uji-kasir-bayar/instances', headers: as.pemohon1, payload: { office: OFFICE, variables: { lengthMeters: 2 } } });
    const instanceId = (started.json() as { id: string }).id;
    const bayar = await openTask('pemohon1', instanceId);
    for (const forged of [{ jumlahDiterima: '1000000' }, { sys: { pembayaran: { nomorBukti: 'KW/PALSU', diterima: '1000000' } } }, { pembayaran: { nomorBukti: 'KW/PALSU' } }]) {
      const res = await complete('pemohon1', bayar.id, forged);
      expect(res.statusCode, JSON.stringify(forged)).toBe(400);
      expect(res.json().code).toBe('VARIABLES_INVALID');
    }
    expect((await complete('pemohon1', bayar.id, {})).statusCode).toBe(200);
    const kasirTask = await openTask(KASIR, instanceId);
    expect((await complete('pemohon1', kasirTask.id, { jumlahDiterima: '50000' })).statusCode).toBe(404);
    // The amount typed at the kasir is the system's record only, never a variable of the application.
    expect((await complete(KASIR, kasirTask.id, { jumlahDiterima: '50000.50', metodePembayaran: 'qris' })).statusCode).toBe(200);
    const inst = (await get('admin', `/api/instances/${instanceId}`)).json() as Json;
    expect(inst.variables.jumlahDiterima).toBeUndefined();
    expect(inst.variables.sys.pembayaran).toMatchObject({ tagihan: '50000', diterima: '50000.50', kembalian: '0.50', metode: 'qris' });
  });

  it('two kasir desks finish at the same moment: consecutive, distinct receipt numbers; a refused payment in between uses none', async () => {
    const a = await atTheKasir();
    const b = await atTheKasir();
    const c = await atTheKasir();
    const before = await counters();
    const results = await Promise.all([
      complete(KASIR, a.taskId, { jumlahDiterima: '100000', metodePembayaran: 'tunai' }),
      complete(KASIR2, b.taskId, { jumlahDiterima: '200000', metodePembayaran: 'transfer' }),
      complete(KASIR, c.taskId, { jumlahDiterima: '1000' }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 400]);
    const numberOf = async (id: string) => ((await get('admin', `/api/instances/${id}`)).json() as Json).variables.sys.pembayaran.nomorBukti as string;
    const numbers = [await numberOf(a.instanceId), await numberOf(b.instanceId)].sort();
    expect(numbers).toEqual([receipt(before + 1), receipt(before + 2)]);
    expect(await counters()).toBe(before + 2);
    // The refused one pays properly afterwards and gets the next number: no hole.
    expect((await complete(KASIR2, c.taskId, { jumlahDiterima: '100000' })).statusCode).toBe(200);
    expect(await numberOf(c.instanceId)).toBe(receipt(before + 3));
  });

  it('two kasirs complete the same payment at once: one receipt, one number used, and no stand-in left anywhere', async () => {
    const a = await atTheKasir();
    const before = await counters();
    const results = await Promise.all([
      complete(KASIR, a.taskId, { jumlahDiterima: '100000', metodePembayaran: 'tunai' }),
      complete(KASIR2, a.taskId, { jumlahDiterima: '100000', metodePembayaran: 'qris' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await counters()).toBe(before + 1);
    const won = results.find((r) => r.statusCode === 200)!;
    // The receipt number is taken by the step's own write: what the kasir is answered, the stored
    // application and its history carry the number itself.
    expect(won.body).not.toContain('@@nomor');
    const inst = (await get('admin', `/api/instances/${a.instanceId}`)).json() as Json;
    expect(inst.variables.sys.pembayaran.nomorBukti).toBe(receipt(before + 1));
    const leftovers = await t.database.db
      .selectFrom('runtime_instances')
      .select('id')
      .where(sql<boolean>`variables::text like '%@@nomor%'`)
      .unionAll(t.database.db.selectFrom('runtime_history').select('instance_id as id').where(sql<boolean>`details::text like '%@@nomor%'`))
      .execute();
    expect(leftovers).toEqual([]);
  });

  it('the admin sets the office format of kind kwitansi in Kantor; the next receipt follows it', async () => {
    const office = await get('admin', `/api/admin/offices/${OFFICE}`);
    const o = office.json() as Json;
    const body = { name: o.name, agency: o.agency, address: o.address, contacts: o.contacts, processes: o.processes, numbering: { ...o.numbering, kwitansi: '973/{seq:4}/KW-SRG/{year}' } };
    const put = await t.app.inject({ method: 'PUT', url: `/api/admin/offices/${OFFICE}`, headers: as.admin, payload: body });
    expect(put.statusCode, put.body).toBe(200);
    const { instanceId, taskId } = await atTheKasir();
    const seq = (await counters()) + 1;
    expect((await complete(KASIR, taskId, { jumlahDiterima: '100000' })).statusCode).toBe(200);
    const inst = (await get('admin', `/api/instances/${instanceId}`)).json() as Json;
    expect(inst.variables.sys.pembayaran).toMatchObject({ nomorBukti: `973/${String(seq).padStart(4, '0')}/KW-SRG/${YEAR}`, metode: 'tunai' });
  });
});

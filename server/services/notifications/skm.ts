/**
 * The satisfaction survey (SKM, issue 21). After an application ends (completed), a job invites
 * its applicant: an invitation row with a random token stored only as its SHA-256, and the in-app
 * notice `survey-invitation` with the link `/survei/<token>` (the notification work fans it out to
 * email/WhatsApp). The survey is answered without log-in, once: the first answer marks the
 * invitation used in the same transaction that stores it. Managers read the IKM per service,
 * office and period (core/skm.ts) with the comments, and export the regulation's report table.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { computeIkm, SKM_CATEGORY_LABEL, SKM_ITEMS, SKM_WEIGHT, validAnswers, type IkmResult } from '../../../core/skm.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { managedOffices } from '../cockpit/cockpit-access.js';
import { todayInJakarta } from '../offices/dates.js';
import { sha256 } from '../store/hash.js';
import { notify } from './notifications.js';
import type { ExportTable } from '../cockpit/analytics-export.js';

/** Applications ended longer ago than this are not invited any more (the job's scan stays small). */
const INVITE_WITHIN_DAYS = 30;

/**
 * Invites the applicants of applications that ended and have no invitation yet (top-level,
 * completed, with an applicant account). Each invitation is one transaction with its notice; the
 * unique instance_id makes a second server's attempt a no-op. Returns how many were invited.
 */
export async function inviteEndedApplications(db: Kysely<Database>, now = new Date(), limit = 100): Promise<number> {
  const since = new Date(now.getTime() - INVITE_WITHIN_DAYS * 86_400_000);
  const ended = await db
    .selectFrom('runtime_instances as i')
    .select(['i.id', 'i.process_key', 'i.process_name', 'i.office', 'i.applicant_user_id'])
    .where('i.status', '=', 'completed')
    .where('i.parent_instance_id', 'is', null)
    .where('i.applicant_user_id', 'is not', null)
    .where('i.ended_at', '>', since)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('skm_invitations as s').select('s.id').whereRef('s.instance_id', '=', 'i.id'))))
    .orderBy('i.ended_at')
    .limit(limit)
    .execute();
  let invited = 0;
  for (const inst of ended) {
    const token = randomBytes(24).toString('base64url');
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('skm_invitations')
        .values({ instance_id: inst.id, process_key: inst.process_key, process_name: inst.process_name, office: inst.office, token_hash: sha256(token) })
        .onConflict((oc) => oc.column('instance_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      await notify(trx, {
        userId: inst.applicant_user_id!,
        instanceId: inst.id,
        office: inst.office,
        kind: 'survey-invitation',
        message: `Permohonan ${inst.process_name} selesai. Mohon isi Survei Kepuasan Masyarakat (9 pertanyaan, tanpa masuk akun, sekali pakai).`,
        link: `/survei/${token}`,
      });
      return true;
    });
    if (done) invited++;
  }
  return invited;
}

export interface SurveyForm {
  service: string;
  office: string;
  items: Array<{ code: string; id: string; en: string }>;
}

async function invitationOf(db: Kysely<Database>, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  return db
    .selectFrom('skm_invitations as s')
    .leftJoin('offices as o', 'o.key', 's.office')
    .select(['s.id', 's.process_key', 's.process_name', 's.office', 's.used_at', 'o.name as office_name'])
    .where('s.token_hash', '=', sha256(token))
    .executeTakeFirst();
}

/** The survey behind a link: what it is about and the nine items (409 once answered). */
export async function surveyForm(db: Kysely<Database>, token: string): Promise<SurveyForm> {
  const inv = await invitationOf(db, token);
  if (!inv) throw new AppError('SURVEY_NOT_FOUND', 'Tautan survei tidak dikenal', {});
  if (inv.used_at) throw new AppError('SURVEY_ALREADY_ANSWERED', 'Survei ini sudah diisi. Terima kasih.', {});
  return { service: inv.process_name, office: inv.office_name ?? inv.office, items: SKM_ITEMS.map((i) => ({ ...i })) };
}

/** Stores the answer and spends the token, in one transaction (a second answer: 409, nothing stored). */
export async function answerSurvey(db: Kysely<Database>, token: string, input: { answers: number[]; comment?: string }): Promise<{ answered: true }> {
  if (!validAnswers(input.answers)) throw new AppError('VALIDATION_FAILED', 'Jawaban survei: sembilan nilai 1–4', { answers: input.answers });
  const inv = await invitationOf(db, token);
  if (!inv) throw new AppError('SURVEY_NOT_FOUND', 'Tautan survei tidak dikenal', {});
  await db.transaction().execute(async (trx) => {
    const spent = await trx.updateTable('skm_invitations').set({ used_at: new Date() }).where('id', '=', inv.id).where('used_at', 'is', null).returning('id').executeTakeFirst();
    if (!spent) throw new AppError('SURVEY_ALREADY_ANSWERED', 'Survei ini sudah diisi. Terima kasih.', {});
    const comment = input.comment?.trim();
    await trx
      .insertInto('skm_responses')
      .values({ invitation_id: inv.id, process_key: inv.process_key, office: inv.office, answers: input.answers, comment: comment ? comment : null })
      .execute();
  });
  return { answered: true };
}

export interface IkmFilter {
  office?: string;
  process?: string;
  from?: string;
  to?: string;
}

export interface IkmReport {
  filter: { offices: string[] | 'all'; process: string | null; from: string; to: string };
  overall: IkmResult | null;
  /** per office × service */
  rows: Array<{ office: string; officeName: string; process: string; service: string; result: IkmResult }>;
  comments: Array<{ office: string; process: string; at: string; comment: string }>;
}

/** The IKM of the offices the user manages (or one of them), per office × service, over a period (Asia/Jakarta dates). */
export async function ikmReport(db: Kysely<Database>, user: SessionUser, f: IkmFilter, now = new Date()): Promise<IkmReport> {
  const managed = managedOffices(user);
  if (managed !== 'all' && managed.length === 0) throw new AppError('FORBIDDEN', 'Dasbor kinerja hanya untuk manajer dan admin', {});
  let offices: string[] | 'all' = managed;
  if (f.office) {
    if (managed !== 'all' && !managed.includes(f.office)) throw new AppError('FORBIDDEN', 'Anda bukan manajer kantor ini', { office: f.office });
    offices = [f.office];
  }
  const to = f.to ?? todayInJakarta(now);
  const from = f.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new AppError('BAD_REQUEST', 'Periode tidak sah', { from, to });
  const scope = (q: ReturnType<typeof base>) => {
    let out = q.where(sql<boolean>`(r.answered_at at time zone 'Asia/Jakarta')::date between ${from}::date and ${to}::date`);
    if (offices !== 'all') out = out.where('r.office', 'in', offices.length ? offices : ['']);
    if (f.process) out = out.where('r.process_key', '=', f.process);
    return out;
  };
  const base = () => db.selectFrom('skm_responses as r');
  const sums = SKM_ITEMS.map((_, i) => sql<number>`sum(r.answers[${sql.lit(i + 1)}])::int`.as(`s${i + 1}`));
  const [grouped, comments, names] = await Promise.all([
    scope(base())
      .innerJoin('skm_invitations as s', 's.id', 'r.invitation_id')
      .select(['r.office', 'r.process_key', sql<string>`max(s.process_name)`.as('service'), sql<number>`count(*)::int`.as('n'), ...sums])
      .groupBy(['r.office', 'r.process_key'])
      .orderBy('r.office')
      .orderBy('r.process_key')
      .execute(),
    scope(base()).select(['r.office', 'r.process_key', 'r.answered_at', 'r.comment']).where('r.comment', 'is not', null).orderBy('r.answered_at', 'desc').limit(200).execute(),
    db.selectFrom('offices').select(['key', 'name']).execute(),
  ]);
  const officeName = new Map(names.map((o) => [o.key, o.name]));
  const itemSums = (r: Record<string, unknown>) => SKM_ITEMS.map((_, i) => Number(r[`s${i + 1}`]));
  const rows = grouped.map((r) => ({
    office: r.office,
    officeName: officeName.get(r.office) ?? r.office,
    process: r.process_key,
    service: r.service,
    result: computeIkm(itemSums(r), Number(r.n))!,
  }));
  const total = SKM_ITEMS.map((_, i) => grouped.reduce((a, r) => a + itemSums(r)[i], 0));
  const n = grouped.reduce((a, r) => a + Number(r.n), 0);
  return {
    filter: { offices, process: f.process ?? null, from, to },
    overall: computeIkm(total, n),
    rows,
    comments: comments.map((c) => ({ office: c.office, process: c.process_key, at: new Date(c.answered_at).toISOString(), comment: c.comment ?? '' })),
  };
}

/**
 * The regulation's report table (Permenpan-RB 14/2017 annex): per unsur the sum of answers, NRR
 * and NRR tertimbang, then IKM, the unit's IKM, the quality and the respondents; one table per
 * office × service and one for all together, plus the comments.
 */
export function ikmReportTables(report: IkmReport): ExportTable[] {
  const table = (name: string, r: IkmResult): ExportTable => ({
    name,
    columns: ['Unsur pelayanan', 'Kode', 'Jumlah nilai', 'NRR', `NRR tertimbang (× ${SKM_WEIGHT})`],
    rows: [
      ...r.items.map((it, i) => [SKM_ITEMS[i].id, it.code, it.sum, it.nrr, it.weighted]),
      ['IKM (Σ NRR tertimbang)', '', '', '', r.ikm],
      ['IKM unit pelayanan (× 25)', '', '', '', r.unitIkm],
      ['Mutu pelayanan', '', '', '', `${r.category} (${SKM_CATEGORY_LABEL[r.category]})`],
      ['Jumlah responden', '', '', '', r.respondents],
    ],
  });
  return [
    ...(report.overall ? [table('Semua layanan', report.overall)] : []),
    ...report.rows.map((r) => table(`${r.officeName} - ${r.service}`, r.result)),
    { name: 'Saran dan masukan', columns: ['kantor', 'layanan', 'waktu', 'komentar'], rows: report.comments.map((c) => [c.office, c.process, c.at, c.comment]) },
  ];
}

/**
 * Documents an officer sends to the applicant (issue 23): from a task they may act on, a file
 * (checked as every upload is: size, type by content, sha256) stored with the application and
 * addressed to its applicant, a line in the application's history ("Dokumen dikirim ke pemohon",
 * who, the title) and the catalogue's `document-sent` notice — all in one transaction. The
 * applicant reads it with the application's other documents (uploads.ts, core/access.ts).
 */
import type { Kysely } from 'kysely';
import { canSeeTask, canSendToApplicant, type TaskFacts } from '../../../core/access.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { SessionUser } from '../accounts/accounts.js';
import { notify, type Contact } from '../notifications/notifications.js';
import { assertWithinQuotas, checkFile, insertUpload, type NewUpload, type UploadMeta } from './uploads.js';

const TITLE_MAX = 200;

/** The history event of a document sent to the applicant (runtime_history.event). */
const DOCUMENT_SENT_EVENT = 'document-sent';

interface DocumentForApplicant {
  title: string;
  filename: string;
  bytes: Uint8Array;
  truncated?: boolean;
}

async function taskToSendFrom(db: Kysely<Database>, user: SessionUser, taskId: string) {
  const task = await db
    .selectFrom('runtime_tasks')
    .select(['id', 'instance_id', 'element_id', 'element_name', 'role', 'office', 'assignee', 'claimed_by', 'status', 'created_at'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  const facts: TaskFacts | undefined = task && { role: task.role, office: task.office, assignee: task.assignee, claimedBy: task.claimed_by };
  // A task the user may not even read is absent to them; one they read but may not act on is 403.
  if (!task || !facts || !canSeeTask(user, facts)) throw new AppError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id: taskId });
  if (!canSendToApplicant(user, facts)) throw new AppError('FORBIDDEN', 'Anda hanya dapat melihat tugas ini', { id: taskId });
  return task;
}

function cleanTitle(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const t = title.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (t === '' || t.length > TITLE_MAX) throw new AppError('DOCUMENT_TITLE_REQUIRED', `Judul dokumen wajib diisi (paling banyak ${TITLE_MAX} karakter)`, { maxLength: TITLE_MAX });
  return t;
}

export async function sendDocumentToApplicant(db: Kysely<Database>, user: SessionUser, taskId: string, input: DocumentForApplicant): Promise<UploadMeta> {
  const task = await taskToSendFrom(db, user, taskId);
  const title = cleanTitle(input.title);
  const file = checkFile(input);
  return db.transaction().execute(async (trx) => {
    // the task's row: a colleague completing it at the same moment goes first or after, not between
    const now = await trx.selectFrom('runtime_tasks').select('status').where('id', '=', task.id).forUpdate().executeTakeFirstOrThrow();
    if (now.status !== 'open') throw new AppError('TASK_ALREADY_COMPLETED', 'Tugas sudah selesai', { id: task.id });
    const inst = await trx.selectFrom('runtime_instances').select(['applicant_user_id', 'applicant', 'office']).where('id', '=', task.instance_id).executeTakeFirstOrThrow();
    await assertWithinQuotas(trx, user, { bytes: input.bytes.length, instanceId: task.instance_id, unattached: false, applicantBytes: false });
    const upload: NewUpload = { filename: input.filename, bytes: input.bytes, instanceId: task.instance_id, document: null };
    const meta = await insertUpload(trx, user, upload, file, { title });
    const at = new Date();
    await trx
      .insertInto('runtime_history')
      .values({
        instance_id: task.instance_id,
        element_id: task.element_id,
        element_name: task.element_name,
        element_kind: 'userTask',
        event: DOCUMENT_SENT_EVENT,
        actor: user.id,
        on_behalf: false,
        started_at: at,
        ended_at: at,
        due_at: null,
        sla_ms: null,
        task_id: task.id,
        details: JSON.stringify({ judul: title, uploadId: meta.id, filename: meta.filename }),
      })
      .execute();
    const contact = typeof inst.applicant === 'string' ? (JSON.parse(inst.applicant) as Contact | null) : (inst.applicant as Contact | null);
    const recipient = inst.applicant_user_id ? { userId: inst.applicant_user_id } : contact ? { contact } : undefined;
    if (recipient) {
      // a walk-in has no account page: their message points to the public tracking page
      const link = inst.applicant_user_id ? `/portal/applications/${task.instance_id}` : '/lacak';
      await notify(trx, { ...recipient, instanceId: task.instance_id, office: inst.office, kind: 'document-sent', link, data: { title } });
    }
    return meta;
  });
}

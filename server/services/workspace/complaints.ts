/**
 * Complaints (pengaduan, issue 21): a complaint is an application of the library's `pengaduan`
 * SOP (processes/specs/pengaduan.ts), so it has a lane (the office's `pengelola-pengaduan` post),
 * a due time and a history like any SOP; its answer reaches the applicant on their channels
 * (`complaint-answered`, raised by the SOP's end event).
 *
 * Two ways in: an applicant signed in to the portal starts it like any service (the start route
 * and its starter roles); from the public tracking page, the application's number and PIN are the
 * authorization (the same check and limits as tracking): the complaint is then filed at that
 * application's office, for that application's applicant (their account, or the walk-in contact
 * given at the counter), naming the application.
 */
import type { Kysely } from 'kysely';
import type { WalkInApplicant } from '../../../runtime/store.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { SYSTEM_ACTOR } from '../../../runtime/engine.js';
import { publishedModel, startOffered } from '../runtime/runtime.js';
import { LOCKING_RUNTIME, type RuntimeContext } from '../runtime/runtime-steps.js';
import { officeOfferings } from '../offices/office-offers.js';
import { verifiedApplication } from './tracking.js';

const COMPLAINT_PROCESS = 'pengaduan';

export interface PublicComplaint {
  number: string;
  pin: string;
  perihal: string;
  isiPengaduan: string;
}

/** Files a complaint about a tracked application; answers the complaint's own number. */
export async function complainAboutTracked(db: Kysely<Database>, input: PublicComplaint & { address: string; runtime?: RuntimeContext }): Promise<{ number: string }> {
  const instanceId = await verifiedApplication(db, input);
  const about = await db
    .selectFrom('runtime_instances as i')
    .leftJoin('registrations as r', 'r.instance_id', 'i.id')
    .select(['i.office', 'i.applicant_user_id', 'i.applicant', 'r.number'])
    .where('i.id', '=', instanceId)
    .executeTakeFirstOrThrow();
  const offered = await officeOfferings(db, about.office);
  if (!offered?.includes(COMPLAINT_PROCESS)) {
    throw new AppError('SERVICE_NOT_OFFERED', 'Kantor ini belum menerima pengaduan melalui aplikasi; hubungi kontak pengaduan kantor', { office: about.office, processKey: COMPLAINT_PROCESS });
  }
  const { publication, model } = await publishedModel(db, COMPLAINT_PROCESS);
  const walkIn = (typeof about.applicant === 'string' ? JSON.parse(about.applicant) : about.applicant) as WalkInApplicant | null;
  const started = await startOffered(db, model, publication, COMPLAINT_PROCESS, {
    office: about.office,
    variables: { perihal: input.perihal, isiPengaduan: input.isiPengaduan, ...(about.number ? { nomorPermohonan: about.number } : {}) },
    businessKey: null,
    applicantUserId: about.applicant_user_id,
    applicant: about.applicant_user_id ? null : walkIn,
    startedBy: SYSTEM_ACTOR,
    runtime: input.runtime ?? LOCKING_RUNTIME,
  });
  return { number: started.number };
}

import { describe, expect, it } from 'vitest';
import {
  APPLICANT_ROLES,
  canActOnTask,
  canCancel,
  canPrint,
  canSeeDocument,
  canSeeInstance,
  canSeeTask,
  canSendMessage,
  canUpload,
  instanceView,
  maySendMessages,
  officesOf,
  startMode,
  supervises,
  type Principal,
} from '../../core/access.js';

const user = (id: string, ...roles: Array<[string, string | null]>): Principal => ({ id, roles: roles.map(([role, office]) => ({ role, office })) });

// SIPEKA: the application is at DPMPTSP Banten; its technical review is a task of the OPD PUPR.
const fo = user('fo', ['petugas-fo', 'dpmptsp-banten']);
const kasi = user('kasi', ['kasi', 'dpmptsp-banten']);
const opd = user('opd', ['opd-teknis', 'opd-dinas-pupr']);
const otherOpd = user('opd2', ['opd-teknis', 'opd-dinas-kesehatan']);
const loketKaloran = user('loket', ['petugas-loket', 'kecamatan-kaloran']);
const pemohon1 = user('p1', ['pemohon', null]);
const pemohon2 = user('p2', ['pemohon', null]);
const managerAll = user('m', ['manager', null]);
const managerDpmptsp = user('md', ['manager', 'dpmptsp-banten']);
const managerSamsat = user('ms', ['manager', 'samsat-serang']);
const admin = user('a', ['admin', null]);

const app = { office: 'dpmptsp-banten', applicantUserId: 'p1', startedBy: 'p1' };
const walkIn = { office: 'dpmptsp-banten', applicantUserId: null, startedBy: 'fo' };
const reviewTask = { role: 'opd-teknis', office: 'opd-dinas-pupr', assignee: null };
const foTask = { role: 'petugas-fo', office: 'dpmptsp-banten', assignee: null };
const applicantTask = { role: 'pemohon', office: 'dpmptsp-banten', assignee: 'p1' };
const onBehalfTask = { role: 'pemohon', office: 'dpmptsp-banten', assignee: 'fo' };

describe('the access policy (core/access.ts)', () => {
  it('defines the applicant roles once', () => {
    expect([...APPLICANT_ROLES].sort()).toEqual(['pemohon', 'wajib-pajak']);
    // an applicant grant, a manager grant and an admin grant are not posts in an office
    expect(officesOf(user('x', ['pemohon', null], ['manager', 'samsat-serang'], ['admin', null], ['kasir', 'samsat-serang']))).toEqual(['samsat-serang']);
  });

  it.each([
    ['the OPD officer acts on the review in their own office', opd, reviewTask, true],
    ['an OPD officer of another OPD does not', otherOpd, reviewTask, false],
    ['the front office of the application office does not act on the OPD review', fo, reviewTask, false],
    ['the front office acts on its own step', fo, foTask, true],
    ['another role in that office does not', kasi, foTask, false],
    ['another office does not', loketKaloran, foTask, false],
    ['the applicant acts on their step', pemohon1, applicantTask, true],
    ['another applicant does not', pemohon2, applicantTask, false],
    ['the officer who registered a walk-in acts on its applicant step, on their behalf', fo, onBehalfTask, true],
    ['a colleague of that officer does not', user('fo2', ['petugas-fo', 'dpmptsp-banten']), onBehalfTask, false],
    ['a manager only reads', managerAll, foTask, false],
    ['an admin only reads', admin, foTask, false],
  ] as const)('canActOnTask: %s', (_name, u, t, expected) => {
    expect(canActOnTask(u, t)).toBe(expected);
  });

  it.each([
    ['a manager of every office', managerAll, reviewTask, true],
    ['a manager of the task office', user('mp', ['manager', 'opd-dinas-pupr']), reviewTask, true],
    ['a manager of another office', managerSamsat, foTask, false],
    ['a manager of the application office does not see a task of another office', managerDpmptsp, reviewTask, false],
    ['a manager of the application office sees its own office task', managerDpmptsp, foTask, true],
    ['an admin', admin, reviewTask, true],
    ['anyone in the queue', opd, reviewTask, true],
    ['an officer of another role', kasi, foTask, false],
  ] as const)('canSeeTask: %s', (_name, u, t, expected) => {
    expect(canSeeTask(u, t)).toBe(expected);
  });

  it.each([
    ['its applicant', pemohon1, app, [], 'full'],
    ['another applicant', pemohon2, app, [], 'none'],
    ['an officer of its office, any role', kasi, app, [], 'full'],
    ['an officer of another office', loketKaloran, app, [], 'none'],
    ['the OPD officer reached by their review task', opd, app, [reviewTask], 'task'],
    ['another OPD, not reached', otherOpd, app, [reviewTask], 'none'],
    ['the officer who registered a walk-in', fo, walkIn, [], 'full'],
    ['a manager of every office', managerAll, app, [], 'full'],
    ['a manager of its office', managerDpmptsp, app, [], 'full'],
    ['a manager of another office', managerSamsat, app, [], 'none'],
    ['an admin', admin, app, [], 'full'],
  ] as const)('instanceView: %s', (_name, u, inst, reached, expected) => {
    expect(instanceView(u, inst, reached)).toBe(expected);
    expect(canSeeInstance(u, inst, reached)).toBe(expected !== 'none');
  });

  it('documents: a full view sees all, a task view only what its tasks name (all when they name none), the uploader always', () => {
    const ktp = { ownerId: 'p1', document: 'KTP' };
    const teknis = { ownerId: 'p1', document: 'PERSYARATAN-TEKNIS' };
    expect(canSeeDocument(kasi, ktp, 'full')).toBe(true);
    expect(canSeeDocument(opd, ktp, 'task', ['PERSYARATAN-TEKNIS'])).toBe(false);
    expect(canSeeDocument(opd, teknis, 'task', ['PERSYARATAN-TEKNIS'])).toBe(true);
    expect(canSeeDocument(opd, ktp, 'task', [])).toBe(true);
    expect(canSeeDocument(pemohon1, ktp, 'none')).toBe(true);
    expect(canSeeDocument(pemohon2, ktp, 'none')).toBe(false);
  });

  it('printing: the office prints everything; a reviewing OPD prints the receipt only', () => {
    expect(canPrint('full', 'izin')).toBe(true);
    expect(canPrint('task', 'tanda-terima')).toBe(true);
    expect(canPrint('task', 'skrd')).toBe(false);
    expect(canPrint('task', 'surat-penolakan')).toBe(false);
    expect(canPrint('none', 'tanda-terima')).toBe(false);
  });

  it('uploading: the people involved and the reviewing OPD, never a read-only supervisor', () => {
    expect(canUpload(pemohon1, app, 'full')).toBe(true);
    expect(canUpload(kasi, app, 'full')).toBe(true);
    expect(canUpload(opd, app, 'task')).toBe(true);
    expect(canUpload(fo, walkIn, 'full')).toBe(true);
    expect(canUpload(managerAll, app, 'full')).toBe(false);
    expect(canUpload(managerDpmptsp, app, 'full')).toBe(false);
    expect(canUpload(admin, app, 'full')).toBe(true);
    expect(canUpload(pemohon2, app, 'none')).toBe(false);
  });

  it('supervision is per office: office null is every office', () => {
    expect(supervises(managerAll, 'samsat-serang')).toBe(true);
    expect(supervises(managerDpmptsp, 'dpmptsp-banten')).toBe(true);
    expect(supervises(managerDpmptsp, 'samsat-serang')).toBe(false);
    expect(canCancel(managerDpmptsp, app)).toBe(true);
    expect(canCancel(managerSamsat, app)).toBe(false);
    expect(canCancel(fo, app)).toBe(false);
  });

  it('starting: an officer whose role may start it registers a walk-in; an applicant applies; others may not', () => {
    expect(startMode(fo, 'dpmptsp-banten', ['pemohon', 'petugas-fo'])).toBe('officer');
    expect(startMode(fo, 'samsat-serang', ['pemohon', 'petugas-fo'])).toBe(null);
    expect(startMode(kasi, 'dpmptsp-banten', ['pemohon', 'petugas-fo'])).toBe(null);
    expect(startMode(pemohon1, 'dpmptsp-banten', ['pemohon', 'petugas-fo'])).toBe('applicant');
    expect(startMode(pemohon1, 'dpmptsp-banten', ['petugas-fo'])).toBe(null);
    expect(startMode(managerAll, 'dpmptsp-banten', ['petugas-fo'])).toBe(null);
    expect(startMode(admin, 'dpmptsp-banten', ['petugas-fo'])).toBe('admin');
  });

  it('messages: only the roles the model names, only in the sender offices unless the key is the system-issued one', () => {
    const kasir = user('k', ['kasir', 'samsat-serang']);
    const korektor = user('ko', ['korektor', 'samsat-serang']);
    const kasirElsewhere = user('k2', ['kasir', 'samsat-cikokol']);
    const target = { office: 'samsat-serang', senders: ['kasir'] };
    expect(canSendMessage(kasir, target)).toBe('ok');
    expect(canSendMessage(korektor, target)).toBe('forbidden');
    expect(canSendMessage(kasirElsewhere, target)).toBe('hidden');
    expect(canSendMessage(kasirElsewhere, { ...target, systemKey: true })).toBe('ok');
    expect(canSendMessage(kasir, { office: 'samsat-serang', senders: undefined })).toBe('forbidden');
    expect(canSendMessage(admin, { office: 'x', senders: undefined })).toBe('ok');
    expect(maySendMessages(kasir)).toBe(true);
    expect(maySendMessages(pemohon1)).toBe(false);
    expect(maySendMessages(managerAll)).toBe(false);
  });
});

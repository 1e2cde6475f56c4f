import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Channel } from '../../../core/notification-events.js';
import { looksLikePhone, normalizePhone } from '../../../core/phone.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../platform/audit.js';
import { checkPassword } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { notify } from '../notifications/notifications.js';
import { changingSessions } from './session-cache.js';

/**
 * Account recovery (issue 21): a forgotten password is reset with a one-time 6-digit code sent on
 * the account's email or WhatsApp (through the outbox). A code is kept only as a scrypt hash,
 * expires after CODE_MINUTES, works once, and is burnt after MAX_WRONG wrong tries; an account
 * gets at most MAX_CODES_PER_HOUR codes and one address may ask for at most MAX_PER_ADDRESS_HOUR.
 * An unknown account gets the same answer as a known one.
 */
const RECOVERY_LIMITS = { codeMinutes: 15, maxWrong: 5, maxCodesPerHour: 3, maxPerAddressHour: 10 } as const;
const HOUR = 3_600_000;

/** The account an identifier names: username, email, or a phone number in any common form. */
async function accountOf(db: Kysely<Database>, raw: string) {
  const id = looksLikePhone(raw) ? normalizePhone(raw) : raw.trim().toLowerCase();
  return db
    .selectFrom('users as u')
    .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.email', 'u.phone', 'u.disabled', 'p.language'])
    .where((eb) => eb.or([eb('u.username', '=', id), eb('u.email', '=', id), eb('u.phone', '=', id)]))
    .executeTakeFirst();
}

export interface RecoveryRequest {
  identifier: string;
  /** the channel to send on; default: the one the identifier is (phone → WhatsApp), else email, else WhatsApp */
  channel?: Channel;
}

/** Sends a code if the account exists and has an address on that channel; the answer never says which. */
export async function requestRecoveryCode(db: Kysely<Database>, input: RecoveryRequest, ip: string, now: Date = new Date()): Promise<void> {
  const since = new Date(now.getTime() - HOUR);
  const fromAddress = await db.selectFrom('password_reset_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', ip).where('created_at', '>', since).executeTakeFirstOrThrow();
  if (Number(fromAddress.n) >= RECOVERY_LIMITS.maxPerAddressHour) throw new AppError('RATE_LIMITED', 'Terlalu banyak permintaan kode dari alamat ini. Coba lagi nanti.', { retryAfterSeconds: 3600 });
  const user = await accountOf(db, input.identifier);
  if (!user || user.disabled) return;
  const channel: Channel | undefined =
    input.channel ?? (looksLikePhone(input.identifier) && user.phone ? 'whatsapp' : user.email ? 'email' : user.phone ? 'whatsapp' : undefined);
  const address = channel === 'email' ? user.email : channel === 'whatsapp' ? user.phone : null;
  if (!channel || !address) return;
  const forAccount = await db.selectFrom('password_reset_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('created_at', '>', since).executeTakeFirstOrThrow();
  if (Number(forAccount.n) >= RECOVERY_LIMITS.maxCodesPerHour) throw new AppError('RATE_LIMITED', 'Kode sudah beberapa kali dikirim. Coba lagi nanti.', { retryAfterSeconds: 3600 });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeHash = await hashPassword(code);
  await db.transaction().execute(async (trx) => {
    // A new code replaces the earlier ones.
    await trx.updateTable('password_reset_codes').set({ used_at: now }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await trx
      .insertInto('password_reset_codes')
      .values({ user_id: user.id, channel, code_hash: codeHash, ip, created_at: now, expires_at: new Date(now.getTime() + RECOVERY_LIMITS.codeMinutes * 60_000) })
      .execute();
    await notify(trx, {
      contact: { [channel === 'email' ? 'email' : 'phone']: address, language: user.language === 'en' ? 'en' : 'id' },
      kind: 'password-reset-code',
      data: { code, minutes: RECOVERY_LIMITS.codeMinutes },
    });
  });
}

export interface RecoveryReset {
  identifier: string;
  code: string;
  password: string;
}

const invalid = () => new AppError('RESET_CODE_INVALID', 'Kode salah, kedaluwarsa, atau sudah dipakai. Minta kode baru.');

/** Sets the new password with a valid code (one transaction: the code is used, every session ends). */
export async function resetPassword(db: Kysely<Database>, input: RecoveryReset, now: Date = new Date()): Promise<void> {
  const user = await accountOf(db, input.identifier);
  if (!user || user.disabled || !/^\d{6}$/.test(input.code)) throw invalid();
  // The policy first: a weak password does not cost the code.
  checkPassword(input.password, user.username);
  const passwordHash = await hashPassword(input.password);
  const outcome = await changingSessions(db, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('password_reset_codes')
        .select(['id', 'code_hash', 'expires_at', 'failed_attempts'])
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (!row || new Date(row.expires_at).getTime() <= now.getTime() || row.failed_attempts >= RECOVERY_LIMITS.maxWrong) return 'invalid' as const;
      if (!(await verifyPassword(input.code, row.code_hash))) {
        await trx.updateTable('password_reset_codes').set({ failed_attempts: row.failed_attempts + 1 }).where('id', '=', row.id).execute();
        return 'wrong' as const;
      }
      await trx.updateTable('password_reset_codes').set({ used_at: now }).where('id', '=', row.id).execute();
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', user.id).execute();
      await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
      await appendAudit(trx, { actor: user.username, action: 'user.password-reset', subject: `user:${user.username}` });
      return 'done' as const;
    }),
  );
  if (outcome !== 'done') throw invalid();
}

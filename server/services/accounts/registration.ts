import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { isNormalPhone, normalizePhone } from '../../../core/phone.js';
import { AppError } from '../../errors.js';
import { createUser, login, type LoginResult } from './accounts.js';

export interface Registration {
  name: string;
  email?: string;
  phone?: string;
  password: string;
}

/** Indonesian mobile numbers arrive as +62…, 62… or 08…: one form (08…) is kept. */

/**
 * An applicant registers with an email or a phone number; that value is also the username,
 * so they log in with what they typed. The account holds the `pemohon` role only.
 */
export async function registerApplicant(db: Kysely<Database>, input: Registration, ip: string): Promise<LoginResult> {
  const email = input.email?.trim().toLowerCase() || undefined;
  const phone = input.phone ? normalizePhone(input.phone) : undefined;
  if (!email && !phone) throw new AppError('VALIDATION_FAILED', 'Isi email atau nomor telepon', { field: 'email' });
  if (phone && !isNormalPhone(phone)) throw new AppError('VALIDATION_FAILED', 'Nomor telepon tidak valid', { field: 'phone' });
  const username = (email ?? phone) as string;
  await createUser(db, { username, name: input.name.trim(), password: input.password, email: email ?? null, phone: phone ?? null, roles: [{ role: 'pemohon', office: null }] }, `self:${username}`);
  return login(db, username, input.password, ip);
}

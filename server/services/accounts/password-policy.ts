import { readFileSync } from 'node:fs';
import { AppError } from '../../errors.js';

/** Issue 16, finding 12: at least this long, not a common password, not the username. */
const MIN_PASSWORD_LENGTH = 10;

let common: Set<string> | undefined;
/** The shipped list (common-passwords.txt beside this file), read once. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return common;
}

export type PasswordWeakness = 'too-short' | 'common' | 'equals-username';

/** Why this password is refused for this account, or undefined when it is acceptable. */
export function passwordWeakness(password: string, username: string): PasswordWeakness | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too-short';
  const lower = password.normalize('NFKC').toLowerCase();
  if (commonPasswords().has(lower)) return 'common';
  if (lower === username.normalize('NFKC').toLowerCase()) return 'equals-username';
  return undefined;
}

const MESSAGES: Record<PasswordWeakness, string> = {
  'too-short': `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter`,
  common: 'Kata sandi ini terlalu umum; pilih yang lain',
  'equals-username': 'Kata sandi tidak boleh sama dengan nama pengguna',
};

/** Throws 400 PASSWORD_TOO_WEAK (register, user admin, CLI and the demo seed all come here). */
export function checkPassword(password: string, username: string): void {
  const weakness = passwordWeakness(password, username);
  if (weakness) throw new AppError('PASSWORD_TOO_WEAK', MESSAGES[weakness], { field: 'password', reason: weakness, minLength: MIN_PASSWORD_LENGTH });
}

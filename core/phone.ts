/**
 * Indonesian phone numbers in one normal form: the national form `08…` (what people write and
 * what an applicant's username is), from any common way of typing it: `0812 3456 7890`,
 * `+62 812-3456-7890`, `62812…`, `(0812) 3456 7890`, `812…`. Providers that want the
 * international form get it from `toInternational` (`62812…`).
 */

/** Characters people put in a phone number besides digits. */
const DECORATION = /[\s()+.-]/g;

/** True when the text is a phone number as people type one (digits and decoration only). */
export function looksLikePhone(raw: string): boolean {
  const trimmed = raw.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(DECORATION, '');
  return /^\d{8,16}$/.test(digits);
}

/** The national form `08…`; the input's digits unchanged when it is not an Indonesian mobile or landline form. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.startsWith('62')) return `0${digits.slice(2)}`;
  if (digits.startsWith('8')) return `0${digits}`;
  return digits;
}

/** A valid normal form: 0 then 8 to 14 digits (landlines 02…, mobiles 08…). */
export function isNormalPhone(phone: string): boolean {
  return /^0\d{8,14}$/.test(phone);
}

/** The international form without "+" (`62812…`), as WhatsApp and SMS providers want it. */
export function toInternational(phone: string): string {
  const national = normalizePhone(phone);
  return `62${national.slice(1)}`;
}

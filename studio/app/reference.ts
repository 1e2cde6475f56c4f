/**
 * How a person refers to an application or a document (issue 23): its number (registration,
 * document, business key — the caller's order), else "(belum bernomor)". Never an internal id.
 */
import type { Translate } from '../i18n/index.js';

export function reference(t: Translate, ...numbers: Array<string | null | undefined>): string {
  return numbers.find((n): n is string => typeof n === 'string' && n.trim() !== '') ?? t('common.unnumbered');
}

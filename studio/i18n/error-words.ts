import { ApiError } from '../api/client.js';
import { hasMessage, type Translate } from './index.js';

/**
 * A refused call in words a person reads, never its code: the catalogue's sentence for the code
 * when it has one (`error.<CODE>`, in the chosen language), else the server's own sentence (in
 * Bahasa Indonesia); then the problems it lists, one per line.
 */
export function errorWords(t: Translate, e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  if (e.code === 'NETWORK') return t('error.network');
  const key = `error.${e.code}`;
  const head = hasMessage(key) ? t(key) : e.message;
  const problems = (e.details?.errors as Array<{ message?: string; path?: string }> | undefined) ?? [];
  return [head, ...problems.filter((p) => p.message).map((p) => `${p.path ?? ''} ${p.message}`.trim())].join('\n');
}

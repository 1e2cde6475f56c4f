/**
 * What an officer changed of the applicant's data, in words (issue 23): each variable by the
 * label its declaration gives it (the history answer's `fields`), each value as people read it
 * ("Panjang reklame (meter) 2 → 6,5"; "Ya"/"Tidak"; a choice by its title), never a variable name.
 */
import type { HistoryField } from '../../../contracts/runtime.js';
import { formatNumber, type Language, type Translate } from '../../i18n/index.js';

export type Changes = Record<string, { before: unknown; after: unknown }>;

function formatValue(value: unknown, field: HistoryField | undefined, t: Translate, lang: Language): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field?.options && (typeof value === 'string' || typeof value === 'number') && field.options[String(value)]) return field.options[String(value)];
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return formatNumber(value, lang);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "label before → after" for each change, in the reader's language. */
export function describeChanges(changes: Changes, fields: Readonly<Record<string, HistoryField>>, t: Translate, lang: Language): string[] {
  return Object.entries(changes).map(([name, c]) => {
    const field = fields[name];
    return t('ws.task.historyChange', { label: field?.label ?? name, before: formatValue(c.before, field, t, lang), after: formatValue(c.after, field, t, lang) });
  });
}

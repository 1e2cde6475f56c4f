/** ISO 8601 durations as the SOP tables write them ("5 menit", "1 jam", "2 hari") and back; the grammar is core/duration.ts. */
import { parseDuration } from '../../core/duration.js';
import { sopTimeOf, sopTimeText } from '../../core/sop-time.js';

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

function toIsoDuration({ days, hours, minutes }: DurationParts): string {
  const d = days > 0 ? `${days}D` : '';
  const t = (hours > 0 ? `${hours}H` : '') + (minutes > 0 ? `${minutes}M` : '');
  if (!d && !t) return 'PT0M';
  return `P${d}${t ? `T${t}` : ''}`;
}

const UNITS: Array<[RegExp, keyof DurationParts, number]> = [
  [/^(menit|mnt|min|minutes?|m|')$/i, 'minutes', 1],
  [/^(jam|hours?|h|j)$/i, 'hours', 1],
  [/^(hari(\s*kerja)?|days?|d|hr)$/i, 'days', 1],
  [/^(minggu|weeks?)$/i, 'days', 7],
];

/** "5 menit", "1 jam 30 menit", "3 hari kerja", "PT5M" → ISO; undefined when unreadable. */
export function parseSopTime(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (!t) return undefined;
  if (parseDuration(t)) return t;
  const parts: DurationParts = { days: 0, hours: 0, minutes: 0 };
  const re = /(\d+(?:[.,]\d+)?)\s*([A-Za-z']+(?:\s*kerja)?)/g;
  let found = false;
  for (const m of t.matchAll(re)) {
    const n = Number(m[1]!.replace(',', '.'));
    const unit = UNITS.find(([u]) => u.test(m[2]!.trim()));
    if (!unit) continue;
    found = true;
    const [, field, factor] = unit;
    // Fractions ("1,5 jam") become whole minutes so the ISO value stays integral.
    if (field === 'hours' && !Number.isInteger(n)) parts.minutes += Math.round(n * 60);
    else if (field === 'days' && !Number.isInteger(n * factor)) parts.hours += Math.round(n * factor * 24);
    else parts[field] += n * factor;
  }
  return found ? toIsoDuration(parts) : undefined;
}

const TOKEN = /(\d+(?:[.,]\d+)?)\s*([A-Za-z']+(?:\s*kerja)?)/g;

/**
 * An SLA as an administrator writes it ("15 menit", "2 jam", "1 hari kerja 4 jam"; ISO too) → ISO,
 * only when every part of the text is a number with a unit: "1 jam 3" is still being typed and
 * answers undefined instead of dropping the 3.
 */
export function readSlaText(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (parseDuration(t)) return t;
  const rest = t.replace(TOKEN, (whole, _n: string, unit: string) => (UNITS.some(([u]) => u.test(unit.trim())) ? ' ' : whole)).replace(/\b(dan|and)\b|[,+]/gi, ' ');
  return rest.trim() === '' ? parseSopTime(t) : undefined;
}

/** ISO → the words of core/sop-time ("1 hari kerja 2 jam 30 menit"; P1W is 5 working days); undefined when not ISO. */
export function slaText(iso: string | undefined): string | undefined {
  const d = iso ? parseDuration(iso) : undefined;
  return d ? sopTimeText(sopTimeOf(d)) : undefined;
}

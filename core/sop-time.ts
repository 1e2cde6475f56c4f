/**
 * An SOP's "Waktu" for people, in the conventions of core/working-time.ts: `PnD` is n working
 * days, `PTnH`/`PTnM` working hours and minutes. A path's total keeps days and minutes apart
 * ("2 hari kerja 3 jam"), and totals compare with a working day of `minutesPerDay` (default
 * 8 hours, the default office day 08:00–16:00).
 */
import type { Duration } from './duration.js';

export interface SopTime {
  /** working days (weeks count as 5) */
  days: number;
  /** working minutes */
  minutes: number;
}

export const ZERO_TIME: SopTime = { days: 0, minutes: 0 };

export function sopTimeOf(d: Duration | undefined): SopTime {
  if (!d) return ZERO_TIME;
  return { days: d.weeks * 5 + d.days + (d.months * 22) + d.years * 250, minutes: d.hours * 60 + d.minutes + Math.round(d.seconds / 60) };
}

export function addSopTime(a: SopTime, b: SopTime): SopTime {
  return { days: a.days + b.days, minutes: a.minutes + b.minutes };
}

/** Comparable length in working minutes. */
export function sopTimeMinutes(t: SopTime, minutesPerDay = 480): number {
  return t.days * minutesPerDay + t.minutes;
}

/** "1 hari kerja 2 jam 30 menit"; "-" for nothing. */
export function sopTimeText(t: SopTime): string {
  const h = Math.floor(t.minutes / 60);
  const m = t.minutes % 60;
  const parts = [t.days ? `${t.days} hari kerja` : '', h ? `${h} jam` : '', m ? `${m} menit` : ''].filter(Boolean);
  return parts.join(' ') || '-';
}

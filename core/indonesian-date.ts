/**
 * Dates as an Indonesian official document writes them: "6 Desember 2026" (Asia/Jakarta, UTC+7,
 * no daylight saving), and with the time "6 Desember 2026 pukul 09.30 WIB".
 */
import { jakartaCivil, parseCalendarDate } from './calendar-date.js';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function jakartaParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const j = jakartaCivil(at);
  return { y: j.getUTCFullYear(), m: j.getUTCMonth(), d: j.getUTCDate(), hh: j.getUTCHours(), mm: j.getUTCMinutes() };
}

/** "6 Desember 2026" for an instant (its Jakarta date) or a calendar date "2026-12-06". */
export function tanggal(at: Date | string): string {
  if (typeof at === 'string') {
    // anything that is not a calendar date (2025-02-30, free text) is returned as given
    const d = parseCalendarDate(at);
    return d ? `${d.day} ${MONTHS[d.month - 1]} ${d.year}` : at;
  }
  const p = jakartaParts(at);
  return `${p.d} ${MONTHS[p.m]} ${p.y}`;
}

/** "6 Desember 2026 pukul 09.30 WIB". */
export function tanggalJam(at: Date): string {
  const p = jakartaParts(at);
  return `${tanggal(at)} pukul ${String(p.hh).padStart(2, '0')}.${String(p.mm).padStart(2, '0')} WIB`;
}

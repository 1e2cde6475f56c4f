/**
 * Dates as an Indonesian official document writes them: "6 Desember 2026" (Asia/Jakarta, UTC+7,
 * no daylight saving), and with the time "6 Desember 2026 pukul 09.30 WIB".
 */
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function jakartaParts(at: Date): { y: number; m: number; d: number; hh: number; mm: number } {
  const j = new Date(at.getTime() + 7 * 3600_000);
  return { y: j.getUTCFullYear(), m: j.getUTCMonth(), d: j.getUTCDate(), hh: j.getUTCHours(), mm: j.getUTCMinutes() };
}

/** "6 Desember 2026" for an instant (its Jakarta date) or a calendar date "2026-12-06". */
export function tanggal(at: Date | string): string {
  if (typeof at === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at);
    if (!m) return at;
    return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  }
  const p = jakartaParts(at);
  return `${p.d} ${MONTHS[p.m]} ${p.y}`;
}

/** "6 Desember 2026 pukul 09.30 WIB". */
export function tanggalJam(at: Date): string {
  const p = jakartaParts(at);
  return `${tanggal(at)} pukul ${String(p.hh).padStart(2, '0')}.${String(p.mm).padStart(2, '0')} WIB`;
}

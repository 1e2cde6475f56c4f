import type { CalendarDefinition, Holiday, WeekHours } from './working-time.js';

/**
 * Default office calendars and the Indonesian holidays of 2026–2027. Every figure here is an
 * ASSUMPTION entered by hand (nothing in this project can fetch the government's decree, the SKB
 * of three ministers on national holidays and cuti bersama): Islamic dates move with the moon
 * sighting and cuti bersama is decided year by year, so an admin checks and edits them
 * (studio "Kalender kantor", `PUT /api/admin/offices/:key/calendar`).
 */

/** Mon–Fri 08:00–16:00 (assumption: the usual hours of a regional government office). */
export const DEFAULT_WEEK: WeekHours = [
  null,
  { open: '08:00', close: '16:00' },
  { open: '08:00', close: '16:00' },
  { open: '08:00', close: '16:00' },
  { open: '08:00', close: '16:00' },
  { open: '08:00', close: '16:00' },
  null,
];

/** Samsat counters: Mon–Fri 08:00–15:00, Sat 08:00–12:00 (assumption). */
export const SAMSAT_WEEK: WeekHours = [
  null,
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '15:00' },
  { open: '08:00', close: '12:00' },
];

const h = (date: string, name: string, kind: Holiday['kind'] = 'libur-nasional'): Holiday => ({ date, name, kind, assumption: true });

export const INDONESIAN_HOLIDAYS_2026_2027: ReadonlyArray<Holiday> = [
  h('2026-01-01', 'Tahun Baru 2026 Masehi'),
  h('2026-01-16', "Isra Mi'raj Nabi Muhammad SAW"),
  h('2026-02-16', 'Cuti bersama Tahun Baru Imlek', 'cuti-bersama'),
  h('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
  h('2026-03-18', 'Cuti bersama Hari Suci Nyepi', 'cuti-bersama'),
  h('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948'),
  h('2026-03-20', 'Cuti bersama Idul Fitri 1447 H', 'cuti-bersama'),
  h('2026-03-21', 'Idul Fitri 1447 H'),
  h('2026-03-22', 'Idul Fitri 1447 H'),
  h('2026-03-23', 'Cuti bersama Idul Fitri 1447 H', 'cuti-bersama'),
  h('2026-03-24', 'Cuti bersama Idul Fitri 1447 H', 'cuti-bersama'),
  h('2026-04-03', 'Wafat Yesus Kristus'),
  h('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
  h('2026-05-01', 'Hari Buruh Internasional'),
  h('2026-05-14', 'Kenaikan Yesus Kristus'),
  h('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', 'cuti-bersama'),
  h('2026-05-27', 'Idul Adha 1447 H'),
  h('2026-05-28', 'Cuti bersama Idul Adha 1447 H', 'cuti-bersama'),
  h('2026-05-31', 'Hari Raya Waisak 2570 BE'),
  h('2026-06-01', 'Hari Lahir Pancasila'),
  h('2026-06-16', 'Tahun Baru Islam 1448 H'),
  h('2026-08-17', 'Hari Kemerdekaan Republik Indonesia'),
  h('2026-08-25', 'Maulid Nabi Muhammad SAW'),
  h('2026-12-24', 'Cuti bersama Hari Raya Natal', 'cuti-bersama'),
  h('2026-12-25', 'Hari Raya Natal'),
  h('2027-01-01', 'Tahun Baru 2027 Masehi'),
  h('2027-01-05', "Isra Mi'raj Nabi Muhammad SAW"),
  h('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili'),
  h('2027-03-08', 'Hari Suci Nyepi Tahun Baru Saka 1949'),
  h('2027-03-09', 'Cuti bersama Idul Fitri 1448 H', 'cuti-bersama'),
  h('2027-03-10', 'Idul Fitri 1448 H'),
  h('2027-03-11', 'Idul Fitri 1448 H'),
  h('2027-03-12', 'Cuti bersama Idul Fitri 1448 H', 'cuti-bersama'),
  h('2027-03-15', 'Cuti bersama Idul Fitri 1448 H', 'cuti-bersama'),
  h('2027-03-26', 'Wafat Yesus Kristus'),
  h('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
  h('2027-05-01', 'Hari Buruh Internasional'),
  h('2027-05-06', 'Kenaikan Yesus Kristus'),
  h('2027-05-17', 'Idul Adha 1448 H'),
  h('2027-05-20', 'Hari Raya Waisak 2571 BE'),
  h('2027-06-01', 'Hari Lahir Pancasila'),
  h('2027-06-06', 'Tahun Baru Islam 1449 H'),
  h('2027-08-15', 'Maulid Nabi Muhammad SAW'),
  h('2027-08-17', 'Hari Kemerdekaan Republik Indonesia'),
  h('2027-12-24', 'Cuti bersama Hari Raya Natal', 'cuti-bersama'),
  h('2027-12-25', 'Hari Raya Natal'),
];

/** The calendar an office starts with: Samsat's hours for the Samsat agency, else the default. */
export function defaultCalendar(agency: string | null): CalendarDefinition {
  return { week: agency === 'samsat-banten' ? SAMSAT_WEEK : DEFAULT_WEEK, holidays: INDONESIAN_HOLIDAYS_2026_2027 };
}

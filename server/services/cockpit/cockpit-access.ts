import type { SessionUser } from '../accounts/accounts.js';

/**
 * The cockpit's authorization decisions, one small function each, so the coming access-policy
 * module can take them over one by one. A `manager` grant is per office (office null = every
 * office); an admin sees every office.
 */

/** Offices whose figures, calendar and supervision the user may see: 'all', or a list (maybe empty). */
export function managedOffices(user: SessionUser): 'all' | string[] {
  if (user.roles.some((r) => r.role === 'admin' || (r.role === 'manager' && r.office === null))) return 'all';
  return [...new Set(user.roles.filter((r) => r.role === 'manager' && r.office !== null).map((r) => r.office as string))];
}

/** The user manages this office (admin, a manager of all offices, or a manager of this one). */
export function managesOffice(user: SessionUser, office: string): boolean {
  const offices = managedOffices(user);
  return offices === 'all' || offices.includes(office);
}

/** May open the cockpit at all (some office managed). */
export function mayUseCockpit(user: SessionUser): boolean {
  const offices = managedOffices(user);
  return offices === 'all' || offices.length > 0;
}

/** May read an office's working calendar: an admin or a manager of that office. */
export function mayReadCalendar(user: SessionUser, office: string): boolean {
  return managesOffice(user, office);
}

/** May change an office's working calendar: admins only. */
export function mayEditCalendar(user: SessionUser): boolean {
  return user.roles.some((r) => r.role === 'admin');
}

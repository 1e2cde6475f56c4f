/** Pengguna's data, free of UI: the filtered, paged list (newest answer only), the roles and offices, errors and notices. */
import { useCallback, useEffect, useState } from 'react';
import { api, type AdminUser, type Office, type Role, type UserPage } from '../../api/client.js';
import { useLatestOnly } from '../../app/latest-only.js';
import type { Translate } from '../../i18n/index.js';
import { userErrorText } from './user-errors.js';

export interface UserFilters { search: string; role: string; office: string }

export function useUsers(t: Translate) {
  const [filters, setFilters] = useState<UserFilters>({ search: '', role: '', office: '' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<UserPage | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [offices, setOffices] = useState<Office[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    api.roles().then(setRoles, (e: unknown) => setError(userErrorText(t, e)));
    api.offices().then(setOffices, (e: unknown) => setError(userErrorText(t, e)));
  }, [t]);

  const latest = useLatestOnly();
  const load = useCallback(async () => {
    const newest = latest.take();
    try {
      const list = await api.users.list({ ...filters, page });
      if (!newest()) return;
      setData(list);
      setError(null);
    } catch (e) {
      if (newest()) setError(userErrorText(t, e));
    }
  }, [filters, page, t, latest]);
  useEffect(() => {
    void load();
  }, [load]);

  /** A change was made: say so and read the list again. */
  const changed = (text: string) => {
    setNotice(text);
    void load();
  };

  return {
    filters,
    setFilter(k: keyof UserFilters, v: string) {
      setFilters({ ...filters, [k]: v });
      setPage(1);
    },
    /** the new account may sort onto another page: show it by name */
    showUser(u: AdminUser) {
      setFilters({ search: u.username, role: '', office: '' });
      setPage(1);
    },
    page,
    setPage,
    data,
    roles,
    offices,
    error,
    setError,
    notice,
    setNotice,
    changed,
    async toggle(u: AdminUser) {
      try {
        await api.users.setDisabled(u.id, !u.disabled);
        changed(t(u.disabled ? 'users.enabledDone' : 'users.disabledDone', { username: u.username }));
      } catch (e) {
        setError(userErrorText(t, e));
      }
    },
  };
}

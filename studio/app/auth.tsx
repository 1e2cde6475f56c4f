/** Who is logged in, loaded once from /api/auth/session (user null without a session); the session itself is the httpOnly cookie. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApplicantRole } from '../../core/access.js';
import { api, type User } from '../api/client.js';

/** 'admin' is a part of the studio only admins see (account administration). */
/** `editor`: who may save and publish (an admin or a manager of every office: core/access.ts `mayEditProcesses`). */
export type Audience = 'studio' | 'editor' | 'admin' | 'officer' | 'pemohon' | 'any' | 'staff';

interface AuthValue {
  user: User | null | undefined; // undefined while loading
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthValue>({ user: undefined, login: async () => undefined, logout: async () => undefined });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    api.me().then(setUser, () => setUser(null));
    const onUnauthorized = () => setUser(null);
    window.addEventListener('sop-studio:unauthorized', onUnauthorized);
    return () => window.removeEventListener('sop-studio:unauthorized', onUnauthorized);
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const answer = await api.login(username, password);
    setUser(answer.user);
  }, []);
  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  return useContext(AuthContext);
}

/** Which parts of the app a user sees: admin/manager the studio, officers the inbox, applicants the portal. */
export function audiencesOf(user: User | null | undefined): Set<Audience> {
  const out = new Set<Audience>(['any']);
  for (const { role, office } of user?.roles ?? []) {
    if (role === 'admin') out.add('studio').add('editor').add('admin');
    else if (role === 'manager') {
      out.add('studio');
      if (office === null) out.add('editor');
    }
    else if (isApplicantRole(role)) out.add('pemohon');
    else out.add('officer');
    // staff: officers, managers and admins alike (delegations)
    if (!isApplicantRole(role)) out.add('staff');
  }
  return out;
}

export function homePath(user: User | null | undefined, routes: Array<{ path: string; audience: Audience; nav?: unknown }>): string {
  const aud = audiencesOf(user);
  return routes.find((r) => r.nav && aud.has(r.audience))?.path ?? '/';
}

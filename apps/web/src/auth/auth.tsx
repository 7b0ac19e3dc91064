import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, tokenStore, type TokenPair } from '../api/api-client';

export type Role = 'company' | 'investor' | 'research_centre' | 'staff';

export interface Me {
  id: string;
  email: string;
  role: Role;
  language: 'it' | 'en';
  organisationId: string | null;
}

interface Auth {
  me: Me | null;
  loading: boolean;
  login(email: string, password: string): Promise<Me>;
  register(email: string, password: string, role: Exclude<Role, 'staff'>): Promise<Me>;
  logout(): void;
  /** Reloads the account (e.g. after creating the organisation's profile). */
  refresh(): Promise<Me | null>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    if (!tokenStore.get()) {
      setMe(null);
      return null;
    }
    try {
      const current = await api<Me>('GET', '/api/v1/auth/me');
      setMe(current);
      return current;
    } catch {
      tokenStore.set(null);
      setMe(null);
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh().finally(() => setLoading(false));
  }, [refresh]);

  const login = useCallback(
    async (email: string, password: string) => {
      tokenStore.set(await api<TokenPair>('POST', '/api/v1/auth/login', { email, password }));
      return (await refresh()) as Me;
    },
    [refresh],
  );

  const register = useCallback(
    async (email: string, password: string, role: Exclude<Role, 'staff'>) => {
      await api('POST', '/api/v1/auth/register', { email, password, role });
      return login(email, password);
    },
    [login],
  );

  /** Ends the session on the server too, so its tokens stop working at once; the page forgets them either way. */
  const logout = useCallback(() => {
    const token = tokenStore.get();
    tokenStore.set(null);
    setMe(null);
    if (token) {
      void fetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    }
  }, []);

  const value = useMemo(() => ({ me, loading, login, register, logout, refresh }), [me, loading, login, register, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

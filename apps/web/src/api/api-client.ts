/** One broken rule on one field, as the API reports it in a 400. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** A failed API call: the status, the error code, the message and (for a 400) the field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The messages for one field (and its sub-fields, e.g. `days.0.windows`), for inline display. */
  forField(field: string): string[] {
    return this.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`)).map((e) => e.message);
  }
}

/** Any failure of a call as an ApiError (a network failure, which has no response, as status 0). */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
}

const TOKEN_KEY = 'hubmatch.token';
const REFRESH_KEY = 'hubmatch.refresh';

/** The login's tokens as the API returns them (login, refresh, password change). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * The session's tokens in localStorage: the short-lived access token (15 minutes) and the refresh token that
 * renews it. Logging out clears both (and ends the session on the server).
 */
export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  refreshToken: (): string | null => localStorage.getItem(REFRESH_KEY),
  set(pair: TokenPair | null): void {
    if (pair) {
      localStorage.setItem(TOKEN_KEY, pair.accessToken);
      localStorage.setItem(REFRESH_KEY, pair.refreshToken);
    } else {
      localStorage.removeItem(TOKEN_KEY);
      localStorage.removeItem(REFRESH_KEY);
    }
  },
};

/** Seconds before the access token's expiry at which it is renewed ahead of a request. */
const RENEW_AHEAD_SECONDS = 30;

function expiresAt(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp ?? 0;
  } catch {
    return 0;
  }
}

/** One refresh at a time: concurrent requests share it (a refresh token works once; a second use ends the session). */
let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh token for a new pair; false (and both cleared) when the session has ended. */
export function renewSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = tokenStore.refreshToken();
    if (!refreshToken) return false;
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    }).catch(() => null);
    if (!res) return false;
    if (!res.ok) {
      // Only a refusal ends the session here; a network failure keeps the tokens for the next try.
      if (res.status === 401 || res.status === 400) tokenStore.set(null);
      return false;
    }
    tokenStore.set((await res.json()) as TokenPair);
    return true;
  })().finally(() => (refreshing = null));
  return refreshing;
}

/** The access token to send now: renewed first if it is about to expire. */
export async function freshAccessToken(): Promise<string | null> {
  const token = tokenStore.get();
  if (token && expiresAt(token) - RENEW_AHEAD_SECONDS < Date.now() / 1000) await renewSession();
  return tokenStore.get();
}

/**
 * Calls the API on the same origin with the session's access token; JSON in, JSON out; errors as ApiError. An
 * access token refused as expired or ended is renewed once with the refresh token and the call repeated.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body, await freshAccessToken());
  if (res.status === 401 && tokenStore.refreshToken() && !path.startsWith('/api/v1/auth/') && (await renewSession())) {
    res = await send(method, path, body, tokenStore.get());
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, data?.code ?? 'HTTP_ERROR', data?.message ?? res.statusText, data?.errors ?? []);
  return data as T;
}

function send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(path, { method, headers, body: payload });
}

/** Downloads a file the API protects with the JWT (an .ics agenda, a CSV export) and saves it. */
export async function download(path: string, filename: string): Promise<void> {
  const token = await freshAccessToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, 'HTTP_ERROR', res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { RefreshSessionDocument, SignOutDocument } from './graphql/generated';

/**
 * The signed-in session. The access token lives in memory only; the refresh token in this tab's
 * sessionStorage, so a reload keeps you signed in and closing the tab signs you out of it. The
 * content security policy allows scripts from this site alone, which is what keeps another
 * script from reading it. Nothing here holds personal data.
 */
const REFRESH_KEY = 'safer-libraries.refresh';
let accessToken: string | null = null;
let expiresAt = 0;
let refreshing: Promise<boolean> | null = null;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

export function keepSession(s: SessionTokens): void {
  accessToken = s.accessToken;
  expiresAt = Date.parse(s.expiresAt);
  sessionStorage.setItem(REFRESH_KEY, s.refreshToken);
}

export function hasSession(): boolean {
  return accessToken !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
}

/** The access token, refreshed first when it is about to run out (or after a reload). */
export async function currentToken(): Promise<string | null> {
  if (accessToken && Date.now() < expiresAt - 30_000) return accessToken;
  if (!sessionStorage.getItem(REFRESH_KEY)) return null;
  refreshing ??= refresh().finally(() => (refreshing = null));
  return (await refreshing) ? accessToken : null;
}

async function refresh(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY)!;
  const r = await post(RefreshSessionDocument, { refreshToken });
  if (!r.data) {
    forget();
    return false;
  }
  keepSession(r.data.refreshSession);
  return true;
}

export async function signOut(): Promise<void> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  forget();
  if (refreshToken) await post(SignOutDocument, { refreshToken }).catch(() => undefined);
}

function forget(): void {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
}

export interface ApiError {
  message: string;
  extensions?: { code?: string; problems?: (string | { field: string; message: string })[]; [k: string]: unknown };
}

/** One GraphQL request, outside Apollo (signing in and refreshing happen before there is a token). */
export async function post<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<{ data?: R; errors?: ApiError[] }> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await res.json()) as { data?: R; errors?: ApiError[] };
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { RefreshSessionDocument, SignInDocument, SignOutDocument } from './generated.js';

/** An error the service answered with: `code` is its `extensions.code` (docs/partners.md lists them). */
export class SaferLibrariesError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface PartnerClientOptions {
  /** The service's address, e.g. https://safer-libraries.example.gov.uk */
  url: string;
  /** Why you are reading shared case data: sent as X-Purpose and written to the audit trail with every record read. */
  purpose?: string;
  fetch?: typeof fetch;
}

/**
 * A partner system's client: signs in, keeps the session fresh (an access token lasts 15 minutes;
 * each refresh token works once and is replaced), and sends typed operations. No personal data is
 * logged here; what the service returns is for the caller to keep as its own policy says.
 */
export class PartnerClient {
  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private expiresAt = 0;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: PartnerClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** Signs in; accounts of the PARTNER role need the authenticator app's code (docs/partners.md "Signing in"). */
  async signIn(email: string, password: string, twoFactorCode?: string): Promise<{ userId: string; role: string }> {
    const { login } = await this.send(SignInDocument, { email, password, twoFactorCode }, false);
    this.keep(login);
    return { userId: login.user.id, role: login.user.role };
  }

  async signOut(): Promise<void> {
    if (!this.refreshToken) return;
    await this.send(SignOutDocument, { refreshToken: this.refreshToken }, false);
    this.accessToken = this.refreshToken = null;
  }

  /** Sends one operation; refreshes the session first when the access token is about to run out. */
  async request<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    if (this.refreshToken && Date.now() > this.expiresAt - 60_000) await this.refresh();
    return this.send(document, variables, true);
  }

  private async refresh(): Promise<void> {
    const { refreshSession } = await this.send(RefreshSessionDocument, { refreshToken: this.refreshToken! }, false);
    this.keep(refreshSession);
  }

  private keep(session: { accessToken: string; refreshToken: string; expiresAt: string }): void {
    this.accessToken = session.accessToken;
    this.refreshToken = session.refreshToken;
    this.expiresAt = Date.parse(session.expiresAt);
  }

  private async send<R, V>(document: TypedDocumentNode<R, V>, variables: V, signedIn: boolean): Promise<R> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signedIn && this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    if (this.options.purpose) headers['x-purpose'] = this.options.purpose;
    const res = await this.fetch(new URL('/graphql', this.options.url), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await res.json()) as { data?: R; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    const [error] = body.errors ?? [];
    if (error) throw new SaferLibrariesError(error.message, String(error.extensions?.code ?? 'UNKNOWN'), error.extensions ?? {});
    return body.data as R;
  }
}

import type { INestApplication } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { corsOrigins } from '../../libs/common/src/index.js';
import { SUMMARY_CSS_HASH } from '../../libs/reports/src/index.js';

type Directives = Record<string, string[]>;

/** Everything but the playground answers JSON (or a CSV download), which loads nothing and may be framed by nobody. */
export const API_CSP: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The playground page (playground.ts) loads its scripts and styles from /playground/ only, with no
 * inline script. Styles may be inline: GraphiQL's dialogs insert a <style> element whose content
 * is computed in the browser (react-remove-scroll), so no hash can name it, and a style runs no code.
 * GraphiQL's stylesheet embeds its fonts and icons as data: URLs.
 */
export const PLAYGROUND_CSP: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'", 'data:'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The account page (account-page.ts): its own script, style and the API, nothing else. */
export const ACCOUNT_PAGE_CSP: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The web app (apps/web): its own scripts, styles, fonts and images, and the API; nothing from
 * elsewhere and no inline script, so an injected script has nowhere to come from. GOV.UK
 * Frontend's stylesheet has a few images as data: URLs. The printable summary's one stylesheet is
 * allowed by its hash: the reports page opens that page from memory (fetched with the token), and
 * a document made from memory keeps the policy of the page that made it.
 */
export const WEB_APP_CSP: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", SUMMARY_CSS_HASH],
  'font-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const csp = (directives: Directives) => helmet.contentSecurityPolicy({ useDefaults: false, directives });

/** The playground's policy, for its routes: it replaces the API's on those responses. */
export const playgroundCsp: RequestHandler = csp(PLAYGROUND_CSP);
export const accountPageCsp: RequestHandler = csp(ACCOUNT_PAGE_CSP);
export const webAppCsp: RequestHandler = csp(WEB_APP_CSP);

/**
 * helmet's headers on every response (nosniff, no framing, no referrer, HSTS, cross-origin
 * isolation of resources) with the API's content security policy; Express's X-Powered-By off.
 */
export function applySecurityHeaders(app: INestApplication): void {
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP }, xFrameOptions: { action: 'deny' } }));
}

/**
 * CORS stays off (no Access-Control-* header at all, so browsers keep other sites' pages out)
 * unless CORS_ORIGINS names the partner web clients allowed. Tokens travel in the Authorization
 * header, never in cookies, so credentials are not allowed.
 */
export function applyCors(app: INestApplication, origins: string | undefined): void {
  if (!origins) return;
  const allowed = new Set(corsOrigins(origins));
  const options: CorsOptions = {
    // An origin not on the list gets no CORS header at all, its preflight included.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Purpose', 'X-Request-Id', 'Apollo-Require-Preflight'],
    credentials: false,
    maxAge: 600,
  };
  app.enableCors(options);
}

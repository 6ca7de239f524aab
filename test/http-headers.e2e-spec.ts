import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { buildWebApp } from './support/web-build.js';

/*
 * The HTTP layer as a browser sees it: security headers on every answer, a content security
 * policy the playground really satisfies, and CORS off unless CORS_ORIGINS names the partner web
 * clients allowed.
 */

type Csp = Record<string, string[]>;

function parseCsp(header: string | null): Csp {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The sources a fetch of this kind may come from: its directive, else default-src (CSP level 3 fallbacks, as far as the page needs). */
const sourcesFor = (csp: Csp, directive: string): string[] => csp[directive] ?? csp['default-src'] ?? [];

/** Whether a URL may load under these sources: 'self' (same origin as the page) or a scheme source (data:). Host sources are not used here. */
function allowsUrl(sources: string[], url: URL, page: URL): boolean {
  return sources.some((s) => (s === "'self'" && url.origin === page.origin) || (/^[a-z][a-z0-9+.-]*:$/.test(s) && url.protocol === s));
}

/** Whether an inline <script>/<style> runs: its nonce or hash is listed, or 'unsafe-inline' is and no nonce or hash cancels it. */
function allowsInline(sources: string[], content: string, nonce: string | undefined): boolean {
  const hash = `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
  if ((nonce && sources.includes(`'nonce-${nonce}'`)) || sources.includes(hash)) return true;
  return sources.includes("'unsafe-inline'") && !sources.some((s) => /^'(nonce|sha\d+)-/.test(s));
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

describe('HTTP headers (e2e)', () => {
  describe('by default', () => {
    let t: TestApp;
    beforeAll(async () => {
      buildWebApp(); // the playground is built with the web app
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it.each(['/graphql', '/health'])('%s answers with the security headers and no X-Powered-By', async (path) => {
      const res =
        path === '/graphql'
          ? await fetch(`${t.running.url}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ __typename }' }),
            })
          : await fetch(`${t.running.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(parseCsp(res.headers.get('content-security-policy'))).toEqual({
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
      expect({
        nosniff: res.headers.get('x-content-type-options'),
        frame: res.headers.get('x-frame-options'),
        referrer: res.headers.get('referrer-policy'),
        hsts: res.headers.get('strict-transport-security'),
        opener: res.headers.get('cross-origin-opener-policy'),
        resource: res.headers.get('cross-origin-resource-policy'),
      }).toEqual({
        nosniff: 'nosniff',
        frame: 'DENY',
        referrer: 'no-referrer',
        hsts: expect.stringMatching(/^max-age=\d+/),
        opener: 'same-origin',
        resource: 'same-origin',
      });
    });

    it('sends no CORS header to any origin: a preflight and a request from another site get nothing', async () => {
      const preflight = await fetch(`${t.running.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://partners.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      const post = await fetch(`${t.running.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'https://partners.example.org', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      for (const res of [preflight, post]) {
        expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
    });

    it('serves the playground under a policy that allows every script and style it loads, and nothing inline that it would block', async () => {
      const pageUrl = new URL('/playground', t.running.url);
      const page = await fetch(pageUrl);
      expect(page.status).toBe(200);
      const csp = parseCsp(page.headers.get('content-security-policy'));
      const html = await page.text();

      // No script may run that the page did not name as a file of its own: no inline script, no eval.
      expect(sourcesFor(csp, 'script-src')).not.toContain("'unsafe-inline'");
      expect(sourcesFor(csp, 'script-src')).not.toContain("'unsafe-eval'");
      expect(csp['frame-ancestors']).toEqual(["'none'"]);

      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)];
      const sheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => attr(m[0], 'href'));
      // Module chunks the page preloads are scripts it runs.
      const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)].map((m) => attr(m[0], 'href'));
      expect(scripts.length).toBeGreaterThanOrEqual(1);
      expect(sheets.length).toBeGreaterThanOrEqual(1);
      const assets: { url: URL; kind: 'script' | 'style' }[] = [];
      for (const [tag, body] of scripts) {
        const src = attr(tag, 'src');
        if (src) assets.push({ url: new URL(src, pageUrl), kind: 'script' });
        else
          expect({ inline: body.trim().slice(0, 60), allowed: allowsInline(sourcesFor(csp, 'script-src'), body, attr(tag, 'nonce')) }).toMatchObject({
            allowed: true,
          });
      }
      for (const [tag, body] of styles) expect(allowsInline(sourcesFor(csp, 'style-src'), body, attr(tag, 'nonce'))).toBe(true);
      for (const href of sheets) assets.push({ url: new URL(href!, pageUrl), kind: 'style' });
      for (const href of preloads) assets.push({ url: new URL(href!, pageUrl), kind: 'script' });

      for (const { url, kind } of assets) {
        expect({ url: url.href, allowed: allowsUrl(sourcesFor(csp, kind === 'script' ? 'script-src' : 'style-src'), url, pageUrl) }).toEqual({
          url: url.href,
          allowed: true,
        });
        // With nosniff the browser runs a script, or applies a stylesheet, only if its type says so.
        const res = await fetch(url);
        expect({ url: url.href, status: res.status, type: res.headers.get('content-type') }).toEqual({
          url: url.href,
          status: 200,
          type: expect.stringMatching(kind === 'script' ? /^text\/javascript/ : /^text\/css/),
        });
        const text = await res.text();
        if (kind === 'style') {
          // The stylesheets' fonts and images: each must be allowed by font-src or img-src.
          for (const [, ref] of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
            const target = new URL(ref, url);
            const allowed = allowsUrl(sourcesFor(csp, 'font-src'), target, pageUrl) && allowsUrl(sourcesFor(csp, 'img-src'), target, pageUrl);
            expect({ ref: ref.slice(0, 40), allowed }).toEqual({ ref: ref.slice(0, 40), allowed: true });
          }
        } else if (/fetch\(`([^`]+)`/.test(text) && url.pathname.startsWith('/playground/')) {
          // The page's own script talks to the API: connect-src must let it.
          const api = new URL(/fetch\(`([^`]+)`/.exec(text)![1], pageUrl);
          expect(api.pathname).toBe('/graphql');
          expect(allowsUrl(sourcesFor(csp, 'connect-src'), api, pageUrl)).toBe(true);
        }
      }
      expect(assets.some((a) => /^\/playground\/playground-[\w-]+\.js$/.test(a.url.pathname))).toBe(true);
    });
  });

  describe('with CORS_ORIGINS set', () => {
    let t: TestApp;
    const partnerApp = 'https://partners.example.org';
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: `${partnerApp}, http://localhost:5173` });
    });
    afterAll(() => t.close());

    const preflight = (origin: string) =>
      fetch(`${t.running.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-purpose' },
      });

    it('answers a preflight from an allowed origin with the CORS headers, and its requests with the origin', async () => {
      const res = await preflight(partnerApp);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(partnerApp);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'x-purpose']),
      );
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
      const post = await fetch(`${t.running.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.status).toBe(200);
      expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });

    it.each(['https://evil.example.org', 'https://partners.example.org.evil.example', 'http://partners.example.org', 'null'])(
      'sends no CORS header to another origin (%s), its preflight included',
      async (origin) => {
        const res = await preflight(origin);
        expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
      },
    );
  });
});

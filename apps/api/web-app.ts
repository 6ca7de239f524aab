import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { webAppCsp } from './http-security.js';

/**
 * The server's own paths: everything else that a browser asks for as a page is the web app's.
 * Under /reports/ the server's files (the printable summary); /reports itself is the app's page.
 */
const SERVER_PATHS = /^\/((graphql|health|exports|account|playground|app|assets)(\/|$)|reports\/)/;

/** Where `npm run build` puts the web app (apps/web, built by Vite): dist/web. */
export function webAppDir(): string {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return basename(root) === 'dist' ? join(root, 'web') : join(root, 'dist', 'web');
}

/**
 * Serves the built web app at `/`: its hashed scripts and styles (cached for a year), GOV.UK
 * Frontend's fonts and images, and index.html for each of its pages (the app routes in the browser).
 * Not built (tests that do not need it): nothing is mounted, and the API works as before.
 */
export function mountWebApp(app: Express, logger: Logger, dir = webAppDir()): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir }, 'The web app is not built (npm run build): only the API is served');
    return;
  }
  app.use('/app', webAppCsp, express.static(join(dir, 'app'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use('/assets', webAppCsp, express.static(join(dir, 'assets'), { maxAge: '1d', index: false, fallthrough: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') && !SERVER_PATHS.test(req.path) && !/\.\w+$/.test(req.path) && req.accepts('html') === 'html';
    if (!isPage) return next();
    webAppCsp(req, res, () => res.set('Cache-Control', 'no-store').sendFile(index));
  });
}

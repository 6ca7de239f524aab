import express, { type Express, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { playgroundCsp } from './http-security.js';
import { webAppDir } from './web-app.js';

/**
 * The GraphQL playground (GraphiQL), built with the web app by Vite (apps/web/playground: no CDN,
 * so it works offline, and the server ships no React or GraphiQL of its own). Mounted only while
 * config.playground is on: its page and its own script and stylesheet, under /playground/. The
 * chunks it shares with the web app, or loads when asked (GraphiQL's editor add-ons), are public
 * code served with the web app's under /app/.
 */
export function mountPlayground(app: Express, logger: Logger, dir = webAppDir()): void {
  const folder = join(dir, 'playground');
  const page = join(folder, 'index.html');
  if (!existsSync(page)) {
    logger.warn({ dir }, 'The playground is not built (npm run build): /playground is not served');
    return;
  }
  app.get('/playground', playgroundCsp, (_req: Request, res: Response) => res.set('Cache-Control', 'no-store').sendFile(page));
  app.use('/playground', playgroundCsp, express.static(folder, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
}

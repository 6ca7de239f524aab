import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express, Request, Response } from 'express';
import { playgroundCsp } from './http-security.js';

/** A file inside node_modules, found by walking up from here (works from the sources and from dist/). */
function packageFile(path: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', path);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`playground asset ${path} is not installed`);
  }
}

/** The page's own script and style: files, not inline, so the content security policy needs no 'unsafe-inline' script. */
const START_SCRIPT = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = '# Sign in first (demo users are in the README), then put the token in Headers:\\n' +
  '# { "Authorization": "Bearer <accessToken>" }\\n' +
  'mutation { login(email: "manager@demo.test", password: "demo-password") { accessToken expiresAt user { displayName role } } }\\n';
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }));
`;
const PAGE_STYLE = 'body{margin:0;height:100vh}#graphiql{height:100vh}\n';

type Asset = { type: string } & ({ file: string } | { body: string });

const ASSETS: Record<string, Asset> = {
  'react.js': { file: packageFile('react/umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom/umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql/graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql/graphiql.min.css'), type: 'text/css' },
  'start.js': { body: START_SCRIPT, type: 'text/javascript' },
  'page.css': { body: PAGE_STYLE, type: 'text/css' },
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Safer Libraries GraphQL playground</title>
<link rel="stylesheet" href="/playground/graphiql.css">
<link rel="stylesheet" href="/playground/page.css"></head>
<body><div id="graphiql">Loading…</div>
<script src="/playground/react.js"></script>
<script src="/playground/react-dom.js"></script>
<script src="/playground/graphiql.js"></script>
<script src="/playground/start.js"></script>
</body></html>`;

/** A GraphiQL page served from node_modules: works with no internet access (no CDN). */
export function mountPlayground(app: Express): void {
  app.get('/playground', playgroundCsp, (_req: Request, res: Response) => {
    res.type('html').send(PAGE);
  });
  app.get('/playground/:asset', playgroundCsp, (req: Request, res: Response) => {
    const asset = ASSETS[String(req.params.asset)];
    if (!asset) {
      res.sendStatus(404);
      return;
    }
    if ('file' in asset) res.type(asset.type).sendFile(asset.file, { maxAge: '1d' });
    else res.type(asset.type).set('Cache-Control', 'public, max-age=86400').send(asset.body);
  });
}

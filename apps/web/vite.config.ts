import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/…: they are copied into
 * the build, so nothing is fetched from elsewhere (the app works with no internet connection).
 */
const govukAssets: Plugin = {
  name: 'govuk-assets',
  writeBundle(options) {
    cpSync(here('../../node_modules/govuk-frontend/dist/govuk/assets'), `${options.dir}/assets`, { recursive: true });
  },
};

/**
 * The web app (README "Web app"): built into dist/web, served by the API at `/`. In development,
 * `npx vite --config apps/web/vite.config.ts` serves it with the API proxied (start the API first).
 */
export default defineConfig({
  root: here('.'),
  publicDir: false,
  // GOV.UK Frontend's styles hold an old-IE hack (`@media (min-width: 0\\0)`) that lightningcss refuses to minify.
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'app',
    sourcemap: false,
    reportCompressedSize: true,
    cssMinify: false,
    // Two pages: the app, and the GraphQL playground (GraphiQL), whose own files go under playground/
    // so the API serves them only while the playground is on (apps/api/playground.ts).
    rolldownOptions: {
      input: { app: here('index.html'), playground: here('playground/index.html') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'playground' ? 'playground/[name]-[hash].js' : 'app/[name]-[hash].js'),
        chunkFileNames: 'app/[name]-[hash].js',
        assetFileNames: (asset) => (asset.names.some((n) => n.startsWith('playground')) ? 'playground/[name]-[hash][extname]' : 'app/[name]-[hash][extname]'),
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  // GOV.UK Frontend's Sass warns of its own deprecations; they are its to mend.
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import'] } } },
  plugins: [govukAssets],
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:3000', ws: true },
      '/exports': 'http://localhost:3000',
      '/account': 'http://localhost:3000',
      '^/reports/': 'http://localhost:3000',
    },
    fs: { allow: [here('../..')] },
  },
});

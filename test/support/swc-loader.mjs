// A Node module loader for the TypeScript sources, with the same SWC settings as jest.config.mjs:
// test/support/replica.ts starts real API processes from apps/api/main.ts without a build.
import { transform } from '@swc/core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    // The sources import each other as `.js` (ESM output names); the file beside is `.ts`.
    if (/^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) return next(specifier.replace(/\.js$/, '.ts'), context);
    throw err;
  }
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = await transform(await readFile(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  });
  return { format: 'module', source: code, shortCircuit: true };
}

// `node --import ./test/support/swc-register.mjs apps/api/main.ts`: runs the TypeScript sources directly.
import { register } from 'node:module';

register('./swc-loader.mjs', import.meta.url);

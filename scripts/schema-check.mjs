// Breaking changes to the GraphQL schema since the last release, for partners' clients (README
// "Querying as a partner"). Compares the committed schema (test/schema.graphql, itself checked
// against the code by test/schema.e2e-spec.ts) with the one at the newest `v*` tag, using
// graphql-js's own findBreakingChanges. Every breaking change must be named in README's
// "## Changelog" (its `Type.field`, or `Type` for a change to a whole type, in backticks) or this fails: partners are told, never
// broken silently. Dangerous changes (a new enum value, an argument's default) are printed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

let tag;
try {
  tag = git('describe', '--tags', '--abbrev=0', '--match', 'v*');
} catch {
  console.log('schema check: no release tag (v*) here: nothing to compare with');
  process.exit(0);
}

let released;
try {
  released = buildSchema(git('show', `${tag}:test/schema.graphql`));
} catch {
  console.log(`schema check: ${tag} has no test/schema.graphql: nothing to compare with`);
  process.exit(0);
}
const current = buildSchema(readFileSync('test/schema.graphql', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const changelog = readme.slice(readme.indexOf('## Changelog'));

const breaking = findBreakingChanges(released, current);
const dangerous = findDangerousChanges(released, current);
/** What the changelog must name for a change: its `Type.field` where it has one, else its `Type`. */
const named = (description) => {
  const fields = [...description.matchAll(/\b([A-Z]\w*)\.(\w+)/g)].map(([n]) => n);
  return fields.length ? fields : [...description.matchAll(/\b([A-Z]\w*)\b/g)].map(([n]) => n);
};
const unannounced = breaking.filter((c) => !named(c.description).some((n) => changelog.includes('`' + n)));

console.log(`schema check against ${tag}: ${breaking.length} breaking, ${dangerous.length} dangerous`);
for (const c of breaking) console.log(`  breaking  ${c.type}: ${c.description}${unannounced.includes(c) ? '  <- not in the changelog' : ''}`);
for (const c of dangerous) console.log(`  dangerous ${c.type}: ${c.description}`);
if (unannounced.length) {
  console.error(`schema check: ${unannounced.length} breaking change(s) since ${tag} are not named in README "## Changelog"`);
  process.exit(1);
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The GraphQL schema partners' clients are written against, committed as test/schema.graphql:
 * any change to the API shows up in review as a diff. `UPDATE_SCHEMA=1 npm test -- schema` rewrites it.
 */
describe('GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the committed schema', () => {
    const printed = `${printSchema(t.running.app.get(GraphQLSchemaHost).schema)}\n`;
    const file = join(dirname(fileURLToPath(import.meta.url)), 'schema.graphql');
    if (process.env.UPDATE_SCHEMA || !existsSync(file)) writeFileSync(file, printed);
    expect(printed).toEqual(readFileSync(file, 'utf8'));
  });
});

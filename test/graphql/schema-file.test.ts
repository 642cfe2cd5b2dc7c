import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { graphSchema } from '../../src/graph/schema.js';

const SCHEMA_FILE = join(process.cwd(), 'schema.graphql');

describe('schema.graphql', () => {
  it('is committed at the repository root', () => {
    expect(existsSync(SCHEMA_FILE)).toBe(true);
  });

  it('equals the printed schema (run `npm run schema:print` after changing the GraphQL schema)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(`${printSchema(await graphSchema())}\n`);
  });
});

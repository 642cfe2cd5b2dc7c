import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { graphSchema } from '../graph/schema.js';

/** `npm run schema:print`: writes the GraphQL schema to schema.graphql (committed; a test keeps it current). */
const sdl = printSchema(await graphSchema());
writeFileSync('schema.graphql', `${sdl}\n`);
console.log(`schema.graphql written (${sdl.split('\n').length} lines)`);

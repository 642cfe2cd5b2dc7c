/**
 * The facade's saved operations are the generated documents (src/rest-facade/generated/graphql.ts, from the
 * `.graphql` files beside the routes), each wrapped once by savedOperation(); `npm run codegen:check` keeps the
 * generated file current with schema.graphql and the documents.
 */
import { readFileSync } from 'node:fs';
import { Kind, buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { savedOperations } from '../../src/rest-facade/index.js';
import * as generated from '../../src/rest-facade/generated/graphql.js';
import { savedOperation } from '../../src/rest-facade/shared/runtime.js';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const operationsOf = (document: string) => parse(document).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

describe('saved operations', () => {
  it('every generated operation document is a saved operation, once, under its own name', () => {
    const generatedNames = Object.values(generated)
      .filter((v) => v instanceof generated.TypedDocumentString)
      .flatMap((doc) => operationsOf(doc.toString()).map((op) => op.name?.value));
    expect(savedOperations.map((op) => op.name).sort()).toEqual(generatedNames.sort());
    for (const op of savedOperations) expect(operationsOf(op.document).map((d) => d.name?.value)).toEqual([op.name]);
  });

  it('every saved operation validates against schema.graphql', () => {
    for (const op of savedOperations) expect([op.name, validate(schema, parse(op.document)).map((e) => e.message)]).toEqual([op.name, []]);
  });

  it('a document without a named query or mutation first is refused', () => {
    expect(() => savedOperation(new generated.TypedDocumentString<unknown, unknown>('{ statements { items { id } } }'))).toThrow(
      'A saved operation needs a named query or mutation first',
    );
  });
});

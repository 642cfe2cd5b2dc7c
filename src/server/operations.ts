import { execute, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { SavedOperation } from '../rest-facade/index.js';
import type { GraphContext } from '../graph/shared/context.js';
import { graphErrorsOf } from '../graph/shared/errors.js';

/**
 * Runs the REST facade's saved operations in-process with graphql-js `execute()` on documents parsed
 * and validated once at start-up (README "Design notes": measured against Apollo's executeOperation).
 */
export class OperationRunner {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly schema: GraphQLSchema, operations: SavedOperation[]) {
    for (const op of operations) {
      const doc = parse(op.document);
      const errors = validate(schema, doc);
      if (errors.length) throw new Error(`Saved operation ${op.name} is invalid: ${errors.map((e) => e.message).join('; ')}`);
      this.documents.set(op.name, doc);
    }
  }

  async run(op: SavedOperation, variables: Record<string, unknown>, context: GraphContext): Promise<ExecutionResult> {
    const document = this.documents.get(op.name);
    if (!document) throw new Error(`Unknown saved operation ${op.name}`);
    return graphErrorsOf(await execute({ schema: this.schema, document, variableValues: variables, contextValue: context }));
  }
}

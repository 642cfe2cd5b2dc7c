import { parse, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { SavedOperation } from '../rest-facade/index.js';
import type { GraphContext } from '../graph/shared/context.js';
import { graphErrorsOf, unexpectedErrorOf } from '../graph/shared/errors.js';

/**
 * Runs the REST facade's saved operations in-process. Each document is parsed, validated and compiled
 * (graphql-jit) once at start-up, so a REST call pays neither parsing nor graphql-js's generic per-field
 * walk (README "Design notes": measured against graphql-js `execute()` and Apollo's executeOperation).
 * Errors no rule produced are thrown, not returned, so the app's error handler logs them and answers 500/503.
 */
export class OperationRunner {
  private readonly compiled = new Map<string, CompiledQuery>();

  constructor(
    private readonly schema: GraphQLSchema,
    operations: SavedOperation[],
  ) {
    for (const op of operations) {
      const doc = parse(op.document);
      const errors = validate(schema, doc);
      if (errors.length) throw new Error(`Saved operation ${op.name} is invalid: ${errors.map((e) => e.message).join('; ')}`);
      const compiled = compileQuery(schema, doc, op.name);
      if (!isCompiledQuery(compiled)) throw new Error(`Saved operation ${op.name} did not compile: ${compiled.errors?.map((e) => e.message).join('; ')}`);
      this.compiled.set(op.name, compiled);
    }
  }

  async run(op: SavedOperation, variables: Record<string, unknown>, context: GraphContext): Promise<ExecutionResult> {
    const compiled = this.compiled.get(op.name);
    if (!compiled) throw new Error(`Unknown saved operation ${op.name}`);
    const result = await compiled.query(undefined, context, variables);
    const unexpected = unexpectedErrorOf(result);
    if (unexpected !== undefined) throw unexpected;
    return graphErrorsOf(result);
  }
}

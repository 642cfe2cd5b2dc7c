import type { Request } from 'express';
import type { ExecutionResult } from 'graphql';
import type { TypedDocumentString } from '../generated/graphql.js';

/**
 * A GraphQL operation a REST route runs, by name; the server parses, validates and compiles each once at
 * start-up. `TResult` and `TVariables` are the types GraphQL Code Generator derived from its document.
 */
export interface SavedOperation<TResult = unknown, TVariables = unknown> {
  name: string;
  document: string;
  /** Never set: carries the generated types to `run`, which takes `TVariables` and resolves to `TResult`. */
  readonly types?: { result: TResult; variables: TVariables };
}

/** A generated document (src/rest-facade/generated/graphql.ts) as a saved operation named by its one operation. */
export function savedOperation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): SavedOperation<TResult, TVariables> {
  const text = document.toString();
  const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(text)?.[1];
  if (name === undefined) throw new Error(`A saved operation needs a named query or mutation first: ${text.slice(0, 80)}`);
  return { name, document: text };
}

export type Programme = 'ecf' | 'npq';

/**
 * What the facade needs from the composition root. It never sees the domain or the ORM:
 * behaviour is reached only through saved GraphQL operations (ARCHITECTURE.md §3).
 */
export interface FacadeRuntime {
  run(operation: SavedOperation, variables: Record<string, unknown>, req: Request): Promise<ExecutionResult>;
  /** The programme of the calling token, or null for admin tokens. */
  programmeOf(req: Request): Programme | null;
}

/** A REST sort term (`sort=-updated_at` → `{ field: 'updated_at', direction: 'desc' }`). */
export interface RestSortTerm {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * REST sort fields (`updated_at`) as the list's GraphQL sort enum values (`updatedAt`). Unknown fields are
 * dropped here, as the live services ignore them; if none is left the list keeps its default order.
 */
export function graphSort<F extends string>(
  terms: RestSortTerm[] | undefined,
  fields: Record<string, F>,
): { field: F; direction: RestSortTerm['direction'] }[] | undefined {
  return terms?.filter((t) => Object.hasOwn(fields, t.field)).map((t) => ({ field: fields[t.field], direction: t.direction }));
}

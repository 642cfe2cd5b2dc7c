import type { Request } from 'express';
import type { ExecutionResult } from 'graphql';

/** A GraphQL operation a REST route runs, by name; the server parses and validates each once at start-up. */
export interface SavedOperation {
  name: string;
  document: string;
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
export function graphSort(terms: RestSortTerm[] | undefined, fields: Record<string, string>): RestSortTerm[] | undefined {
  return terms?.filter((t) => Object.hasOwn(fields, t.field)).map((t) => ({ field: fields[t.field], direction: t.direction }));
}

import { notFound } from '../shared/errors.js';
import type { RouteCall } from '../shared/router.js';

/**
 * POST /participant-declarations with an NPQ token (npq.md §5.4). Placeholder until the NPQ create lands (helper
 * decl-npq writes the real handler with this signature): `attributes` is the body's `data.attributes` (an empty
 * object when absent; a missing `data` has already answered 400); the answer is the route's response body
 * (the declaration in the version's NPQ shape, e.g. through `declarationResponse(call, id)`).
 */
export function handleNpqDeclarationCreate(call: RouteCall, attributes: Record<string, unknown>): Promise<unknown> {
  void attributes;
  return Promise.reject(notFound(call.family));
}

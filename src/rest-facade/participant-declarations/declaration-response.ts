import { single } from '../shared/envelope.js';
import { notFound } from '../shared/errors.js';
import type { RouteCall } from '../shared/router.js';
import { GET_PARTICIPANT_DECLARATION } from './participant-declarations.operations.js';
import { serializeDeclaration, type DeclarationResource, type DeclarationVersion } from './participant-declaration.serializer.js';

/** The API version of the request's path (`/api/v1/…` → v1); v3 when the path names none. */
export function versionOf(call: RouteCall): DeclarationVersion {
  const m = /\/api\/(v[123])\//.exec(call.req.originalUrl ?? call.req.url);
  return (m?.[1] as DeclarationVersion | undefined) ?? 'v3';
}

/**
 * The answer of every declaration write (create, void, change delivery partner): the declaration `id` in the
 * request's version and the token's programme, as the show reads it (`{"data": {...}}`, status 200 by the router).
 * A declaration the caller cannot read answers the family's 404.
 */
export async function declarationResponse(call: RouteCall, id: string, version: DeclarationVersion = versionOf(call)): Promise<{ data: DeclarationResource }> {
  const data = await call.run(GET_PARTICIPANT_DECLARATION, { id, version });
  if (!data.participantDeclaration) throw notFound(call.family);
  return single(serializeDeclaration(data.participantDeclaration, call.programme, version));
}

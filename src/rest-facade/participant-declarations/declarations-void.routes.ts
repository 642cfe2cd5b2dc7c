import type { RestRoute } from '../shared/router.js';
import { declarationResponse } from './declaration-response.js';
import { VOID_PARTICIPANT_DECLARATION } from './void-declaration.operations.js';

/**
 * PUT /api/v{1,2,3}/participant-declarations/{id}/void (ecf.md §4.8, npq.md §5.6): no body needed (any body is
 * ignored); the token's programme picks the rules and the response shape. 200 with the declaration in the version's
 * shape; ECF 404 for a declaration another provider submitted (even one the caller reads), NPQ 403 "Cannot modify
 * declaration" for the application's current provider; 422 with the rules' messages.
 */
export const participantDeclarationVoidRoutes: RestRoute[] = (['v1', 'v2', 'v3'] as const).map((version): RestRoute => ({
  method: 'put',
  path: `/api/${version}/participant-declarations/:id/void`,
  programmes: ['ecf', 'npq'],
  family: 'by-token',
  async handle(call) {
    const data = await call.run(VOID_PARTICIPANT_DECLARATION, { id: String(call.req.params.id) });
    return declarationResponse(call, data.voidParticipantDeclaration.id, version);
  },
}));

import { notFound, RestHttpError } from '../shared/errors.js';
import type { RestRoute } from '../shared/router.js';
import { declarationResponse } from './declaration-response.js';
import { VOID_PARTICIPANT_DECLARATION } from './void-declaration.operations.js';

/**
 * PUT /api/v{1,2,3}/participant-declarations/{id}/void (ecf.md §4.8, npq.md §5.6): no body needed (any body is
 * ignored); the token's programme picks the rules and the response shape. 200 with the declaration in the version's
 * shape; ECF 404 for a declaration another provider submitted (even one the caller reads), NPQ v3 403 "Cannot modify
 * declaration" for the application's current provider (v1/v2: 404, npq.md §2.3); 422 with the rules' messages.
 */
export const participantDeclarationVoidRoutes: RestRoute[] = (['v1', 'v2', 'v3'] as const).map((version): RestRoute => ({
  method: 'put',
  path: `/api/${version}/participant-declarations/:id/void`,
  programmes: ['ecf', 'npq'],
  family: 'by-token',
  async handle(call) {
    try {
      const data = await call.run(VOID_PARTICIPANT_DECLARATION, { id: String(call.req.params.id) });
      return await declarationResponse(call, data.voidParticipantDeclaration.id, version);
    } catch (e) {
      // NPQ v1/v2 only ever looked among the caller's own declarations: another provider's is a 404 there (npq.md §2.3).
      if (e instanceof RestHttpError && e.status === 403 && version !== 'v3') throw notFound(call.family);
      throw e;
    }
  },
}));

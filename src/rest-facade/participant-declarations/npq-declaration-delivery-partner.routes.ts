import { MISSING_DATA_DETAIL, RestHttpError } from '../shared/errors.js';
import { bodyAttributes } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { declarationResponse } from './declaration-response.js';
import { CHANGE_NPQ_DECLARATION_DELIVERY_PARTNER } from './npq-declarations.operations.js';

/** The live 403 of a declaration write by a provider that did not submit it (npq.md §5.1, §9.5). */
export const CANNOT_MODIFY_DECLARATION = {
  errors: [{ title: 'Cannot modify declaration', detail: 'The declaration cannot be modified because it was created by another lead provider' }],
};

/**
 * `PUT /api/v3/participant-declarations/{id}/change-delivery-partner` (npq.md §5.8): NPQ tokens, v3 only. Missing
 * `data`/`attributes` is a 400; a declaration the caller cannot read is the NPQ 404; one another provider submitted
 * (that the caller reads as the application's provider) is the live 403 body. Answers the declaration (v3 NPQ shape).
 */
export const npqDeclarationDeliveryPartnerRoutes: RestRoute[] = [
  {
    method: 'put',
    path: '/api/v3/participant-declarations/:id/change-delivery-partner',
    programmes: ['npq'],
    family: 'npq',
    async handle(call) {
      const attrs = bodyAttributes(call.req.body, MISSING_DATA_DETAIL.npq);
      const id = String(call.req.params.id);
      try {
        await call.run(CHANGE_NPQ_DECLARATION_DELIVERY_PARTNER, {
          id,
          input: { deliveryPartnerId: attrs.delivery_partner_id, secondaryDeliveryPartnerId: attrs.secondary_delivery_partner_id },
        });
      } catch (e) {
        if (e instanceof RestHttpError && e.status === 403) throw new RestHttpError(403, CANNOT_MODIFY_DECLARATION);
        throw e;
      }
      return declarationResponse(call, id, 'v3');
    },
  },
];

import type { RouteCall } from '../shared/router.js';
import { declarationResponse, versionOf } from './declaration-response.js';
import { CREATE_NPQ_PARTICIPANT_DECLARATION } from './npq-declarations.operations.js';

/**
 * `POST /api/{version}/participant-declarations` with an NPQ token (npq.md §5.2–5.5), called by the shared POST
 * route (declarations-create.routes.ts). The attributes pass as sent; the delivery-partner attributes exist on v3
 * only: v1 and v2 requests never carry them, so a 2024+ declaration in England is refused there as it was live
 * (npq.md §2.3, docs/compatibility.md). `attrs` is the body's `data.attributes` (the route answered a missing
 * `data` with 400; no `attributes` is an empty set the rules answer). Answers 200 with the declaration in the
 * version's NPQ shape.
 */
export async function handleNpqDeclarationCreate(call: RouteCall, attrs: Record<string, unknown>): Promise<unknown> {
  const version = versionOf(call);
  const v3 = version === 'v3';
  const data = await call.run(CREATE_NPQ_PARTICIPANT_DECLARATION, {
    input: {
      participantId: attrs.participant_id,
      declarationType: attrs.declaration_type,
      declarationDate: attrs.declaration_date,
      courseIdentifier: attrs.course_identifier,
      hasPassed: attrs.has_passed,
      deliveryPartnerId: v3 ? attrs.delivery_partner_id : undefined,
      secondaryDeliveryPartnerId: v3 ? attrs.secondary_delivery_partner_id : undefined,
    },
  });
  return declarationResponse(call, data.createNpqParticipantDeclaration.id, version);
}

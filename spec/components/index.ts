import type { OpenAPIV3 } from 'openapi-types';
import { commonSchemas } from './common.schemas.js';
import { deliveryPartnerSchemas } from './delivery-partner.schema.js';
import { errorResponses, errorSchemas, responseHeaders } from './errors.js';
import { npqApplicationRequestBodies, npqApplicationSchemas } from './npq-application.schema.js';
import { npqParticipantParameters, npqParticipantRequestBodies, npqParticipantSchemas } from './npq-participant.schema.js';
import { npqOutcomeRequestBodies, npqOutcomeSchemas } from './npq-outcome.schema.js';
import { parameters } from './parameters.js';
import { partnershipRequestBodies, partnershipRequestSchemas } from './partnership-request.schema.js';
import { participantSchemas } from './participant.schema.js';
import { participantActionRequestBodies, participantActionRequestSchemas } from './participant-action-request.schema.js';
import { participantV1Schemas } from './participant-v1.schema.js';
import { participantListingSchemas } from './participant-listings.schema.js';
import { partnershipSchemas } from './partnership.schema.js';
import { schoolSchemas } from './school.schema.js';
import { statementSchemas } from './statement.schema.js';
import { participantDeclarationParameters, participantDeclarationRequestBodies, participantDeclarationSchemas } from './participant-declaration.schema.js';

export const securitySchemes: Record<string, OpenAPIV3.SecuritySchemeObject> = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The API token issued to the lead provider, sent as `Authorization: Bearer <token>` (`Token <token>` ' +
      'is also accepted). A token belongs to one lead provider and one programme (ECF or NPQ) and does not ' +
      'expire; a revoked token stops working within 10 seconds.',
  },
};

/**
 * What every version may use: authentication, conventions, parameters, headers and error responses.
 * `buildDocument` drops the ones a version's operations do not reference.
 */
export function sharedComponents(): OpenAPIV3.ComponentsObject {
  return {
    securitySchemes,
    schemas: { ...commonSchemas, ...errorSchemas },
    parameters,
    headers: responseHeaders,
    responses: errorResponses,
  };
}

/** v1 and v2 add the NPQ applications in their shape (npq.md §2.3). */
export function npqV1V2Components(version: 'v1' | 'v2'): OpenAPIV3.ComponentsObject {
  const shared = sharedComponents();
  return {
    ...shared,
    parameters: { ...shared.parameters, ...npqParticipantParameters },
    schemas: { ...shared.schemas, ...npqApplicationSchemas(version), ...npqParticipantSchemas(version), ...npqOutcomeSchemas(version) },
    requestBodies: { ...npqApplicationRequestBodies(version), ...npqParticipantRequestBodies, ...npqOutcomeRequestBodies },
  };
}

/** v1 and v2 also serve the ECF participants in their shape (ecf.md §2.6). */
export function v1V2Components(version: 'v1' | 'v2'): OpenAPIV3.ComponentsObject {
  const npq = npqV1V2Components(version);
  return {
    ...npq,
    parameters: { ...npq.parameters, ...participantDeclarationParameters },
    schemas: { ...npq.schemas, ...participantV1Schemas, ...participantActionRequestSchemas, ...participantDeclarationSchemas(version) },
    requestBodies: { ...npq.requestBodies, ...participantActionRequestBodies, ...participantDeclarationRequestBodies(version) },
  };
}

/** v3 adds the resources its operations return and the partnership and NPQ application write bodies. */
export function v3Components(): OpenAPIV3.ComponentsObject {
  const shared = sharedComponents();
  return {
    ...shared,
    schemas: {
      ...shared.schemas,
      ...deliveryPartnerSchemas,
      ...statementSchemas,
      ...schoolSchemas,
      ...partnershipSchemas,
      ...partnershipRequestSchemas,
      ...participantSchemas,
      ...participantActionRequestSchemas,
      ...participantListingSchemas,
      ...npqApplicationSchemas('v3'),
      ...npqParticipantSchemas('v3'),
      ...npqOutcomeSchemas('v3'),
      ...participantDeclarationSchemas('v3'),
    },
    parameters: { ...shared.parameters, ...npqParticipantParameters, ...participantDeclarationParameters },
    requestBodies: {
      ...partnershipRequestBodies,
      ...participantActionRequestBodies,
      ...npqApplicationRequestBodies('v3'),
      ...npqParticipantRequestBodies,
      ...npqOutcomeRequestBodies,
      ...participantDeclarationRequestBodies('v3'),
    },
  };
}

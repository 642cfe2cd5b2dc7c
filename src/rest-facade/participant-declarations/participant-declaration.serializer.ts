import type { ParticipantDeclarationFieldsFragment } from '../generated/graphql.js';
import { resource, type Resource } from '../shared/envelope.js';
import type { Programme } from '../shared/runtime.js';

export type DeclarationVersion = 'v1' | 'v2' | 'v3';
type D = ParticipantDeclarationFieldsFragment;
export type DeclarationResource = Resource<'participant-declaration', Record<string, unknown>>;

const TYPE = 'participant-declaration' as const;

/**
 * The attributes of each version and programme, in the live serializers' order:
 * ECF ecf.md §2.8 (v1, v2, v3; RECT reads the ECF v3 shape), NPQ npq.md §2.2 (v3) and §2.3 (v1, v2).
 * ECF `has_passed` is always null; `state` is dasherized everywhere.
 */
const ATTRIBUTES: Record<Programme, Record<DeclarationVersion, (d: D) => Record<string, unknown>>> = {
  ecf: {
    v1: (d) => ({
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      eligible_for_payment: d.eligibleForPayment,
      declaration_date: d.declarationDate,
      updated_at: d.updatedAt,
      voided: d.voided,
      state: d.state,
      has_passed: null,
    }),
    v2: (d) => ({
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      declaration_date: d.declarationDate,
      updated_at: d.updatedAt,
      state: d.state,
      has_passed: null,
    }),
    v3: (d) => ({
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      declaration_date: d.declarationDate,
      mentor_id: d.mentorId ?? null,
      state: d.state,
      updated_at: d.updatedAt,
      created_at: d.createdAt,
      delivery_partner_id: d.deliveryPartnerId ?? null,
      statement_id: d.statementId ?? null,
      clawback_statement_id: d.clawbackStatementId ?? null,
      ineligible_for_funding_reason: d.ineligibleForFundingReason ?? null,
      uplift_paid: d.upliftPaid,
      evidence_held: d.evidenceHeld ?? null,
      has_passed: null,
      lead_provider_name: d.leadProviderName,
    }),
  },
  npq: {
    v1: (d) => ({
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      declaration_date: d.declarationDate,
      state: d.state,
      has_passed: d.hasPassed ?? null,
      voided: d.voided,
      eligible_for_payment: d.eligibleForPayment,
      updated_at: d.updatedAt,
    }),
    v2: (d) => ({
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      declaration_date: d.declarationDate,
      state: d.state,
      has_passed: d.hasPassed ?? null,
      updated_at: d.updatedAt,
    }),
    v3: (d) => ({
      participant_id: d.participantId,
      declaration_type: d.declarationType,
      course_identifier: d.courseIdentifier,
      declaration_date: d.declarationDate,
      state: d.state,
      has_passed: d.hasPassed ?? null,
      delivery_partner_id: d.deliveryPartnerId ?? null,
      delivery_partner_name: d.deliveryPartnerName ?? null,
      secondary_delivery_partner_id: d.secondaryDeliveryPartnerId ?? null,
      secondary_delivery_partner_name: d.secondaryDeliveryPartnerName ?? null,
      statement_id: d.statementId ?? null,
      application_id: d.applicationId ?? null,
      clawback_statement_id: d.clawbackStatementId ?? null,
      uplift_paid: d.upliftPaid,
      lead_provider_name: d.leadProviderName,
      ineligible_for_funding_reason: d.ineligibleForFundingReason ?? null,
      created_at: d.createdAt,
      updated_at: d.updatedAt,
    }),
  },
};

export function serializeDeclaration(d: D, programme: Programme, version: DeclarationVersion): DeclarationResource {
  return resource<DeclarationResource>(TYPE, d.id, ATTRIBUTES[programme][version](d));
}

/**
 * The v1/v2 CSV columns (ecf.md §2.8, npq.md §2.3): `id`, then the version's JSON attributes flattened (the ECF
 * serializer's order; NPQ's columns as its CSV serializer lists them, which is its JSON order).
 */
export const CSV_COLUMNS: Record<Programme, Record<'v1' | 'v2', readonly string[]>> = {
  ecf: {
    v1: [
      'id',
      'participant_id',
      'declaration_type',
      'course_identifier',
      'eligible_for_payment',
      'declaration_date',
      'updated_at',
      'voided',
      'state',
      'has_passed',
    ],
    v2: ['id', 'participant_id', 'declaration_type', 'course_identifier', 'declaration_date', 'updated_at', 'state', 'has_passed'],
  },
  npq: {
    v1: [
      'id',
      'participant_id',
      'declaration_type',
      'course_identifier',
      'declaration_date',
      'state',
      'has_passed',
      'voided',
      'eligible_for_payment',
      'updated_at',
    ],
    v2: ['id', 'participant_id', 'declaration_type', 'course_identifier', 'declaration_date', 'state', 'has_passed', 'updated_at'],
  },
};

export function csvRecord(d: D, programme: Programme, version: 'v1' | 'v2'): unknown[] {
  const attributes = ATTRIBUTES[programme][version](d);
  return CSV_COLUMNS[programme][version].map((column) => (column === 'id' ? d.id : attributes[column]));
}

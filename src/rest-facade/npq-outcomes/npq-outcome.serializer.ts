import type { NpqOutcomeFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource, type Resource } from '../shared/envelope.js';

type Schemas = components['schemas'];

/** NPQ v3 outcome, in the live serializer's attribute order (npq.md §2.2); a date is written `YYYY-MM-DDT00:00:00+00:00`. */
export function serializeNpqOutcome(o: NpqOutcomeFieldsFragment): Schemas['NpqOutcome'] {
  return resource<Schemas['NpqOutcome']>('participant-outcome', o.id, {
    state: o.state,
    completion_date: `${o.completionDate}T00:00:00+00:00`,
    course_identifier: o.courseIdentifier as Schemas['NpqOutcomeAttributes']['course_identifier'],
    participant_id: o.participantId,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  });
}

/** The v1/v2 outcome attributes: the v3 ones without `updated_at` (npq.md §2.3). */
export type NpqOutcomeV1 = Resource<'participant-outcome', Omit<Schemas['NpqOutcomeAttributes'], 'updated_at'>>;

export function serializeNpqOutcomeV1(o: NpqOutcomeFieldsFragment): NpqOutcomeV1 {
  const { updated_at: _updated, ...v1 } = serializeNpqOutcome(o).attributes;
  return resource<NpqOutcomeV1>('participant-outcome', o.id, v1);
}

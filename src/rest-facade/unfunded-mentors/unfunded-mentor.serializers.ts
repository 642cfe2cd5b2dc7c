import type { UnfundedMentorFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';

type Schemas = components['schemas'];

/** `unfunded-mentor` (ecf.md §8.2), the same on the ECF and RECT paths; attributes in the serializer's order. */
export function serializeUnfundedMentor(m: UnfundedMentorFieldsFragment): Schemas['UnfundedMentor'] {
  return resource<Schemas['UnfundedMentor']>('unfunded-mentor', m.id, {
    full_name: m.fullName,
    email: m.email,
    teacher_reference_number: m.teacherReferenceNumber,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  });
}

import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

/**
 * Participant transfers (`participant-transfer`, domain/ecf.md §8.3) and unfunded mentors (`unfunded-mentor`,
 * §8.2): the same shape on the ECF paths (`/participants/ecf/transfers`, `/unfunded-mentors/ecf`) and the RECT
 * paths (`/participants/transfers`, `/unfunded-mentors`).
 */
type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

const described = (name: string, description: string): OpenAPIV3.SchemaObject => ({ allOf: [schemaRef(name)], description });

const attributes = (description: string, properties: Props): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

const sideProperties = (verb: 'leaving' | 'joining', date: string): Props => ({
  school_urn: { type: 'string', description: `Unique reference number of the school the participant is ${verb}.`, example: '106286' },
  provider: {
    type: 'string',
    nullable: true,
    description: `The name of the lead provider of the training at that school; null when the school has none (school-led).`,
    example: 'Ambition Institute',
  },
  date: { type: 'string', format: 'date', nullable: true, description: date },
});

export const participantListingSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  ParticipantTransferLeaving: attributes('The school the participant is leaving.', sideProperties('leaving', 'The day the training at that school ends.')),
  ParticipantTransferItem: attributes('One move of a training record (ECT or mentor) between schools.', {
    training_record_id: described('Id', 'The training record that moved: one per participant and role; it never changes.'),
    transfer_type: {
      type: 'string',
      enum: ['new_school', 'new_provider', 'unknown'],
      description: '`new_provider` when both schools have lead providers and they differ, `unknown` while no joining school is known, otherwise `new_school`.',
    },
    status: {
      type: 'string',
      enum: ['incomplete', 'complete'],
      description:
        '`incomplete` while the leaving date or the joining date is still ahead, as of the request time; it turns `complete` by ' +
        'itself when the later date passes, and `updated_at` moves to that instant.',
    },
    created_at: described('Timestamp', 'When the leaving training period was recorded.'),
    leaving: schemaRef('ParticipantTransferLeaving'),
    joining: {
      type: 'object',
      nullable: true,
      description: 'The school the participant is joining; null while unknown.',
      required: ['school_urn', 'provider', 'date'],
      additionalProperties: false,
      properties: sideProperties('joining', 'The day the training at that school starts.'),
    },
  }),
  ParticipantTransferAttributes: attributes('The transfers of one participant.', {
    updated_at: described(
      'Timestamp',
      'When a transfer shown here last changed (a date, a school, a provider, a transfer added), including a `status` that turned `complete` because its date passed.',
    ),
    transfers: {
      type: 'array',
      items: schemaRef('ParticipantTransferItem'),
      description:
        'The transfers this lead provider sees (it provides the training at the school left or joined; a transfer with no joining school yet only to the provider left), ECT and mentor ones together, by the start of the training left.',
    },
  }),
  ParticipantTransfer: resourceObject(
    'participant-transfer',
    schemaRef('ParticipantTransferAttributes'),
    'A participant who moved (or is moving) school, with the moves the lead provider sees. The id is the participant id.',
  ),
  ParticipantTransferResponse: singleEnvelope('ParticipantTransfer', "One participant's transfers."),
  ParticipantTransfersResponse: collectionEnvelope('ParticipantTransfer', 'A page of participants with transfers.'),
  UnfundedMentorAttributes: attributes('A mentor the lead provider does not train.', {
    full_name: { type: 'string', description: 'The mentor’s full name.' },
    email: {
      type: 'string',
      nullable: true,
      description: 'The email the school gave for the mentor’s latest mentor training (with any provider), else the participant’s email.',
    },
    teacher_reference_number: { type: 'string', nullable: true, description: 'The teacher reference number (TRN), if known.', example: '1234567' },
    created_at: described('Timestamp', 'When the participant was created.'),
    updated_at: described('Timestamp', 'When the mentor entered this lead provider’s list, or their name, email or TRN last changed.'),
  }),
  UnfundedMentor: resourceObject(
    'unfunded-mentor',
    schemaRef('UnfundedMentorAttributes'),
    'A mentor of one of the lead provider’s early career teachers who does not train with the lead provider (trained by another provider or not at all). The id is the mentor’s participant id.',
  ),
  UnfundedMentorResponse: singleEnvelope('UnfundedMentor', 'One unfunded mentor.'),
  UnfundedMentorsResponse: collectionEnvelope('UnfundedMentor', 'A page of unfunded mentors.'),
};

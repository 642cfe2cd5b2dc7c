import type { OpenAPIV3 } from 'openapi-types';

/** RFC 3339 in UTC with whole seconds, the only timestamp form the service writes. */
/** The NPQ course identifiers providers send and read (npq.md §1.3), in the live list's order. */
export const NPQ_COURSES = [
  'npq-senior-leadership',
  'npq-headship',
  'npq-executive-leadership',
  'npq-early-years-leadership',
  'npq-leading-teaching',
  'npq-leading-behaviour-culture',
  'npq-leading-teaching-development',
  'npq-leading-literacy',
  'npq-leading-primary-mathematics',
  'npq-additional-support-offer',
  'npq-early-headship-coaching-offer',
  'npq-senco',
];

export const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$';

/** Building blocks that several resource schemas share. */
export const commonSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  Id: {
    type: 'string',
    format: 'uuid',
    description: 'Identifier of the resource. A UUID fixed when the record is created; it never changes.',
    example: 'd0b4a32e-a272-489e-b30a-cb17131457fc',
  },
  Timestamp: {
    type: 'string',
    format: 'date-time',
    pattern: TIMESTAMP_PATTERN,
    description: 'An instant in RFC 3339 form, always UTC (`Z`) and to the whole second.',
    example: '2025-01-10T10:42:00Z',
  },
  CalendarDate: {
    type: 'string',
    format: 'date',
    description: 'A calendar day, `YYYY-MM-DD`.',
    example: '2025-03-31',
  },
  CohortYear: {
    type: 'string',
    pattern: '^\\d{4}$',
    description: 'Start year of the cohort, written as a four-digit string.',
    example: '2024',
  },
};

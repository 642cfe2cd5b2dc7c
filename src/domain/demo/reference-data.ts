import type { Programme } from '../shared/programme.js';

/** Cohorts as the live services seed them (ecf.md §1.2, npq.md §1.2), plus the next year. */
export const COHORTS = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({
  startYear: y,
  registrationStartDate: `${y}-05-10`,
  academicYearStartDate: `${y}-09-01`,
  paymentsFrozenAt: y === 2021 ? '2024-04-03T00:00:00Z' : null,
  mentorFunding: y >= 2025,
  detailedEvidenceTypes: y >= 2025,
  npqFunding: y <= 2023 ? ('full' as const) : ('capped' as const),
}));

/** Lead providers named in the digests and the programmes each delivers (ecf.md §9, npq.md §1.1). */
export const LEAD_PROVIDERS: { name: string; programmes: Programme[] }[] = [
  { name: 'Ambition Institute', programmes: ['ecf', 'npq'] },
  { name: 'Best Practice Network', programmes: ['ecf', 'npq'] },
  { name: 'Capita', programmes: ['ecf'] },
  { name: 'Education Development Trust', programmes: ['ecf'] },
  { name: 'Teach First', programmes: ['ecf', 'npq'] },
  { name: 'UCL Institute of Education', programmes: ['ecf', 'npq'] },
  { name: 'Church of England', programmes: ['npq'] },
  { name: 'LLSE', programmes: ['npq'] },
  { name: 'National Institute of Teaching', programmes: ['ecf', 'npq'] },
  { name: 'School-Led Network', programmes: ['npq'] },
];

export const ECF_COURSES = [
  { identifier: 'ecf-induction', name: 'Early career teacher induction' },
  { identifier: 'ecf-mentor', name: 'Mentor training' },
];

/** NPQ courses and their groups (npq.md §1.3). */
export const NPQ_COURSES = [
  ['npq-leading-teaching', 'NPQ Leading Teaching', 'specialist'],
  ['npq-leading-behaviour-culture', 'NPQ Leading Behaviour and Culture', 'specialist'],
  ['npq-leading-teaching-development', 'NPQ Leading Teacher Development', 'specialist'],
  ['npq-leading-literacy', 'NPQ Leading Literacy', 'specialist'],
  ['npq-leading-primary-mathematics', 'NPQ Leading Primary Mathematics', 'specialist'],
  ['npq-senco', 'NPQ Special Educational Needs Co-ordinator', 'leadership'],
  ['npq-senior-leadership', 'NPQ Senior Leadership', 'leadership'],
  ['npq-headship', 'NPQ Headship', 'leadership'],
  ['npq-executive-leadership', 'NPQ Executive Leadership', 'leadership'],
  ['npq-early-years-leadership', 'NPQ Early Years Leadership', 'leadership'],
  ['npq-additional-support-offer', 'Additional Support Offer', 'support'],
  ['npq-early-headship-coaching-offer', 'Early Headship Coaching Offer', 'ehco'],
] as const;

export const ECF_DECLARATION_TYPES = ['started', 'retained-1', 'retained-2', 'retained-3', 'retained-4', 'completed'];
export const ECF_EXTENDED_TYPES = ['extended-1', 'extended-2', 'extended-3'];

// Data kept several to a line: Prettier would give each item a line of its own.
// prettier-ignore
export const DELIVERY_PARTNER_NAMES = [
  'Northern Lights Teaching School Hub', 'Thames Valley Learning Partnership', 'Pennine Teaching Alliance', 'Severn Education Partners',
  'Coastal Schools Alliance', 'Midlands Teacher Development Trust', 'Fenland Learning Hub', 'Cathedral Schools Partnership',
  'Wolds Teaching School Hub', 'Capital Leadership Collaborative', 'Peak District Education Partnership', 'Humber Learning Alliance',
  'Cotswold Teaching Network', 'Mersey Schools Partnership', 'Tyne and Wear Teaching Hub', 'South Downs Learning Trust',
  'Chiltern Education Partners', 'Lakeland Teaching Alliance', 'Solent Schools Hub', 'Marches Learning Partnership',
];

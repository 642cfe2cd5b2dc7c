import type { OpenAPIV3 } from 'openapi-types';
import { csvOperation, listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/**
 * Participant declarations on v1, v2 and v3 (ARCHITECTURE.md §2.2): one path for ECF (and RECT) and NPQ tokens; the
 * token's programme picks the records, the rules and the shape (ecf.md §2.8, §4; npq.md §2.2–2.3, §5).
 */
const TAG = 'Participant declarations';
const common = { tag: TAG, audience: 'shared' as const };

/** The write operations, each documented once its route is served (test/docs/routes-match-docs.test.ts). */
export type DeclarationWrite = 'create' | 'void' | 'change-delivery-partner';

/**
 * Which writes the service serves: the helper that adds a write route adds its operation here (one line), so the
 * served documents describe exactly the served operations.
 */
export const SERVED_DECLARATION_WRITES: readonly DeclarationWrite[] = ['create', 'void', 'change-delivery-partner'];

const VISIBILITY =
  'ECF tokens see the declarations they submitted and, while they hold their slot (submitted, eligible, payable, paid), other lead ' +
  'providers’ declarations for participants who train with them (training active or completed)';
const VISIBILITY_V3 = `${VISIBILITY}, or who are leaving them (declarations dated up to the leaving date)`;
const NPQ_VISIBILITY = 'NPQ tokens see the declarations they submitted and those on applications they now hold.';
const SHAPE = 'An ECF token gets the ECF shape of this version (RECT clients read the v3 one); an NPQ token gets the NPQ shape.';

const ECF_CREATE_RULES =
  'ECF (ecf.md §4.2): checks in order, every failure a 422 with the attribute as title: the participant is recognised (a retired id finds its ' +
  'successor) and trains with the lead provider on the course; the declaration date is present, RFC 3339, not in the future and inside the ' +
  'milestone window of the participant’s schedule; the type is a milestone of that schedule; the participant had not withdrawn before the date; ' +
  'an open output-fee statement exists for the cohort ("contract for this cohort has ended"); no declaration holds the slot (participant, course ' +
  'and type, from any provider); mentors of mentor-funding cohorts declare only `started` and `completed`; `evidence_held` fits the cohort, ' +
  'participant and type. Every attempt is recorded.';
const NPQ_CREATE_RULES =
  'NPQ (npq.md §5.4): the participant has an accepted application for the course with the lead provider; the date is RFC 3339, not in the ' +
  'future and inside the schedule’s milestone; `has_passed` on `completed` for the leadership and specialist courses; a funded place where the ' +
  'cohort funds places; the contract for the cohort and course exists; no declaration holds the slot (application and type).';
const IDEMPOTENCY = 'An identical declaration sent again (also concurrently) is a 422, as the live services answer a repeat.';

function writes(version: 'v1' | 'v2' | 'v3', base: string): OpenAPIV3.PathsObject {
  const served = new Set(SERVED_DECLARATION_WRITES);
  const paths: OpenAPIV3.PathsObject = {};
  if (served.has('create'))
    paths[base] = {
      post: writeOperation({
        ...common,
        operationId: 'createParticipantDeclaration',
        summary: 'Submit a declaration',
        description:
          `Declare that a participant reached a milestone; answers 200 with the declaration in this version's shape. ${ECF_CREATE_RULES} ` +
          `${NPQ_CREATE_RULES}${version === 'v3' ? ' v3 NPQ declarations also take the delivery partners.' : ''} ${IDEMPOTENCY}`,
        body: 'ParticipantDeclarationResponse',
        requestBody: 'ParticipantDeclarationCreate',
        withId: false,
      }),
    };
  if (served.has('void'))
    paths[`${base}/{id}/void`] = {
      put: writeOperation({
        ...common,
        operationId: 'voidParticipantDeclaration',
        summary: 'Void a declaration',
        description:
          'Void a declaration the lead provider submitted (anyone else’s, even one it can read, is a 404' +
          (version === 'v3' ? '; an NPQ token gets a 403 for another provider’s declaration it can read' : '') +
          '). Submitted, eligible, payable and ineligible declarations become `voided`; a paid one becomes `awaiting-clawback` on the next ' +
          'output-fee statement. A voided or clawed-back declaration is a 422. No body. Answers 200 with the declaration.',
        body: 'ParticipantDeclarationResponse',
        withId: true,
      }),
    };
  if (served.has('change-delivery-partner') && version === 'v3')
    paths[`${base}/{id}/change-delivery-partner`] = {
      put: writeOperation({
        ...common,
        audience: 'npq',
        operationId: 'changeParticipantDeclarationDeliveryPartner',
        summary: 'Change the delivery partners of an NPQ declaration',
        description:
          'NPQ tokens: set the delivery partner (required) and the secondary delivery partner (omitted clears it) of a declaration the lead ' +
          'provider submitted (another provider’s is a 403), in any state, under the create rules for delivery partners. Answers 200 with the declaration.',
        body: 'ParticipantDeclarationResponse',
        requestBody: 'NpqParticipantDeclarationChangeDeliveryPartner',
        withId: true,
      }),
    };
  return paths;
}

export function participantDeclarationPathsFor(version: 'v1' | 'v2' | 'v3'): PathGroup {
  const base = `/api/${version}/participant-declarations`;
  const v3 = version === 'v3';
  const visibility = `${v3 ? VISIBILITY_V3 : VISIBILITY}. ${NPQ_VISIBILITY}`;
  const filters = v3
    ? ['FilterDeclarationCohort', 'FilterDeclarationParticipantIds', 'FilterUpdatedSince', 'FilterDeclarationDeliveryPartnerId']
    : ['FilterDeclarationParticipantIdV1V2', 'FilterDeclarationUpdatedSinceV1V2'];
  const paths: OpenAPIV3.PathsObject = {
    [base]: {
      get: listOperation({
        ...common,
        operationId: 'listParticipantDeclarations',
        summary: 'List declarations',
        description: `The declarations the lead provider may read, by submission time, then id. ${visibility} ${SHAPE}${
          v3 ? ' NPQ tokens: `filter[cohort]` and `filter[participant_id]` apply, `filter[delivery_partner_id]` is ignored.' : ''
        }`,
        body: 'ParticipantDeclarationsResponse',
        filters,
      }),
    },
    [`${base}/{id}`]: {
      get: showOperation({
        ...common,
        operationId: 'getParticipantDeclaration',
        summary: 'Get a declaration',
        description: `One declaration the lead provider may read (see the list); any other id is a 404. ${SHAPE}`,
        body: 'ParticipantDeclarationResponse',
      }),
    },
  };
  if (!v3)
    paths[`${base}.csv`] = {
      get: csvOperation({
        ...common,
        operationId: 'listParticipantDeclarationsCsv',
        summary: 'All declarations as CSV',
        description: `Every declaration of the list (same filters, no paging), one row each, in the list's order. ${SHAPE}`,
        body: 'ParticipantDeclarationsCsv',
        filters,
      }),
    };
  for (const [path, item] of Object.entries(writes(version, base))) paths[path] = { ...paths[path], ...item };
  return {
    tags: [{ name: TAG, description: 'Declarations: a lead provider’s claims for payment for the milestones of its participants’ training.' }],
    paths,
  };
}

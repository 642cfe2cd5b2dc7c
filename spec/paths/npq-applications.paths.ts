import { csvOperation, listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/** NPQ applications (npq.md §3): list and show, accept and reject. NPQ tokens only. */
const TAG = 'NPQ applications';
const common = { tag: TAG, audience: 'npq' as const };

const ACCEPT_RULES =
  'Checks, all reported together: `funded_place` must be true or false for a cohort with capped funding and ' +
  'false for an unfunded one; the application must be pending; the person (or another person with the same ' +
  'verified TRN) must have no other accepted, not withdrawn application for the course (the additional ' +
  'support offer and early headship coaching offer count as one) in the cohort; a funded place needs funding ' +
  'eligibility; the schedule must exist in the application’s cohort and fit the course. On success the ' +
  'application is accepted with that schedule (or the default one), training starts as `active`, and the ' +
  'person’s other applications for the same course in the cohort, with any provider, are rejected. Answers ' +
  '200 with the application; a rule broken gives a 422 naming the attribute (`funded_place`, ' +
  '`schedule_identifier`, `schedule` or `application`), a `data` without `attributes` a 400.';

/** v1/v2 cannot choose the schedule: the cohort's default one is always used. */
const ACCEPT_RULES_V1 =
  'Checks, all reported together: `funded_place` must be true or false for a cohort with capped funding and ' +
  'false for an unfunded one; the application must be pending; the person (or another person with the same ' +
  'verified TRN) must have no other accepted, not withdrawn application for the course (the additional ' +
  'support offer and early headship coaching offer count as one) in the cohort; a funded place needs funding ' +
  'eligibility; the cohort must have a default schedule for the course. On success the application is ' +
  'accepted with that schedule, training starts as `active`, and the person’s other applications for the same ' +
  'course in the cohort, with any provider, are rejected. Answers 200 with the application; a rule broken ' +
  'gives a 422 naming the attribute (`funded_place`, `schedule` or `application`), a `data` without ' +
  '`attributes` a 400. Choosing the schedule (`schedule_identifier`) is v3 only.';

const CHANGE_FUNDED_PLACE_RULES =
  'Checks, in order (422, titles `funded_place` and `application`): `funded_place` must be true or false; the ' +
  'application must be accepted; a funded place (true) needs funding eligibility; and, when nothing else ' +
  'failed, the cohort must have capped funding (fully funded and unfunded cohorts keep their funded place: ' +
  "“Leave the '#/funded_place' field blank…”). Answers 200 with the application; a `data` without " +
  '`attributes` is a 400.';

const REJECT_RULES =
  'A pending or accepted application can be rejected; a rejected one cannot (422, title `application`). No ' +
  'body is needed. Answers 200 with the application, now `rejected` with the reason `rejected_by_provider`.';

/**
 * The four operations in one version. v1 and v2 (npq.md §2.3): filters `cohort` and `updated_since` only, no
 * `sort`, accept takes `funded_place` only, and the application has no v3 additions.
 */
export function npqApplicationPathsFor(version: 'v1' | 'v2' | 'v3'): PathGroup {
  const v3 = version === 'v3';
  const base = `/api/${version}/npq-applications`;
  return {
    tags: [{ name: TAG, description: 'Registrations for National Professional Qualifications with the lead provider.' }],
    paths: {
      [base]: {
        get: listOperation({
          ...common,
          operationId: 'listNpqApplications',
          summary: 'List NPQ applications',
          description: "The lead provider's NPQ applications in every status and cohort. Default order: `created_at` ascending.",
          body: 'NpqApplicationsResponse',
          filters: v3 ? ['FilterCohortList', 'FilterNpqParticipantId', 'FilterUpdatedSince'] : ['FilterCohortList', 'FilterUpdatedSince'],
          ...(v3 ? { sort: 'SortNpqApplications' } : {}),
        }),
      },
      [`${base}/{id}`]: {
        get: showOperation({
          ...common,
          operationId: 'getNpqApplication',
          summary: 'Get an NPQ application',
          description: "One of the lead provider's NPQ applications.",
          body: 'NpqApplicationResponse',
        }),
      },
      [`${base}/{id}/accept`]: {
        post: writeOperation({
          ...common,
          operationId: 'acceptNpqApplication',
          summary: 'Accept an NPQ application',
          description: `Accept one of the lead provider's NPQ applications. ${v3 ? ACCEPT_RULES : ACCEPT_RULES_V1}`,
          body: 'NpqApplicationResponse',
          requestBody: 'NpqApplicationAccept',
          withId: true,
        }),
      },
      [`${base}/{id}/reject`]: {
        post: writeOperation({
          ...common,
          operationId: 'rejectNpqApplication',
          summary: 'Reject an NPQ application',
          description: `Reject one of the lead provider's NPQ applications. ${REJECT_RULES}`,
          body: 'NpqApplicationResponse',
          withId: true,
        }),
      },
      [`${base}/{id}/change-funded-place`]: {
        put: writeOperation({
          ...common,
          operationId: 'changeNpqFundedPlace',
          summary: 'Change the funded place of an NPQ application',
          description: `Change the funded place of one of the lead provider's accepted NPQ applications. ${CHANGE_FUNDED_PLACE_RULES}`,
          body: 'NpqApplicationResponse',
          requestBody: 'NpqApplicationChangeFundedPlace',
          withId: true,
        }),
      },
      ...(v3
        ? {}
        : {
            [`${base}.csv`]: {
              get: csvOperation({
                ...common,
                operationId: 'listNpqApplicationsCsv',
                summary: 'Download NPQ applications as CSV',
                description:
                  "Every one of the lead provider's NPQ applications as one CSV file (no paging), in `created_at` order, " +
                  'with the same filters as the list.',
                body: 'NpqApplicationsCsv',
                filters: ['FilterCohortList', 'FilterUpdatedSince'],
              }),
            },
          }),
      ...(version === 'v2'
        ? {
            '/api/v2/npq-enrolments.csv': {
              get: csvOperation({
                ...common,
                operationId: 'listNpqEnrolmentsCsv',
                summary: 'Download NPQ enrolments as CSV',
                description: "Every one of the lead provider's accepted NPQ applications (enrolments) as one CSV file (no paging), in " + '`created_at` order.',
                body: 'NpqEnrolmentsCsv',
                filters: ['FilterUpdatedSince'],
              }),
            },
          }
        : {}),
    },
  };
}

export const npqApplicationPaths = npqApplicationPathsFor('v3');

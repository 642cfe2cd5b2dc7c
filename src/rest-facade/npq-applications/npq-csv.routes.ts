import type { NpqApplicationCsvFieldsFragment, NpqApplicationFilterInput } from '../generated/graphql.js';
import { streamCsv } from '../shared/csv.js';
import { cohortList, filterOf, updatedSince } from '../shared/params.js';
import { STREAMED, type RestRoute, type RouteCall } from '../shared/router.js';
import { EXPORT_NPQ_APPLICATIONS } from './npq-applications.operations.js';

/** Rows read per saved-operation call while streaming an export: memory stays flat (tests lower it). */
export const CSV_CHUNK = { size: 1000 };

type Row = NpqApplicationCsvFieldsFragment;

const ineligibleReason = (a: Row) => (a.ineligibleForFundingReason === null ? null : a.ineligibleForFundingReason.replace(/_/g, '-'));
const year = (a: Row) => (a.cohort === null ? null : String(a.cohort));

/**
 * `GET /api/v{1,2}/npq-applications.csv` columns in order (npq.md §2.3): the JSON application, but
 * `eligible_for_funding` is the registration answer as recorded and the TRN is the one recorded.
 */
export const APPLICATION_CSV: [string, (a: Row) => unknown][] = [
  ['id', (a) => a.id],
  ['participant_id', (a) => a.participantId],
  ['full_name', (a) => a.fullName],
  ['email', (a) => a.email],
  ['email_validated', () => true],
  ['teacher_reference_number', (a) => a.recordedTeacherReferenceNumber],
  ['teacher_reference_number_validated', (a) => a.teacherReferenceNumberValidated],
  ['school_urn', (a) => a.schoolUrn],
  ['school_ukprn', (a) => a.schoolUkprn],
  ['private_childcare_provider_urn', (a) => a.privateChildcareProviderUrn],
  ['headteacher_status', (a) => a.headteacherStatus],
  ['eligible_for_funding', (a) => a.recordedEligibleForFunding],
  ['funded_place', (a) => a.fundedPlace],
  ['funding_choice', (a) => a.fundingChoice],
  ['course_identifier', (a) => a.courseIdentifier],
  ['status', (a) => a.status],
  ['works_in_school', (a) => a.worksInSchool],
  ['employer_name', (a) => a.employerName],
  ['employment_role', (a) => a.employmentRole],
  ['created_at', (a) => a.createdAt],
  ['updated_at', (a) => a.updatedAt],
  ['cohort', year],
  ['ineligible_for_funding_reason', ineligibleReason],
  ['targeted_delivery_funding_eligibility', (a) => a.targetedDeliveryFundingEligibility],
  ['teacher_catchment', (a) => a.teacherCatchment],
  ['teacher_catchment_country', (a) => a.teacherCatchmentCountry],
  ['teacher_catchment_iso_country_code', (a) => a.teacherCatchmentIsoCountryCode],
  ['itt_provider', (a) => a.ittProvider],
  ['lead_mentor', (a) => a.leadMentor],
];

/** `GET /api/v2/npq-enrolments.csv` columns in order (npq.md §2.3): one row per accepted application. */
export const ENROLMENT_CSV: [string, (a: Row) => unknown][] = [
  ['participant_id', (a) => a.participantId],
  ['course_identifier', (a) => a.courseIdentifier],
  ['schedule_identifier', (a) => a.scheduleIdentifier],
  ['cohort', year],
  ['npq_application_id', (a) => a.id],
  ['eligible_for_funding', (a) => a.recordedEligibleForFunding],
  ['training_status', (a) => a.trainingStatus],
  ['school_urn', (a) => a.schoolUrn],
  ['funded_place', (a) => a.fundedPlace],
];

/**
 * One export: every matching application in created_at order, read by keyset in chunks of CSV_CHUNK.size. The
 * first chunk is read before anything is sent, so a bad token or filter is the usual JSON error.
 */
async function exportCsv(
  { run, res }: Pick<RouteCall, 'run' | 'res'>,
  filter: NpqApplicationFilterInput,
  columns: [string, (a: Row) => unknown][],
): Promise<typeof STREAMED> {
  const read = async (afterId?: string) => {
    const page = (await run(EXPORT_NPQ_APPLICATIONS, { filter: { ...filter, ...(afterId ? { afterId } : {}) }, perPage: CSV_CHUNK.size })).npqApplications;
    return { rows: page.items, more: page.hasNextPage };
  };
  const header = columns.map(([name]) => name);
  await streamCsv(
    res,
    header,
    await read(),
    (last) => read(last.id),
    (a) => columns.map(([, value]) => value(a)),
    { headerWhenEmpty: true },
  );
  return STREAMED;
}

/** The v1/v2 CSV exports (npq.md §2.3): no paging, the JSON list's filters, NPQ tokens only. */
export const npqCsvRoutes: RestRoute[] = [
  ...(['v1', 'v2'] as const).map((version): RestRoute => ({
    method: 'get',
    path: `/api/${version}/npq-applications.csv`,
    programmes: ['npq'],
    family: 'npq',
    handle(call) {
      const filter = filterOf(call.req.query, 'npq');
      return exportCsv(call, { cohorts: cohortList(filter.cohort), updatedSince: updatedSince(filter.updated_since, 'npq') }, APPLICATION_CSV);
    },
  })),
  {
    method: 'get',
    path: '/api/v2/npq-enrolments.csv',
    programmes: ['npq'],
    family: 'npq',
    handle(call) {
      const filter = filterOf(call.req.query, 'npq');
      return exportCsv(call, { statuses: ['accepted'], updatedSince: updatedSince(filter.updated_since, 'npq') }, ENROLMENT_CSV);
    },
  },
];

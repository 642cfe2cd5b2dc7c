import type { Request } from 'express';
import type { EcfTrainingRecordFieldsFragment, EcfTrainingRecordFilterInput } from '../generated/graphql.js';
import { streamCsv } from '../shared/csv.js';
import { collection, single, type Resource } from '../shared/envelope.js';
import { notFound } from '../shared/errors.js';
import { cohortList, filterOf, parsePage, updatedSince } from '../shared/params.js';
import { STREAMED, type RestRoute } from '../shared/router.js';
import { GET_ECF_TRAINING_RECORD, LIST_ECF_TRAINING_RECORDS } from './participants-v1-v2.operations.js';
import { CSV_COLUMNS, csvRecord, serializeEcfParticipantV1, serializeEcfParticipantV2 } from './participant-v1.serializer.js';
import { participantActionRoutes } from '../participant-actions/participant-actions.routes.js';

type Version = 'v1' | 'v2';

/** Rows per GraphQL read while streaming the CSV: memory holds one chunk (README "Reads at scale"). */
export const CSV_CHUNK = 1000;

/** `filter[cohort]`, `filter[updated_since]` (ecf.md §2.6); v1/v2 have no other filter and no `sort`. */
function filterInput(req: Request): EcfTrainingRecordFilterInput {
  const filter = filterOf(req.query, 'ecf');
  return { cohorts: cohortList(filter.cohort), updatedSince: updatedSince(filter.updated_since, 'ecf') };
}

/**
 * ECF participants on v1 or v2 (ecf.md §2.6): one row per training record, JSON pages and the whole list as CSV;
 * ECF tokens only. Show by participant id answers the ECT record when the person also mentors.
 */
function participantRoutesFor(version: Version, serialize: (r: EcfTrainingRecordFieldsFragment) => Resource): RestRoute[] {
  const base = `/api/${version}/participants/ecf`;
  return [
    {
      method: 'get',
      path: base,
      programmes: ['ecf'],
      family: 'ecf',
      async handle({ req, run }) {
        const filter = filterInput(req);
        const page = parsePage(req.query, 'ecf');
        const data = await run(LIST_ECF_TRAINING_RECORDS, { filter, page });
        return collection(data.ecfTrainingRecords.items.map(serialize));
      },
    },
    {
      method: 'get',
      path: `${base}.csv`,
      programmes: ['ecf'],
      family: 'ecf',
      async handle({ req, res, run }) {
        // Not paginated (ecf.md §2.3): `page` is ignored; the rows are read by cursor, CSV_CHUNK at a time.
        const filter = filterInput(req);
        const read = async (after: string | null) => {
          const data = await run(LIST_ECF_TRAINING_RECORDS, { filter, page: { page: 1, perPage: CSV_CHUNK }, after });
          return { rows: data.ecfTrainingRecords.items, more: data.ecfTrainingRecords.hasNextPage };
        };
        await streamCsv(res, CSV_COLUMNS, await read(null), (last) => read(last.cursor), csvRecord);
        return STREAMED;
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['ecf'],
      family: 'ecf',
      async handle({ req, run }) {
        const data = await run(GET_ECF_TRAINING_RECORD, { participantId: String(req.params.id) });
        if (!data.ecfTrainingRecord) throw notFound('ecf');
        return single(serialize(data.ecfTrainingRecord));
      },
    },
  ];
}

/**
 * The four actions (ecf.md §3) at `{base}/:id/defer|resume|withdraw|change-schedule` with ECF rules, answered with the
 * acted-on training record in the v1/v2 shape (the record of the `course_identifier`'s role).
 */
const actionsAt = (base: string, serialize: (r: EcfTrainingRecordFieldsFragment) => Resource) =>
  participantActionRoutes({
    base,
    family: 'ecf',
    rules: 'ecf',
    show: GET_ECF_TRAINING_RECORD,
    showVariables: (id, course) => ({
      participantId: id,
      participantType: course === 'ecf-mentor' ? ('mentor' as const) : course === 'ecf-induction' ? ('ect' as const) : null,
    }),
    serialize: (d) => d.ecfTrainingRecord && serialize(d.ecfTrainingRecord),
  });

export const participantV1V2Routes: RestRoute[] = [
  ...participantRoutesFor('v1', serializeEcfParticipantV1),
  ...participantRoutesFor('v2', serializeEcfParticipantV2),
  ...actionsAt('/api/v1/participants/ecf', serializeEcfParticipantV1),
  ...actionsAt('/api/v2/participants/ecf', serializeEcfParticipantV2),
  // v1's older action paths without `/ecf` (ecf.md §2.1): the same actions and answers.
  ...actionsAt('/api/v1/participants', serializeEcfParticipantV1),
];

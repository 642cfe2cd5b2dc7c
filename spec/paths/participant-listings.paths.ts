import { listOperation, showOperation, type PathGroup } from '../operations.js';

/**
 * Participant transfers and unfunded mentors on the ECF paths (`/participants/ecf/transfers`,
 * `/unfunded-mentors/ecf`) and the RECT paths (`/participants/transfers`, `/unfunded-mentors`): one shape and one
 * set of rules (domain/ecf.md §8.2–8.3, rect.md §3.7–3.8); RECT adds `sort` to the transfers list.
 */
interface Family {
  transfers: string;
  unfunded: string;
  transferTag: string;
  unfundedTag: string;
  idPrefix: '' | 'Ecf';
  /** ECF transfers take no `sort` (ecf.md §2.5); RECT's do. */
  transferSort: boolean;
  shape: string;
}

const TRANSFERS =
  'Participants who moved (or are moving) from one school to another where the lead provider provides the training at ' +
  'the school left or the school joined; a move with no joining school yet is listed to the provider left only. ' +
  'One resource per participant, with each move of their ECT and mentor training.';
const UNFUNDED =
  'Mentors named on the current training of one of the lead provider’s early career teachers who do not train with ' +
  'this lead provider themselves (another provider trains them, or nobody does).';

function paths(f: Family): PathGroup {
  const common = { audience: 'ecf' as const };
  return {
    tags: [
      { name: f.transferTag, description: `Participants’ moves between schools, in the ${f.shape} paths.` },
      { name: f.unfundedTag, description: `Mentors of the lead provider’s early career teachers whom it does not train, in the ${f.shape} paths.` },
    ],
    paths: {
      [f.transfers]: {
        get: listOperation({
          ...common,
          tag: f.transferTag,
          operationId: `list${f.idPrefix}ParticipantTransfers`,
          summary: 'List participants with transfers',
          description: f.transferSort
            ? `${TRANSFERS} Default order: the participant's \`created_at\` ascending.`
            : `${TRANSFERS} Order: the participant's \`created_at\` ascending, or \`updated_at\` ascending when \`filter[updated_since]\` is given.`,
          body: 'ParticipantTransfersResponse',
          filters: ['FilterUpdatedSince'],
          ...(f.transferSort ? { sort: 'SortParticipants' } : {}),
        }),
      },
      [f.transfers.replace(/\/transfers$/, '/{id}/transfers')]: {
        get: showOperation({
          ...common,
          tag: f.transferTag,
          operationId: `get${f.idPrefix}ParticipantTransfers`,
          summary: "Get a participant's transfers",
          description: `One participant's transfers, by participant id; a 404 when the lead provider sees no transfer of theirs. ${TRANSFERS}`,
          body: 'ParticipantTransferResponse',
        }),
      },
      [f.unfunded]: {
        get: listOperation({
          ...common,
          tag: f.unfundedTag,
          operationId: `list${f.idPrefix}UnfundedMentors`,
          summary: 'List unfunded mentors',
          description: `${UNFUNDED} Default order: the participant's \`created_at\` ascending.`,
          body: 'UnfundedMentorsResponse',
          filters: ['FilterUpdatedSince'],
          sort: 'SortParticipants',
        }),
      },
      [`${f.unfunded}/{id}`]: {
        get: showOperation({
          ...common,
          tag: f.unfundedTag,
          operationId: `get${f.idPrefix}UnfundedMentor`,
          summary: 'Get an unfunded mentor',
          description: `One unfunded mentor, by the mentor's participant id. ${UNFUNDED}`,
          body: 'UnfundedMentorResponse',
        }),
      },
    },
  };
}

export const ecfParticipantListingPaths = paths({
  transfers: '/api/v3/participants/ecf/transfers',
  unfunded: '/api/v3/unfunded-mentors/ecf',
  transferTag: 'Participant transfers (ECF)',
  unfundedTag: 'Unfunded mentors (ECF)',
  idPrefix: 'Ecf',
  transferSort: false,
  shape: 'ECF',
});

export const rectParticipantListingPaths = paths({
  transfers: '/api/v3/participants/transfers',
  unfunded: '/api/v3/unfunded-mentors',
  transferTag: 'Participant transfers',
  unfundedTag: 'Unfunded mentors',
  idPrefix: '',
  transferSort: true,
  shape: 'RECT',
});

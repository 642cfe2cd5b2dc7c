import { listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/**
 * Partnerships on the ECF paths (`/partnerships/ecf`) and the RECT paths (`/partnerships`). Same rules
 * (domain/ecf.md §6); RECT drops the challenge attributes and adds `participants_currently_training`. Both
 * families accept PUT and PATCH for the update (src/rest-facade/partnerships/partnerships.routes.ts).
 */
interface PartnershipFamily {
  path: string;
  tag: string;
  tagDescription: string;
  prefix: '' | 'Ecf';
}

const CREATE_RULES =
  'The school must be eligible for funded training and not already in a confirmed partnership for the ' +
  'cohort, and the delivery partner must work with the lead provider in that cohort. Answers 200 (not ' +
  '201) with the partnership; a rule broken gives a 422 naming the attribute, a body that is not JSON or ' +
  'has no `data.attributes` gives a 400.';

const UPDATE_RULES =
  'The new delivery partner must work with the lead provider in the partnership’s cohort, and a ' +
  'challenged partnership cannot be changed. Sending the current delivery partner changes nothing. ' +
  'Answers 200 with the partnership; a rule broken gives a 422, a body that is not JSON or has no ' +
  '`data.attributes` a 400. PUT and PATCH do the same.';

function partnershipPaths(family: PartnershipFamily): PathGroup {
  const p = family.prefix;
  const common = { tag: family.tag, audience: 'ecf' as const };
  const update = (operationId: string, summary: string) =>
    writeOperation({
      ...common,
      operationId,
      summary,
      description: `Change the delivery partner of one of the lead provider's partnerships. ${UPDATE_RULES}`,
      body: `${p}PartnershipResponse`,
      requestBody: `${p}PartnershipUpdate`,
      withId: true,
    });
  return {
    tags: [{ name: family.tag, description: family.tagDescription }],
    paths: {
      [family.path]: {
        get: listOperation({
          ...common,
          operationId: `list${p}Partnerships`,
          summary: 'List partnerships',
          description:
            "The lead provider's partnerships with schools, including challenged ones, in the selected cohorts. Default order: `created_at` ascending.",
          body: `${p}PartnershipsResponse`,
          filters: ['FilterCohortList', 'FilterDeliveryPartnerId', 'FilterUpdatedSince'],
          sort: 'SortPartnerships',
        }),
        post: writeOperation({
          ...common,
          operationId: `create${p}Partnership`,
          summary: 'Confirm a partnership',
          description: `Confirm that the lead provider, with a delivery partner, will train a school's teachers in a cohort. ${CREATE_RULES}`,
          body: `${p}PartnershipResponse`,
          requestBody: `${p}PartnershipCreate`,
          withId: false,
        }),
      },
      [`${family.path}/{id}`]: {
        get: showOperation({
          ...common,
          operationId: `get${p}Partnership`,
          summary: 'Get a partnership',
          description: "One of the lead provider's partnerships.",
          body: `${p}PartnershipResponse`,
        }),
        put: update(`update${p}Partnership`, 'Change the delivery partner'),
        patch: update(`patch${p}Partnership`, 'Change the delivery partner (PATCH)'),
      },
    },
  };
}

export const ecfPartnershipPaths = partnershipPaths({
  path: '/api/v3/partnerships/ecf',
  tag: 'Partnerships (ECF)',
  tagDescription: 'Partnerships between the lead provider, a delivery partner and a school, in the ECF shape.',
  prefix: 'Ecf',
});

export const rectPartnershipPaths = partnershipPaths({
  path: '/api/v3/partnerships',
  tag: 'Partnerships',
  tagDescription: 'Partnerships between the lead provider, a delivery partner and a school, in the RECT shape.',
  prefix: '',
});

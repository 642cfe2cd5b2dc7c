import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { PageRequest } from '../../domain/shared/list-query.js';
import type { Programme } from '../../domain/shared/programme.js';

// Enum value names are the API's own values (`ecf`, `provider_led`, …), so REST passes them through unchanged.
export enum ProgrammeEnum {
  ecf = 'ecf',
  npq = 'npq',
}
registerEnumType(ProgrammeEnum, {
  name: 'Programme',
  description: 'The programme a token, contract or record belongs to.',
  valuesConfig: {
    ecf: { description: 'Early career framework (the ECF and RECT APIs).' },
    npq: { description: 'National Professional Qualifications.' },
  },
});

export enum SortDirectionEnum {
  asc = 'asc',
  desc = 'desc',
}
registerEnumType(SortDirectionEnum, {
  name: 'SortDirection',
  description: 'Sort order of one sort term.',
  valuesConfig: { asc: { description: 'Ascending (oldest, lowest or A first).' }, desc: { description: 'Descending (newest, highest or Z first).' } },
});

@InputType({ description: 'Offset paging. Past the last page a list is empty.' })
export class PageInput implements PageRequest {
  @Field(() => Int, { defaultValue: 1, description: 'The 1-based page number; values below 1 read page 1.' })
  page!: number;

  @Field(() => Int, { defaultValue: 100, description: 'Rows per page, clamped to 1–3000. The query cost counts this many rows.' })
  perPage!: number;
}

/**
 * One sort input per list, over an enum of that list's sortable fields named as its GraphQL fields
 * (`updatedAt`); each enum value's internal value is the domain's sort key (`updated_at`).
 */
export function sortInput<E extends Record<string, string>>(
  name: string,
  fields: E,
  list: string,
): ClassType<{ field: E[keyof E]; direction: SortDirectionEnum }> {
  @InputType(name, { description: `One sort term of ${list}. Terms apply in order; the id always breaks ties.` })
  class SortTermInput {
    @Field(() => fields, { description: 'The field to sort by.' })
    field!: E[keyof E];

    @Field(() => SortDirectionEnum, { defaultValue: SortDirectionEnum.asc, description: 'The direction; ascending by default.' })
    direction!: SortDirectionEnum;
  }
  return SortTermInput;
}

@InputType({ description: 'Admin callers name the lead provider and programme they read or write as.' })
export class AsLeadProviderInput {
  @Field(() => ID, { description: 'The lead provider to act as.' })
  leadProviderId!: string;

  @Field(() => ProgrammeEnum, { description: "The programme to act in, as if with that provider's token for it." })
  programme!: Programme;
}

export const DEFAULT_PAGE: PageRequest = { page: 1, perPage: 100 };

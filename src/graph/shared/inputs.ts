import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { PageRequest, SortTerm } from '../../domain/shared/list-query.js';
import type { Programme } from '../../domain/shared/programme.js';

export enum ProgrammeEnum {
  ecf = 'ecf',
  npq = 'npq',
}
registerEnumType(ProgrammeEnum, { name: 'Programme', description: 'ECF (early career framework, incl. RECT) or NPQ' });

export enum SortDirectionEnum {
  asc = 'asc',
  desc = 'desc',
}
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });

@InputType({ description: 'Offset paging: 1-based page, per_page clamped to 3000.' })
export class PageInput implements PageRequest {
  @Field(() => Int, { defaultValue: 1 })
  page!: number;

  @Field(() => Int, { defaultValue: 100 })
  perPage!: number;
}

@InputType({ description: 'One sort term. Unknown fields are ignored; the id always breaks ties.' })
export class SortInput implements SortTerm {
  @Field()
  field!: string;

  @Field(() => SortDirectionEnum, { defaultValue: SortDirectionEnum.asc })
  direction!: SortDirectionEnum;
}

@InputType({ description: 'Admin callers name the lead provider and programme they read as.' })
export class AsLeadProviderInput {
  @Field(() => ID)
  leadProviderId!: string;

  @Field(() => ProgrammeEnum)
  programme!: Programme;
}

export const DEFAULT_PAGE: PageRequest = { page: 1, perPage: 100 };

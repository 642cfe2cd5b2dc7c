import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findSchool, listSchools, type SchoolView } from '../../domain/schools/schools.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { School, SchoolFilterInput, SchoolPage, SchoolSortInput } from './school.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' } as const;

@Resolver(() => School)
export class SchoolsResolver {
  @Query(() => SchoolPage, {
    description: 'Schools in one cohort, the same for every ECF lead provider; by createdAt unless sorted.',
    complexity: pagedListComplexity,
  })
  async schools(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => SchoolFilterInput, { description: 'Which schools to list; the cohort is required.' }) filter: SchoolFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [SchoolSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: SchoolSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<SchoolPage> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const f = { cohort: filter.cohort ?? null, urn: filter.urn ?? undefined, updatedSince: filter.updatedSince ?? undefined };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listSchools(ctx.em, leadProviderId, f, request, sort), request);
  }

  @Query(() => School, { nullable: true, description: 'One school as seen in a cohort; null if it is not visible there.' })
  school(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The school id.' }) id: string,
    @Arg('cohort', () => Int, { nullable: true, description: 'The cohort start year (null matches nothing).' }) cohort: number | null,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<SchoolView | null> {
    return findSchool(ctx.em, actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id, cohort ?? null);
  }
}

import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findSchool, listSchools } from '../../domain/schools/schools.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput, SortInput } from '../shared/inputs.js';
import { School, SchoolFilterInput } from './school.type.js';

@Resolver(() => School)
export class SchoolsResolver {
  @Query(() => [School])
  schools(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => SchoolFilterInput) filter: SchoolFilterInput,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Arg('sort', () => [SortInput], { nullable: true }) sort?: SortInput[],
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<School[]> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const f = { cohort: filter.cohort ?? null, urn: filter.urn ?? undefined, updatedSince: filter.updatedSince ?? undefined };
    return listSchools(ctx.em, leadProviderId, f, page ?? DEFAULT_PAGE, sort);
  }

  @Query(() => School, { nullable: true })
  school(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('cohort', () => Int, { nullable: true }) cohort: number | null,
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<School | null> {
    return findSchool(ctx.em, actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id, cohort ?? null);
  }
}

import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findStatement, listStatements, type StatementView } from '../../domain/statements/statements.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { Statement, StatementFilterInput, StatementPage } from './statement.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider and programme to act as.' } as const;

@Resolver(() => Statement)
export class StatementsResolver {
  @Query(() => StatementPage, {
    description: "The caller's output-fee statements for its token's programme, by payment date.",
    complexity: pagedListComplexity,
  })
  async statements(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => StatementFilterInput, { nullable: true, description: 'Which statements to list.' }) filter?: StatementFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<StatementPage> {
    const f = { cohorts: filter?.cohorts ?? undefined, updatedSince: filter?.updatedSince ?? undefined, type: filter?.type ?? undefined };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listStatements(ctx.em, actingLeadProvider(ctx.caller, undefined, as), f, request), request);
  }

  @Query(() => Statement, { nullable: true, description: "One of the caller's statements by id; null if it is not the caller's." })
  statement(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The statement id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<StatementView | null> {
    return findStatement(ctx.em, actingLeadProvider(ctx.caller, undefined, as), id);
  }
}

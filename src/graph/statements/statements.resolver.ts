import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findStatement, listStatements } from '../../domain/statements/statements.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { Statement, StatementFilterInput } from './statement.type.js';

@Resolver(() => Statement)
export class StatementsResolver {
  @Query(() => [Statement], { description: 'Output-fee statements, by payment date.' })
  statements(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => StatementFilterInput, { nullable: true }) filter?: StatementFilterInput,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<Statement[]> {
    const f = { cohorts: filter?.cohorts ?? undefined, updatedSince: filter?.updatedSince ?? undefined, type: filter?.type ?? undefined };
    return listStatements(ctx.em, actingLeadProvider(ctx.caller, undefined, as), f, page ?? DEFAULT_PAGE) as Promise<Statement[]>;
  }

  @Query(() => Statement, { nullable: true })
  statement(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<Statement | null> {
    return findStatement(ctx.em, actingLeadProvider(ctx.caller, undefined, as), id) as Promise<Statement | null>;
  }
}

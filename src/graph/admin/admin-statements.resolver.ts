import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireAdmin } from '../../domain/auth/caller.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { statementTotals, type StatementTotalView } from '../../domain/statements/statement-totals.query.js';
import type { GraphContext } from '../shared/context.js';

@ObjectType({ description: "One row of a statement's totals: how many of its line items of one declaration type are in one state." })
export class StatementTotal implements StatementTotalView {
  @Field({ description: 'The declaration type (started, retained-1, …, completed, extended-1…3).' })
  declarationType!: string;

  @Field({
    description:
      "The line item's state: eligible, payable, paid, voided, ineligible (the payment side) or awaiting_clawback, clawed_back (a clawback on this statement).",
  })
  state!: string;

  @Field(() => Int, { description: 'How many line items.' })
  count!: number;
}

/** Internal DfE statement reads; every one needs an admin token. */
@Resolver()
export class AdminStatementsResolver {
  @Query(() => [StatementTotal], {
    description: "A statement's totals by declaration type and line-item state, ordered by type then state (admin). Not found for an unknown id.",
  })
  async statementTotals(@Ctx() ctx: GraphContext, @Arg('id', () => ID, { description: 'The statement id.' }) id: string): Promise<StatementTotalView[]> {
    requireAdmin(ctx.caller);
    const totals = await statementTotals(ctx.em, id);
    if (!totals) throw DomainError.notFound('Statement');
    return totals;
  }
}

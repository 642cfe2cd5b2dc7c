import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findDeclarationAs, type DeclarationView } from '../../domain/declarations/declarations.query.js';
import { voidDeclaration } from '../../domain/declarations/void-declaration.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput } from '../shared/inputs.js';
import { ParticipantDeclaration } from './declaration.type.js';

/** Void and clawback (ecf.md §4.8, npq.md §5.6): only the provider that submitted the declaration. */
@Resolver(() => ParticipantDeclaration)
export class VoidDeclarationResolver {
  @Mutation(() => ParticipantDeclaration, {
    description:
      "Void a declaration the caller submitted (the token's programme: ECF or NPQ rules). Submitted, eligible, payable and ineligible ones become voided " +
      '(their statement line item too, so statementId becomes null); a paid one is clawed back (awaiting_clawback, with a refundable line item on the ' +
      "provider's next output-fee statement for its cohort). Voided and clawed-back ones are refused (INVALID_TRANSITION for ECF, a violation on " +
      'declaration for NPQ). ECF: NOT_FOUND for any other provider, even one that reads the declaration; NPQ: FORBIDDEN for the application’s ' +
      'current provider. Returns the declaration as participantDeclaration (v3) shows it.',
  })
  async voidParticipantDeclaration(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The declaration id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, { nullable: true, description: 'Admin tokens only: the lead provider and programme to act as.' })
    as?: AsLeadProviderInput,
  ): Promise<DeclarationView> {
    const scope = actingLeadProvider(ctx.caller, undefined, as);
    const declarationId = await voidDeclaration(ctx.em, ctx.clock, { leadProviderId: scope.leadProviderId, programme: scope.programme, declarationId: id });
    return (await findDeclarationAs(ctx.em, scope, declarationId, { version: 'v3' }))!;
  }
}

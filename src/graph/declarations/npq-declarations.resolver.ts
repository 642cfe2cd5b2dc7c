import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findDeclarationAs, type DeclarationView } from '../../domain/declarations/declarations.query.js';
import { changeNpqDeliveryPartner } from '../../domain/declarations/npq/change-npq-delivery-partner.service.js';
import { recordNpqDeclaration } from '../../domain/declarations/npq/record-npq-declaration.service.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput } from '../shared/inputs.js';
import { ParticipantDeclaration } from './declaration.type.js';
import { ChangeNpqDeclarationDeliveryPartnerInput, CreateNpqDeclarationInput } from './npq-declaration.inputs.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (NPQ programme).' } as const;

async function shown(ctx: GraphContext, acting: ReturnType<typeof actingLeadProvider>, id: string): Promise<DeclarationView> {
  const view = await findDeclarationAs(ctx.em, acting, id, { version: 'v3' });
  if (!view) throw DomainError.notFound('Declaration');
  return view;
}

@Resolver(() => ParticipantDeclaration)
export class NpqDeclarationsResolver {
  @Mutation(() => ParticipantDeclaration, {
    description:
      'Declare an event of an NPQ participant (npq.md §5.4–5.5): eligible on the next output-fee statement when the application is fundable, ' +
      'ineligible when another person with the same TRN holds it, otherwise submitted. A repeat for the same event is UNPROCESSABLE (base).',
  })
  async createNpqParticipantDeclaration(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => CreateNpqDeclarationInput, { description: 'The declaration as sent.' }) input: CreateNpqDeclarationInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<DeclarationView> {
    const acting = actingLeadProvider(ctx.caller, 'npq', as);
    const id = await recordNpqDeclaration(ctx.em, ctx.clock, { leadProviderId: acting.leadProviderId, ...input });
    return shown(ctx, acting, id);
  }

  @Mutation(() => ParticipantDeclaration, {
    description: "Replace an NPQ declaration's delivery partners (npq.md §5.8), in any state; FORBIDDEN unless the caller submitted it.",
  })
  async changeNpqDeclarationDeliveryPartner(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The declaration id.' }) id: string,
    @Arg('input', () => ChangeNpqDeclarationDeliveryPartnerInput, { description: 'The new delivery partners.' })
    input: ChangeNpqDeclarationDeliveryPartnerInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<DeclarationView> {
    const acting = actingLeadProvider(ctx.caller, 'npq', as);
    await changeNpqDeliveryPartner(ctx.em, ctx.clock, { leadProviderId: acting.leadProviderId, declarationId: id, ...input });
    return shown(ctx, acting, id);
  }
}

import { Kind, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, Info, InputType, Mutation, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findDeclarationAs, type DeclarationView } from '../../domain/declarations/declarations.query.js';
import { recordEcfDeclaration } from '../../domain/declarations/ecf/record-ecf-declaration.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput } from '../shared/inputs.js';
import { ParticipantDeclaration } from './declaration.type.js';

const AS_TEXT = 'As sent; blank and invalid values come back as violations (ecf.md §4.2).';

@InputType({ description: 'An ECF declaration (ecf.md §4.1). Every value is checked by the rules, in their order; none is rejected by the schema.' })
export class RecordEcfParticipantDeclarationInput {
  @Field(() => String, { nullable: true, description: `The participant id (a retired id finds the participant that took it over). ${AS_TEXT}` })
  participantId?: string | null;

  @Field(() => String, { nullable: true, description: `ecf-induction (the ECT training record) or ecf-mentor (the mentor one). ${AS_TEXT}` })
  courseIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: `started, retained-1 … retained-4, completed, extended-1 … extended-3. ${AS_TEXT}` })
  declarationType?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `When the event happened: RFC 3339 date-time (e.g. 2025-01-10T10:42:00Z), not in the future, within the milestone. ${AS_TEXT}`,
  })
  declarationDate?: string | null;

  @Field(() => String, { nullable: true, description: `What evidence the provider holds (ecf.md §4.4). ${AS_TEXT}` })
  evidenceHeld?: string | null;
}

/** ECF declaration create (ecf.md §4): the provider's claim for an ECT's or mentor's training event. */
@Resolver(() => ParticipantDeclaration)
export class RecordEcfDeclarationResolver {
  @Mutation(() => ParticipantDeclaration, {
    description:
      'Record an ECF declaration for a participant the caller trains (ECF tokens). One per participant, course and type while one is submitted, ' +
      'eligible, payable or paid, from any provider: a repeat is a violation on base. Returns the declaration as participantDeclaration (v3) shows it.',
  })
  async recordEcfParticipantDeclaration(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => RecordEcfParticipantDeclarationInput, { description: 'The declaration attributes.' }) input: RecordEcfParticipantDeclarationInput,
    @Arg('as', () => AsLeadProviderInput, { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' })
    as?: AsLeadProviderInput,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<DeclarationView> {
    const scope = actingLeadProvider(ctx.caller, 'ecf', as);
    const id = await recordEcfDeclaration(ctx.em, ctx.clock, {
      leadProviderId: scope.leadProviderId,
      participantId: input.participantId ?? null,
      courseIdentifier: input.courseIdentifier ?? null,
      declarationType: input.declarationType ?? null,
      declarationDate: input.declarationDate ?? null,
      evidenceHeld: input.evidenceHeld ?? null,
    });
    // The REST route selects only the id and answers with its version's show: no second read of the declaration then.
    if (info && selectsOnlyId(info)) return { id } as DeclarationView;
    return (await findDeclarationAs(ctx.em, scope, id, { version: 'v3' }))!;
  }
}

function selectsOnlyId(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every((sel) => sel.kind === Kind.FIELD && (sel.name.value === 'id' || sel.name.value === '__typename')),
  );
}

import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findDeclarationAs, listDeclarationsAs, type DeclarationView } from '../../domain/declarations/declarations.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { DeclarationApiVersionEnum, ParticipantDeclaration, ParticipantDeclarationFilterInput, ParticipantDeclarationPage } from './declaration.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider and programme to act as.' } as const;
const VERSION = {
  nullable: true,
  defaultValue: DeclarationApiVersionEnum.v3,
  description: 'Whose visibility rules apply (v3 also shows leaving participants’ earlier declarations).',
} as const;

@Resolver(() => ParticipantDeclaration)
export class DeclarationsResolver {
  @Query(() => ParticipantDeclarationPage, {
    description: "The declarations the caller may read for its token's programme, by submission time then id.",
    complexity: pagedListComplexity,
  })
  async participantDeclarations(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => ParticipantDeclarationFilterInput, { nullable: true, description: 'Which declarations to list.' })
    filter?: ParticipantDeclarationFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted. With `after`, pages count from there.' })
    page?: PageInput,
    @Arg('after', () => String, { nullable: true, description: 'A row’s cursor: list only the rows behind it.' }) after?: string,
    @Arg('version', () => DeclarationApiVersionEnum, VERSION) version?: DeclarationApiVersionEnum,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<ParticipantDeclarationPage> {
    const f = {
      participantIds: filter?.participantIds ?? undefined,
      cohorts: filter?.cohorts ?? undefined,
      deliveryPartnerIds: filter?.deliveryPartnerIds ?? undefined,
      updatedSince: filter?.updatedSince ?? undefined,
      updatedAfter: filter?.updatedAfter ?? undefined,
    };
    const request = page ?? DEFAULT_PAGE;
    const result = await listDeclarationsAs(ctx.em, actingLeadProvider(ctx.caller, undefined, as), f, request, {
      version: version ?? DeclarationApiVersionEnum.v3,
      after: after ?? undefined,
    });
    return pageResult(result, request);
  }

  @Query(() => ParticipantDeclaration, { nullable: true, description: 'One declaration the caller may read, by id; null otherwise.' })
  participantDeclaration(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The declaration id.' }) id: string,
    @Arg('version', () => DeclarationApiVersionEnum, VERSION) version?: DeclarationApiVersionEnum,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<DeclarationView | null> {
    return findDeclarationAs(ctx.em, actingLeadProvider(ctx.caller, undefined, as), id, { version: version ?? DeclarationApiVersionEnum.v3 });
  }
}

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin } from '../../domain/auth/caller.js';
import { createLeadProvider, listLeadProviders } from '../../domain/lead-providers/lead-providers.service.js';
import { createDeliveryPartner, createProviderRelationship, renameDeliveryPartner } from '../../domain/delivery-partners/delivery-partners.service.js';
import { createSchool } from '../../domain/schools/schools.service.js';
import { advanceStatement, createStatement } from '../../domain/statements/statements.service.js';
import { findStatement } from '../../domain/statements/statements.query.js';
import type { GraphContext } from '../shared/context.js';
import { ProgrammeEnum } from '../shared/inputs.js';
import { Statement } from '../statements/statement.type.js';
import {
  ApiTokenSummary, CreateLeadProviderInput, CreateProviderRelationshipInput, CreateSchoolInput, CreateStatementInput,
  IssuedToken, LeadProvider, ProviderRelationship,
} from './admin.types.js';
import { AdminDeliveryPartner, AdminSchool } from './admin-records.types.js';

/** Internal DfE operations; every one needs an admin token. */
@Resolver()
export class AdminResolver {
  @Query(() => [LeadProvider])
  leadProviders(@Ctx() ctx: GraphContext) {
    requireAdmin(ctx.caller);
    return listLeadProviders(ctx.em);
  }

  @Query(() => [ApiTokenSummary])
  apiTokens(@Ctx() ctx: GraphContext) {
    requireAdmin(ctx.caller);
    return ctx.tokens.list(ctx.em);
  }

  @Mutation(() => LeadProvider)
  createLeadProvider(@Ctx() ctx: GraphContext, @Arg('input', () => CreateLeadProviderInput) input: CreateLeadProviderInput) {
    requireAdmin(ctx.caller);
    return createLeadProvider(ctx.em, ctx.clock, input);
  }

  @Mutation(() => IssuedToken, { description: 'Issue a lead-provider token; the value is shown once.' })
  issueApiToken(@Ctx() ctx: GraphContext, @Arg('leadProvider', { description: 'name or id' }) leadProvider: string, @Arg('programme', () => ProgrammeEnum) programme: ProgrammeEnum) {
    requireAdmin(ctx.caller);
    return ctx.tokens.issueLeadProviderToken(ctx.em, ctx.clock, leadProvider, programme);
  }

  @Mutation(() => Boolean)
  async revokeApiToken(@Ctx() ctx: GraphContext, @Arg('id', () => ID) id: string) {
    requireAdmin(ctx.caller);
    await ctx.tokens.revoke(ctx.em, ctx.clock, id);
    return true;
  }

  @Mutation(() => AdminDeliveryPartner)
  createDeliveryPartner(@Ctx() ctx: GraphContext, @Arg('name') name: string) {
    requireAdmin(ctx.caller);
    return createDeliveryPartner(ctx.em, ctx.clock, { name });
  }

  @Mutation(() => AdminDeliveryPartner)
  renameDeliveryPartner(@Ctx() ctx: GraphContext, @Arg('id', () => ID) id: string, @Arg('name') name: string) {
    requireAdmin(ctx.caller);
    return renameDeliveryPartner(ctx.em, ctx.clock, { id, name });
  }

  @Mutation(() => ProviderRelationship)
  createProviderRelationship(@Ctx() ctx: GraphContext, @Arg('input', () => CreateProviderRelationshipInput) input: CreateProviderRelationshipInput) {
    requireAdmin(ctx.caller);
    return createProviderRelationship(ctx.em, ctx.clock, input);
  }

  @Mutation(() => AdminSchool)
  createSchool(@Ctx() ctx: GraphContext, @Arg('input', () => CreateSchoolInput) input: CreateSchoolInput) {
    requireAdmin(ctx.caller);
    return createSchool(ctx.em, ctx.clock, input);
  }

  @Mutation(() => Statement)
  async createStatement(@Ctx() ctx: GraphContext, @Arg('input', () => CreateStatementInput) input: CreateStatementInput) {
    requireAdmin(ctx.caller);
    const st = await createStatement(ctx.em, ctx.clock, input);
    return findStatement(ctx.em, { leadProviderId: st.leadProviderId, programme: st.programme }, st.id);
  }

  @Mutation(() => Statement, { description: 'Close a statement after its cut-off date (open → payable).' })
  async markStatementPayable(@Ctx() ctx: GraphContext, @Arg('id', () => ID) id: string) {
    requireAdmin(ctx.caller);
    const st = await advanceStatement(ctx.em, ctx.clock, id, 'payable');
    return findStatement(ctx.em, { leadProviderId: st.leadProviderId, programme: st.programme }, st.id);
  }

  @Mutation(() => Statement, { description: 'Mark a payable statement paid.' })
  async markStatementPaid(@Ctx() ctx: GraphContext, @Arg('id', () => ID) id: string) {
    requireAdmin(ctx.caller);
    const st = await advanceStatement(ctx.em, ctx.clock, id, 'paid');
    return findStatement(ctx.em, { leadProviderId: st.leadProviderId, programme: st.programme }, st.id);
  }
}

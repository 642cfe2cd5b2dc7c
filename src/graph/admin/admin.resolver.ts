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
  ApiTokenSummary,
  CreateLeadProviderInput,
  CreateProviderRelationshipInput,
  CreateSchoolInput,
  CreateStatementInput,
  IssuedToken,
  LeadProvider,
  ProviderRelationship,
} from './admin.types.js';
import { AdminDeliveryPartner, AdminSchool } from './admin-records.types.js';

/** Internal DfE operations; every one needs an admin token. */
@Resolver()
export class AdminResolver {
  @Query(() => [LeadProvider], { description: 'Every lead provider (admin).' })
  leadProviders(@Ctx() ctx: GraphContext) {
    requireAdmin(ctx.caller);
    return listLeadProviders(ctx.em);
  }

  @Query(() => [ApiTokenSummary], { description: 'Every issued token, without values (admin).' })
  apiTokens(@Ctx() ctx: GraphContext) {
    requireAdmin(ctx.caller);
    return ctx.tokens.list(ctx.em);
  }

  @Mutation(() => LeadProvider, { description: 'Register a lead provider (admin).' })
  createLeadProvider(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => CreateLeadProviderInput, { description: 'The new lead provider.' }) input: CreateLeadProviderInput,
  ) {
    requireAdmin(ctx.caller);
    return createLeadProvider(ctx.em, ctx.clock, input);
  }

  @Mutation(() => IssuedToken, { description: 'Issue a lead-provider token; the value is shown once.' })
  issueApiToken(
    @Ctx() ctx: GraphContext,
    @Arg('leadProvider', { description: 'The lead provider, by name or id.' }) leadProvider: string,
    @Arg('programme', () => ProgrammeEnum, { description: 'The programme the token is for.' }) programme: ProgrammeEnum,
  ) {
    requireAdmin(ctx.caller);
    return ctx.tokens.issueLeadProviderToken(ctx.em, ctx.clock, leadProvider, programme);
  }

  @Mutation(() => Boolean, { description: 'Revoke a token; effective within 10 seconds. Always true.' })
  async revokeApiToken(@Ctx() ctx: GraphContext, @Arg('id', () => ID, { description: 'The token id.' }) id: string) {
    requireAdmin(ctx.caller);
    await ctx.tokens.revoke(ctx.em, ctx.clock, id);
    return true;
  }

  @Mutation(() => AdminDeliveryPartner, { description: 'Register a delivery partner (admin).' })
  createDeliveryPartner(@Ctx() ctx: GraphContext, @Arg('name', { description: 'Its name.' }) name: string) {
    requireAdmin(ctx.caller);
    return createDeliveryPartner(ctx.em, ctx.clock, { name });
  }

  @Mutation(() => AdminDeliveryPartner, { description: 'Rename a delivery partner; its partnerships show the new name (admin).' })
  renameDeliveryPartner(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The delivery partner id.' }) id: string,
    @Arg('name', { description: 'The new name.' }) name: string,
  ) {
    requireAdmin(ctx.caller);
    return renameDeliveryPartner(ctx.em, ctx.clock, { id, name });
  }

  @Mutation(() => ProviderRelationship, { description: 'Let a lead provider work with a delivery partner in a cohort (admin).' })
  createProviderRelationship(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => CreateProviderRelationshipInput, { description: 'The relationship.' }) input: CreateProviderRelationshipInput,
  ) {
    requireAdmin(ctx.caller);
    return createProviderRelationship(ctx.em, ctx.clock, input);
  }

  @Mutation(() => AdminSchool, { description: 'Register a school, visible in every cohort (admin).' })
  createSchool(@Ctx() ctx: GraphContext, @Arg('input', () => CreateSchoolInput, { description: 'The school.' }) input: CreateSchoolInput) {
    requireAdmin(ctx.caller);
    return createSchool(ctx.em, ctx.clock, input);
  }

  @Mutation(() => Statement, { description: 'Create a monthly statement (admin).' })
  async createStatement(@Ctx() ctx: GraphContext, @Arg('input', () => CreateStatementInput, { description: 'The statement.' }) input: CreateStatementInput) {
    requireAdmin(ctx.caller);
    const st = await createStatement(ctx.em, ctx.clock, input);
    return findStatement(ctx.em, { leadProviderId: st.leadProviderId, programme: st.programme }, st.id);
  }

  @Mutation(() => Statement, { description: 'Close a statement after its cut-off date (open → payable).' })
  async markStatementPayable(@Ctx() ctx: GraphContext, @Arg('id', () => ID, { description: 'The statement id.' }) id: string) {
    requireAdmin(ctx.caller);
    const st = await advanceStatement(ctx.em, ctx.clock, id, 'payable');
    return findStatement(ctx.em, { leadProviderId: st.leadProviderId, programme: st.programme }, st.id);
  }

  @Mutation(() => Statement, { description: 'Mark a payable statement paid.' })
  async markStatementPaid(@Ctx() ctx: GraphContext, @Arg('id', () => ID, { description: 'The statement id.' }) id: string) {
    requireAdmin(ctx.caller);
    const st = await advanceStatement(ctx.em, ctx.clock, id, 'paid');
    return findStatement(ctx.em, { leadProviderId: st.leadProviderId, programme: st.programme }, st.id);
  }
}

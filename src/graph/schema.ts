import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DeliveryPartnersResolver } from './delivery-partners/delivery-partners.resolver.js';
import { StatementsResolver } from './statements/statements.resolver.js';
import { SchoolsResolver } from './schools/schools.resolver.js';
import { PartnershipsResolver } from './partnerships/partnerships.resolver.js';
import { ParticipantsResolver } from './participants/participants.resolver.js';
import { ParticipantActionsResolver } from './participants/participant-actions.resolver.js';
import { TrainingRecordsResolver } from './participants/training-records.resolver.js';
import { ParticipantTransfersResolver, UnfundedMentorsResolver } from './participants/listings.resolver.js';
import { AdminResolver } from './admin/admin.resolver.js';
import { AdminParticipantsResolver } from './admin/admin-participants.resolver.js';
import { AdminStatementsResolver } from './admin/admin-statements.resolver.js';
import { NpqApplicationsResolver } from './npq/npq-applications.resolver.js';
import { NpqParticipantsResolver } from './npq/npq-participants.resolver.js';
import { NpqOutcomesResolver } from './npq/npq-outcomes.resolver.js';
import { NpqRegistrationResolver } from './npq/npq-registration.resolver.js';
import { DeclarationsResolver } from './declarations/declarations.resolver.js';
import { NpqDeclarationsResolver } from './declarations/npq-declarations.resolver.js';
import { RecordEcfDeclarationResolver } from './declarations/record-ecf-declaration.resolver.js';
import { VoidDeclarationResolver } from './declarations/void-declaration.resolver.js';
import { DateTimeScalar } from './shared/scalars.js';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The one schema behind /graphql and every REST route. Built once per process. There is deliberately no
 * global middleware: type-graphql would wrap every field of every row in it (measured in bench/); domain
 * errors are mapped once per operation by `graphErrorsOf` instead.
 */
export function graphSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      DeliveryPartnersResolver,
      StatementsResolver,
      SchoolsResolver,
      PartnershipsResolver,
      ParticipantsResolver,
      ParticipantActionsResolver,
      TrainingRecordsResolver,
      ParticipantTransfersResolver,
      UnfundedMentorsResolver,
      AdminResolver,
      AdminParticipantsResolver,
      AdminStatementsResolver,
      NpqApplicationsResolver,
      NpqParticipantsResolver,
      NpqOutcomesResolver,
      NpqRegistrationResolver,
      DeclarationsResolver,
      NpqDeclarationsResolver,
      RecordEcfDeclarationResolver,
      VoidDeclarationResolver,
    ],
    validate: false,
    // Every timestamp is the one DateTime scalar, whether the domain hands over a Date or an RFC 3339 string.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  }).then(describeRootTypes);
  return built;
}

// type-graphql has no option for the root types' descriptions; every type carries one (README "GraphQL conventions").
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads. Lead-provider tokens see their own records; admin tokens name a provider with `as`.';
  if (mutation) mutation.description = 'Writes. Lead-provider tokens change their own records; the admin operations need an admin token.';
  return schema;
}

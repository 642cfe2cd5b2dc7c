import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DeliveryPartnersResolver } from './delivery-partners/delivery-partners.resolver.js';
import { StatementsResolver } from './statements/statements.resolver.js';
import { SchoolsResolver } from './schools/schools.resolver.js';
import { PartnershipsResolver } from './partnerships/partnerships.resolver.js';
import { AdminResolver } from './admin/admin.resolver.js';
import { DateTimeScalar } from './shared/scalars.js';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The one schema behind /graphql and every REST route. Built once per process. There is deliberately no
 * global middleware: type-graphql would wrap every field of every row in it (measured in bench/); domain
 * errors are mapped once per operation by `graphErrorsOf` instead.
 */
export function graphSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [DeliveryPartnersResolver, StatementsResolver, SchoolsResolver, PartnershipsResolver, AdminResolver],
    validate: false,
    // Every timestamp is the one DateTime scalar, whether the domain hands over a Date or an RFC 3339 string.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  return built;
}

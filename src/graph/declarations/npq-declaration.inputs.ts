import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An NPQ declaration as a provider sends it (npq.md §5.2). Values pass as sent, so the rules report wrong types.' })
export class CreateNpqDeclarationInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'The participant id (a UUID).' })
  participantId?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'started, retained-1, retained-2 or completed.' })
  declarationType?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'When the event happened, RFC 3339; not in the future.' })
  declarationDate?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The course, e.g. npq-headship (ASO and EHCO count as one).' })
  courseIdentifier?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Completed leadership and specialist declarations: true or false (also as strings).' })
  hasPassed?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The delivery partner id (API v3); needed from the 2024 cohort for applications in England.' })
  deliveryPartnerId?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A second delivery partner id (API v3).' })
  secondaryDeliveryPartnerId?: unknown;
}

@InputType({ description: 'The delivery partners of an NPQ declaration (npq.md §5.8); an omitted secondary is cleared.' })
export class ChangeNpqDeclarationDeliveryPartnerInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'The delivery partner id.' })
  deliveryPartnerId?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A second delivery partner id, or none.' })
  secondaryDeliveryPartnerId?: unknown;
}

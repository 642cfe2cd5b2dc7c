import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A delivery partner record (admin view).' })
export class AdminDeliveryPartner {
  @Field(() => ID, { description: 'The delivery partner id.' })
  id!: string;

  @Field({ description: "The delivery partner's name." })
  name!: string;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A school record (admin view).' })
export class AdminSchool {
  @Field(() => ID, { description: 'The school id.' })
  id!: string;

  @Field({ description: "The school's unique reference number." })
  urn!: string;

  @Field({ description: "The school's name." })
  name!: string;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}

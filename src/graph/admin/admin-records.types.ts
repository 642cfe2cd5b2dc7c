import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A delivery partner record (admin view).' })
export class AdminDeliveryPartner {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType({ description: 'A school record (admin view).' })
export class AdminSchool {
  @Field(() => ID)
  id!: string;

  @Field()
  urn!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}

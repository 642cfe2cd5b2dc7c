import { isEnumType, isInputObjectType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLNamedType } from 'graphql';
import { graphSchema } from '../../src/graph/schema.js';

/** Every place a tool author reads a description in Sandbox, as `Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`. */
function undocumented(type: GraphQLNamedType): string[] {
  const missing: string[] = [];
  const need = (what: string, description: string | null | undefined) => void (!description?.trim() && missing.push(what));
  need(type.name, type.description);
  if (isObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      need(`${type.name}.${field.name}`, field.description);
      for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
    }
  }
  if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
  if (isEnumType(type)) for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
  return missing;
}

describe('the GraphQL schema documents itself', () => {
  it('has a description on every type, field, argument, input field and enum value', async () => {
    const schema = await graphSchema();
    const types = Object.values(schema.getTypeMap()).filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));
    expect(types.flatMap(undocumented)).toEqual([]);
  });
});

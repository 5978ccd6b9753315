import { readFileSync } from 'node:fs';
import {
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { operationAccess } from '../../../server/auth/access-rules';
import { buildAppSchema, printAppSchema, schemaFile } from '../../../server/schema';

const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

const ownTypes = (schema: GraphQLSchema): GraphQLNamedType[] =>
  Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !builtIn.has(type.name));

describe('schema.graphql', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('matches what the code emits (run `npm run schema:emit` after changing the API)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printAppSchema(schema));
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes(schema)) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('holds the foundation types', () => {
    for (const name of ['Lao', 'Province', 'District', 'Viewer', 'Account', 'AuthPayload']) {
      expect(schema.getType(name)).toBeDefined();
    }
  });

  it('declares an access rule for every root operation, and none for operations that do not exist', () => {
    for (const root of ['Query', 'Mutation'] as const) {
      const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
      const operations = Object.keys(type?.getFields() ?? {}).sort();
      expect({ root, operations }).toEqual({ root, operations: Object.keys(operationAccess[root]).sort() });
    }
  });
});

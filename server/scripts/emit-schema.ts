import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildAppSchema, printAppSchema, schemaFile } from '../schema';

/** `npm run schema:emit`: rewrites schema.graphql from the code. */
void buildAppSchema().then((schema) => {
  writeFileSync(schemaFile, printAppSchema(schema));
  console.log(`Wrote ${schemaFile}`);
});

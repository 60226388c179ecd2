// `npm run schema`: prints the contract from the code into schema/schema.graphql.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSchema } from './schema-file.js';

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schema', 'schema.graphql');

writeFileSync(SCHEMA_FILE, renderSchema());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);

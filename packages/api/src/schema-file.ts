import { printSchema } from 'graphql';
import { schema } from './schema/index.js';

export const SCHEMA_HEADER = '# generated from packages/api/src/schema — do not edit; run `npm run schema`\n';

/** The public contract as SDL: sorted, with a "generated" header. */
export function renderSchema(): string {
  return `${SCHEMA_HEADER}\n${printSchema(schema)}\n`;
}

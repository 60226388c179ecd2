import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from '../builder.js';
import './country.js';
import './organization.js';
import './memo.js';
import './statistics.js';
import './memo-mutations.js';
import './audit.js';
import './statistics-mutations.js';
import './diwoo.js';
import './lookups.js';
import './search.js';

/** The executable schema, sorted so that the printed contract has a stable order. */
export const schema: GraphQLSchema = lexicographicSortSchema(builder.toSchema());

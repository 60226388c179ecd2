// Configuration only: plugins, scalars, context type and empty root types. Types live in schema/.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, GraphQLScalarType, getNullableType, isListType } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Context } from './context.js';

/** Highest query complexity accepted (see the complexity option below). */
export const COMPLEXITY_LIMIT = 2_000_000;

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date | string; Output: Date | string };
    ID: { Input: string; Output: string | number };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ComplexityPlugin, RelayPlugin],
  defaultFieldNullability: false,
  // Checked before execution from the shape of the query: a page costs its page size times what it
  // selects, other lists count ten. Legitimate queries (a full page of 100 memos with every nested
  // field) stay well below the limit; queries nesting pages in pages (series → memos → series → …)
  // do not, and are refused before they reach the database.
  complexity: {
    fieldComplexity: (args, _ctx, field) => {
      if (field.args.some((a) => a.name === 'first')) {
        const size = (args as { first?: number | null; last?: number | null }).first ?? (args as { last?: number | null }).last ?? 20;
        return { field: 1, multiplier: Math.min(Math.max(size, 1), 100) };
      }
      return { field: 1, multiplier: isListType(getNullableType(field.type)) ? 10 : 1 };
    },
    limit: { complexity: COMPLEXITY_LIMIT, depth: 12, breadth: 300 },
    complexityError: (kind, result) => {
      const name = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
      const limit = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth }[name];
      const adjective = { complexity: 'complex', depth: 'deep', breadth: 'broad' }[name];
      return new GraphQLError(`Query too ${adjective}: ${name} ${result[name]} exceeds the limit of ${limit}. Ask for smaller pages or fewer nested lists.`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', kind: name, value: result[name], limit },
      });
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a global, opaque id (knooppunt).' },
    pageInfoTypeOptions: { description: 'Position of a page within a list (paginering).' },
    nodeQueryOptions: { description: 'Any object by its global id.' },
    nodesQueryOptions: { description: 'Objects by their global ids, in the order asked; null where not found.' },
  },
});

// graphql-scalars validates dates (2023-13-45 is refused) but parses them into JS Dates; resolvers
// and the database want the ISO string, so parsed values are turned back into YYYY-MM-DD here.
const dateConfig = DateResolver.toConfig();
const toIsoDate = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : (d as string));
const DateScalar = new GraphQLScalarType<string, string>({
  ...dateConfig,
  parseValue: (value) => toIsoDate(dateConfig.parseValue!(value)),
  parseLiteral: (ast, variables) => toIsoDate(dateConfig.parseLiteral!(ast, variables)),
  serialize: (value) => dateConfig.serialize!(value) as string,
});

builder.addScalarType('Date', DateScalar, { description: 'A calendar date, YYYY-MM-DD (datum).' });
builder.addScalarType('JSON', JSONResolver, { description: 'Any JSON value (JSON-waarde).' });
builder.addScalarType('DateTime', DateTimeResolver, { description: 'A moment in time, ISO 8601 with time zone (tijdstip).' });

builder.queryType({ description: 'Read access to the register of decision memos (beslisnota\'s).' });
builder.mutationType({ description: 'Changes to the register (wijzigingen); each needs the editor role or more and is recorded in the audit log.' });

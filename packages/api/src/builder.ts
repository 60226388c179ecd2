// Configuration only: plugins, scalars, context type and empty root types. Types live in schema/.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Context } from './context.js';

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
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
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

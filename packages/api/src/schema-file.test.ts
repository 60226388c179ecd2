import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isObjectType, isInputObjectType, isEnumType, isInterfaceType, isUnionType, isScalarType } from 'graphql';
import { SCHEMA_HEADER, renderSchema } from './schema-file.js';
import { schema } from './schema/index.js';

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', 'schema', 'schema.graphql');

describe('schema/schema.graphql', () => {
  it('is generated from the code and up to date (run `npm run schema` when this fails)', () => {
    const onDisk = readFileSync(SCHEMA_FILE, 'utf8');
    expect(onDisk.startsWith(SCHEMA_HEADER)).toBe(true);
    expect(onDisk).toBe(renderSchema());
  });

  it('describes every type and field, giving the Dutch term', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          // Relay plumbing (edges, node, cursor, pageInfo) is standard and self-explaining.
          if (['edges', 'node', 'cursor', 'pageInfo', 'startCursor', 'endCursor', 'hasNextPage', 'hasPreviousPage', 'id'].includes(field.name)) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('implements the core contract of DESIGN.md', () => {
    const q = schema.getQueryType()!.getFields();
    for (const f of ['node', 'nodes', 'memo', 'memos', 'organizations', 'statisticSeries']) expect(q[f], f).toBeDefined();
    const memo = schema.getType('Memo');
    expect(isObjectType(memo)).toBe(true);
    const fields = Object.keys((memo as any).getFields());
    for (const f of ['id', 'reference', 'kind', 'title', 'date', 'addressee', 'status', 'sender', 'occasion', 'advisedDecision', 'keyPoints', 'sections', 'politicalContext', 'financialConsiderations', 'legalConsiderations', 'consultedOrganizations', 'redactions', 'statistics', 'topics', 'countries', 'createdAt', 'updatedAt', 'version']) {
      expect(fields, f).toContain(f);
    }
  });
});

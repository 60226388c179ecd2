// The SDK's generated code must match what `npm run codegen` produces from the current schema and
// operations, and every operation must validate against the schema (a renamed field fails here, not
// in a consumer's production job).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadContext } from '@graphql-codegen/cli';
import { buildSchema, concatAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OPERATIONS = join(ROOT, 'packages/sdk/src/operations');

describe('@notabene/sdk generated code', () => {
  it('is in sync with schema/schema.graphql and the operations (run `npm run codegen`)', async () => {
    const context = await loadContext(join(ROOT, 'codegen.yml'));
    context.cwd = ROOT;
    const outputs = await generate(context, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const path = join(ROOT, output.filename.startsWith('/') ? output.filename.slice(ROOT.length) : output.filename);
      const committed = readFileSync(path, 'utf8');
      expect(committed.split('\n')[0]).toMatch(/generated .* do not edit/);
      expect(committed, `${output.filename} is stale: run \`npm run codegen\``).toBe(output.content);
    }
  }, 60_000);

  it('has operations that validate against the schema', () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
    const files = readdirSync(OPERATIONS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    // Fragments live in their own file: validate all documents together, as codegen does.
    const document = concatAST(files.map((f) => parse(readFileSync(join(OPERATIONS, f), 'utf8'))));
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(operations.every((o) => o.name !== undefined)).toBe(true);
  });

  it('covers every query and mutation of the schema', () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
    const files = readdirSync(OPERATIONS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
    const text = files.map((f) => readFileSync(join(OPERATIONS, f), 'utf8')).join('\n');
    const roots = [schema.getQueryType(), schema.getMutationType()].filter((t) => t != null);
    const missing = roots.flatMap((t) => Object.keys(t.getFields()).filter((field) => !new RegExp(`\\b${field}\\s*[({]`).test(text)).map((f) => `${t.name}.${f}`));
    expect(missing, 'add an operation under packages/sdk/src/operations and a client method').toEqual([]);
  });
});

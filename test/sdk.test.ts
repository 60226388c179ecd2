// @notabene/sdk against `notabene serve` as a separate process over SQLite: typed results, pagination
// over several pages, filters, and errors mapped to their classes.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { signToken } from '../packages/api/src/auth/authenticate.js';
import { AuthenticationError, createClient, GraphQLRequestError, MemosDocument, NetworkError, NotabeneError, ValidationError, type NotabeneClient } from '../packages/sdk/src/index.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { TEST_JWT_SECRET } from './support/server.js';

let db: TestDatabase;
let proc: ServerProcess;
let client: NotabeneClient;

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  proc = await startServerProcess(db.url, { NOTABENE_JWT_SECRET: TEST_JWT_SECRET });
  client = createClient({ url: proc.url, retry: { retries: 2, minDelayMs: 10, maxDelayMs: 50 } });
});
afterAll(async () => {
  await proc?.stop();
  await db?.drop();
});

describe('memos', () => {
  it('gets a full memo by reference and by id; an unknown reference is null', async () => {
    const memo = await client.memos.get({ reference: '4700831' });
    expect(memo).not.toBeNull();
    expect(memo!.date).toBe('2023-06-07');
    expect(memo!.politicalContext.map((p) => p.member)).toEqual(['Ceder', 'Piri', 'Markuszower', null]);
    expect(memo!.consultedOrganizations.map((o) => o.code)).toEqual(['BZ', 'SZW', 'DMB', 'DCOM']);
    expect(memo!.redactions[0]!.ground).toBe('5.1.2e');
    expect(memo!.sections.length).toBeGreaterThan(3);
    const byId = await client.memos.get({ id: memo!.id });
    expect(byId?.reference).toBe('4700831');
    expect(await client.memos.get({ reference: 'does-not-exist' })).toBeNull();
  });

  it('lists a page with totalCount and cursors', async () => {
    const page = await client.memos.list({ first: 2, orderBy: { field: 'REFERENCE', direction: 'ASC' } });
    expect(page.totalCount).toBe(4);
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await client.memos.list({ first: 2, after: page.pageInfo.endCursor!, orderBy: { field: 'REFERENCE', direction: 'ASC' } });
    const refs = [...page.edges, ...next.edges].map((e) => e.node.reference);
    expect(refs).toEqual([...refs].sort());
    expect(new Set(refs).size).toBe(4);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it.each([1, 2, 3])('iterates over every memo with pageSize %i, following cursors', async (pageSize) => {
    const { totalCount } = await client.memos.list({ first: 1 });
    const seen: string[] = [];
    for await (const memo of client.memos.iterate({ pageSize, orderBy: { field: 'DATE', direction: 'DESC' } })) seen.push(memo.reference);
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen).size).toBe(totalCount);
  });

  it('filters', async () => {
    const ez = await client.memos.list({ first: 10, filter: { senderCode: 'EZ' } });
    expect(ez.totalCount).toBe(3);
    const morocco = [];
    for await (const memo of client.memos.iterate({ filter: { country: 'MA', kind: ['BESLISNOTA'] }, pageSize: 1 })) morocco.push(memo);
    expect(morocco.map((m) => m.reference)).toEqual(['4700831']);
    const none = await client.memos.list({ filter: { dateFrom: '2030-01-01' } });
    expect(none).toMatchObject({ totalCount: 0, edges: [] });
  });
});

describe('organizations, statistics and nodes', () => {
  it('finds organisations by code with their parent chain, and lists them', async () => {
    const dgm = await client.organizations.get({ code: 'DGM' });
    expect(dgm?.name).toMatch(/Migratie/);
    expect(dgm?.parent?.code).toBeTruthy();
    expect(await client.organizations.get({ code: 'NOPE-NOT-HERE' })).toBeNull();
    const page = await client.organizations.list({ first: 5 });
    expect(page.totalCount).toBeGreaterThan(5);
    let count = 0;
    for await (const org of client.organizations.iterate({ pageSize: 100 })) count += org.code ? 1 : 0;
    expect(count).toBe(page.totalCount);
  });

  it('gets a series with observations in a period, and the memos citing it', async () => {
    const page = await client.statistics.list({ first: 100 });
    expect(page.totalCount).toBeGreaterThan(0);
    const code = page.edges[0]!.node.code;
    const series = await client.statistics.get({ code });
    expect(series?.code).toBe(code);
    expect(series!.observations.length).toBeGreaterThan(0);
    const byId = await client.statistics.get({ id: series!.id, from: series!.observations[0]!.period, to: series!.observations[0]!.period });
    expect(byId!.observations.length).toBeGreaterThan(0);
    expect(byId!.observations.length).toBeLessThanOrEqual(series!.observations.length);
    const memos = await client.statistics.memos({ id: series!.id, first: 10 });
    expect(memos).not.toBeNull();
    expect(memos!.totalCount).toBe(memos!.edges.length);
    expect(await client.statistics.get({ code: 'NO-SUCH-SERIES' })).toBeNull();
  });

  it('resolves nodes by global id, in order, null where unknown', async () => {
    const memo = await client.memos.get({ reference: '4700831' });
    const dgm = await client.organizations.get({ code: 'DGM' });
    const nodes = await client.nodes.getMany([dgm!.id, memo!.id]);
    expect(nodes.map((n) => n?.__typename)).toEqual(['Organization', 'Memo']);
    const node = await client.nodes.get(memo!.id);
    expect(node?.__typename === 'Memo' && node.reference).toBe('4700831');
  });
});

describe('search', () => {
  it('ranks hits with snippets, iterates them, counts facets, and maps bad syntax to ValidationError', async () => {
    const page = await client.search.memos({ query: 'terugkeer Marokko', first: 5, withFacets: true });
    expect(page.edges[0]!.node.reference).toBe('4700831');
    expect(page.edges[0]!.score).toBeGreaterThan(0);
    expect(page.edges[0]!.snippets.join(' ')).toMatch(/<mark>/);
    expect(page.facets?.total).toBe(page.totalCount);
    const refs: string[] = [];
    for await (const hit of client.search.iterate({ query: 'regeldruk', pageSize: 1 })) refs.push(hit.node.reference);
    expect(refs.sort()).toEqual(['DGBI / 45561593', 'DGBI-O / 89581779', 'DGBI-O / 95900464']);
    const facets = await client.search.facets({ filter: { senderCode: 'EZ' } });
    expect(facets.total).toBe(3);
    expect(facets.years.map((y) => y.value)).toContain(2024);
    const error = await client.search.memos({ query: '"unbalanced' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('BAD_USER_INPUT');
  });
});

describe('request with a typed document', () => {
  it('runs a generated document and a plain string', async () => {
    const data = await client.request(MemosDocument, { first: 1 });
    expect(data.memos.totalCount).toBe(4);
    const raw = await client.request<{ memo: { title: string | null } | null }, { ref: string }>('query ($ref: String) { memo(reference: $ref) { title } }', { ref: '4700831' });
    expect(raw.memo?.title).toMatch(/Marokko/);
  });
});

describe('errors', () => {
  it('a page over 100 is a ValidationError with BAD_USER_INPUT', async () => {
    const error = await client.memos.list({ first: 101 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toBeInstanceOf(NotabeneError);
    const e = error as ValidationError;
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.path).toEqual(['memos']);
    expect(e.operationName).toBe('Memos');
  });

  it('an invalid document is a ValidationError with GRAPHQL_VALIDATION_FAILED and the HTTP status', async () => {
    const error = (await client.request('{ memo(reference: "x") { noSuchField } }').catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.status).toBe(400);
  });

  it('a server that is down is a NetworkError after the retries', async () => {
    const port = await freePort();
    const down = createClient({ url: `http://127.0.0.1:${port}/graphql`, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 10 } });
    const error = (await down.memos.get({ reference: '4700831' }).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe('mutations: typed result unions, never retried', () => {
  const as = (role: 'editor' | 'admin') => createClient({ url: proc.url, token: () => signToken(TEST_JWT_SECRET, { role, subject: `${role}-sdk` }) });

  it('returns ForbiddenError as a result for the public, and throws AuthenticationError for an unknown API key', async () => {
    const result = await client.memos.archive({ id: 'TWVtbzox', expectedVersion: 1 });
    expect(result.__typename).toBe('ForbiddenError');
    if (result.__typename === 'ForbiddenError') expect(result.requiredRole).toBe('editor');
    const error = await createClient({ url: proc.url, apiKey: 'nb_unknown' }).memos.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
  });

  it('creates, updates with optimistic concurrency, publishes and archives a memo', async () => {
    const editor = as('editor');
    const created = await editor.memos.create({ reference: 'SDK-1', kind: 'BESLISNOTA', title: 'Nota via de SDK', date: '2024-05-01', senderCode: 'DGM',
      sections: [{ heading: 'Geadviseerd besluit', body: 'Akkoord gaan met de SDK.', kind: 'ADVISED_DECISION' }],
    });
    if (created.__typename !== 'CreateMemoSuccess') throw new Error(`create: ${created.__typename} ${created.message}`);
    const { id, version } = created.memo;
    expect(created.memo.status).toBe('DRAFT');
    const stale = await editor.memos.update({ id, expectedVersion: version + 5, patch: { title: 'x' } });
    expect(stale.__typename).toBe('VersionConflictError');
    if (stale.__typename === 'VersionConflictError') expect(stale.currentVersion).toBe(version);
    const invalid = await editor.memos.create({ reference: '', kind: 'BESLISNOTA', title: '' });
    expect(invalid.__typename).toBe('ValidationError');
    if (invalid.__typename === 'ValidationError') expect(invalid.issues.length).toBeGreaterThan(0);
    const updated = await editor.memos.update({ id, expectedVersion: version, patch: { title: 'Nota via de SDK, herzien' } });
    if (updated.__typename !== 'UpdateMemoSuccess') throw new Error(updated.__typename);
    expect(updated.memo.title).toBe('Nota via de SDK, herzien');
    const published = await editor.memos.publish({ id, expectedVersion: updated.memo.version });
    if (published.__typename !== 'PublishMemoSuccess') throw new Error(JSON.stringify(published));
    expect((await client.memos.get({ reference: 'SDK-1' }))?.status).toBe('PUBLISHED');
    const archived = await editor.memos.archive({ id, expectedVersion: published.memo.version });
    expect(archived.__typename).toBe('ArchiveMemoSuccess');
    expect(await client.memos.get({ reference: 'SDK-1' })).toBeNull();
  });

  it('previews a memo text, upserts a series and reads the audit log', async () => {
    const editor = as('editor');
    const text = readFileSync(new URL('../packages/ingest/fixtures/memos/jenv-2023-06-07-beslisnota-marokko-migratie.txt', import.meta.url), 'utf8');
    const preview = await editor.memos.importText({ text, dryRun: true });
    if (preview.__typename !== 'ImportMemoTextSuccess') throw new Error(preview.__typename);
    expect(preview).toMatchObject({ stored: false, preview: { reference: '4700831' } });
    const upserted = await editor.statistics.upsert({
      code: 'SDK-SERIES', title: 'Test', publisher: 'SDK', measure: 'TEST', unit: 'persons', granularity: 'YEAR',
      observations: [{ period: '2023', value: 12, status: 'FINAL' }],
    });
    if (upserted.__typename !== 'UpsertStatisticSeriesSuccess') throw new Error(upserted.__typename);
    expect(upserted.series.observations.map((o) => o.value)).toEqual([12]);
    const log = await as('admin').audit.list({ first: 100 });
    expect(log.totalCount).toBeGreaterThan(0);
    expect(log.edges.map((e) => e.node.entityType)).toContain('Memo');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

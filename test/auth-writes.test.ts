// Writes, authentication and Woo-aware authorization over real HTTP, on both databases.
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApiKey, revokeApiKey } from '@notabene/db';
import { generateApiKey, hashApiKey, signToken } from '../packages/api/src/auth/authenticate.js';
import { dialectsToTest } from './support/databases.js';
import { authHeaders, startTestServer, TEST_JWT_SECRET, type TestServer } from './support/server.js';

const CONTROL = readFileSync(new URL('../packages/ingest/fixtures/memos/control-not-a-memo-ienw-woo-besluit-2025-12-09.txt', import.meta.url), 'utf8');
const EZ = readFileSync(new URL('../packages/ingest/fixtures/memos/ez-2024-12-05-beslisnota-tweede-nota-van-wijziging-atr.txt', import.meta.url), 'utf8');

const CREATE = /* GraphQL */ `
  mutation($input: CreateMemoInput!) {
    createMemo(input: $input) {
      __typename
      ... on CreateMemoSuccess { memo { id reference status version sections { number body redaction { ground } } } }
      ... on ValidationError { message issues { path message } }
      ... on ForbiddenError { message requiredRole }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($input: UpdateMemoInput!) {
    updateMemo(input: $input) {
      __typename
      ... on UpdateMemoSuccess { memo { id title version } }
      ... on VersionConflictError { message currentVersion }
      ... on ValidationError { issues { path message } }
      ... on NotFoundError { id }
      ... on ForbiddenError { requiredRole }
    }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation($input: MemoVersionInput!) {
    publishMemo(input: $input) { __typename ... on PublishMemoSuccess { memo { status version } } ... on VersionConflictError { currentVersion } ... on ValidationError { issues { path message } } }
  }
`;
const ARCHIVE = /* GraphQL */ `
  mutation($input: MemoVersionInput!) { archiveMemo(input: $input) { __typename ... on ArchiveMemoSuccess { memo { status version } } } }
`;

function draftInput(reference: string) {
  return {
    reference,
    kind: 'BESLISNOTA',
    title: 'Beslisnota bij Kamerbrief over terugkeer',
    date: '2025-03-14',
    addressee: 'De Minister van Asiel en Migratie',
    senderCode: 'DGM',
    sections: [
      { number: '1', heading: 'Aanleiding', kind: 'OCCASION', body: 'De Kamer vroeg om cijfers.' },
      { number: '2', heading: 'Geadviseerd besluit', kind: 'ADVISED_DECISION', body: 'Geheim advies over onderhandelingspositie.', withheld: { ground: '5.1.2a', explanation: 'Internationale betrekkingen.' } },
      { number: '3', heading: 'Kernpunten', kind: 'KEY_POINTS', body: 'Openbare kernpunten.' },
    ],
    politicalContext: [{ kind: 'MOTION', member: 'Ceder', title: 'Motie Ceder' }],
    consultedOrganizationCodes: ['BZ', 'SWZ'],
    topics: ['return'],
    countryCodes: ['MA'],
    financialConsiderations: { applicable: true, text: 'Geen financiële gevolgen.', hasBudgetImpact: false },
  };
}

const dialects = await dialectsToTest();

describe.each(dialects)('writes and access on $dialect', ({ dialect, skip }) => {
  let server: TestServer;
  let editor: Record<string, string>;
  let reader: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    if (skip) return;
    server = await startTestServer(dialect);
    editor = await authHeaders('editor', 'eva.editor');
    reader = await authHeaders('reader', 'rob.reader');
    admin = await authHeaders('admin', 'ada.admin');
  });
  afterAll(async () => {
    await server?.close();
  });

  const countMemos = async () => (await server.gql('{ memos { totalCount } }', {}, reader)).body.data.memos.totalCount as number;

  it.skipIf(skip)(`refuses anonymous and reader writes and writes nothing${skip ? ` [skipped: ${skip}]` : ''}`, async () => {
    const before = await countMemos();
    const anon = await server.gql(CREATE, { input: draftInput('W-anon') });
    expect(anon.body.data.createMemo).toMatchObject({ __typename: 'ForbiddenError', requiredRole: 'editor' });
    expect(anon.body.data.createMemo.message).toMatch(/Anonymous/);
    const asReader = await server.gql(CREATE, { input: draftInput('W-reader') }, reader);
    expect(asReader.body.data.createMemo.__typename).toBe('ForbiddenError');
    const imported = await server.gql('mutation($t: String!) { importMemoText(input: { text: $t }) { __typename } }', { t: EZ });
    expect(imported.body.data.importMemoText.__typename).toBe('ForbiddenError');
    expect(await countMemos()).toBe(before);
  });

  it.skipIf(skip)('answers bad credentials with UNAUTHENTICATED, never as anonymous', async () => {
    const expired = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_100).sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const wrongKey = await signToken('another-secret-that-is-long-enough-to-be-valid', { role: 'admin', subject: 'x' });
    const noRole = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET));
    for (const [headers, pattern] of [
      [{ authorization: `Bearer ${expired}` }, /expired/],
      [{ authorization: `Bearer ${wrongKey}` }, /not valid/],
      [{ authorization: `Bearer ${noRole}` }, /role/],
      [{ authorization: 'Basic dXNlcjpwdw==' }, /Bearer/],
      [{ 'x-api-key': 'nb_not-a-key' }, /API key/],
    ] as const) {
      const res = await server.gql('{ memos { totalCount } }', {}, headers);
      expect(res.status).toBe(401);
      expect(res.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(res.body.errors![0].message).toMatch(pattern);
      expect(res.body.data).toBeUndefined();
    }
  });

  it.skipIf(skip)('accepts API keys by hash and refuses them once revoked', async () => {
    const key = generateApiKey();
    await insertApiKey(server.conn.db, { name: 'weekly report', role: 'reader', keyHash: hashApiKey(key), keyPrefix: key.slice(0, 10) });
    const stored = await server.conn.db.selectFrom('api_keys').selectAll().where('name', '=', 'weekly report').executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key);
    const ok = await server.gql('{ memos { totalCount } }', {}, { 'x-api-key': key });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    await revokeApiKey(server.conn.db, 'weekly report');
    const revoked = await server.gql('{ memos { totalCount } }', {}, { 'x-api-key': key });
    expect(revoked.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.skipIf(skip)('lists every problem of invalid input and writes nothing', async () => {
    const before = await countMemos();
    const input = {
      ...draftInput('W-invalid'),
      title: '   ',
      date: '2023-13-45',
      senderCode: 'NOPE',
      consultedOrganizationCodes: ['BZ', 'XYZ'],
      countryCodes: ['QQ'],
      sections: [{ heading: 'Aanleiding', body: 'x'.repeat(200_001), withheld: { ground: '9.9.9' } }],
    };
    const { body } = await server.gql(CREATE, { input }, editor);
    const result = body.data.createMemo;
    expect(result.__typename).toBe('ValidationError');
    const paths = result.issues.map((i: any) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['input.title', 'input.date', 'input.sections.0.body', 'input.sections.0.withheld.ground']),
    );
    // Codes are checked against the registers once the shape is valid.
    const second = await server.gql(CREATE, { input: { ...draftInput('W-invalid'), senderCode: 'NOPE', consultedOrganizationCodes: ['BZ', 'XYZ'], countryCodes: ['QQ'] } }, editor);
    expect(second.body.data.createMemo.issues.map((i: any) => i.path.join('.'))).toEqual(['input.senderCode', 'input.consultedOrganizationCodes.1', 'input.countryCodes.0']);
    expect(await countMemos()).toBe(before);
  });

  it.skipIf(skip)('keeps a draft from the public on every path, publishes it with the withheld section hidden', async () => {
    const created = await server.gql(CREATE, { input: draftInput('W-1') }, editor);
    const memo = created.body.data.createMemo.memo;
    expect(memo).toMatchObject({ reference: 'W-1', status: 'DRAFT', version: 1 });
    await server.gql('mutation($i: SetMemoStatisticsInput!) { setMemoStatistics(input: $i) { __typename } }', { i: { memoId: memo.id, seriesCodes: ['CBS-80059-FIRST-MA'] } }, editor);

    const paths = `query($id: ID!) {
      byRef: memo(reference: "W-1") { id }
      byId: memo(id: $id) { id }
      node(id: $id) { __typename }
      nodes(ids: [$id]) { __typename }
      list: memos(first: 100, filter: { status: [DRAFT, PUBLISHED] }) { totalCount edges { node { reference } } }
      series: statisticSeries(filter: { text: "CBS-80059-FIRST-MA" }) { edges { node { memos { totalCount edges { node { reference } } } } } }
    }`;
    const pub = (await server.gql(paths, { id: memo.id })).body;
    expect(pub.errors).toBeUndefined();
    expect(pub.data.byRef).toBeNull();
    expect(pub.data.byId).toBeNull();
    expect(pub.data.node).toBeNull();
    expect(pub.data.nodes).toEqual([null]);
    expect(pub.data.list.edges.map((e: any) => e.node.reference)).not.toContain('W-1');
    expect(pub.data.series.edges[0].node.memos.edges.map((e: any) => e.node.reference)).not.toContain('W-1');
    expect(pub.data.series.edges[0].node.memos.totalCount).toBe(1);

    const rd = (await server.gql(paths, { id: memo.id }, reader)).body;
    expect(rd.data.byRef).toEqual({ id: memo.id });
    expect(rd.data.node).toEqual({ __typename: 'Memo' });
    expect(rd.data.list.edges.map((e: any) => e.node.reference)).toContain('W-1');
    expect(rd.data.series.edges[0].node.memos.totalCount).toBe(2);

    const published = await server.gql(PUBLISH, { input: { id: memo.id, expectedVersion: 1 } }, editor);
    expect(published.body.data.publishMemo).toMatchObject({ __typename: 'PublishMemoSuccess', memo: { status: 'PUBLISHED', version: 2 } });

    const view = `{ memo(reference: "W-1") { status advisedDecision keyPoints sections { number body redaction { ground legalText explanation } } redactions { ground section } consultedOrganizations { code } } }`;
    const publicView = (await server.gql(view)).body.data.memo;
    expect(publicView.status).toBe('PUBLISHED');
    expect(publicView.sections[1]).toEqual({ number: '2', body: null, redaction: { ground: '5.1.2a', legalText: expect.stringMatching(/5\.1, tweede lid, onder a/), explanation: 'Internationale betrekkingen.' } });
    expect(publicView.sections[0].body).toBe('De Kamer vroeg om cijfers.');
    expect(publicView.advisedDecision).toBeNull();
    expect(publicView.keyPoints).toBe('Openbare kernpunten.');
    expect(publicView.redactions).toEqual([{ ground: '5.1.2a', section: '2' }]);
    expect(publicView.consultedOrganizations.map((o: any) => o.code)).toEqual(['BZ', 'SZW']);
    const readerView = (await server.gql(view, {}, reader)).body.data.memo;
    expect(readerView.sections[1].body).toBe('Geheim advies over onderhandelingspositie.');
    expect(readerView.advisedDecision).toBe('Geheim advies over onderhandelingspositie.');

    const archived = await server.gql(ARCHIVE, { input: { id: memo.id, expectedVersion: 2 } }, editor);
    expect(archived.body.data.archiveMemo.memo.status).toBe('ARCHIVED');
    expect((await server.gql(view)).body.data.memo).toBeNull();
    expect((await server.gql(view, {}, reader)).body.data.memo.status).toBe('ARCHIVED');
  });

  it.skipIf(skip)('refuses a stale update and changes nothing', async () => {
    const created = (await server.gql(CREATE, { input: draftInput('W-2') }, editor)).body.data.createMemo.memo;
    const first = await server.gql(UPDATE, { input: { id: created.id, expectedVersion: 1, patch: { title: 'Eerste wijziging' } } }, editor);
    expect(first.body.data.updateMemo).toMatchObject({ __typename: 'UpdateMemoSuccess', memo: { title: 'Eerste wijziging', version: 2 } });
    const stale = await server.gql(UPDATE, { input: { id: created.id, expectedVersion: 1, patch: { title: 'Verouderde wijziging' } } }, editor);
    expect(stale.body.data.updateMemo).toMatchObject({ __typename: 'VersionConflictError', currentVersion: 2 });
    const now = (await server.gql(`{ memo(reference: "W-2") { title version } }`, {}, reader)).body.data.memo;
    expect(now).toEqual({ title: 'Eerste wijziging', version: 2 });
    const missing = await server.gql(UPDATE, { input: { id: 'TWVtbzo5OTk5OTk=', expectedVersion: 1, patch: { title: 'x' } } }, editor);
    expect(missing.body.data.updateMemo.__typename).toBe('NotFoundError');
  });

  it.skipIf(skip)('lets exactly one of two concurrent updates of the same version win', async () => {
    const created = (await server.gql(CREATE, { input: draftInput('W-3') }, editor)).body.data.createMemo.memo;
    for (let round = 0; round < 3; round += 1) {
      const version = round + 1;
      const results = await Promise.all(
        ['A', 'B'].map((who) => server.gql(UPDATE, { input: { id: created.id, expectedVersion: version, patch: { title: `Titel ${who} ${round}` } } }, editor)),
      );
      const kinds = results.map((r) => r.body.data.updateMemo.__typename).sort();
      expect(kinds).toEqual(['UpdateMemoSuccess', 'VersionConflictError']);
      const winner = results.find((r) => r.body.data.updateMemo.__typename === 'UpdateMemoSuccess')!.body.data.updateMemo.memo;
      const stored = (await server.gql(`{ memo(reference: "W-3") { title version } }`, {}, reader)).body.data.memo;
      expect(stored).toEqual({ title: winner.title, version: version + 1 });
    }
  });

  it.skipIf(skip)('imports texts: a dry run stores nothing, a control letter is refused', async () => {
    const before = await countMemos();
    const IMPORT = `mutation($t: String!, $dry: Boolean) { importMemoText(input: { text: $t, dryRun: $dry }) {
      __typename
      ... on ImportMemoTextSuccess { stored created warnings memo { reference status } preview { reference title date sections { heading kind } consultedOrganizationCodes } }
      ... on NotAMemoError { code message }
    } }`;
    const dry = (await server.gql(IMPORT, { t: EZ, dry: true }, editor)).body.data.importMemoText;
    expect(dry).toMatchObject({ __typename: 'ImportMemoTextSuccess', stored: false, memo: null, preview: { reference: 'DGBI-O / 95900464', date: '2024-12-05' } });
    expect(dry.preview.consultedOrganizationCodes).toContain('BZK');
    expect(await countMemos()).toBe(before);
    const control = (await server.gql(IMPORT, { t: CONTROL }, editor)).body.data.importMemoText;
    expect(control).toMatchObject({ __typename: 'NotAMemoError', code: 'NOT_A_MEMO' });
    expect(await countMemos()).toBe(before);
    const again = (await server.gql(IMPORT, { t: EZ }, editor)).body.data.importMemoText;
    expect(again).toMatchObject({ stored: true, created: false, memo: { reference: 'DGBI-O / 95900464' } });
    expect(await countMemos()).toBe(before);
  });

  it.skipIf(skip)('records every change with its actor; only admins read the audit log', async () => {
    const denied = await server.gql('{ auditLog { totalCount } }', {}, editor);
    expect(denied.body.errors![0].extensions.code).toBe('FORBIDDEN');
    const { body } = await server.gql(`{ auditLog(first: 100) { totalCount edges { node { operation entityType entityId subject role before after } } } }`, {}, admin);
    expect(body.errors).toBeUndefined();
    const entries = body.data.auditLog.edges.map((e: any) => e.node);
    const ops = entries.map((e: any) => e.operation);
    for (const op of ['createMemo', 'updateMemo', 'publishMemo', 'archiveMemo', 'setMemoStatistics', 'importMemoText']) expect(ops).toContain(op);
    expect(entries.every((e: any) => e.subject === 'eva.editor' && e.role === 'editor')).toBe(true);
    // Newest first: the oldest updateMemo entry is W-2's first change.
    const update = entries.filter((e: any) => e.operation === 'updateMemo').at(-1);
    expect(update.before.title).toBe('Beslisnota bij Kamerbrief over terugkeer');
    expect(Object.keys(update.after)).toContain('title');
    expect(Object.keys(update.after)).not.toContain('sections');
    // Refused and failed writes leave no trace.
    expect(ops.filter((o: string) => o === 'createMemo')).toHaveLength(3);
    const conflicts = entries.filter((e: any) => e.operation === 'updateMemo' && e.after?.title?.startsWith('Verouderde'));
    expect(conflicts).toEqual([]);
  });
});

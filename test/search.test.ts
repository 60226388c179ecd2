// Full-text search and facets over real HTTP, on SQLite (FTS5) and PostgreSQL (tsvector) alike:
// the same assertions hold on both.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankMemoWrite, upsertMemo, type MemoWrite } from '@notabene/db';
import { importMemoText } from '../packages/api/src/importing.js';
import { dialectsToTest } from './support/databases.js';
import { authHeaders, startTestServer, type TestServer } from './support/server.js';

const JENV_TEXT = readFileSync(new URL('../packages/ingest/fixtures/memos/jenv-2023-06-07-beslisnota-marokko-migratie.txt', import.meta.url), 'utf8');
const EZ_REFERENCES = ['DGBI / 45561593', 'DGBI-O / 89581779', 'DGBI-O / 95900464'];

/** A variant of the J&V memo with another reference: many similar hits for paging. */
const variant = (i: number) => JENV_TEXT.replaceAll('4700831', `88${String(i).padStart(5, '0')}`).replaceAll('7 juni 2023', `${(i % 28) + 1} mei 2022`);

function memo(reference: string, overrides: Partial<MemoWrite> = {}): MemoWrite {
  return blankMemoWrite(reference, {
    title: `Nota ${reference}`,
    date: '2025-01-15',
    status: 'PUBLISHED',
    ...overrides,
  });
}

const section = (number: string, heading: string, kind: string, body: string, withheld: MemoWrite['sections'][number]['withheld'] = null) => ({
  number,
  heading,
  kind,
  body,
  notApplicable: false,
  withheld,
});

const SEARCH = /* GraphQL */ `
  query($q: String!, $first: Int, $after: String, $last: Int, $before: String, $filter: MemoFilter) {
    searchMemos(query: $q, first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor score snippets node { reference title status } }
    }
  }
`;

const dialects = await dialectsToTest();

describe.each(dialects)('search on $dialect', ({ dialect, skip }) => {
  let server: TestServer;
  let reader: Record<string, string>;
  let editor: Record<string, string>;

  const search = async (q: string, vars: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const { status, body } = await server.gql(SEARCH, { q, ...vars }, headers);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data.searchMemos as { totalCount: number; pageInfo: any; edges: { cursor: string; score: number; snippets: string[]; node: { reference: string; title: string; status: string } }[] };
  };
  const refs = async (q: string, headers: Record<string, string> = {}) => (await search(q, { first: 100 }, headers)).edges.map((e) => e.node.reference).sort();

  beforeAll(async () => {
    if (skip) return;
    server = await startTestServer(dialect);
    reader = await authHeaders('reader');
    editor = await authHeaders('editor');
    // A newer memo that mentions both words once, in its body only: the J&V memo must still rank first.
    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-NOISE', {
      title: 'Overzicht van lopende dossiers',
      date: '2025-06-01',
      sections: [section('1', 'Aanleiding', 'OCCASION', 'Diverse dossiers, waaronder terugkeer in het algemeen. Elders wordt Marokko kort genoemd.')],
    }));
  });
  afterAll(async () => {
    await server?.close();
  });

  const it_ = it.skipIf(skip);

  it_(`puts the J&V memo first for "terugkeer Marokko"${skip ? ` [skipped: ${skip}]` : ''}`, async () => {
    const result = await search('terugkeer Marokko');
    expect(result.edges[0]!.node.reference).toBe('4700831');
    expect(result.edges.map((e) => e.node.reference)).toContain('S-NOISE');
    expect(result.totalCount).toBe(result.edges.length);
    const scores = result.edges.map((e) => e.score);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it_('finds the EZ memos for "regeldruk"', async () => {
    expect(await refs('regeldruk')).toEqual(EZ_REFERENCES);
    expect(await refs('Regeldruk')).toEqual(EZ_REFERENCES);
  });

  it_('ignores case and diacritics in both directions', async () => {
    expect(await refs('financiele')).toEqual(['4700831']);
    expect(await refs('FINANCIËLE')).toEqual(['4700831']);
    expect(await refs('geinformeerd')).toEqual(['4700831']);
    expect(await refs('geïnformeerd')).toEqual(['4700831']);
  });

  it_('searches phrases, prefixes, OR and NOT', async () => {
    expect(await refs('"samenwerking met Marokko"')).toEqual(['4700831']);
    expect(await refs('"Marokko met samenwerking"')).toEqual([]);
    expect(await refs('terugke*')).toEqual(['4700831', 'S-NOISE']);
    expect(await refs('regeldr*')).toEqual(EZ_REFERENCES);
    expect(await refs('bewaringsstelling OR regeldruk')).toEqual([...EZ_REFERENCES, '4700831'].sort());
    expect(await refs('regeldruk -werkprogramma')).toEqual(['DGBI / 45561593', 'DGBI-O / 95900464']);
    expect(await refs('regeldruk NOT werkprogramma')).toEqual(['DGBI / 45561593', 'DGBI-O / 95900464']);
    expect(await refs('(Marokko OR werkprogramma) -lopende')).toEqual(['4700831', 'DGBI-O / 89581779']);
    expect(await refs('(Marokko OR werkprogramma) -dossiers')).toEqual(['4700831']);
    // Engine syntax typed by a user is searched as words, never run.
    expect(await refs('memo_search:regeldruk ^title NEAR')).toEqual([]);
    expect(await refs('title:Marokko')).toEqual([]);
  });

  it_('answers malformed queries with BAD_USER_INPUT and a reason, never a database error', async () => {
    const cases: [string, string][] = [
      ['"Kamerbrief Marokko', 'UNBALANCED_QUOTES'],
      ['(terugkeer OR Marokko', 'UNBALANCED_PARENTHESES'],
      ['NOT', 'DANGLING_OPERATOR'],
      ['Marokko OR', 'DANGLING_OPERATOR'],
      ['-Marokko', 'ONLY_NEGATIVE'],
      ['', 'EMPTY_QUERY'],
      ['&& **', 'EMPTY_QUERY'],
      ['x'.repeat(501), 'QUERY_TOO_LONG'],
      [Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' '), 'TOO_MANY_TERMS'],
    ];
    for (const [q, reason] of cases) {
      const { status, body } = await server.gql(SEARCH, { q });
      expect(status, q).toBe(200);
      expect(body.errors?.[0]?.extensions?.code, q).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.reason, q).toBe(reason);
      expect(body.errors?.[0]?.message, q).toMatch(/^Invalid search query: /);
    }
    const facets = await server.gql('{ memoFacets(query: "\\"open") { total } }');
    expect(facets.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await server.gql(SEARCH, { q: 'Marokko', first: 101 });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it_('returns HTML-escaped snippets with the matched words in <mark>', async () => {
    const jenv = (await search('terugkeer Marokko')).edges[0]!;
    expect(jenv.snippets.length).toBeGreaterThan(0);
    expect(jenv.snippets.join(' ')).toMatch(/<mark>Marokko<\/mark>/);
    expect(jenv.snippets.join(' ')).toMatch(/<mark>terugkeer<\/mark>/);
    const accents = (await search('financiele')).edges[0]!;
    expect(accents.snippets.join(' ')).toMatch(/<mark>[Ff]inanciële<\/mark>/);

    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-HTML', {
      sections: [section('1', 'Aanleiding', 'OCCASION', 'Tekst met <script>alert("x")</script> & een markeerwoordje erin.')],
    }));
    const html = (await search('markeerwoordje')).edges[0]!;
    const text = html.snippets.join(' ');
    // SQLite keeps the tag as escaped text; PostgreSQL's ts_headline drops what its parser reads as tags.
    expect(text).toContain('alert(&quot;x&quot;)');
    expect(text).toContain('&amp; een <mark>markeerwoordje</mark>');
    if (dialect === 'sqlite') expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>]/);
  });

  it_('counts facets that agree with memos(filter)', async () => {
    const { body } = await server.gql(`{
      all: memoFacets { total years { value count } kinds { value count } senders { organization { code name } count }
        politicalContextKinds { value count } topics { value count } countries { value country { name } count } }
      list: memos { totalCount }
    }`);
    expect(body.errors).toBeUndefined();
    const f = body.data.all;
    expect(f.total).toBe(body.data.list.totalCount);
    expect(f.kinds.reduce((n: number, k: any) => n + k.count, 0)).toBe(f.total);
    expect(f.years.reduce((n: number, k: any) => n + k.count, 0)).toBe(f.total);
    expect(f.senders.reduce((n: number, k: any) => n + k.count, 0)).toBe(f.total);
    expect(f.countries).toContainEqual({ value: 'MA', country: { name: 'Marokko' }, count: 1 });
    const count = async (filter: string) => (await server.gql(`{ memos(filter: ${filter}) { totalCount } }`)).body.data.memos.totalCount;
    for (const k of f.kinds) expect(k.count, k.value).toBe(await count(`{ kind: [${k.value}] }`));
    for (const k of f.politicalContextKinds) expect(k.count, k.value).toBe(await count(`{ politicalContextKind: [${k.value}] }`));
    for (const t of f.topics) expect(t.count, t.value).toBe(await count(`{ topic: "${t.value}" }`));
    for (const c of f.countries) expect(c.count, c.value).toBe(await count(`{ country: "${c.value}" }`));
    for (const y of f.years.filter((v: any) => v.value !== null)) expect(y.count, String(y.value)).toBe(await count(`{ dateFrom: "${y.value}-01-01", dateTo: "${y.value}-12-31" }`));

    // On a search: the connection's facets and memoFacets(query) count the same memos.
    const searched = await server.gql(`{
      searchMemos(query: "regeldruk", filter: { kind: [BESLISNOTA] }) { totalCount facets { total senders { organization { code } count } } }
      memoFacets(query: "regeldruk", filter: { kind: [BESLISNOTA] }) { total kinds { value count } }
    }`);
    expect(searched.body.errors).toBeUndefined();
    const s = searched.body.data;
    expect(s.searchMemos.facets.total).toBe(s.searchMemos.totalCount);
    expect(s.memoFacets.total).toBe(s.searchMemos.totalCount);
    expect(s.memoFacets.kinds).toEqual([{ value: 'BESLISNOTA', count: s.searchMemos.totalCount }]);
  });

  it_('pages through search results, each hit once, forwards and backwards', async () => {
    for (let i = 0; i < 23; i += 1) await importMemoText(server.conn, variant(i));
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await search('Marokko terugkeer', { first: 7, after });
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.reference));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(25);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const all = await search('Marokko terugkeer', { first: 100 });
    expect(all.edges.map((e) => e.node.reference)).toEqual(seen);
    // Backwards from the end gives the last hits in the same order.
    const last = await search('Marokko terugkeer', { last: 5, before: null });
    expect(last.edges.map((e) => e.node.reference)).toEqual(seen.slice(-5));
    const before = await search('Marokko terugkeer', { last: 3, before: all.edges[10]!.cursor });
    expect(before.edges.map((e) => e.node.reference)).toEqual(seen.slice(7, 10));
    // A cursor belongs to its search.
    const other = await server.gql(SEARCH, { q: 'regeldruk', after: all.edges[0]!.cursor });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.body.errors?.[0]?.message).toMatch(/another search/);
    const garbage = await server.gql(SEARCH, { q: 'Marokko', after: 'bm9wZQ' });
    expect(garbage.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it_('keeps drafts and withheld text from the public, in hits and snippets', async () => {
    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-DRAFT', { status: 'DRAFT', title: 'Concept over kladwoordje' }));
    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-WITHHELD', {
      title: 'Nota over openbaarwoordje',
      sections: [
        section('1', 'Aanleiding', 'OCCASION', 'Het openbaarwoordje staat in de aanleiding.'),
        section('2', 'Geadviseerd besluit', 'ADVISED_DECISION', 'Het geheimwoordje over de onderhandelingspositie.', { ground: '5.1.2a', explanation: 'Internationale betrekkingen.' }),
      ],
    }));
    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-CONTEXT', {
      title: 'Nota zonder openbare context',
      sections: [section('1', 'Politieke context', 'POLITICAL_CONTEXT', 'Motie Verborgenlid', { ground: '5.1.2e', explanation: null })],
      politicalContext: [{ kind: 'MOTION', member: 'Verborgenlid', party: null, title: 'Motie Verborgenlid', parliamentaryReference: null, description: null }],
    }));

    expect(await refs('kladwoordje')).toEqual([]);
    expect(await refs('kladwoordje', reader)).toEqual(['S-DRAFT']);
    expect(await refs('geheimwoordje')).toEqual([]);
    expect(await refs('geheimwoordje', reader)).toEqual(['S-WITHHELD']);
    expect(await refs('onderhandelingspositie openbaarwoordje')).toEqual([]);
    expect(await refs('verborgenlid')).toEqual([]);
    expect(await refs('verborgenlid', reader)).toEqual(['S-CONTEXT']);
    // Excluding a withheld word does not reveal it either: for the public the memo lacks it.
    expect(await refs('openbaarwoordje -geheimwoordje')).toEqual(['S-WITHHELD']);
    expect(await refs('openbaarwoordje -geheimwoordje', reader)).toEqual([]);

    const pub = (await search('openbaarwoordje OR geheimwoordje')).edges[0]!;
    expect(pub.snippets.join(' ')).toContain('<mark>openbaarwoordje</mark>');
    expect(pub.snippets.join(' ')).not.toMatch(/geheimwoordje|onderhandelingspositie/);
    const staff = (await search('openbaarwoordje OR geheimwoordje', {}, reader)).edges[0]!;
    expect(staff.snippets.join(' ')).toContain('<mark>geheimwoordje</mark>');
    // Facets follow the same rules.
    const facets = async (headers: Record<string, string>) => (await server.gql('{ memoFacets(query: "kladwoordje OR geheimwoordje") { total } }', {}, headers)).body.data.memoFacets.total;
    expect(await facets({})).toBe(0);
    expect(await facets(reader)).toBe(2);
  });

  it_('refreshes the index in the transaction of every write: import, create and update', async () => {
    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-RENAME', { title: 'Oudetitelwoord in de titel' }));
    expect(await refs('oudetitelwoord')).toEqual(['S-RENAME']);
    await upsertMemo(server.conn.db, server.conn.dialect, memo('S-RENAME', { title: 'Nieuwetitelwoord in de titel' }));
    expect(await refs('oudetitelwoord')).toEqual([]);
    expect(await refs('nieuwetitelwoord')).toEqual(['S-RENAME']);

    // Re-import of a memo text with a changed title.
    await importMemoText(server.conn, variant(900).replace('Beslisnota bij Kamerbrief Samenwerking', 'Beslisnota bij Kamerbrief Hervatting'));
    expect(await refs('hervatting', reader)).toEqual(['8800900']);
    await importMemoText(server.conn, variant(900).replace('Beslisnota bij Kamerbrief Samenwerking', 'Beslisnota bij Kamerbrief Voortzetting'));
    expect(await refs('hervatting', reader)).toEqual([]);
    expect(await refs('voortzetting', reader)).toEqual(['8800900']);

    // createMemo and updateMemo through the API.
    const created = await server.gql(
      'mutation($i: CreateMemoInput!) { createMemo(input: $i) { __typename ... on CreateMemoSuccess { memo { id version } } } }',
      { i: { reference: 'S-API', kind: 'BESLISNOTA', title: 'Eerstetitel van de nota', date: '2025-02-02', sections: [{ number: '1', heading: 'Aanleiding', kind: 'OCCASION', body: 'Een aanleiding.' }] } },
      editor,
    );
    expect(created.body.data.createMemo.__typename).toBe('CreateMemoSuccess');
    expect(await refs('eerstetitel', reader)).toEqual(['S-API']);
    const { id, version } = created.body.data.createMemo.memo;
    const updated = await server.gql(
      'mutation($i: UpdateMemoInput!) { updateMemo(input: $i) { __typename } }',
      { i: { id, expectedVersion: version, patch: { title: 'Tweedetitel van de nota' } } },
      editor,
    );
    expect(updated.body.data.updateMemo.__typename).toBe('UpdateMemoSuccess');
    expect(await refs('eerstetitel', reader)).toEqual([]);
    expect(await refs('tweedetitel', reader)).toEqual(['S-API']);
    // Still a draft: the public does not find it.
    expect(await refs('tweedetitel')).toEqual([]);
  });
});

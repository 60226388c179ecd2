import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, dialectsToTest, type TestDatabase } from '../../../test/support/databases.js';
import { connect, type Connection } from './connect.js';
import { migrateToLatest } from './migrate.js';
import * as searchMigration from './migrations/2026-11-29-0003-search.js';
import { blankMemoWrite, upsertMemo, type MemoWrite } from './queries/memos.js';
import { countMemoSearch, memoFacets, memoSearchSnippets, memoSearchTexts, rankMemoSearch, type MemoSearch } from './queries/search.js';
import { parseSearchQuery } from './search-query.js';
import { withWriteTransaction } from './transaction.js';

function memo(reference: string, overrides: Partial<MemoWrite> = {}): MemoWrite {
  return blankMemoWrite(reference, {
    title: `Nota ${reference}`,
    date: '2024-01-02',
    status: 'PUBLISHED',
    ...overrides,
  });
}

describe('memoSearchTexts', () => {
  it('keeps headings public and moves withheld bodies (and a withheld political context) to restricted', () => {
    const texts = memoSearchTexts(
      { title: 'Titel \uE000met\uE001 markers' },
      [
        { heading: 'Aanleiding', body: 'Openbaar.', kind: 'OCCASION', withheld_ground: null },
        { heading: 'Politieke context', body: 'Motie X', kind: 'POLITICAL_CONTEXT', withheld_ground: '5.1.2e' },
      ],
      [{ title: 'Motie X', member: 'X', party: 'P', parliamentary_reference: 'kst-1', description: null }],
    );
    expect(texts).toEqual({ title: 'Titel met markers', context: '', body: 'Aanleiding\nOpenbaar.\nPolitieke context', restricted: 'Motie X\nMotie X X P kst-1' });
  });
});

const dialects = await dialectsToTest();

describe.each(dialects)('search index on $dialect', ({ dialect, skip }) => {
  let database: TestDatabase;
  let conn: Connection;
  const search = (q: string, includeRestricted = false): MemoSearch => ({ query: parseSearchQuery(q), filter: { statuses: includeRestricted ? null : ['PUBLISHED'] }, includeRestricted });
  const ids = async (q: string, includeRestricted = false) => (await rankMemoSearch(conn.db, search(q, includeRestricted))).map((h) => h.id);

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(dialect);
    conn = connect(database.url);
    await migrateToLatest(conn.db);
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it.skipIf(skip)(`backfills existing memos when the migration runs${skip ? ` [skipped: ${skip}]` : ''}`, async () => {
    const a = await upsertMemo(conn.db, dialect, memo('B-1', { title: 'Backfillwoord in de titel' }));
    await upsertMemo(conn.db, dialect, memo('B-2', { sections: [{ number: '1', heading: 'Aanleiding', kind: 'OCCASION', body: 'Ook backfillwoord hier.', notApplicable: false, withheld: null }] }));
    // Drop and recreate the index as the migration does on an existing register.
    await searchMigration.down(conn.db);
    await searchMigration.up(conn.db);
    const hits = await ids('backfillwoord');
    expect(hits).toHaveLength(2);
    // The title weighs more than a section.
    expect(hits[0]).toBe(a.id);
  });

  it.skipIf(skip)('writes the index in the same transaction as the memo: a rollback leaves neither', async () => {
    await expect(
      withWriteTransaction(conn.db, dialect, async (trx) => {
        const { upsertMemoIn } = await import('./queries/memos.js');
        await upsertMemoIn(trx, memo('R-1', { title: 'Terugdraaiwoord' }));
        expect((await rankMemoSearch(trx, search('terugdraaiwoord'))).length).toBe(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await ids('terugdraaiwoord')).toEqual([]);
  });

  it.skipIf(skip)('drops the index row with the memo', async () => {
    const { id } = await upsertMemo(conn.db, dialect, memo('D-1', { title: 'Verdwijnwoord' }));
    expect(await ids('verdwijnwoord')).toEqual([id]);
    await conn.db.deleteFrom('memos').where('id', '=', id).execute();
    const left = dialect === 'postgres' ? sql`select count(*)::int as n from memo_search where memo_id = ${id}` : sql`select count(*) as n from memo_search where rowid = ${id}`;
    expect(Number(((await left.execute(conn.db)).rows[0] as { n: number }).n)).toBe(0);
  });

  it.skipIf(skip)('counts, ranks, snippets and facets agree for a filter', async () => {
    for (let i = 0; i < 5; i += 1) {
      await upsertMemo(conn.db, dialect, memo(`F-${i}`, { kind: i % 2 ? 'INFORMATIENOTA' : 'BESLISNOTA', date: `202${i}-03-01`, title: `Facetwoord ${i}`, topics: ['return'] }));
    }
    const s = search('facetwoord');
    expect(await countMemoSearch(conn.db, s)).toBe(5);
    const facets = await memoFacets(conn.db, s.filter, s);
    expect(facets.total).toBe(5);
    expect(facets.kinds).toEqual([{ value: 'BESLISNOTA', count: 3 }, { value: 'INFORMATIENOTA', count: 2 }]);
    expect(facets.years.map((y) => y.value)).toEqual([2024, 2023, 2022, 2021, 2020]);
    expect(facets.topics).toEqual([{ value: 'return', count: 5 }]);
    const hits = await rankMemoSearch(conn.db, s);
    const snippets = await memoSearchSnippets(conn.db, s, hits.map((h) => h.id));
    for (const h of hits) expect(snippets.get(h.id)?.[0]).toMatch(/^<mark>Facetwoord<\/mark> \d$/);
  });
});

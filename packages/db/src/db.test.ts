import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { dialectsToTest, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { connect, parseDatabaseUrl, type Connection } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { blankMemoWrite, countMemos, listMemos, upsertMemo, type MemoWrite } from './queries/memos.js';
import { resolveSenderChain, syncOrganizationRegister, findOrganizationsByCodes } from './queries/organizations.js';
import { periodBounds } from './queries/statistics.js';
import { withWriteTransaction } from './transaction.js';

function memo(reference: string, overrides: Partial<MemoWrite> = {}): MemoWrite {
  return blankMemoWrite(reference, {
    title: `Memo ${reference}`,
    date: '2024-01-02',
    status: 'PUBLISHED',
    sections: [{ number: '1', heading: 'Aanleiding', kind: 'OCCASION', body: 'x', notApplicable: false, withheld: null }],
    financialConsiderations: { applicable: true, text: 't', hasBudgetImpact: null, amounts: [1.5] },
    topics: ['return'],
    ...overrides,
  });
}

describe('parseDatabaseUrl', () => {
  it('defaults to the SQLite file and recognises each scheme', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', location: './data/notabene.db' });
    expect(parseDatabaseUrl('sqlite:/tmp/x.db')).toEqual({ dialect: 'sqlite', location: '/tmp/x.db' });
    expect(parseDatabaseUrl('postgres://u@h/db').dialect).toBe('postgres');
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/must start with/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a path/);
  });
});

describe('periodBounds', () => {
  it('gives the first and last day of each kind of period', () => {
    expect(periodBounds('YEAR', '2023')).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(periodBounds('HALF_YEAR', '2023-H2')).toEqual({ start: '2023-07-01', end: '2023-12-31' });
    expect(periodBounds('QUARTER', '2024-Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodBounds('MONTH', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('YEAR_TO_DATE', '2023-10')).toEqual({ start: '2023-01-01', end: '2023-10-31' });
    expect(periodBounds('CUMULATIVE', '2023-02-21')).toEqual({ start: '2023-02-21', end: '2023-02-21' });
    expect(periodBounds('MONTH', '2024-13')).toBeNull();
    expect(periodBounds('CUMULATIVE', '2023-02-30')).toBeNull();
    expect(periodBounds('YEAR', '2023-01')).toBeNull();
  });
});

const dialects = await dialectsToTest();

describe.each(dialects)('store on $dialect', ({ dialect, skip }) => {
  let database: TestDatabase;
  let conn: Connection;
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

  it.skipIf(skip)(`migrates idempotently${skip ? ` [skipped: ${skip}]` : ''}`, async () => {
    expect((await migrateToLatest(conn.db)).applied).toEqual([]);
  });

  it.skipIf(skip)('re-importing a reference updates and bumps the version, never duplicates', async () => {
    const first = await upsertMemo(conn.db, conn.dialect, memo('R-1'));
    const second = await upsertMemo(conn.db, conn.dialect, memo('R-1', { title: 'Changed', topics: ['asylum'] }));
    expect(first).toMatchObject({ created: true, version: 1 });
    expect(second).toMatchObject({ id: first.id, created: false, version: 2 });
    expect(await countMemos(conn.db, { topic: 'return' })).toBe(0);
    expect(await countMemos(conn.db, { topic: 'asylum' })).toBe(1);
    const sections = await conn.db.selectFrom('memo_sections').select('id').where('memo_id', '=', first.id).execute();
    expect(sections).toHaveLength(1);
  });

  it.skipIf(skip)('rolls back every table when a write fails half-way', async () => {
    const before = await countMemos(conn.db, {});
    await expect(
      withWriteTransaction(conn.db, conn.dialect, async (trx) => {
        await trx.insertInto('memos').values({ reference: 'R-rollback', kind: 'BESLISNOTA', status: 'DRAFT', created_at: new Date().toISOString(), updated_at: new Date().toISOString(), version: 1, attachments: '[]', copy_to: '[]', import_warnings: '[]', title: null, date: null, addressee: null, status_label: null, sender_organization_id: null, occasion: null, advised_decision: null, key_points: null, source_text: null }).execute();
        // A country that does not exist violates the foreign key.
        const m = await trx.selectFrom('memos').select('id').where('reference', '=', 'R-rollback').executeTakeFirstOrThrow();
        await trx.insertInto('memo_countries').values({ memo_id: m.id, country_code: 'ZZ' }).execute();
      }),
    ).rejects.toThrow();
    expect(await countMemos(conn.db, {})).toBe(before);
  });

  it.skipIf(skip)('keeps booleans, amounts and dates in one shape on both dialects', async () => {
    const { id } = await upsertMemo(conn.db, conn.dialect, memo('R-shape', { date: '2020-02-29' }));
    const row = await conn.db.selectFrom('memos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.date).toBe('2020-02-29');
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const c = await conn.db.selectFrom('considerations').selectAll().where('memo_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(c.amounts)).toEqual([1.5]);
    expect([true, 1]).toContain(c.applicable);
    const n = await sql<{ n: number }>`select count(*) as n from memos`.execute(conn.db);
    expect(Number(n.rows[0]!.n)).toBeGreaterThan(0);
  });

  it.skipIf(skip)('resolves organisations by code and alias and creates unknown sender levels once', async () => {
    await syncOrganizationRegister(conn.db, [
      { code: 'SZW', name: 'Ministerie van Sociale Zaken en Werkgelegenheid', kind: 'MINISTRY', parentCode: null, aliases: ['SWZ'] },
      { code: 'X-DG', name: 'Directoraat-generaal X', kind: 'DIRECTORATE_GENERAL', parentCode: 'SZW', aliases: [] },
    ]);
    const found = await findOrganizationsByCodes(conn.db, ['swz', 'SZW', 'NOPE']);
    expect(found.get('swz')?.code).toBe('SZW');
    expect(found.get('SZW')?.code).toBe('SZW');
    expect(found.has('NOPE')).toBe(false);
    const chain = [
      { kind: 'MINISTRY', name: 'Ministerie van Sociale Zaken en Werkgelegenheid', code: 'SZW' },
      { kind: 'DIRECTORATE_GENERAL', name: 'Directoraat-generaal X', code: null },
      { kind: 'BUREAU', name: 'Bureau Nieuw Onderdeel', code: null },
    ];
    const a = await resolveSenderChain(conn.db, chain);
    const b = await resolveSenderChain(conn.db, chain);
    expect(a).toBe(b);
    const created = await conn.db.selectFrom('organizations').selectAll().where('id', '=', a!).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ name: 'Bureau Nieuw Onderdeel', kind: 'BUREAU', code: 'X-DG-BNO' });
  });

  it.skipIf(skip)('pages by keyset in both directions with NULL dates first when ascending', async () => {
    await upsertMemo(conn.db, conn.dialect, memo('R-null', { date: null }));
    const asc = await listMemos(conn.db, {}, { field: 'DATE', direction: 'ASC' }, { limit: 100, inverted: false });
    expect(asc[0]!.reference).toBe('R-null');
    const desc = await listMemos(conn.db, {}, { field: 'DATE', direction: 'DESC' }, { limit: 100, inverted: false });
    expect(desc.map((m) => m.id)).toEqual([...asc].reverse().map((m) => m.id));
  });
});

// Batch loaders for everything hanging off a memo: one statement per kind of child for a whole
// page of memos, never one per memo. Results come back grouped in the order of the ids asked.
import type { Kysely } from 'kysely';
import { groupByKey, indexByKey } from '../map.js';
import type { ConsiderationRow, CountryRow, Database, MemoSectionRow, PoliticalContextItemRow, RedactionRow } from '../types.js';

export async function sectionsByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<MemoSectionRow[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memo_sections').selectAll().where('memo_id', 'in', [...ids]).orderBy('memo_id').orderBy('position').execute();
  return groupByKey(ids, rows, (r) => r.memo_id);
}

/** Kinds of the sections withheld under the Woo, per memo id (small: no bodies). */
export async function withheldSectionKindsByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<string[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memo_sections').select(['memo_id', 'kind']).where('memo_id', 'in', [...ids]).where('withheld_ground', 'is not', null).execute();
  return groupByKey(ids, rows, (r) => r.memo_id).map((list) => list.map((r) => r.kind));
}

export async function politicalContextByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<PoliticalContextItemRow[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('political_context_items').selectAll().where('memo_id', 'in', [...ids]).orderBy('memo_id').orderBy('position').execute();
  return groupByKey(ids, rows, (r) => r.memo_id);
}

/** Financial and legal considerations per memo id. */
export async function considerationsByMemoIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<{ financial: ConsiderationRow | null; legal: ConsiderationRow | null }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('considerations').selectAll().where('memo_id', 'in', [...ids]).execute();
  return groupByKey(ids, rows, (r) => r.memo_id).map((list) => ({
    financial: list.find((r) => r.kind === 'FINANCIAL') ?? null,
    legal: list.find((r) => r.kind === 'LEGAL') ?? null,
  }));
}

/** Ids of consulted organisations per memo id, in the order the memo names them. */
export async function consultedOrganizationIdsByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<number[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memo_consultations').selectAll().where('memo_id', 'in', [...ids]).orderBy('memo_id').orderBy('position').execute();
  return groupByKey(ids, rows, (r) => r.memo_id).map((list) => list.map((r) => r.organization_id));
}

export async function redactionsByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<RedactionRow[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('redactions').selectAll().where('memo_id', 'in', [...ids]).orderBy('memo_id').orderBy('position').execute();
  return groupByKey(ids, rows, (r) => r.memo_id);
}

export async function topicsByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<string[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memo_topics').selectAll().where('memo_id', 'in', [...ids]).orderBy('topic').execute();
  return groupByKey(ids, rows, (r) => r.memo_id).map((list) => list.map((r) => r.topic));
}

export async function countriesByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<CountryRow[][]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('memo_countries as mc')
    .innerJoin('countries as c', 'c.code', 'mc.country_code')
    .select(['mc.memo_id', 'c.code', 'c.name'])
    .where('mc.memo_id', 'in', [...ids])
    .orderBy('c.code')
    .execute();
  return groupByKey(ids, rows, (r) => r.memo_id).map((list) => list.map(({ code, name }) => ({ code, name })));
}

export async function statisticSeriesIdsByMemoIds(db: Kysely<Database>, ids: readonly number[]): Promise<number[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memo_statistic_series').selectAll().where('memo_id', 'in', [...ids]).orderBy('series_id').execute();
  return groupByKey(ids, rows, (r) => r.memo_id).map((list) => list.map((r) => r.series_id));
}

/** Upserts the country register (ISO code → Dutch name). */
export async function syncCountries(db: Kysely<Database>, countries: readonly { code: string; name: string }[]): Promise<void> {
  if (countries.length === 0) return;
  const existing = await db.selectFrom('countries').selectAll().execute();
  const have = indexByKey(
    countries.map((c) => c.code),
    existing,
    (r) => r.code,
  );
  const missing = countries.filter((_, i) => !have[i]);
  // One multi-row insert: the register has ~250 entries and a fresh database would otherwise pay a
  // synchronous commit per row.
  for (let i = 0; i < missing.length; i += 200) await db.insertInto('countries').values(missing.slice(i, i + 200)).execute();
  for (const [i, c] of countries.entries()) {
    const cur = have[i];
    if (cur && cur.name !== c.name) await db.updateTable('countries').set({ name: c.name }).where('code', '=', c.code).execute();
  }
}

export async function countriesByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<(CountryRow | null)[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('countries').selectAll().where('code', 'in', [...codes]).execute();
  return indexByKey(codes, rows, (r) => r.code);
}

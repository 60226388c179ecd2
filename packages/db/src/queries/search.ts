import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import { toFts5Match, toTsQuery, type SearchNode } from '../search-query.js';
import type { Database } from '../types.js';
import { filteredMemos, type MemoFilter } from './memos.js';

// The index (migration 0003) is not in the Database interface: its shape differs per dialect (an
// FTS5 table keyed by rowid on SQLite, a table with tsvectors on PostgreSQL), so it is reached
// through the raw SQL below only.

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

// Snippet markers: private-use characters that cannot occur in indexed text (refreshMemoSearch
// strips them), so that the snippet can be HTML-escaped first and marked up afterwards.
const MARK_START = '\uE000';
const MARK_END = '\uE001';
const stripMarkers = (text: string) => text.replace(/[\uE000\uE001]/gu, '');

/** The searchable texts of one memo. */
export interface MemoSearchTexts {
  title: string;
  /** Political context items: title, member, party, Kamerstuk reference, sentence. */
  context: string;
  /** Every section heading, and the text of the sections not withheld. */
  body: string;
  /** Text withheld under the Woo (and the political context when its section is withheld): staff only. */
  restricted: string;
}

/** Builds the searchable texts from a memo's stored parts; withheld text goes to `restricted`. */
export function memoSearchTexts(
  memo: { title: string | null },
  sections: readonly { heading: string; body: string; kind: string; withheld_ground: string | null }[],
  items: readonly { title: string; member: string | null; party: string | null; parliamentary_reference: string | null; description: string | null }[],
): MemoSearchTexts {
  const withheldKinds = new Set(sections.filter((s) => s.withheld_ground).map((s) => s.kind));
  const body: string[] = [];
  const restricted: string[] = [];
  for (const s of sections) {
    // Headings stay public (MemoSection.heading is shown to everyone), bodies follow the section.
    if (s.heading) body.push(s.heading);
    if (s.body) (s.withheld_ground ? restricted : body).push(s.body);
  }
  let context = items.map((p) => [p.title, p.member, p.party, p.parliamentary_reference, p.description].filter((v) => v).join(' ')).join('\n');
  // The API hides the political context when its section is withheld; so does the public index.
  if (withheldKinds.has('POLITICAL_CONTEXT') && context) {
    restricted.push(context);
    context = '';
  }
  return {
    title: stripMarkers(memo.title ?? ''),
    context: stripMarkers(context),
    body: stripMarkers(body.join('\n')),
    restricted: stripMarkers(restricted.join('\n')),
  };
}

// Indexed text is folded (no diacritics) in JS as well, so PostgreSQL matches without `unaccent`.
const foldForIndex = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');

/**
 * Rewrites a memo's search index row from what is stored now. Call it inside the transaction that
 * wrote the memo, after its sections and political context, so the index never disagrees with it.
 */
export async function refreshMemoSearch(trx: Kysely<Database>, memoId: number): Promise<void> {
  const memo = await trx.selectFrom('memos').select(['id', 'title']).where('id', '=', memoId).executeTakeFirst();
  const pg = isPostgres(trx);
  if (!memo) {
    await (pg ? sql`delete from memo_search where memo_id = ${memoId}` : sql`delete from memo_search where rowid = ${memoId}`).execute(trx);
    return;
  }
  const [sections, items] = await Promise.all([
    trx.selectFrom('memo_sections').select(['heading', 'body', 'kind', 'withheld_ground']).where('memo_id', '=', memoId).orderBy('position').execute(),
    trx
      .selectFrom('political_context_items')
      .select(['title', 'member', 'party', 'parliamentary_reference', 'description'])
      .where('memo_id', '=', memoId)
      .orderBy('position')
      .execute(),
  ]);
  const t = memoSearchTexts(memo, sections, items);
  if (pg) {
    const publicDocument = sql`setweight(to_tsvector('notabene_dutch', ${foldForIndex(t.title)}), 'A')
      || setweight(to_tsvector('notabene_dutch', ${foldForIndex(t.context)}), 'B')
      || setweight(to_tsvector('notabene_dutch', ${foldForIndex(t.body)}), 'C')`;
    const document = sql`${publicDocument} || setweight(to_tsvector('notabene_dutch', ${foldForIndex(t.restricted)}), 'C')`;
    await sql`insert into memo_search (memo_id, title, context, body, restricted, public_document, document)
      values (${memoId}, ${t.title}, ${t.context}, ${t.body}, ${t.restricted}, ${publicDocument}, ${document})
      on conflict (memo_id) do update set title = excluded.title, context = excluded.context, body = excluded.body,
        restricted = excluded.restricted, public_document = excluded.public_document, document = excluded.document`.execute(trx);
    return;
  }
  await sql`delete from memo_search where rowid = ${memoId}`.execute(trx);
  await sql`insert into memo_search (rowid, title, context, body, restricted) values (${memoId}, ${t.title}, ${t.context}, ${t.body}, ${t.restricted})`.execute(trx);
}

/** What a search runs on: the parsed query, the (already viewer-scoped) filter, and whether withheld text counts. */
export interface MemoSearch {
  query: SearchNode;
  filter: MemoFilter;
  /** Also match withheld text (staff); false for the public. */
  includeRestricted: boolean;
}

/**
 * Only this many matches are ranked, chosen newest first (date, then id): ranking cost grows with
 * the number of matches (ts_rank_cd reads each tsvector), so it is bounded; matching itself is not.
 */
export const SEARCH_RANK_LIMIT = 1000;

export interface RankedHit {
  id: number;
  /** Higher is better; comparable within one search only. */
  score: number;
}

// SQLite: the public searches only the public columns (an FTS5 column filter around the whole
// expression, so that a NOT cannot look into withheld text either).
function fts5Expression(search: MemoSearch): string {
  const expr = toFts5Match(search.query);
  return search.includeRestricted ? expr : `{title context body} : (${expr})`;
}

function tsQuery(search: MemoSearch): RawBuilder<unknown> {
  return sql`to_tsquery('notabene_dutch', ${toTsQuery(search.query)})`;
}

function pgDocument(search: MemoSearch): RawBuilder<unknown> {
  return search.includeRestricted ? sql.ref('document') : sql.ref('public_document');
}

function matchingMemos(db: Kysely<Database>, search: MemoSearch) {
  const q = filteredMemos(db, search.filter);
  if (isPostgres(db)) {
    return q.where(sql<boolean>`m.id in (select memo_id from memo_search where ${pgDocument(search)} @@ ${tsQuery(search)})`);
  }
  return q.where(sql<boolean>`m.id in (select rowid from memo_search where memo_search match ${fts5Expression(search)})`);
}

/**
 * Matches first, then ranks at most SEARCH_RANK_LIMIT of the matches (the newest): bm25 with column
 * weights title 5, context 2, sections 1 on SQLite; ts_rank_cd with weights A 1.0, B 0.4, C 0.2 on
 * PostgreSQL. Ordered by score descending, then id ascending.
 */
export async function rankMemoSearch(db: Kysely<Database>, search: MemoSearch): Promise<RankedHit[]> {
  const candidates = matchingMemos(db, search)
    .select('m.id')
    .orderBy(sql`coalesce(m.date, '0001-01-01')`, 'desc')
    .orderBy('m.id', 'desc')
    .limit(SEARCH_RANK_LIMIT);
  if (isPostgres(db)) {
    const { rows } = await sql<RankedHit>`
      with candidates as ${candidates}
      select s.memo_id as id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', ${pgDocument(search)}, ${tsQuery(search)}) as score
      from memo_search s join candidates c on c.id = s.memo_id
      order by score desc, id asc`.execute(db);
    return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
  }
  const expr = fts5Expression(search);
  // The unary + keeps the rowid list away from FTS5's planner: offered `rowid IN (…)`, FTS5 runs
  // the full-text query once per listed rowid (about 1 s for 1000 candidates) instead of once.
  const { rows } = await sql<RankedHit>`
    select memo_search.rowid as id, -bm25(memo_search, 5.0, 2.0, 1.0, 1.0) as score
    from memo_search
    where memo_search match ${expr} and +memo_search.rowid in ${candidates}
    order by score desc, id asc`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
}

/** Number of memos the search matches (all of them, not only the ranked ones). */
export async function countMemoSearch(db: Kysely<Database>, search: MemoSearch): Promise<number> {
  const row = await matchingMemos(db, search)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** HTML-escapes a snippet and turns the engine's markers into <mark>…</mark>; null when nothing is marked. */
function markSnippet(raw: string | null): string | null {
  if (!raw || !raw.includes(MARK_START)) return null;
  return escapeHtml(raw.replace(/\s+/gu, ' ').trim()).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

/**
 * Snippets per memo: excerpts of the title, political context, sections (and, for staff, withheld
 * text) that contain a match, as HTML-escaped text with matched words in <mark>…</mark>.
 */
export async function memoSearchSnippets(db: Kysely<Database>, search: MemoSearch, ids: readonly number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  let rows: { id: number; s0: string | null; s1: string | null; s2: string | null; s3: string | null }[];
  if (isPostgres(db)) {
    const q = tsQuery(search);
    const whole = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
    const parts = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
    const restricted = search.includeRestricted ? sql`ts_headline('notabene_dutch', restricted, ${q}, ${parts})` : sql`null`;
    ({ rows } = await sql<(typeof rows)[number]>`
      select memo_id as id, ts_headline('notabene_dutch', title, ${q}, ${whole}) as s0,
        ts_headline('notabene_dutch', context, ${q}, ${parts}) as s1,
        ts_headline('notabene_dutch', body, ${q}, ${parts}) as s2,
        ${restricted} as s3
      from memo_search where memo_id = any(${[...ids]}::int[])`.execute(db));
  } else {
    const expr = fts5Expression(search);
    const snip = (column: number, tokens: number) => sql`snippet(memo_search, ${column}, ${MARK_START}, ${MARK_END}, '…', ${tokens})`;
    ({ rows } = await sql<(typeof rows)[number]>`
      select memo_search.rowid as id, ${snip(0, 64)} as s0, ${snip(1, 24)} as s1, ${snip(2, 24)} as s2,
        ${search.includeRestricted ? snip(3, 24) : sql`null`} as s3
      from memo_search
      where memo_search match ${expr} and +memo_search.rowid in (select value from json_each(${JSON.stringify(ids)}))`.execute(db));
  }
  for (const r of rows) {
    result.set(
      Number(r.id),
      [r.s0, r.s1, r.s2, r.s3].map(markSnippet).filter((s): s is string => s !== null),
    );
  }
  return result;
}

export interface FacetCount<T> {
  value: T;
  count: number;
}

export interface MemoFacetCounts {
  total: number;
  years: FacetCount<number | null>[];
  kinds: FacetCount<string>[];
  senders: FacetCount<number | null>[];
  politicalContextKinds: FacetCount<string>[];
  topics: FacetCount<string>[];
  countries: FacetCount<string>[];
}

/**
 * Counts of the memos a filter (and optionally a search) selects, per year, kind, sender
 * organisation, political context kind, topic and country. A memo counts once per value it has;
 * the counts of a facet with several values per memo (topics, ...) can add up to more than total.
 */
export async function memoFacets(db: Kysely<Database>, filter: MemoFilter, search: Omit<MemoSearch, 'filter'> | null): Promise<MemoFacetCounts> {
  const base = () => (search ? matchingMemos(db, { ...search, filter }) : filteredMemos(db, filter));
  const pg = isPostgres(db);
  const year = pg ? sql<number | null>`cast(extract(year from m.date) as integer)` : sql<number | null>`cast(substr(m.date, 1, 4) as integer)`;
  const n = sql<number>`count(distinct m.id)`;
  const [total, years, kinds, senders, pck, topics, countries] = await Promise.all([
    base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base().select([year.as('value'), n.as('count')]).groupBy(year).execute(),
    base().select(['m.kind as value', n.as('count')]).groupBy('m.kind').execute(),
    base().select(['m.sender_organization_id as value', n.as('count')]).groupBy('m.sender_organization_id').execute(),
    base().innerJoin('political_context_items as p', 'p.memo_id', 'm.id').select(['p.kind as value', n.as('count')]).groupBy('p.kind').execute(),
    base().innerJoin('memo_topics as t', 't.memo_id', 'm.id').select(['t.topic as value', n.as('count')]).groupBy('t.topic').execute(),
    base().innerJoin('memo_countries as c', 'c.memo_id', 'm.id').select(['c.country_code as value', n.as('count')]).groupBy('c.country_code').execute(),
  ]);
  // Largest first, then by value, so the order is the same on both databases.
  const sorted = <T extends string | number | null>(rows: { value: T; count: number | string }[]): FacetCount<T>[] =>
    rows
      .map((r) => ({ value: r.value, count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || String(a.value ?? '').localeCompare(String(b.value ?? '')));
  return {
    total: Number(total.n),
    years: sorted(years).sort((a, b) => (b.value ?? -1) - (a.value ?? -1)),
    kinds: sorted(kinds),
    senders: sorted(senders),
    politicalContextKinds: sorted(pck),
    topics: sorted(topics),
    countries: sorted(countries),
  };
}

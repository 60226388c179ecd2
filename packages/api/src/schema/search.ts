// Full-text search over memos and facet counts. The query language is parsed in @notabene/db
// (parseSearchQuery) so that both databases receive the same, sanitised query.
//
// Paging: a search ranks a bounded set of matches (SEARCH_RANK_LIMIT, newest first) and pages
// through that ranked list by position. A cursor holds a hash of the search (query, filter,
// visibility), the position and the memo id: scores are floats that the database recomputes (and
// that change on SQLite whenever any memo is indexed, bm25 using corpus statistics), so they would
// make fragile keys. Paging resumes after the cursor's memo wherever it now ranks, or at its old
// position when it no longer matches.
import { createHash } from 'node:crypto';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import {
  countMemoSearch,
  describeSearchQuery,
  memoFacets,
  memosByIds,
  memoSearchSnippets,
  parseSearchQuery,
  rankMemoSearch,
  SEARCH_LIMITS,
  SEARCH_RANK_LIMIT,
  SearchQueryError,
  type FacetCount,
  type MemoFacetCounts,
  type MemoFilter as DbMemoFilter,
  type MemoRow,
  type MemoSearch,
  type RankedHit,
  type SearchNode,
} from '@notabene/db';
import { canSeeMemo, seesWithheld } from '../auth/viewer.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { Country } from './country.js';
import { badCursor, checkPageArgs, decodeCursor, encodeCursor } from './cursors.js';
import { MemoKindEnum, PoliticalContextKindEnum } from './enums.js';
import { Memo, MemoFilterInput, scopeFilter, toDbFilter } from './memo.js';
import type { PagingArgs } from './memo-paging.js';
import { Organization } from './organization.js';

/** A malformed query is the caller's to fix: BAD_USER_INPUT with a stable reason, never a database error. */
function parseQueryArg(query: string): SearchNode {
  try {
    return parseSearchQuery(query);
  } catch (error) {
    if (error instanceof SearchQueryError) {
      throw new GraphQLError(`Invalid search query: ${error.message}`, { extensions: { code: 'BAD_USER_INPUT', field: 'query', reason: error.reason } });
    }
    throw error;
  }
}

function searchFor(ctx: Context, query: string, filter: DbMemoFilter): MemoSearch {
  return { query: parseQueryArg(query), filter: scopeFilter(ctx, filter), includeRestricted: seesWithheld(ctx.viewer) };
}

function searchKey(search: MemoSearch): string {
  return createHash('sha256')
    .update(JSON.stringify([describeSearchQuery(search.query), search.filter, search.includeRestricted]))
    .digest('base64url')
    .slice(0, 16);
}

interface PositionedHit extends RankedHit {
  position: number;
}

/** Index in `hits` a cursor points at: where its memo ranks now, else the position it had. */
function cursorIndex(cursor: string, key: string, hits: readonly RankedHit[]): number {
  const v = decodeCursor(cursor);
  if (!Array.isArray(v) || v.length !== 4 || v[0] !== 'search' || typeof v[1] !== 'string' || !Number.isInteger(v[2]) || !Number.isInteger(v[3]) || (v[2] as number) < 0) {
    throw badCursor();
  }
  if (v[1] !== key) throw badCursor('it was made for another search (query, filter or viewer differ)');
  const now = hits.findIndex((h) => h.id === v[3]);
  return now >= 0 ? now : -1 - Math.min(v[2] as number, hits.length);
}

interface SearchEdgeShape {
  cursor: string;
  node: MemoRow;
  score: number;
  snippets: () => Promise<string[]>;
}

async function pageSearch(ctx: Context, args: PagingArgs, search: MemoSearch) {
  checkPageArgs(args);
  const key = searchKey(search);
  const hits: PositionedHit[] = (await rankMemoSearch(ctx.conn.db, search)).map((h, position) => ({ ...h, position }));
  let start = 0;
  let end = hits.length;
  if (args.after) {
    const i = cursorIndex(args.after, key, hits);
    // Found: start after it. Gone: whatever took its position comes next.
    start = i >= 0 ? i + 1 : -1 - i;
  }
  if (args.before) {
    const i = cursorIndex(args.before, key, hits);
    end = i >= 0 ? i : -1 - i;
  }
  const range = hits.slice(start, Math.max(start, end));
  const page = await resolveCursorConnection<Promise<PositionedHit[]>>(
    { args, toCursor: (h: PositionedHit) => encodeCursor(['search', key, h.position, h.id]) },
    async ({ limit, inverted }) => (inverted ? range.slice(-limit).reverse() : range.slice(0, limit)),
  );
  const ids = page.edges.flatMap((e) => (e ? [e.node.id] : []));
  const rows = await memosByIds(ctx.conn.db, ids);
  const byId = new Map<number, MemoRow>();
  for (const row of rows) {
    if (row && canSeeMemo(ctx.viewer, row)) {
      byId.set(row.id, row);
      ctx.loaders.memo.prime(row.id, row);
    }
  }
  // One statement for the snippets of the whole page, and only when a client asks for them.
  let snippets: Promise<Map<number, string[]>> | undefined;
  const snippetsOf = (id: number) => {
    snippets ??= memoSearchSnippets(ctx.conn.db, search, ids);
    return snippets.then((m) => m.get(id) ?? []);
  };
  const edges: SearchEdgeShape[] = [];
  for (const e of page.edges) {
    const row = e ? byId.get(e.node.id) : undefined;
    // A memo removed between ranking and loading is left out rather than shown as null.
    if (e && row) edges.push({ cursor: e.cursor, node: row, score: e.node.score, snippets: () => snippetsOf(row.id) });
  }
  return {
    edges,
    pageInfo: page.pageInfo,
    totalCount: () => (hits.length < SEARCH_RANK_LIMIT ? Promise.resolve(hits.length) : countMemoSearch(ctx.conn.db, search)),
    facets: () => memoFacets(ctx.conn.db, search.filter, { query: search.query, includeRestricted: search.includeRestricted }),
  };
}

type PageShape = Awaited<ReturnType<typeof pageSearch>>;

const YearFacet = builder.objectRef<FacetCount<number | null>>('YearFacet').implement({
  description: 'Number of memos of one year (jaar).',
  fields: (t) => ({
    value: t.int({ nullable: true, description: 'The year of the memo date (jaar); null for memos without a date.', resolve: (f) => f.value }),
    count: t.exposeInt('count', { description: 'Number of memos (aantal).' }),
  }),
});

const MemoKindFacet = builder.objectRef<FacetCount<string>>('MemoKindFacet').implement({
  description: 'Number of memos of one kind (soort nota).',
  fields: (t) => ({
    value: t.field({ type: MemoKindEnum, description: 'The kind (soort).', resolve: (f) => f.value as never }),
    count: t.exposeInt('count', { description: 'Number of memos (aantal).' }),
  }),
});

const SenderFacet = builder.objectRef<FacetCount<number | null>>('SenderFacet').implement({
  description: 'Number of memos sent by one organisation itself, not counting the organisations below it (afzender).',
  fields: (t) => ({
    organization: t.field({
      type: Organization,
      nullable: true,
      description: 'The sending organisation (afzender); null for memos without a known sender.',
      resolve: (f, _a, ctx) => (f.value === null ? null : ctx.loaders.organization.load(f.value)),
    }),
    count: t.exposeInt('count', { description: 'Number of memos (aantal).' }),
  }),
});

const PoliticalContextKindFacet = builder.objectRef<FacetCount<string>>('PoliticalContextKindFacet').implement({
  description: 'Number of memos with at least one political context item of a kind (politieke context).',
  fields: (t) => ({
    value: t.field({ type: PoliticalContextKindEnum, description: 'The kind of item (soort).', resolve: (f) => f.value as never }),
    count: t.exposeInt('count', { description: 'Number of memos (aantal).' }),
  }),
});

const TopicFacet = builder.objectRef<FacetCount<string>>('TopicFacet').implement({
  description: 'Number of memos with a topic (onderwerp).',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'Topic code (onderwerp), e.g. "return".' }),
    count: t.exposeInt('count', { description: 'Number of memos (aantal).' }),
  }),
});

const CountryFacet = builder.objectRef<FacetCount<string>>('CountryFacet').implement({
  description: 'Number of memos about a country (land).',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'ISO 3166-1 alpha-2 code (landcode), e.g. "MA".' }),
    country: t.field({ type: Country, nullable: true, description: 'The country (land).', resolve: (f, _a, ctx) => ctx.loaders.country.load(f.value) }),
    count: t.exposeInt('count', { description: 'Number of memos (aantal).' }),
  }),
});

const MemoFacets = builder.objectRef<MemoFacetCounts>('MemoFacets').implement({
  description:
    'Counts of the memos a filter or search selects, per value (facetten). A memo counts once per value it has: facets with several values per memo (political context kinds, topics, countries) can add up to more than total.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Number of memos selected (totaal); equals memos(filter).totalCount.' }),
    years: t.field({ type: [YearFacet], description: 'Per year of the memo date, newest first (jaren).', resolve: (f) => f.years }),
    kinds: t.field({ type: [MemoKindFacet], description: 'Per kind of memo, most frequent first (soorten).', resolve: (f) => f.kinds }),
    senders: t.field({ type: [SenderFacet], description: 'Per sending organisation, most frequent first (afzenders).', resolve: (f) => f.senders }),
    politicalContextKinds: t.field({
      type: [PoliticalContextKindFacet],
      description: 'Per kind of political context item, most frequent first (politieke context).',
      resolve: (f) => f.politicalContextKinds,
    }),
    topics: t.field({ type: [TopicFacet], description: 'Per topic, most frequent first (onderwerpen).', resolve: (f) => f.topics }),
    countries: t.field({ type: [CountryFacet], description: 'Per country, most frequent first (landen).', resolve: (f) => f.countries }),
  }),
});

const MemoSearchConnection = builder.connectionObject(
  {
    type: Memo,
    name: 'MemoSearchConnection',
    description: `A page of search results, best first (zoekresultaten). At most ${SEARCH_RANK_LIMIT} matches (the newest) are ranked and can be paged through.`,
    fields: (t) => ({
      totalCount: t.int({
        description: `Number of memos matching the search, over all pages (totaal); can exceed the ${SEARCH_RANK_LIMIT} that are ranked.`,
        resolve: (c) => (c as unknown as PageShape).totalCount(),
      }),
      facets: t.field({
        type: MemoFacets,
        description: 'Counts of all matching memos per year, kind, sender, political context kind, topic and country (facetten).',
        resolve: (c) => (c as unknown as PageShape).facets(),
      }),
    }),
  },
  {
    name: 'MemoSearchEdge',
    description: 'A memo found by a search, with its score and snippets (zoekresultaat).',
    fields: (t) => ({
      score: t.float({
        description: 'Relevance (relevantie): higher is better; comparable within one search only. Title counts most, then political context, then sections.',
        resolve: (e) => (e as unknown as SearchEdgeShape).score,
      }),
      snippets: t.stringList({
        description:
          'Excerpts with a match (fragmenten): the title, political context and sections that contain the search words. HTML-escaped text; the matched words are wrapped in <mark>…</mark>, so a client can insert them as HTML as they are.',
        resolve: (e) => (e as unknown as SearchEdgeShape).snippets(),
      }),
    }),
  },
);

const QUERY_HELP = `Search words (zoekvraag), at most ${SEARCH_LIMITS.maxLength} characters and ${SEARCH_LIMITS.maxTerms} words: words must all occur (AND), "a phrase" in that order, prefix* for word beginnings, OR (or |) for either, -word or NOT word to exclude, (parentheses) to group. Case and diacritics do not matter.`;

builder.queryFields((t) => ({
  searchMemos: t.field({
    type: MemoSearchConnection,
    description: `Full-text search over titles, sections and political context, best match first (zoeken). At most 100 per page; the ${SEARCH_RANK_LIMIT} newest matches are ranked.`,
    args: {
      query: t.arg.string({ required: true, description: QUERY_HELP }),
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: MemoFilterInput, required: false, description: 'Narrows the search like memos(filter) (filter).' }),
    },
    resolve: async (_root, args, ctx) => {
      const search = searchFor(ctx, args.query, toDbFilter(args.filter));
      return pageSearch(ctx, args, search);
    },
  }),
  memoFacets: t.field({
    type: MemoFacets,
    description: 'Counts of the memos a filter (and optionally a search) selects, per year, kind, sender, political context kind, topic and country (facetten).',
    args: {
      filter: t.arg({ type: MemoFilterInput, required: false, description: 'The same filter as memos(filter) (filter).' }),
      query: t.arg.string({ required: false, description: `Also restrict to memos matching this search (zoekvraag); syntax as in searchMemos.` }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = scopeFilter(ctx, toDbFilter(args.filter));
      if (args.query == null) return memoFacets(ctx.conn.db, filter, null);
      const search = searchFor(ctx, args.query, filter);
      return memoFacets(ctx.conn.db, filter, { query: search.query, includeRestricted: search.includeRestricted });
    },
  }),
}));

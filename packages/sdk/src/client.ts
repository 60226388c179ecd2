// The hand-written face of the SDK: resource groups over the generated typed documents. Adding an
// operation is a .graphql file under operations/, `npm run codegen`, and a method here.
import {
  ArchiveMemoDocument,
  AuditLogDocument,
  CreateMemoDocument,
  ImportMemoTextDocument,
  PublishMemoDocument,
  SetMemoStatisticsDocument,
  UpdateMemoDocument,
  UpsertStatisticSeriesDocument,
  MemoDiwooDocument,
  MemoFacetsDocument,
  SearchMemosDocument,
  MemoDiwooExportDocument,
  MemoDocument,
  MemoExportDocument,
  MemosDocument,
  NodeDocument,
  NodesDocument,
  OrganizationByCodeDocument,
  OrganizationDocument,
  OrganizationsDocument,
  StatisticSeriesByCodeDocument,
  StatisticSeriesDocument,
  StatisticSeriesListDocument,
  StatisticSeriesMemosDocument,
  type ArchiveMemoMutation,
  type AuditLogFilter,
  type AuditLogQuery,
  type CreateMemoInput,
  type CreateMemoMutation,
  type ImportMemoTextInput,
  type ImportMemoTextMutation,
  type MemoVersionInput,
  type PublishMemoMutation,
  type SetMemoStatisticsInput,
  type SetMemoStatisticsMutation,
  type UpdateMemoInput,
  type UpdateMemoMutation,
  type UpsertStatisticSeriesInput,
  type UpsertStatisticSeriesMutation,
  type MemoDiwooExportQuery,
  type MemoDiwooQuery,
  type MemoExportQuery,
  type MemoFilter,
  type MemoOrder,
  type MemoQuery,
  type MemosQuery,
  type NodesQuery,
  type OrganizationFilter,
  type OrganizationQuery,
  type OrganizationsQuery,
  type SeriesMemoOrder,
  type StatisticSeriesFilter,
  type StatisticSeriesListQuery,
  type StatisticSeriesQuery,
  type MemoFacetsQuery,
  type SearchMemosQuery,
} from './generated/graphql.js';
import { DEFAULT_RETRY, execute, type CredentialInput, type FetchLike, type HeadersInput, type RequestOptions, type RetryOptions, type TransportConfig } from './transport.js';

/** Carries a document's result and variables types (what typed-document-node and codegen produce). */
export interface DocumentTypeDecoration<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
}

/** A parsed GraphQL document (graphql-js DocumentNode), structurally. */
export interface DocumentNodeLike {
  readonly kind: 'Document' | string;
  readonly definitions: ReadonlyArray<unknown>;
  readonly loc?: { readonly source: { readonly body: string } } | undefined;
}

/** A document the client can send: a string, a TypedDocumentString, or a DocumentNode. */
export type DocumentInput<TResult = unknown, TVariables = Record<string, unknown>> =
  | (string & DocumentTypeDecoration<TResult, TVariables>)
  // codegen's TypedDocumentString extends the String object type, so the wrapper type is meant here.
  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
  | (String & DocumentTypeDecoration<TResult, TVariables>)
  | (DocumentNodeLike & DocumentTypeDecoration<TResult, TVariables>);

/** Variables and options, with the variables optional when the operation requires none. */
export type RequestArgs<TVariables> = Record<string, never> extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : [variables: TVariables, options?: RequestOptions];

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. "http://localhost:4000/graphql". */
  url: string | URL;
  /** Bearer token (JWT), or a function that returns a fresh one for every request. */
  token?: CredentialInput;
  /** API key, sent as X-Api-Key. Use either token or apiKey. */
  apiKey?: CredentialInput;
  /** Headers sent with every request. */
  headers?: HeadersInput;
  /** A fetch implementation; default the global fetch (Node >= 20, browsers). */
  fetch?: FetchLike;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Retries for queries on network errors, 429, 502, 503 and 504; `false` disables (default 3 retries). */
  retry?: RetryOptions | false;
  /** Prints a DocumentNode that has no source text (e.g. graphql-js `print`); only needed for such documents. */
  print?: (document: DocumentNodeLike) => string;
}

/** A full memo, as `memos.get` returns it. */
export type Memo = NonNullable<MemoQuery['memo']>;
/** A page of memo summaries (a MemoConnection). */
export type MemoPage = MemosQuery['memos'];
/** A memo as lists return it. */
export type MemoSummary = MemoPage['edges'][number]['node'];
/** A memo's main metadata as `export.memos` yields it (one CSV row's worth). */
export type MemoExportRow = MemoExportQuery['memos']['edges'][number]['node'];
/** A memo's DiWoo metadata record with its id, reference and last change, as `export.diwoo` yields it. */
export type MemoDiwooRecord = MemoDiwooExportQuery['memos']['edges'][number]['node'];
/** A memo's metadata shaped after KOOP's DiWoo standard. */
export type DiwooMetadata = NonNullable<MemoDiwooQuery['memo']>['diwoo'];
/** An organisation with its parent chain, as `organizations.get` returns it. */
export type Organization = Extract<NonNullable<OrganizationQuery['node']>, { __typename: 'Organization' }>;
/** A page of organisations. */
export type OrganizationPage = OrganizationsQuery['organizations'];
/** An organisation as lists return it (with its direct parent). */
export type OrganizationSummary = OrganizationPage['edges'][number]['node'];
/** A statistical series with its observations, as `statistics.get` returns it. */
export type StatisticSeries = Extract<NonNullable<StatisticSeriesQuery['node']>, { __typename: 'StatisticSeries' }>;
/** One figure of a series. */
export type Observation = StatisticSeries['observations'][number];
/** A page of statistical series. */
export type StatisticSeriesPage = StatisticSeriesListQuery['statisticSeries'];
/** A series as lists return it (without observations). */
export type StatisticSeriesSummary = StatisticSeriesPage['edges'][number]['node'];
/** Any object by its global id: its type name, id and identifying fields. */
export type NodeSummary = NonNullable<NodesQuery['nodes'][number]>;

/** A page of the audit log. */
export type AuditLogPage = AuditLogQuery['auditLog'];
/** One change recorded in the audit log. */
export type AuditEntry = AuditLogPage['edges'][number]['node'];
/** Result unions of the mutations: the success type or one of the errors a caller is expected to handle. */
export type CreateMemoResult = CreateMemoMutation['createMemo'];
export type UpdateMemoResult = UpdateMemoMutation['updateMemo'];
export type PublishMemoResult = PublishMemoMutation['publishMemo'];
export type ArchiveMemoResult = ArchiveMemoMutation['archiveMemo'];
export type SetMemoStatisticsResult = SetMemoStatisticsMutation['setMemoStatistics'];
export type ImportMemoTextResult = ImportMemoTextMutation['importMemoText'];
export type UpsertStatisticSeriesResult = UpsertStatisticSeriesMutation['upsertStatisticSeries'];

/** One page of search hits, best first: each with score, snippets (<mark>…</mark>) and the memo. */
export type MemoSearchPage = SearchMemosQuery['searchMemos'];
/** One hit of a search. */
export type MemoSearchHit = MemoSearchPage['edges'][number];
/** Counts per year, kind, sender, political context kind, topic and country. */
export type MemoFacetCounts = MemoFacetsQuery['memoFacets'];

export interface SearchArgs extends PageArgs {
  /** Web-search style: words (AND), "phrases", prefix*, OR, -word / NOT word, (groups). */
  query: string;
  filter?: MemoFilter;
  /** Also return the facets of all hits (one more round of counting on the server). */
  withFacets?: boolean;
}

export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}
export interface MemoListArgs extends PageArgs {
  filter?: MemoFilter;
  orderBy?: MemoOrder;
}
/** What `onPage` learns about each page of a pull, before its memos are yielded. */
export interface PullProgress {
  /** Memos matching the filter over all pages (of the snapshot, for pulls by update time). */
  totalCount: number;
  /** With orderBy UPDATED_AT ASC: the moment the pull sees the register at; pass it as `updatedSince` next time. Null otherwise. */
  snapshotAt: string | null;
  /** Memos in this page. */
  pageSize: number;
  /** Whether more pages follow. */
  hasNextPage: boolean;
}
export interface MemoIterateArgs {
  filter?: MemoFilter;
  orderBy?: MemoOrder;
  /** Memos fetched per request, 1..100 (default 100). */
  pageSize?: number;
  /** Called with every page as it arrives (progress, totalCount, snapshotAt). */
  onPage?: (progress: PullProgress) => void;
}
export type MemoLookup = { id: string; reference?: never } | { reference: string; id?: never };
export type OrganizationLookup = { id: string; code?: never } | { code: string; id?: never };
export type StatisticSeriesLookup = ({ id: string; code?: never } | { code: string; id?: never }) & {
  /** Only observations overlapping this period: YYYY, YYYY-MM or YYYY-MM-DD. */
  from?: string;
  to?: string;
};

interface Connection<T> {
  totalCount: number;
  snapshotAt?: string | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ReadonlyArray<{ node: T }>;
}

/** Follows `endCursor` from page to page and yields every edge; one page is held at a time. */
async function* paginateEdges<E, P extends { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: ReadonlyArray<E> }>(
  fetchPage: (after: string | undefined) => Promise<P>,
  onPage?: (page: P) => void,
): AsyncGenerator<E, void, undefined> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    onPage?.(page);
    yield* page.edges;
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null || page.edges.length === 0) return;
    after = page.pageInfo.endCursor;
  }
}

/** The same, yielding nodes and reporting each page's progress (totalCount, snapshotAt). */
async function* paginate<T>(fetchPage: (after: string | undefined) => Promise<Connection<T>>, onPage?: (progress: PullProgress) => void): AsyncGenerator<T, void, undefined> {
  const report = onPage && ((page: Connection<T>) => onPage({ totalCount: page.totalCount, snapshotAt: page.snapshotAt ?? null, pageSize: page.edges.length, hasNextPage: page.pageInfo.hasNextPage }));
  for await (const edge of paginateEdges<{ node: T }, Connection<T>>(fetchPage, report)) yield edge.node;
}

function pullVariables(args: MemoIterateArgs, after: string | undefined): { after?: string; filter?: MemoFilter; orderBy?: MemoOrder } {
  return { ...(after === undefined ? {} : { after }), ...(args.filter ? { filter: args.filter } : {}), ...(args.orderBy ? { orderBy: args.orderBy } : {}) };
}

function pageSizeOf(pageSize: number | undefined): number {
  const size = pageSize ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw new RangeError(`pageSize must be an integer from 1 to 100, got ${size}`);
  return size;
}

/** Creates a Notabene client. */
export function createClient(options: ClientOptions) {
  const config: TransportConfig = {
    url: String(options.url),
    token: options.token,
    apiKey: options.apiKey,
    headers: options.headers,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry },
  };
  const print = options.print;

  function textOf(document: DocumentInput<unknown, never>): string {
    if (typeof document === 'string' || document instanceof String) return String(document);
    if (document.loc?.source.body) return document.loc.source.body;
    if (print) return print(document);
    throw new TypeError('This DocumentNode has no source text: pass `print` (from graphql) to createClient, or send the document as a string.');
  }

  /** Runs any operation; result and variables types come from the document. */
  function request<TResult, TVariables>(document: DocumentInput<TResult, TVariables>, ...[variables, requestOptions]: RequestArgs<TVariables>): Promise<TResult> {
    return execute(config, textOf(document as DocumentInput<unknown, never>), variables, requestOptions) as Promise<TResult>;
  }

  const memos = {
    /** One memo by global id or by reference (kenmerk); null when there is none. */
    async get(lookup: MemoLookup, requestOptions?: RequestOptions): Promise<Memo | null> {
      const data = await request(MemoDocument, 'id' in lookup && lookup.id !== undefined ? { id: lookup.id } : { reference: lookup.reference! }, requestOptions);
      return data.memo;
    },
    /** One page of memos (at most 100), with totalCount and the cursors to go on. */
    async list(args: MemoListArgs = {}, requestOptions?: RequestOptions): Promise<MemoPage> {
      return (await request(MemosDocument, args, requestOptions)).memos;
    },
    /** Every memo matching the filter, fetched page by page as the loop asks for them. */
    iterate(args: MemoIterateArgs = {}, requestOptions?: RequestOptions): AsyncGenerator<MemoSummary, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      return paginate((after) => memos.list({ first, ...pullVariables(args, after) }, requestOptions), args.onPage);
    },
    /** A memo's metadata shaped after the DiWoo standard; null when there is no such memo. */
    async diwoo(lookup: MemoLookup, requestOptions?: RequestOptions): Promise<DiwooMetadata | null> {
      const data = await request(MemoDiwooDocument, 'id' in lookup && lookup.id !== undefined ? { id: lookup.id } : { reference: lookup.reference! }, requestOptions);
      return data.memo?.diwoo ?? null;
    },
    // Writes (editor role). Never retried; expected failures come back as the result union.
    /** Creates a memo (a draft unless `status` says otherwise). */
    async create(input: CreateMemoInput, requestOptions?: RequestOptions): Promise<CreateMemoResult> {
      return (await request(CreateMemoDocument, { input }, requestOptions)).createMemo;
    },
    /** Changes a memo if it is still at `expectedVersion`; a VersionConflictError result otherwise. */
    async update(input: UpdateMemoInput, requestOptions?: RequestOptions): Promise<UpdateMemoResult> {
      return (await request(UpdateMemoDocument, { input }, requestOptions)).updateMemo;
    },
    /** Publishes a memo under the Woo. */
    async publish(input: MemoVersionInput, requestOptions?: RequestOptions): Promise<PublishMemoResult> {
      return (await request(PublishMemoDocument, { input }, requestOptions)).publishMemo;
    },
    /** Archives a memo: invisible to the public. */
    async archive(input: MemoVersionInput, requestOptions?: RequestOptions): Promise<ArchiveMemoResult> {
      return (await request(ArchiveMemoDocument, { input }, requestOptions)).archiveMemo;
    },
    /** Replaces the series a memo cites. */
    async setStatistics(input: SetMemoStatisticsInput, requestOptions?: RequestOptions): Promise<SetMemoStatisticsResult> {
      return (await request(SetMemoStatisticsDocument, { input }, requestOptions)).setMemoStatistics;
    },
    /** Reads a memo text into the register (or only previews it with `dryRun`). */
    async importText(input: ImportMemoTextInput, requestOptions?: RequestOptions): Promise<ImportMemoTextResult> {
      return (await request(ImportMemoTextDocument, { input }, requestOptions)).importMemoText;
    },
  };

  const organizations = {
    /** One organisation with its parent chain, by global id or by code or alias; null when there is none. */
    async get(lookup: OrganizationLookup, requestOptions?: RequestOptions): Promise<Organization | null> {
      if (lookup.id === undefined) return (await request(OrganizationByCodeDocument, { code: lookup.code! }, requestOptions)).organization;
      const { node } = await request(OrganizationDocument, { id: lookup.id }, requestOptions);
      return node?.__typename === 'Organization' ? node : null;
    },
    /** One page of the organisation register, ordered by code. */
    async list(args: PageArgs & { filter?: OrganizationFilter } = {}, requestOptions?: RequestOptions): Promise<OrganizationPage> {
      return (await request(OrganizationsDocument, args, requestOptions)).organizations;
    },
    /** Every organisation matching the filter. */
    iterate(args: { filter?: OrganizationFilter; pageSize?: number } = {}, requestOptions?: RequestOptions): AsyncGenerator<OrganizationSummary, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      return paginate((after) => organizations.list({ first, ...(after === undefined ? {} : { after }), ...(args.filter ? { filter: args.filter } : {}) }, requestOptions));
    },
  };

  const statistics = {
    /** One series with its observations (optionally only from..to), by global id or code; null when there is none. */
    async get(lookup: StatisticSeriesLookup, requestOptions?: RequestOptions): Promise<StatisticSeries | null> {
      const period = { ...(lookup.from === undefined ? {} : { from: lookup.from }), ...(lookup.to === undefined ? {} : { to: lookup.to }) };
      if (lookup.id !== undefined) {
        const { node } = await request(StatisticSeriesDocument, { id: lookup.id, ...period }, requestOptions);
        return node?.__typename === 'StatisticSeries' ? node : null;
      }
      const data = await request(StatisticSeriesByCodeDocument, { code: lookup.code!, ...period }, requestOptions);
      return data.statisticSeriesByCode ? { __typename: 'StatisticSeries', ...data.statisticSeriesByCode } : null;
    },
    /** One page of series, ordered by code (without observations). */
    async list(args: PageArgs & { filter?: StatisticSeriesFilter } = {}, requestOptions?: RequestOptions): Promise<StatisticSeriesPage> {
      return (await request(StatisticSeriesListDocument, args, requestOptions)).statisticSeries;
    },
    /** Every series matching the filter. */
    iterate(args: { filter?: StatisticSeriesFilter; pageSize?: number } = {}, requestOptions?: RequestOptions): AsyncGenerator<StatisticSeriesSummary, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      return paginate((after) => statistics.list({ first, ...(after === undefined ? {} : { after }), ...(args.filter ? { filter: args.filter } : {}) }, requestOptions));
    },
    /** Creates or updates a series by code, with figures added or replaced by period (editor role). */
    async upsert(input: UpsertStatisticSeriesInput, requestOptions?: RequestOptions): Promise<UpsertStatisticSeriesResult> {
      return (await request(UpsertStatisticSeriesDocument, { input }, requestOptions)).upsertStatisticSeries;
    },
    /** One page of the memos citing a series; null when the series does not exist. */
    async memos(args: PageArgs & { id: string; orderBy?: SeriesMemoOrder }, requestOptions?: RequestOptions): Promise<MemoPage | null> {
      const { node } = await request(StatisticSeriesMemosDocument, args, requestOptions);
      return node?.__typename === 'StatisticSeries' ? node.memos : null;
    },
  };

  const nodes = {
    /** Any object by its global id; null when there is none. */
    async get(id: string, requestOptions?: RequestOptions): Promise<NodeSummary | null> {
      return (await request(NodeDocument, { id }, requestOptions)).node;
    },
    /** Objects by their global ids, in the order asked; null where not found. */
    async getMany(ids: ReadonlyArray<string>, requestOptions?: RequestOptions): Promise<Array<NodeSummary | null>> {
      return (await request(NodesDocument, { ids: [...ids] }, requestOptions)).nodes;
    },
  };

  const audit = {
    /** One page of the audit log, newest first (admin role). */
    async list(args: PageArgs & { filter?: AuditLogFilter } = {}, requestOptions?: RequestOptions): Promise<AuditLogPage> {
      return (await request(AuditLogDocument, args, requestOptions)).auditLog;
    },
    /** Every audit entry matching the filter. */
    iterate(args: { filter?: AuditLogFilter; pageSize?: number } = {}, requestOptions?: RequestOptions): AsyncGenerator<AuditEntry, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      return paginate((after) => audit.list({ first, ...(after === undefined ? {} : { after }), ...(args.filter ? { filter: args.filter } : {}) }, requestOptions));
    },
  };

  const exports = {
    /**
     * Every memo matching the filter with its main metadata, page by page as the loop asks (one page
     * in memory at a time). Default order UPDATED_AT ASC: a snapshot pull whose `snapshotAt`
     * (see `onPage`) is the `updatedSince` of the next one.
     */
    memos(args: MemoIterateArgs = {}, requestOptions?: RequestOptions): AsyncGenerator<MemoExportRow, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      const pull = { ...args, orderBy: args.orderBy ?? { field: 'UPDATED_AT', direction: 'ASC' } } satisfies MemoIterateArgs;
      return paginate(async (after) => (await request(MemoExportDocument, { first, ...pullVariables(pull, after) }, requestOptions)).memos, args.onPage);
    },
    /** The same pull, yielding each memo's DiWoo metadata record (for publication platforms). */
    diwoo(args: MemoIterateArgs = {}, requestOptions?: RequestOptions): AsyncGenerator<MemoDiwooRecord, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      const pull = { ...args, orderBy: args.orderBy ?? { field: 'UPDATED_AT', direction: 'ASC' } } satisfies MemoIterateArgs;
      return paginate(async (after) => (await request(MemoDiwooExportDocument, { first, ...pullVariables(pull, after) }, requestOptions)).memos, args.onPage);
    },
  };

  const search = {
    /** One page of ranked hits (at most 100); BAD_USER_INPUT (ValidationError) for malformed search syntax. */
    async memos(args: SearchArgs, requestOptions?: RequestOptions): Promise<MemoSearchPage> {
      return (await request(SearchMemosDocument, args, requestOptions)).searchMemos;
    },
    /** Every hit, best first, page by page as the loop asks (the server ranks the first 1000 matches). */
    iterate(args: { query: string; filter?: MemoFilter; pageSize?: number }, requestOptions?: RequestOptions): AsyncGenerator<MemoSearchHit, void, undefined> {
      const first = pageSizeOf(args.pageSize);
      return paginateEdges((after) =>
        search.memos({ query: args.query, first, ...(after === undefined ? {} : { after }), ...(args.filter ? { filter: args.filter } : {}) }, requestOptions),
      );
    },
    /** Counts per year, kind, sender, political context kind, topic and country for a filter (and optional search). */
    async facets(args: { filter?: MemoFilter; query?: string } = {}, requestOptions?: RequestOptions): Promise<MemoFacetCounts> {
      return (await request(MemoFacetsDocument, args, requestOptions)).memoFacets;
    },
  };

  return { request, memos, organizations, statistics, nodes, audit, search, export: exports };
}

/** A client as `createClient` returns it. */
export type NotabeneClient = ReturnType<typeof createClient>;
export type { RequestOptions, RetryOptions, FetchLike, HeadersInput, CredentialInput };

// @notabene/sdk: a typed client for the Notabene GraphQL API.
export { createClient } from './client.js';
export type {
  ClientOptions,
  DocumentInput,
  DocumentNodeLike,
  DocumentTypeDecoration,
  Memo,
  MemoIterateArgs,
  MemoListArgs,
  MemoLookup,
  MemoPage,
  MemoSummary,
  NodeSummary,
  NotabeneClient,
  Observation,
  Organization,
  OrganizationLookup,
  OrganizationPage,
  OrganizationSummary,
  PageArgs,
  RequestArgs,
  StatisticSeries,
  StatisticSeriesLookup,
  StatisticSeriesPage,
  StatisticSeriesSummary,
} from './client.js';
export type { CredentialInput, FetchLike, HeadersInput, RequestOptions, RetryOptions } from './transport.js';
export {
  AbortedError,
  AuthenticationError,
  ForbiddenError,
  GraphQLRequestError,
  NetworkError,
  NotabeneError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  ValidationError,
  type GraphQLErrorEntry,
} from './errors.js';
// The typed documents (e.g. MemoDocument) and the schema's input and enum types (MemoFilter, MemoKind, ...).
export * from './generated/graphql.js';

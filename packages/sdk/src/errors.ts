// Every failure the client reports is a NotabeneError; callers branch on the class or on `code`.
// Errors a mutation can expect (e.g. a version conflict) are not thrown: they come back as the result
// union the schema declares.

/** One entry of a GraphQL response's `errors` array. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: { code?: string; correlationId?: string; [key: string]: unknown };
}

export interface NotabeneErrorDetails {
  code: string;
  status?: number | undefined;
  path?: ReadonlyArray<string | number> | undefined;
  operationName?: string | undefined;
  cause?: unknown;
}

/** Base class of every error the SDK throws. */
export class NotabeneError extends Error {
  /** Machine-readable code: the GraphQL `extensions.code`, or NETWORK_ERROR, TIMEOUT, ABORTED, UNEXPECTED_RESPONSE. */
  readonly code: string;
  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** Path of the field that failed, when the server named one. */
  readonly path: ReadonlyArray<string | number> | undefined;
  /** Name of the operation that failed. */
  readonly operationName: string | undefined;

  constructor(message: string, details: NotabeneErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code;
    this.status = details.status;
    this.path = details.path;
    this.operationName = details.operationName;
  }
}

/** The server could not be reached or did not answer in time (after the retries allowed). */
export class NetworkError extends NotabeneError {
  /** How many attempts were made. */
  readonly attempts: number;
  constructor(message: string, details: NotabeneErrorDetails & { attempts: number }) {
    super(message, details);
    this.attempts = details.attempts;
  }
}

/** The caller aborted the request through its AbortSignal. */
export class AbortedError extends NotabeneError {}

/** The server answered with something that is not a GraphQL response. */
export class UnexpectedResponseError extends NotabeneError {}

/** The server answered with GraphQL errors. `errors` holds all of them; `code`/`path` are the first's. */
export class GraphQLRequestError extends NotabeneError {
  readonly errors: ReadonlyArray<GraphQLErrorEntry>;
  /** Partial data the server returned beside the errors, if any. */
  readonly data: unknown;
  /** Server-side correlation id (INTERNAL_SERVER_ERROR), to quote when reporting a problem. */
  readonly correlationId: string | undefined;

  constructor(message: string, details: NotabeneErrorDetails & { errors: ReadonlyArray<GraphQLErrorEntry>; data?: unknown }) {
    super(message, details);
    this.errors = details.errors;
    this.data = details.data ?? null;
    const correlationId = details.errors.find((e) => typeof e.extensions?.correlationId === 'string')?.extensions?.correlationId;
    this.correlationId = correlationId;
  }
}

/** The request is wrong: bad argument (BAD_USER_INPUT), invalid or unparsable document, malformed or oversize body. */
export class ValidationError extends GraphQLRequestError {}

/** No or invalid credentials (UNAUTHENTICATED). */
export class AuthenticationError extends GraphQLRequestError {}

/** The credentials do not allow this (FORBIDDEN). */
export class ForbiddenError extends GraphQLRequestError {}

/** Too many requests (HTTP 429 / RATE_LIMITED); `retryAfterMs` says when to try again, when the server said. */
export class RateLimitError extends GraphQLRequestError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: NotabeneErrorDetails & { errors: ReadonlyArray<GraphQLErrorEntry>; data?: unknown; retryAfterMs: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The server failed (INTERNAL_SERVER_ERROR or HTTP 5xx); quote `correlationId` when reporting it. */
export class ServerError extends GraphQLRequestError {}

const VALIDATION_CODES = new Set(['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'OPERATION_RESOLUTION_FAILURE']);

/** Builds the error class that fits a response's GraphQL errors and HTTP status. */
export function errorFromResponse(input: {
  errors: ReadonlyArray<GraphQLErrorEntry>;
  status: number;
  data?: unknown;
  operationName?: string | undefined;
  retryAfterMs?: number | undefined;
}): GraphQLRequestError {
  const first = input.errors[0];
  const code = first?.extensions?.code ?? (input.status === 429 ? 'RATE_LIMITED' : input.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNKNOWN');
  const message = first?.message ?? `HTTP ${input.status}`;
  const details = { code, status: input.status, path: first?.path, operationName: input.operationName, errors: input.errors, data: input.data };
  if (code === 'RATE_LIMITED' || input.status === 429) return new RateLimitError(message, { ...details, retryAfterMs: input.retryAfterMs });
  if (code === 'UNAUTHENTICATED') return new AuthenticationError(message, details);
  if (code === 'FORBIDDEN') return new ForbiddenError(message, details);
  if (VALIDATION_CODES.has(code)) return new ValidationError(message, details);
  if (code === 'INTERNAL_SERVER_ERROR' || input.status >= 500) return new ServerError(message, details);
  return new GraphQLRequestError(message, details);
}

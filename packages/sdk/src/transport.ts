// One GraphQL request over HTTP POST with a per-attempt timeout, the caller's AbortSignal, and retries
// with backoff for queries only (a mutation may have taken effect before the connection dropped).
import type { NotabeneError} from './errors.js';
import { AbortedError, errorFromResponse, NetworkError, UnexpectedResponseError, type GraphQLErrorEntry } from './errors.js';

/** The part of `fetch` the client uses; the global `fetch` fits. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff delay in ms, doubled each retry, with jitter (default 300). */
  minDelayMs?: number;
  /** Longest backoff delay in ms (default 5000). */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown at once (default 30000). */
  maxRetryAfterMs?: number;
}

export interface RequestOptions {
  /** Cancels the request, including retries and backoff waits. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms; overrides the client's. */
  timeoutMs?: number;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
  /** Retry policy for this request (queries only); `false` disables. */
  retry?: RetryOptions | false;
  /** Selects the operation when the document holds several. */
  operationName?: string;
}

export type HeadersInput = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
export type CredentialInput = string | (() => string | Promise<string>);

export interface TransportConfig {
  url: string;
  token?: CredentialInput | undefined;
  apiKey?: CredentialInput | undefined;
  headers?: HeadersInput | undefined;
  fetch?: FetchLike | undefined;
  timeoutMs: number;
  retry: Required<RetryOptions> | false;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 3, minDelayMs: 300, maxDelayMs: 5000, maxRetryAfterMs: 30_000 };
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

type OperationKind = 'query' | 'mutation' | 'subscription';

/** Kind and name of the operation a document runs, read without a GraphQL parser. */
export function describeOperation(text: string, operationName?: string): { kind: OperationKind; name: string | undefined } {
  const operations: { kind: OperationKind; name: string | undefined }[] = [];
  let depth = 0;
  // After `query Name(...)` or `fragment F on T`, the next top-level `{` is that definition's body.
  let expectBody = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '"') {
      const block = text.startsWith('"""', i);
      const end = block ? text.indexOf('"""', i + 3) : findStringEnd(text, i + 1);
      i = end < 0 ? text.length : end + (block ? 3 : 1);
      continue;
    }
    if (ch === '{' || ch === '(' || ch === '[') {
      if (depth === 0 && ch === '{') {
        if (!expectBody) operations.push({ kind: 'query', name: undefined });
        expectBody = false;
      }
      depth++;
    } else if (ch === '}' || ch === ')' || ch === ']') {
      depth--;
    } else if (depth === 0 && /[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      if (word === 'query' || word === 'mutation' || word === 'subscription') {
        const name = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i + word.length))?.[1];
        operations.push({ kind: word, name });
        expectBody = true;
      } else if (word === 'fragment') {
        expectBody = true;
      }
      i += word.length;
      continue;
    }
    i++;
  }
  const chosen = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name === operationName);
  // When unsure, say mutation: it is never retried.
  return chosen ?? { kind: 'mutation', name: operationName };
}

function findStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number, retry: Required<RetryOptions>): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.minDelayMs * 2 ** attempt);
  // "Equal jitter": at least half the delay, so retries of many clients spread without collapsing to 0.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function resolveValue<T>(value: T | (() => T | Promise<T>) | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : value;
}

class Retryable {
  constructor(
    readonly error: NotabeneError,
    readonly retryAfterMs: number | undefined,
  ) {}
}

/** Sends one operation; returns its `data` or throws a NotabeneError. */
export async function execute(config: TransportConfig, query: string, variables: unknown, options: RequestOptions = {}): Promise<unknown> {
  const operation = describeOperation(query, options.operationName);
  const retry = options.retry === false ? false : options.retry ? { ...(config.retry || DEFAULT_RETRY), ...options.retry } : config.retry;
  const maxAttempts = operation.kind === 'query' && retry ? retry.retries + 1 : 1;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const signal = options.signal;

  const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json', ...(await resolveValue(config.headers)) };
  const token = await resolveValue(config.token);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const apiKey = await resolveValue(config.apiKey);
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  Object.assign(headers, options.headers);
  // Apollo's CSRF prevention accepts a JSON POST without any further header.
  headers['content-type'] = 'application/json';
  const body = JSON.stringify({ query, variables: variables ?? {}, ...(operation.name ? { operationName: operation.name } : {}) });

  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(config, body, headers, timeoutMs, signal, operation.name, attempt);
    if (!(outcome instanceof Retryable)) return outcome;
    const { error, retryAfterMs } = outcome;
    if (attempt >= maxAttempts || !retry) throw error;
    if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) throw error;
    try {
      await sleep(retryAfterMs ?? backoff(attempt - 1, retry), signal);
    } catch (reason) {
      throw new AbortedError('Request aborted', { code: 'ABORTED', operationName: operation.name, cause: reason });
    }
  }
}

async function attemptOnce(
  config: TransportConfig,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  operationName: string | undefined,
  attempt: number,
): Promise<unknown> {
  if (signal?.aborted) throw new AbortedError('Request aborted', { code: 'ABORTED', operationName, cause: signal.reason });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const doFetch = config.fetch ?? (globalThis.fetch as unknown as FetchLike);
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const res = await doFetch(config.url, { method: 'POST', headers, body, signal: controller.signal });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    text = await res.text();
  } catch (cause) {
    if (signal?.aborted) throw new AbortedError('Request aborted', { code: 'ABORTED', operationName, cause: signal.reason });
    const code = timedOut ? 'TIMEOUT' : 'NETWORK_ERROR';
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : describeCause(cause);
    return new Retryable(new NetworkError(`Notabene at ${config.url} unreachable: ${reason} (attempt ${attempt})`, { code, operationName, cause, attempts: attempt }), undefined);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }

  let payload: { data?: unknown; errors?: GraphQLErrorEntry[] } | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') payload = parsed as typeof payload;
  } catch {
    payload = undefined;
  }
  const retryAfterMs = parseRetryAfter(retryAfter);
  const hasErrors = Array.isArray(payload?.errors) && payload.errors.length > 0;
  if (payload === undefined || (!hasErrors && (status < 200 || status >= 300 || payload.data == null))) {
    const message = `Unexpected response from Notabene (HTTP ${status}): ${text.slice(0, 200)}`;
    const error = status >= 500 || status === 429
      ? errorFromResponse({ errors: [], status, operationName, retryAfterMs })
      : new UnexpectedResponseError(message, { code: 'UNEXPECTED_RESPONSE', status, operationName });
    if (RETRYABLE_STATUS.has(status)) return new Retryable(error, retryAfterMs);
    throw error;
  }
  if (hasErrors) {
    const error = errorFromResponse({ errors: payload.errors!, status, data: payload.data, operationName, retryAfterMs });
    if (RETRYABLE_STATUS.has(status) || error.code === 'RATE_LIMITED') return new Retryable(error, retryAfterMs);
    throw error;
  }
  return payload.data;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const code = inner && typeof inner === 'object' && 'code' in inner ? String((inner as { code: unknown }).code) : undefined;
    return code ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}

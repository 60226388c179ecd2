// Retry, timeout, abort and error mapping, with an injected fetch standing in for the network (the
// server process suites in test/ cover the real thing; a server that answers 429 or 503 on cue does not exist).
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { AbortedError, AuthenticationError, ForbiddenError, NetworkError, RateLimitError, ServerError, UnexpectedResponseError, ValidationError } from './errors.js';
import { describeOperation, parseRetryAfter, type FetchLike } from './transport.js';

type Reply = { status: number; body: unknown; headers?: Record<string, string> } | Error;

function fakeFetch(replies: Reply[]) {
  const calls: { url: string; headers: Record<string, string>; body: { query: string; variables: unknown; operationName?: string } }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers, body: JSON.parse(init.body) });
    const reply = replies.shift() ?? new Error('no more replies');
    if (reply instanceof Error) throw reply;
    const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: reply.status, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: async () => (typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)) };
  };
  return { fetch, calls };
}

const MEMO = { memo: null };
const FAST = { retries: 3, minDelayMs: 1, maxDelayMs: 2 };

describe('requests', () => {
  it('POSTs JSON with the operation name, bearer token, API key and headers', async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, body: { data: MEMO } }]);
    const client = createClient({ url: 'http://x/graphql', fetch, token: async () => 'jwt', apiKey: 'k', headers: { 'x-trace': '1' } });
    expect(await client.memos.get({ reference: 'R' })).toBeNull();
    expect(calls[0]!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer jwt', 'x-api-key': 'k', 'x-trace': '1' });
    expect(calls[0]!.body).toMatchObject({ operationName: 'Memo', variables: { reference: 'R' } });
    expect(calls[0]!.body.query).toMatch(/^\s*query Memo\(/);
    expect(calls[0]!.body.query).toMatch(/fragment MemoFull on Memo/);
  });
});

describe('retries', () => {
  it('retries a query after network errors and 503, then succeeds', async () => {
    const { fetch, calls } = fakeFetch([new TypeError('fetch failed'), { status: 503, body: 'busy' }, { status: 200, body: { data: MEMO } }]);
    const client = createClient({ url: 'http://x', fetch, retry: FAST });
    expect(await client.memos.get({ reference: 'R' })).toBeNull();
    expect(calls).toHaveLength(3);
  });

  it('waits as long as Retry-After says on 429', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 429, body: { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }, headers: { 'Retry-After': '0.2' } },
      { status: 200, body: { data: MEMO } },
    ]);
    const client = createClient({ url: 'http://x', fetch, retry: FAST });
    const started = Date.now();
    await client.memos.get({ reference: 'R' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(calls).toHaveLength(2);
  });

  it('gives up with a RateLimitError carrying retryAfterMs when Retry-After is too long', async () => {
    const { fetch, calls } = fakeFetch([{ status: 429, body: { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }, headers: { 'retry-after': '120' } }]);
    const client = createClient({ url: 'http://x', fetch, retry: FAST });
    const error = (await client.memos.list().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('throws a NetworkError after the last retry', async () => {
    const { fetch, calls } = fakeFetch([new TypeError('fetch failed'), new TypeError('fetch failed'), new TypeError('fetch failed')]);
    const client = createClient({ url: 'http://x', fetch, retry: { ...FAST, retries: 2 } });
    const error = (await client.memos.list().catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.attempts).toBe(3);
    expect(calls).toHaveLength(3);
  });

  it('never retries a mutation', async () => {
    const { fetch, calls } = fakeFetch([new TypeError('fetch failed'), { status: 200, body: { data: {} } }]);
    const client = createClient({ url: 'http://x', fetch, retry: FAST });
    await expect(client.request('mutation M { archiveMemo(id: "1") { __typename } }')).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(1);
  });

  it('does not retry with retry: false', async () => {
    const { fetch, calls } = fakeFetch([new TypeError('fetch failed')]);
    const client = createClient({ url: 'http://x', fetch, retry: false });
    await expect(client.memos.list()).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(1);
  });
});

describe('timeout and abort', () => {
  const hanging: FetchLike = (_url, init) =>
    new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason ?? new Error('aborted'))));

  it('times out each attempt and reports TIMEOUT', async () => {
    const client = createClient({ url: 'http://x', fetch: hanging, timeoutMs: 20, retry: { ...FAST, retries: 1 } });
    const error = (await client.memos.list().catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('TIMEOUT');
    expect(error.attempts).toBe(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const client = createClient({ url: 'http://x', fetch: hanging, retry: FAST });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await client.memos.list({}, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    await expect(client.memos.list({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('error mapping', () => {
  const cases: [string, number, unknown, new (...args: never[]) => Error][] = [
    ['BAD_USER_INPUT', 200, { errors: [{ message: 'm', path: ['memos'], extensions: { code: 'BAD_USER_INPUT' } }], data: null }, ValidationError],
    ['GRAPHQL_VALIDATION_FAILED', 400, { errors: [{ message: 'm', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, ValidationError],
    ['BAD_REQUEST', 400, { errors: [{ message: 'm', extensions: { code: 'BAD_REQUEST' } }] }, ValidationError],
    ['PAYLOAD_TOO_LARGE', 413, { errors: [{ message: 'm', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, ValidationError],
    ['UNAUTHENTICATED', 401, { errors: [{ message: 'm', extensions: { code: 'UNAUTHENTICATED' } }] }, AuthenticationError],
    ['FORBIDDEN', 200, { errors: [{ message: 'm', extensions: { code: 'FORBIDDEN' } }], data: null }, ForbiddenError],
    ['INTERNAL_SERVER_ERROR', 200, { errors: [{ message: 'm', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'c-1' } }], data: null }, ServerError],
    ['not JSON', 404, 'Not Found', UnexpectedResponseError],
  ];
  it.each(cases)('%s → its class', async (code, status, body, ErrorClass) => {
    const { fetch } = fakeFetch([{ status, body }]);
    const client = createClient({ url: 'http://x', fetch, retry: false });
    const error = (await client.memos.list().catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    if (code !== 'not JSON') expect(error.code).toBe(code);
    if (code === 'INTERNAL_SERVER_ERROR') expect(error.correlationId).toBe('c-1');
    if (code === 'BAD_USER_INPUT') expect(error.path).toEqual(['memos']);
  });
});

describe('describeOperation', () => {
  it.each([
    ['{ memos { totalCount } }', undefined, 'query', undefined],
    ['query Q($o: MemoOrder = {field: DATE}) { memos(orderBy: $o) { totalCount } }', undefined, 'query', 'Q'],
    ['# mutation in a comment\nquery A { a }\nfragment F on Memo { id }', undefined, 'query', 'A'],
    ['fragment F on Memo { id }\nmutation Save { save(text: "query { x }") { ...F } }', undefined, 'mutation', 'Save'],
    ['query A { a } mutation B { b }', 'A', 'query', 'A'],
    ['query A { a } mutation B { b }', 'B', 'mutation', 'B'],
    ['query A { a } query B { b }', undefined, 'mutation', undefined],
  ])('%s', (text, name, kind, expectedName) => {
    expect(describeOperation(text, name)).toEqual({ kind, name: expectedName });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

// A consumer of the packed @notabene/sdk, type-checked under `strict` in a fresh project. Every
// `@ts-expect-error` line is a misuse the SDK's types must refuse: if one became legal, tsc would
// report the directive as unused and the pack test would fail.
import {
  createClient,
  MemosDocument,
  NetworkError,
  NotabeneError,
  RateLimitError,
  ValidationError,
  type DocumentTypeDecoration,
  type Memo,
  type MemoKind,
  type MemoSummary,
} from '@notabene/sdk';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_?: T): void {}

export async function typed(url: string): Promise<string> {
  const client = createClient({ url, headers: { 'x-client': 'pack-test' }, timeoutMs: 5_000, retry: { retries: 1 } });

  const memo = await client.memos.get({ reference: '4700831' });
  assertType<Equal<typeof memo, Memo | null>>();
  const title: string | null = memo?.title ?? null;
  const ground: string | undefined = memo?.redactions[0]?.ground;

  const page = await client.memos.list({ first: 2, filter: { kind: ['BESLISNOTA'], dateFrom: '2023-01-01' }, orderBy: { field: 'DATE', direction: 'DESC' } });
  const total: number = page.totalCount;
  const kind: MemoKind | undefined = page.edges[0]?.node.kind;

  const all: MemoSummary[] = [];
  for await (const m of client.memos.iterate({ pageSize: 1 })) all.push(m);

  const data = await client.request(MemosDocument, { first: 1 });
  assertType<Equal<typeof data.memos.totalCount, number>>();

  const MyQuery = `query Mine($ref: String!) { memo(reference: $ref) { title } }` as string &
    DocumentTypeDecoration<{ memo: { title: string | null } | null }, { ref: string }>;
  const mine = await client.request(MyQuery, { ref: '4700831' });
  assertType<Equal<typeof mine, { memo: { title: string | null } | null }>>();

  try {
    await client.memos.list({ first: 500 });
  } catch (error) {
    if (error instanceof ValidationError) {
      const code: string = error.code;
      const path: ReadonlyArray<string | number> | undefined = error.path;
      void path;
      return JSON.stringify({ title, ground, total, kind, iterated: all.length, mine: mine.memo?.title, code });
    }
    if (error instanceof RateLimitError) {
      const wait: number | undefined = error.retryAfterMs;
      void wait;
    }
    if (error instanceof NetworkError || error instanceof NotabeneError) throw error;
  }
  throw new Error('expected a ValidationError');
}

export async function misuse(client: ReturnType<typeof createClient>): Promise<void> {
  // @ts-expect-error: a reference is a string
  await client.memos.get({ reference: 4700831 });
  // @ts-expect-error: id and reference exclude each other
  await client.memos.get({ id: 'TWVtbzox', reference: '4700831' });
  // @ts-expect-error: MemoKind is a closed set
  await client.memos.list({ filter: { kind: ['MEMO'] } });
  const page = await client.memos.list();
  // @ts-expect-error: a memo summary has no advised decision (only the full memo has)
  void page.edges[0]?.node.advisedDecision;
  // @ts-expect-error: the document's variables are required
  await client.request(MemosDocument, { first: '1' });
  // @ts-expect-error: createClient needs a url
  createClient({ token: 'jwt' });
}

// CommonJS consumer of the packed SDK: `require`.
const { createClient, ValidationError, NetworkError } = require('@notabene/sdk');

(async () => {
  const client = createClient({ url: process.argv[2] });
  const memo = await client.memos.get({ reference: '4700831' });
  const page = await client.memos.list({ first: 2 });
  const error = await client.memos.list({ first: 101 }).catch((e) => e);
  const down = await createClient({ url: 'http://127.0.0.1:9/graphql', retry: { retries: 1, minDelayMs: 1 } }).memos.list().catch((e) => e);
  console.log(JSON.stringify({
    format: 'cjs',
    title: memo.title,
    total: page.totalCount,
    error: error instanceof ValidationError ? error.code : String(error),
    down: down instanceof NetworkError ? down.code : String(down),
  }));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

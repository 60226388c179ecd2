// ESM consumer of the packed SDK: `import`.
import { createClient, ValidationError } from '@notabene/sdk';

const client = createClient({ url: process.argv[2] });
const memo = await client.memos.get({ reference: '4700831' });
let total = 0;
for await (const m of client.memos.iterate({ pageSize: 1 })) if (m.reference) total++;
const error = await client.memos.list({ first: 101 }).catch((e) => e);
console.log(JSON.stringify({ format: 'esm', title: memo.title, total, error: error instanceof ValidationError ? error.code : String(error) }));

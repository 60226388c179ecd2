// `npm run bench`: throughput and latency of the read API on this machine, printed with ratios
// against a plain node:http JSON server answering the same payload (the ceiling for any Node
// HTTP service here). Bounded: each run lasts a few seconds, loopback only.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { connect, migrateToLatest } from '@notabene/db';
import { authSettings } from '../packages/api/src/auth/authenticate.js';
import { loadConfig } from '../packages/api/src/config.js';
import { importMemoText, syncReferenceData } from '../packages/api/src/importing.js';
import { createLogger } from '../packages/api/src/logger.js';
import { loadSampleDataIfEmpty } from '../packages/api/src/sample-data.js';
import { createServer as createNotabene } from '../packages/api/src/server.js';
import { createTestDatabase } from '../test/support/databases.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const MEMOS = Number(process.env.BENCH_MEMOS ?? 500);
const DIALECT = (process.env.BENCH_DIALECT ?? 'sqlite') as 'sqlite' | 'postgres';

const PAGE_QUERY = `{ memos(first: 50) { totalCount edges { node { id reference title date status sender { code name parent { code } }
  politicalContext { kind member } consultedOrganizations { code } redactions { ground } topics countries { code } } } } }`;
const ONE_QUERY = `{ memo(reference: "4700831") { title date politicalContext { kind member } consultedOrganizations { code } redactions { ground } } }`;

async function load(url: string, body: string | null) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    ...(body ? { body } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main() {
  const database = await createTestDatabase(DIALECT);
  const conn = connect(database.url);
  await migrateToLatest(conn.db);
  await syncReferenceData(conn);
  const logger = createLogger('silent');
  await loadSampleDataIfEmpty(conn, logger);
  const jenv = readFileSync(new URL('../packages/ingest/fixtures/memos/jenv-2023-06-07-beslisnota-marokko-migratie.txt', import.meta.url), 'utf8');
  for (let i = 0; i < MEMOS; i += 1) await importMemoText(conn, jenv.replaceAll('4700831', `B${i}`));
  const config = loadConfig({ ...process.env, NOTABENE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret!' });
  const server = await createNotabene({ conn, logger, auth: authSettings(config) });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;

  // The same answer, served as fast as Node can: what the API would cost with no GraphQL, no database.
  const pageAnswer = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE_QUERY }) })).text();
  const plain = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(pageAnswer);
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  const plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}/`;

  console.log(`Notabene read API — ${DIALECT}, ${MEMOS + 4} memos, ${CONNECTIONS} connections, ${DURATION}s per run, ${process.version}`);
  const ceiling = await load(plainUrl, null);
  const page = await load(url, JSON.stringify({ query: PAGE_QUERY }));
  const one = await load(url, JSON.stringify({ query: ONE_QUERY }));
  const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
    `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${(r.rps / ceiling.rps).toFixed(2)}× ceiling${r.errors ? `  ERRORS ${r.errors}` : ''}`;
  console.log(row('plain node:http, same 50-memo page (ceiling)', ceiling));
  console.log(row('memos(first: 50) with nested fields', page));
  console.log(row('memo(reference) with nested fields', one));

  plain.close();
  await server.stop();
  await conn.close();
  await database.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

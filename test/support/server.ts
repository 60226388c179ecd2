// An in-process Notabene server on a real HTTP port, over a fresh database of either dialect.
// Nothing is mocked: same migrations, importer, schema and HTTP handling as `npm start`.
import { connect, migrateToLatest, type Connection } from '@notabene/db';
import { signToken } from '../../packages/api/src/auth/authenticate.js';
import type { Role } from '../../packages/api/src/auth/viewer.js';
import { syncReferenceData } from '../../packages/api/src/importing.js';
import { createLogger } from '../../packages/api/src/logger.js';
import { loadSampleDataIfEmpty } from '../../packages/api/src/sample-data.js';
import { createServer } from '../../packages/api/src/server.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** The HS256 secret test servers verify tokens with; `tokenFor` signs with it. */
export const TEST_JWT_SECRET = 'test-secret-for-notabene-integration-tests-only';

/** Authorization headers for a role (none for public). */
export async function authHeaders(role: Role, subject = `${role}-user`): Promise<Record<string, string>> {
  if (role === 'public') return {};
  return { authorization: `Bearer ${await signToken(TEST_JWT_SECRET, { role, subject })}` };
}

export interface TestServer {
  url: string;
  conn: Connection;
  database: TestDatabase;
  /** POSTs a GraphQL request; returns the HTTP status and parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  close(): Promise<void>;
}

export async function startTestServer(dialect: 'sqlite' | 'postgres', options: { sampleData?: boolean } = {}): Promise<TestServer> {
  const database = await createTestDatabase(dialect);
  const conn = connect(database.url);
  await migrateToLatest(conn.db);
  await syncReferenceData(conn);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  if (options.sampleData !== false) await loadSampleDataIfEmpty(conn, logger);
  const server = await createServer({ conn, logger, auth: { keys: { kind: 'secret', key: new TextEncoder().encode(TEST_JWT_SECRET) }, roleClaim: 'role' } });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    conn,
    database,
    async gql(query, variables, headers) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    async close() {
      await server.stop();
      await conn.close();
      await database.drop();
    },
  };
}

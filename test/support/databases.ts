// Test databases for suites that run on both dialects. SQLite: a fresh temporary file. PostgreSQL:
// a fresh database created on NOTABENE_TEST_DATABASE_URL's server and dropped afterwards. When that
// server is unreachable the PostgreSQL variant is skipped with a visible reason — except under
// CI=true, where a missing PostgreSQL is a failure, not a skip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.NOTABENE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  dialect: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

let reachable: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else the reason it does not. */
export function postgresUnavailableReason(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${PG_ADMIN_URL} is unreachable (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** Which dialects a suite should run on, with the skip reason for PostgreSQL when it cannot. */
export async function dialectsToTest(): Promise<{ dialect: 'sqlite' | 'postgres'; skip: string | null }[]> {
  const reason = await postgresUnavailableReason();
  if (reason && process.env.CI === 'true') {
    throw new Error(`CI=true requires PostgreSQL: ${reason}`);
  }
  if (reason) console.warn(`[skip] PostgreSQL suites skipped: ${reason}`);
  return [
    { dialect: 'sqlite', skip: null },
    { dialect: 'postgres', skip: reason },
  ];
}

/** A fresh, empty database of the dialect; `drop()` removes it. */
export async function createTestDatabase(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'notabene-test-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'test.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `notabene_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        // pg's Pool.end() resolves before its sockets have closed; a forced drop right away kills
        // those closing sessions and their clients raise "terminating connection" as an uncaught
        // error. So wait for them to leave, and force only what is still there after ~3 s.
        for (let attempt = 0; ; attempt += 1) {
          try {
            await c.query(attempt < 30 ? `drop database if exists ${name}` : `drop database if exists ${name} with (force)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '55006' || attempt >= 30) throw error;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

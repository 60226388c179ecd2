import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './types.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** A human-readable target without credentials, for logs. */
  target: string;
  /** Counts every SQL statement sent; tests use it to prove loaders batch (no N+1). */
  stats: { queries: number };
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Called with every executed query (for logging); errors are always reported through the promise. */
  onQuery?: (event: LogEvent) => void;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export const DEFAULT_SQLITE_PATH = './data/notabene.db';

// pg returns `date` as a JS Date at local midnight and int8/numeric as strings; GraphQL wants one
// shape on both dialects, so dates stay ISO strings and numbers become numbers.
const PG_DATE = 1082;
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case PG_DATE:
        return (v: string) => v;
      case PG_TIMESTAMPTZ:
      case PG_TIMESTAMP:
        return (v: string) => new Date(v).toISOString();
      case PG_INT8:
      case PG_NUMERIC:
        return (v: string) => Number(v);
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  },
};

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every SQLite statement anew, and preparing costs about as much as running a
 * small query. better-sqlite3 runs one statement at a time on one connection, so prepared
 * statements can be reused safely; the cache is bounded because IN lists of other lengths are other
 * statements.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement) {
        // Re-insert: a Map keeps insertion order, so the first key is the least recently used.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

/** Parses a DATABASE_URL: unset → SQLite at ./data/notabene.db; `sqlite:<path>`; `postgres://…`. */
export function parseDatabaseUrl(url: string | undefined): { dialect: Dialect; location: string } {
  if (!url || url.trim() === '') return { dialect: 'sqlite', location: DEFAULT_SQLITE_PATH };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', location: url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new Error('DATABASE_URL "sqlite:" needs a path, e.g. sqlite:./data/notabene.db or sqlite::memory:');
    return { dialect: 'sqlite', location: path };
  }
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:…")`);
}

/** Opens SQLite (file or :memory:) or PostgreSQL depending on the URL; same Kysely API on both. */
export function connect(url?: string, options: ConnectOptions = {}): Connection {
  const { dialect, location } = parseDatabaseUrl(url);
  const stats = { queries: 0 };
  const log = (event: LogEvent) => {
    stats.queries += 1;
    options.onQuery?.(event);
  };

  if (dialect === 'sqlite') {
    if (location !== ':memory:') mkdirSync(dirname(resolve(location)), { recursive: true });
    const sqlite = new SQLite(location);
    sqlite.pragma('journal_mode = WAL');
    // FULL: every committed transaction survives a power cut, not just a process kill.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
    return {
      db,
      dialect,
      target: location === ':memory:' ? 'sqlite::memory:' : `sqlite:${resolve(location)}`,
      stats,
      close: () => db.destroy(),
    };
  }

  const pool = new pg.Pool({ connectionString: location, max: options.poolSize ?? 10, types: pgTypes });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  const u = new URL(location);
  return {
    db,
    dialect,
    target: `postgres://${u.host}${u.pathname}`,
    stats,
    close: () => db.destroy(),
  };
}

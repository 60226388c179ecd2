import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './connect.js';
import type { Database } from './types.js';

/**
 * Runs `fn` in one write transaction. On SQLite it starts with BEGIN IMMEDIATE so that a
 * read-then-write transaction takes the write lock up front instead of failing with SQLITE_BUSY
 * half-way when another process (the CLI next to the server) writes too.
 */
export async function withWriteTransaction<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    return db.transaction().execute((trx: Transaction<Database>) => fn(trx));
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

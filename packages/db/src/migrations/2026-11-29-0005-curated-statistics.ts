// Frozen: never edit a migration that has shipped; add a new one. Uses Kysely<any> and no app code.
import { PostgresAdapter, type Kysely } from 'kysely';

// Once an editor has set a memo's statistics links (setMemoStatistics), the importer no longer
// derives them for that memo: re-importing its text or importing new series must not undo the edit.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('memos')
    .addColumn('statistics_curated', pg ? 'boolean' : 'integer', (c) => c.notNull().defaultTo(pg ? false : 0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('memos').dropColumn('statistics_curated').execute();
}

// Frozen: never edit a migration that has shipped; add a new one. Uses Kysely<any> and no app code.
import { sql, type Kysely } from 'kysely';

// Lists sort by date with memos without a date first (coalesce to 0001-01-01, see listMemos). An
// index on that very expression lets a page be read from the index instead of sorting every memo;
// the public sees one status only, so a second index leads with it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index memos_sort_date_idx on memos ((coalesce(date, '0001-01-01')), id)`.execute(db);
  await sql`create index memos_status_sort_date_idx on memos (status, (coalesce(date, '0001-01-01')), id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index memos_status_sort_date_idx`.execute(db);
  await sql`drop index memos_sort_date_idx`.execute(db);
}

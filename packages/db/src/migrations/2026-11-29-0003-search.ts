// Frozen: never edit a migration that has shipped; add a new one. Uses Kysely<any> and no app code.
//
// Full-text search index, one row per memo, in four parts: title, political context, the text of
// sections shown to everyone, and `restricted` — the text of sections withheld under the Woo (and
// the political context when its section is withheld), searchable by staff only.
// SQLite: an FTS5 table whose rowid is the memo id (unicode61 with diacritics removed; FTS5 keeps
// the texts itself, which snippet() needs). PostgreSQL: a table beside `memos` (so that list
// queries selecting memos.* never drag tsvectors along) with two stored tsvectors — public and
// everything — each with a GIN index, built with the `notabene_dutch` configuration (Dutch stemming
// behind `unaccent` where the extension exists). Both are filled here for existing memos and
// kept up to date by refreshMemoSearch in the transaction of every memo write.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Copies of the app's text assembly as of this migration (frozen, no app imports).
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');
const clean = (text: string) => text.replace(/[\uE000\uE001]/gu, '');

interface Texts {
  title: string;
  context: string;
  body: string;
  restricted: string;
}

function textsOf(
  memo: { title: string | null },
  sections: { heading: string; body: string; kind: string; withheld_ground: string | null }[],
  items: { title: string; member: string | null; party: string | null; parliamentary_reference: string | null; description: string | null }[],
): Texts {
  const withheldKinds = new Set(sections.filter((s) => s.withheld_ground).map((s) => s.kind));
  const body: string[] = [];
  const restricted: string[] = [];
  for (const s of sections) {
    if (s.heading) body.push(s.heading);
    if (s.body) (s.withheld_ground ? restricted : body).push(s.body);
  }
  const context = items.map((p) => [p.title, p.member, p.party, p.parliamentary_reference, p.description].filter((v) => v).join(' ')).join('\n');
  if (withheldKinds.has('POLITICAL_CONTEXT')) {
    if (context) restricted.push(context);
    return { title: clean(memo.title ?? ''), context: '', body: clean(body.join('\n')), restricted: clean(restricted.join('\n')) };
  }
  return { title: clean(memo.title ?? ''), context: clean(context), body: clean(body.join('\n')), restricted: clean(restricted.join('\n')) };
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  if (pg) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'unaccent'`.execute(db);
    const unaccent = (rows[0]?.n ?? 0) > 0;
    if (unaccent) await sql`create extension if not exists unaccent`.execute(db);
    await sql`create text search configuration notabene_dutch (copy = dutch)`.execute(db);
    // Non-ASCII words go through unaccent before the Dutch stemmer. Indexed text and queries are
    // also folded in JS, so matching works without the extension; it makes ts_headline mark
    // "financiële" for the query "financiele".
    if (unaccent) await sql`alter text search configuration notabene_dutch alter mapping for hword, hword_part, word with unaccent, dutch_stem`.execute(db);
    await db.schema
      .createTable('memo_search')
      .addColumn('memo_id', 'integer', (c) => c.primaryKey().references('memos.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('context', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('restricted', 'text', (c) => c.notNull())
      // Weights: A title, B political context, C sections (public and withheld alike).
      .addColumn('public_document', sql`tsvector`, (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index memo_search_public_document_idx on memo_search using gin (public_document)`.execute(db);
    await sql`create index memo_search_document_idx on memo_search using gin (document)`.execute(db);
  } else {
    await sql`create virtual table memo_search using fts5(title, context, body, restricted, tokenize = "unicode61 remove_diacritics 2")`.execute(db);
    // FTS5 tables take no foreign keys: remove a deleted memo's row by trigger.
    await sql`create trigger memo_search_after_memo_delete after delete on memos begin delete from memo_search where rowid = old.id; end`.execute(db);
  }

  // Backfill in batches of memo ids.
  let lastId = 0;
  for (;;) {
    const memos: { id: number; title: string | null }[] = await db.selectFrom('memos').select(['id', 'title']).where('id', '>', lastId).orderBy('id').limit(200).execute();
    if (memos.length === 0) break;
    lastId = memos[memos.length - 1]!.id;
    const ids = memos.map((m) => m.id);
    const sections: any[] = await db.selectFrom('memo_sections').select(['memo_id', 'heading', 'body', 'kind', 'withheld_ground']).where('memo_id', 'in', ids).orderBy('memo_id').orderBy('position').execute();
    const items: any[] = await db
      .selectFrom('political_context_items')
      .select(['memo_id', 'title', 'member', 'party', 'parliamentary_reference', 'description'])
      .where('memo_id', 'in', ids)
      .orderBy('memo_id')
      .orderBy('position')
      .execute();
    for (const m of memos) {
      const t = textsOf(
        m,
        sections.filter((s) => s.memo_id === m.id),
        items.filter((p) => p.memo_id === m.id),
      );
      if (pg) {
        const pub = sql`setweight(to_tsvector('notabene_dutch', ${fold(t.title)}), 'A') || setweight(to_tsvector('notabene_dutch', ${fold(t.context)}), 'B') || setweight(to_tsvector('notabene_dutch', ${fold(t.body)}), 'C')`;
        await sql`insert into memo_search (memo_id, title, context, body, restricted, public_document, document)
          values (${m.id}, ${t.title}, ${t.context}, ${t.body}, ${t.restricted}, ${pub}, ${pub} || setweight(to_tsvector('notabene_dutch', ${fold(t.restricted)}), 'C'))`.execute(db);
      } else {
        await sql`insert into memo_search (rowid, title, context, body, restricted) values (${m.id}, ${t.title}, ${t.context}, ${t.body}, ${t.restricted})`.execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await db.schema.dropTable('memo_search').execute();
    await sql`drop text search configuration if exists notabene_dutch`.execute(db);
  } else {
    await sql`drop trigger if exists memo_search_after_memo_delete`.execute(db);
    await sql`drop table memo_search`.execute(db);
  }
}

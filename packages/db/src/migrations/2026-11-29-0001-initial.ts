// Frozen: never edit a migration that has shipped; add a new one. Uses Kysely<any> and no app code.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const tsType = pg ? 'timestamptz' : 'text';
  const dateType = pg ? 'date' : 'text';
  const boolType = pg ? 'boolean' : 'integer';
  const numType = pg ? 'double precision' : 'real';
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('organizations')
    .addColumn('id', idType, id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('organizations.id'))
    .execute();
  await db.schema.createIndex('organizations_parent_idx').on('organizations').column('parent_id').execute();

  await db.schema
    .createTable('organization_aliases')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_aliases_pk', ['organization_id', 'alias'])
    .execute();

  await db.schema
    .createTable('countries')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memos')
    .addColumn('id', idType, id)
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('date', dateType)
    .addColumn('addressee', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_label', 'text')
    .addColumn('sender_organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('occasion', 'text')
    .addColumn('advised_decision', 'text')
    .addColumn('key_points', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('copy_to', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source_text', 'text')
    .addColumn('import_warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', tsType, (c) => c.notNull())
    .addColumn('updated_at', tsType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('memos_date_idx').on('memos').columns(['date', 'id']).execute();
  await db.schema.createIndex('memos_updated_idx').on('memos').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('memos_sender_idx').on('memos').column('sender_organization_id').execute();
  await db.schema.createIndex('memos_status_idx').on('memos').column('status').execute();

  await db.schema
    .createTable('memo_sections')
    .addColumn('id', idType, id)
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('not_applicable', boolType, (c) => c.notNull())
    .addColumn('withheld_ground', 'text')
    .addColumn('withheld_explanation', 'text')
    .addUniqueConstraint('memo_sections_position_uq', ['memo_id', 'position'])
    .execute();

  await db.schema
    .createTable('political_context_items')
    .addColumn('id', idType, id)
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member', 'text')
    .addColumn('party', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('parliamentary_reference', 'text')
    .addColumn('description', 'text')
    .execute();
  await db.schema.createIndex('pci_memo_idx').on('political_context_items').columns(['memo_id', 'position']).execute();
  await db.schema.createIndex('pci_kind_idx').on('political_context_items').columns(['kind', 'memo_id']).execute();

  await db.schema
    .createTable('considerations')
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('applicable', boolType, (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('has_budget_impact', boolType)
    .addColumn('amounts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('considerations_pk', ['memo_id', 'kind'])
    .execute();

  await db.schema
    .createTable('memo_consultations')
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('memo_consultations_pk', ['memo_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('memo_consultations_org_idx').on('memo_consultations').columns(['organization_id', 'memo_id']).execute();

  await db.schema
    .createTable('redactions')
    .addColumn('id', idType, id)
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text')
    .addColumn('section', 'text')
    .execute();
  await db.schema.createIndex('redactions_memo_idx').on('redactions').columns(['memo_id', 'position']).execute();

  await db.schema
    .createTable('memo_topics')
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memo_topics_pk', ['memo_id', 'topic'])
    .execute();
  await db.schema.createIndex('memo_topics_topic_idx').on('memo_topics').columns(['topic', 'memo_id']).execute();

  await db.schema
    .createTable('memo_countries')
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull().references('countries.code'))
    .addPrimaryKeyConstraint('memo_countries_pk', ['memo_id', 'country_code'])
    .execute();
  await db.schema.createIndex('memo_countries_code_idx').on('memo_countries').columns(['country_code', 'memo_id']).execute();

  await db.schema
    .createTable('statistic_series')
    .addColumn('id', idType, id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.references('countries.code'))
    .addColumn('granularity', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('observations')
    .addColumn('series_id', 'integer', (c) => c.notNull().references('statistic_series.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    // Per observation: a yearly series may carry a year-to-date figure for the running year.
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('start_date', dateType, (c) => c.notNull())
    .addColumn('end_date', dateType, (c) => c.notNull())
    .addColumn('value', numType, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('observations_pk', ['series_id', 'period'])
    .execute();

  await db.schema
    .createTable('memo_statistic_series')
    .addColumn('memo_id', 'integer', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('series_id', 'integer', (c) => c.notNull().references('statistic_series.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('memo_statistic_series_pk', ['memo_id', 'series_id'])
    .execute();
  await db.schema.createIndex('memo_statistic_series_series_idx').on('memo_statistic_series').columns(['series_id', 'memo_id']).execute();

  // Case-insensitive look-ups of members and organisation names.
  await sql`create index pci_member_idx on political_context_items (lower(member))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'memo_statistic_series', 'observations', 'statistic_series', 'memo_countries', 'memo_topics',
    'redactions', 'memo_consultations', 'considerations', 'political_context_items', 'memo_sections',
    'memos', 'countries', 'organization_aliases', 'organizations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Booleans are written as 0/1 (better-sqlite3 cannot bind JS booleans; PostgreSQL accepts '0'/'1'
// for boolean columns) and read back as 0/1 or true/false: `toBool` in map.ts normalises them.
type DbBool = ColumnType<number | boolean, number, number>;
type DbBoolOut = number | boolean;
// Timestamps are ISO strings in both dialects: TEXT in SQLite, timestamptz in PostgreSQL with a
// type parser in connect.ts that turns them back into ISO strings.
type Timestamp = ColumnType<string, string, string>;

export interface OrganizationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
}

export interface OrganizationAliasesTable {
  organization_id: number;
  alias: string;
}

export interface CountriesTable {
  code: string;
  name: string;
}

export interface MemosTable {
  id: Generated<number>;
  reference: string;
  kind: string;
  title: string | null;
  /** ISO date; `date` in PostgreSQL, TEXT in SQLite. */
  date: string | null;
  addressee: string | null;
  status: string;
  status_label: string | null;
  sender_organization_id: number | null;
  occasion: string | null;
  advised_decision: string | null;
  key_points: string | null;
  /** JSON array of strings. */
  attachments: string;
  /** JSON array of strings. */
  copy_to: string;
  source_text: string | null;
  /** JSON array of strings: what the importer could not place. */
  import_warnings: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  /** An editor set the statistics links; the importer leaves them alone. */
  statistics_curated: Generated<DbBoolOut>;
}

export interface MemoSectionsTable {
  id: Generated<number>;
  memo_id: number;
  position: number;
  number: string | null;
  heading: string;
  kind: string;
  body: string;
  not_applicable: DbBool;
  withheld_ground: string | null;
  withheld_explanation: string | null;
}

export interface PoliticalContextItemsTable {
  id: Generated<number>;
  memo_id: number;
  position: number;
  kind: string;
  member: string | null;
  party: string | null;
  title: string;
  parliamentary_reference: string | null;
  description: string | null;
}

export interface ConsiderationsTable {
  memo_id: number;
  /** FINANCIAL | LEGAL */
  kind: string;
  applicable: DbBool;
  text: string | null;
  has_budget_impact: DbBool | null;
  /** JSON array of numbers (euros). */
  amounts: string;
}

export interface MemoConsultationsTable {
  memo_id: number;
  organization_id: number;
  position: number;
}

export interface RedactionsTable {
  id: Generated<number>;
  memo_id: number;
  position: number;
  ground: string;
  explanation: string | null;
  section: string | null;
}

export interface MemoTopicsTable {
  memo_id: number;
  topic: string;
}

export interface MemoCountriesTable {
  memo_id: number;
  country_code: string;
}

export interface StatisticSeriesTable {
  id: Generated<number>;
  code: string;
  title: string;
  publisher: string;
  source_url: string | null;
  measure: string;
  unit: string;
  country_code: string | null;
  granularity: string;
}

export interface ObservationsTable {
  series_id: number;
  period: string;
  granularity: string;
  start_date: string;
  end_date: string;
  value: ColumnType<number, number, number>;
  status: string;
  note: string | null;
}

export interface MemoStatisticSeriesTable {
  memo_id: number;
  series_id: number;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  role: string;
  key_hash: string;
  /** First characters of the key, to recognise it in listings without storing it. */
  key_prefix: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  subject: string | null;
  role: string;
  api_key_name: string | null;
  operation: string;
  entity_type: string;
  entity_id: string;
  request_id: string | null;
  /** JSON { before, after }. */
  diff: string;
}

export interface Database {
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  organizations: OrganizationsTable;
  organization_aliases: OrganizationAliasesTable;
  countries: CountriesTable;
  memos: MemosTable;
  memo_sections: MemoSectionsTable;
  political_context_items: PoliticalContextItemsTable;
  considerations: ConsiderationsTable;
  memo_consultations: MemoConsultationsTable;
  redactions: RedactionsTable;
  memo_topics: MemoTopicsTable;
  memo_countries: MemoCountriesTable;
  statistic_series: StatisticSeriesTable;
  observations: ObservationsTable;
  memo_statistic_series: MemoStatisticSeriesTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type MemoRow = Selectable<MemosTable>;
export type NewMemo = Insertable<MemosTable>;
export type MemoSectionRow = Selectable<MemoSectionsTable>;
export type PoliticalContextItemRow = Selectable<PoliticalContextItemsTable>;
export type ConsiderationRow = Selectable<ConsiderationsTable>;
export type RedactionRow = Selectable<RedactionsTable>;
export type CountryRow = Selectable<CountriesTable>;
export type StatisticSeriesRow = Selectable<StatisticSeriesTable>;
export type ObservationRow = Selectable<ObservationsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

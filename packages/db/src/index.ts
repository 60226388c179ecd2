// Public surface of @notabene/db: connection, migrations, table types and query functions.
// Query functions take `db` (or a transaction) first and never know about GraphQL.
export { connect, parseDatabaseUrl, DEFAULT_SQLITE_PATH, type Connection, type ConnectOptions, type Dialect } from './connect.js';
export { migrateToLatest, MigrationError } from './migrate.js';
export { withWriteTransaction } from './transaction.js';
export { toBool, parseJsonArray } from './map.js';
export * from './types.js';
export * from './queries/organizations.js';
export * from './queries/memos.js';
export * from './queries/memo-children.js';
export * from './queries/statistics.js';
export * from './queries/auth.js';
export * from './queries/search.js';
export * from './search-query.js';

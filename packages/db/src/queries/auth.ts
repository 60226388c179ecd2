import type { Kysely } from 'kysely';
import type { ApiKeyRow, AuditLogRow, Database } from '../types.js';

/** Stores a new API key by its hash; the key itself is never stored. */
export async function insertApiKey(db: Kysely<Database>, key: { name: string; role: string; keyHash: string; keyPrefix: string }): Promise<ApiKeyRow> {
  return db
    .insertInto('api_keys')
    .values({ name: key.name, role: key.role, key_hash: key.keyHash, key_prefix: key.keyPrefix, created_at: new Date().toISOString(), revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The active (not revoked) key with this hash, or null. */
export async function findActiveApiKey(db: Kysely<Database>, keyHash: string): Promise<ApiKeyRow | null> {
  return (await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst()) ?? null;
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('id').execute();
}

/** Revokes a key by id or name; returns how many keys were revoked. */
export async function revokeApiKey(db: Kysely<Database>, idOrName: string): Promise<number> {
  const asId = /^\d+$/.test(idOrName) ? Number(idOrName) : null;
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where((eb) => (asId === null ? eb('name', '=', idOrName) : eb.or([eb('id', '=', asId), eb('name', '=', idOrName)])))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface AuditEntry {
  subject: string | null;
  role: string;
  apiKeyName: string | null;
  operation: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
  before: unknown;
  after: unknown;
}

/** Appends to the audit log; call inside the transaction of the change it records. */
export async function insertAuditEntry(trx: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      subject: entry.subject,
      role: entry.role,
      api_key_name: entry.apiKeyName,
      operation: entry.operation,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      request_id: entry.requestId,
      diff: JSON.stringify({ before: entry.before ?? null, after: entry.after ?? null }),
    })
    .execute();
}

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  subject?: string | null;
  operation?: string | null;
  since?: string | null;
}

function auditQuery(db: Kysely<Database>, filter: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.subject) q = q.where('subject', '=', filter.subject);
  if (filter.operation) q = q.where('operation', '=', filter.operation);
  if (filter.since) q = q.where('at', '>=', filter.since);
  return q;
}

/** Newest first, by id (ids only grow); `after`/`before` are ids. */
export async function listAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { after?: number; before?: number; limit: number; inverted: boolean },
): Promise<AuditLogRow[]> {
  let q = auditQuery(db, filter).selectAll();
  if (page.after !== undefined) q = q.where('id', '<', page.after);
  if (page.before !== undefined) q = q.where('id', '>', page.before);
  return q.orderBy('id', page.inverted ? 'asc' : 'desc').limit(page.limit).execute();
}

export async function countAuditEntries(db: Kysely<Database>, filter: AuditFilter): Promise<number> {
  const row = await auditQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

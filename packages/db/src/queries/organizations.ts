import { sql, type Kysely } from 'kysely';
import { containsPattern, groupByKey, indexByKey } from '../map.js';
import type { Database, OrganizationRow } from '../types.js';

export interface OrganizationRegisterEntry {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  aliases: string[];
}

export interface SenderLevel {
  kind: string;
  name: string;
  code: string | null;
}

/**
 * Makes the organizations table match the register: inserts new codes, updates names, kinds,
 * parents and aliases of known ones. Never deletes (memos may point at retired organisations).
 */
export async function syncOrganizationRegister(db: Kysely<Database>, entries: readonly OrganizationRegisterEntry[]): Promise<void> {
  const existing = await db.selectFrom('organizations').select(['id', 'code', 'name', 'kind', 'parent_id']).execute();
  const idByCode = new Map(existing.map((o) => [o.code, o.id]));
  // Parents first, so each parent id is known when its children are written.
  const pending = [...entries];
  let guard = pending.length + 1;
  while (pending.length > 0 && guard-- > 0) {
    for (let i = 0; i < pending.length; ) {
      const e = pending[i]!;
      if (e.parentCode && !idByCode.has(e.parentCode) && entries.some((x) => x.code === e.parentCode)) {
        i += 1;
        continue;
      }
      const parentId = e.parentCode ? (idByCode.get(e.parentCode) ?? null) : null;
      const id = idByCode.get(e.code);
      if (id === undefined) {
        const row = await db
          .insertInto('organizations')
          .values({ code: e.code, name: e.name, kind: e.kind, parent_id: parentId })
          .returning('id')
          .executeTakeFirstOrThrow();
        idByCode.set(e.code, row.id);
      } else {
        const cur = existing.find((o) => o.id === id);
        if (!cur || cur.name !== e.name || cur.kind !== e.kind || cur.parent_id !== parentId) {
          await db.updateTable('organizations').set({ name: e.name, kind: e.kind, parent_id: parentId }).where('id', '=', id).execute();
        }
      }
      pending.splice(i, 1);
    }
  }
  const aliasRows = entries.flatMap((e) => [...new Set(e.aliases)].map((alias) => ({ organization_id: idByCode.get(e.code)!, alias })));
  const ids = [...new Set(aliasRows.map((r) => r.organization_id))];
  if (ids.length > 0) {
    await db.deleteFrom('organization_aliases').where('organization_id', 'in', ids).execute();
    await db.insertInto('organization_aliases').values(aliasRows).execute();
  }
}

/** Finds organisations by code or alias (case-insensitive); the map is keyed by the code asked for. */
export async function findOrganizationsByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, OrganizationRow>> {
  const result = new Map<string, OrganizationRow>();
  if (codes.length === 0) return result;
  const lowered = [...new Set(codes.map((c) => c.toLowerCase()))];
  const rows = await db
    .selectFrom('organizations as o')
    .leftJoin('organization_aliases as a', 'a.organization_id', 'o.id')
    .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.parent_id', 'a.alias'])
    .where((eb) => eb.or([eb(sql`lower(o.code)`, 'in', lowered), eb(sql`lower(a.alias)`, 'in', lowered)]))
    .execute();
  for (const code of codes) {
    const lc = code.toLowerCase();
    const hit = rows.find((r) => r.code.toLowerCase() === lc) ?? rows.find((r) => r.alias?.toLowerCase() === lc);
    if (hit) result.set(code, { id: hit.id, code: hit.code, name: hit.name, kind: hit.kind, parent_id: hit.parent_id });
  }
  return result;
}

/** A code for an organisation the register does not know: its initials, made unique. */
async function inventCode(db: Kysely<Database>, name: string, parentCode: string | null): Promise<string> {
  const initials = name
    .split(/[\s-]+/)
    .filter((w) => /^[A-ZÀ-Þ]/.test(w))
    .map((w) => w[0])
    .join('');
  const base = `${parentCode ? `${parentCode}-` : ''}${initials || 'ORG'}`;
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}${n}`;
    const taken = await db.selectFrom('organizations').select('id').where('code', '=', candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
}

/**
 * Resolves a sender chain (ministry first) to the id of its lowest level, creating unknown levels
 * under their parent. Levels with a register code are found by code; others by name within the parent.
 */
export async function resolveSenderChain(db: Kysely<Database>, chain: readonly SenderLevel[]): Promise<number | null> {
  let parent = null as OrganizationRow | null;
  for (const level of chain) {
    let found: OrganizationRow | null = null;
    if (level.code) {
      found = (await findOrganizationsByCodes(db, [level.code])).get(level.code) ?? null;
    }
    if (!found) {
      let q = db
        .selectFrom('organizations')
        .selectAll()
        .where(sql`lower(name)`, '=', level.name.toLowerCase());
      q = parent ? q.where('parent_id', '=', parent.id) : q.where('parent_id', 'is', null);
      found = (await q.executeTakeFirst()) ?? null;
    }
    if (!found) {
      const code = await inventCode(db, level.name, parent?.code ?? null);
      found = await db
        .insertInto('organizations')
        .values({ code, name: level.name, kind: level.kind, parent_id: parent?.id ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    parent = found;
  }
  return parent?.id ?? null;
}

/** Loads organisations by id, in the order asked (null where missing). */
export async function organizationsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<(OrganizationRow | null)[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organizations').selectAll().where('id', 'in', [...ids]).execute();
  return indexByKey(ids, rows, (r) => r.id);
}

/** Aliases per organisation id, in the order asked. */
export async function aliasesByOrganizationIds(db: Kysely<Database>, ids: readonly number[]): Promise<string[][]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('organization_aliases')
    .select(['organization_id', 'alias'])
    .where('organization_id', 'in', [...ids])
    .orderBy('alias')
    .execute();
  return groupByKey(ids, rows, (r) => r.organization_id).map((list) => list.map((r) => r.alias));
}

export interface OrganizationFilter {
  kind?: string | null;
  /** Only direct children of this code (null or undefined: any). */
  parentCode?: string | null;
  /** Case-insensitive substring of name or code. */
  text?: string | null;
}

/** A page of organisations ordered by code, for keyset paging (cursor = code). */
export async function listOrganizations(
  db: Kysely<Database>,
  filter: OrganizationFilter,
  page: { after?: string; before?: string; limit: number; inverted: boolean },
): Promise<OrganizationRow[]> {
  let q = organizationFilterQuery(db, filter).selectAll('o');
  if (page.after !== undefined) q = q.where('o.code', '>', page.after);
  if (page.before !== undefined) q = q.where('o.code', '<', page.before);
  return q.orderBy('o.code', page.inverted ? 'desc' : 'asc').limit(page.limit).execute();
}

export async function countOrganizations(db: Kysely<Database>, filter: OrganizationFilter): Promise<number> {
  const row = await organizationFilterQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function organizationFilterQuery(db: Kysely<Database>, filter: OrganizationFilter) {
  let q = db.selectFrom('organizations as o');
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  if (filter.parentCode) {
    const parentCode = filter.parentCode;
    q = q.where('o.parent_id', 'in', (eb) => eb.selectFrom('organizations').select('id').where('code', '=', parentCode));
  }
  if (filter.text) {
    const like = containsPattern(filter.text);
    q = q.where((eb) =>
      eb.or([eb(sql`lower(o.name)`, 'like', sql`${like} escape '\\'`), eb(sql`lower(o.code)`, 'like', sql`${like} escape '\\'`)]),
    );
  }
  return q;
}

import { sql, type Expression, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { fromBool, parseJsonArray, toBool } from '../map.js';
import { withWriteTransaction } from '../transaction.js';
import type { Database, MemoRow } from '../types.js';
import { refreshMemoSearch } from './search.js';

export interface SectionWrite {
  number: string | null;
  heading: string;
  kind: string;
  body: string;
  notApplicable: boolean;
  withheld: { ground: string; explanation: string | null } | null;
}

export interface PoliticalContextWrite {
  kind: string;
  member: string | null;
  party: string | null;
  title: string;
  parliamentaryReference: string | null;
  description: string | null;
}

export interface ConsiderationWrite {
  applicable: boolean;
  text: string | null;
  hasBudgetImpact: boolean | null;
  amounts: number[];
}

export interface RedactionWrite {
  ground: string;
  explanation: string | null;
  section: string | null;
}

/** Everything stored for one memo; children replace what was there before. */
export interface MemoWrite {
  reference: string;
  kind: string;
  title: string | null;
  date: string | null;
  addressee: string | null;
  status: string;
  statusLabel: string | null;
  senderOrganizationId: number | null;
  occasion: string | null;
  advisedDecision: string | null;
  keyPoints: string | null;
  attachments: string[];
  copyTo: string[];
  sourceText: string | null;
  importWarnings: string[];
  sections: SectionWrite[];
  politicalContext: PoliticalContextWrite[];
  financialConsiderations: ConsiderationWrite | null;
  legalConsiderations: ConsiderationWrite | null;
  consultedOrganizationIds: number[];
  redactions: RedactionWrite[];
  topics: string[];
  countryCodes: string[];
}

/** A memo with nothing in it but its reference: the base that creates and tests fill in. */
export function blankMemoWrite(reference: string, overrides: Partial<MemoWrite> = {}): MemoWrite {
  return {
    reference,
    kind: 'BESLISNOTA',
    title: null,
    date: null,
    addressee: null,
    status: 'DRAFT',
    statusLabel: null,
    senderOrganizationId: null,
    occasion: null,
    advisedDecision: null,
    keyPoints: null,
    attachments: [],
    copyTo: [],
    sourceText: null,
    importWarnings: [],
    sections: [],
    politicalContext: [],
    financialConsiderations: null,
    legalConsiderations: null,
    consultedOrganizationIds: [],
    redactions: [],
    topics: [],
    countryCodes: [],
    ...overrides,
  };
}

export interface UpsertMemoResult {
  id: number;
  created: boolean;
  version: number;
}

/**
 * Inserts the memo, or — when its reference exists — replaces its content and bumps its version.
 * Runs inside the caller's transaction (`trx`); see `upsertMemo` for the transactional wrapper.
 */
function mainColumns(memo: MemoWrite, now: string) {
  return {
    kind: memo.kind,
    title: memo.title,
    date: memo.date,
    addressee: memo.addressee,
    status: memo.status,
    status_label: memo.statusLabel,
    sender_organization_id: memo.senderOrganizationId,
    occasion: memo.occasion,
    advised_decision: memo.advisedDecision,
    key_points: memo.keyPoints,
    attachments: JSON.stringify(memo.attachments),
    copy_to: JSON.stringify(memo.copyTo),
    source_text: memo.sourceText,
    import_warnings: JSON.stringify(memo.importWarnings),
    updated_at: now,
  };
}

const CHILD_TABLES = ['memo_sections', 'political_context_items', 'considerations', 'memo_consultations', 'redactions', 'memo_topics', 'memo_countries'] as const;

async function replaceChildren(trx: Kysely<Database>, memoId: number, memo: MemoWrite): Promise<void> {
  for (const table of CHILD_TABLES) await trx.deleteFrom(table).where('memo_id', '=', memoId).execute();
  await insertChildren(trx, memoId, memo);
}

/**
 * Inserts the memo, or — when its reference exists — replaces its content and bumps its version.
 * Runs inside the caller's transaction (`trx`); see `upsertMemo` for the transactional wrapper.
 */
export async function upsertMemoIn(trx: Kysely<Database>, memo: MemoWrite, now = new Date().toISOString()): Promise<UpsertMemoResult> {
  const existing = await trx.selectFrom('memos').select(['id', 'version']).where('reference', '=', memo.reference).executeTakeFirst();
  if (existing) {
    const version = existing.version + 1;
    await trx.updateTable('memos').set({ ...mainColumns(memo, now), version }).where('id', '=', existing.id).execute();
    await replaceChildren(trx, existing.id, memo);
    await refreshMemoSearch(trx, existing.id);
    return { id: existing.id, created: false, version };
  }
  const id = await insertMemoIn(trx, memo, now);
  return { id, created: true, version: 1 };
}

/** Inserts a new memo (version 1) with its children; the caller checks the reference is free. */
export async function insertMemoIn(trx: Kysely<Database>, memo: MemoWrite, now = new Date().toISOString()): Promise<number> {
  const row = await trx
    .insertInto('memos')
    .values({ ...mainColumns(memo, now), reference: memo.reference, created_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertChildren(trx, row.id, memo);
  await refreshMemoSearch(trx, row.id);
  return row.id;
}

export type VersionedWriteResult = { ok: true; version: number } | { ok: false; reason: 'NOT_FOUND' } | { ok: false; reason: 'VERSION_CONFLICT'; currentVersion: number };

/**
 * Replaces a memo's content when its version is still `expectedVersion`. The check sits in the
 * UPDATE itself (… WHERE id = ? AND version = ?), so of two concurrent writers exactly one wins
 * even under PostgreSQL's Read Committed; the loser changes nothing.
 */
export async function updateMemoVersionedIn(trx: Kysely<Database>, id: number, expectedVersion: number, memo: MemoWrite): Promise<VersionedWriteResult> {
  const now = new Date().toISOString();
  const result = await trx
    .updateTable('memos')
    .set((eb) => ({ ...mainColumns(memo, now), reference: memo.reference, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return versionFailure(trx, id);
  await replaceChildren(trx, id, memo);
  await refreshMemoSearch(trx, id);
  return { ok: true, version: expectedVersion + 1 };
}

/** Changes only the status (publish, archive) under the same version check. */
export async function setMemoStatusIn(trx: Kysely<Database>, id: number, expectedVersion: number, status: string): Promise<VersionedWriteResult> {
  const result = await trx
    .updateTable('memos')
    .set((eb) => ({ status, updated_at: new Date().toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return versionFailure(trx, id);
  return { ok: true, version: expectedVersion + 1 };
}

async function versionFailure(trx: Kysely<Database>, id: number): Promise<VersionedWriteResult> {
  const current = await trx.selectFrom('memos').select('version').where('id', '=', id).executeTakeFirst();
  return current ? { ok: false, reason: 'VERSION_CONFLICT', currentVersion: current.version } : { ok: false, reason: 'NOT_FOUND' };
}

/** Everything stored for a memo, in the shape it was written (for diffs in the audit log and for patches). */
export async function readMemoWrite(db: Kysely<Database>, id: number): Promise<(MemoWrite & { id: number; version: number }) | null> {
  const m = await db.selectFrom('memos').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) return null;
  const [sections, pci, considerations, consultations, redactions, topics, countries] = await Promise.all([
    db.selectFrom('memo_sections').selectAll().where('memo_id', '=', id).orderBy('position').execute(),
    db.selectFrom('political_context_items').selectAll().where('memo_id', '=', id).orderBy('position').execute(),
    db.selectFrom('considerations').selectAll().where('memo_id', '=', id).execute(),
    db.selectFrom('memo_consultations').selectAll().where('memo_id', '=', id).orderBy('position').execute(),
    db.selectFrom('redactions').selectAll().where('memo_id', '=', id).orderBy('position').execute(),
    db.selectFrom('memo_topics').selectAll().where('memo_id', '=', id).orderBy('topic').execute(),
    db.selectFrom('memo_countries').selectAll().where('memo_id', '=', id).orderBy('country_code').execute(),
  ]);
  const consideration = (kind: string): ConsiderationWrite | null => {
    const c = considerations.find((r) => r.kind === kind);
    return c ? { applicable: toBool(c.applicable), text: c.text, hasBudgetImpact: toBool(c.has_budget_impact), amounts: parseJsonArray<number>(c.amounts) } : null;
  };
  return {
    id: m.id,
    version: m.version,
    reference: m.reference,
    kind: m.kind,
    title: m.title,
    date: m.date,
    addressee: m.addressee,
    status: m.status,
    statusLabel: m.status_label,
    senderOrganizationId: m.sender_organization_id,
    occasion: m.occasion,
    advisedDecision: m.advised_decision,
    keyPoints: m.key_points,
    attachments: parseJsonArray<string>(m.attachments),
    copyTo: parseJsonArray<string>(m.copy_to),
    sourceText: m.source_text,
    importWarnings: parseJsonArray<string>(m.import_warnings),
    sections: sections.map((s) => ({
      number: s.number,
      heading: s.heading,
      kind: s.kind,
      body: s.body,
      notApplicable: toBool(s.not_applicable),
      withheld: s.withheld_ground ? { ground: s.withheld_ground, explanation: s.withheld_explanation } : null,
    })),
    politicalContext: pci.map((p) => ({ kind: p.kind, member: p.member, party: p.party, title: p.title, parliamentaryReference: p.parliamentary_reference, description: p.description })),
    financialConsiderations: consideration('FINANCIAL'),
    legalConsiderations: consideration('LEGAL'),
    consultedOrganizationIds: consultations.map((c) => c.organization_id),
    redactions: redactions.map((r) => ({ ground: r.ground, explanation: r.explanation, section: r.section })),
    topics: topics.map((t) => t.topic),
    countryCodes: countries.map((c) => c.country_code),
  };
}

/** `upsertMemoIn` in its own write transaction. */
export async function upsertMemo(db: Kysely<Database>, dialect: Dialect, memo: MemoWrite): Promise<UpsertMemoResult> {
  return withWriteTransaction(db, dialect, (trx) => upsertMemoIn(trx, memo));
}

async function insertChildren(trx: Kysely<Database>, memoId: number, memo: MemoWrite): Promise<void> {
  if (memo.sections.length > 0) {
    await trx
      .insertInto('memo_sections')
      .values(
        memo.sections.map((s, position) => ({
          memo_id: memoId,
          position,
          number: s.number,
          heading: s.heading,
          kind: s.kind,
          body: s.body,
          not_applicable: fromBool(s.notApplicable),
          withheld_ground: s.withheld?.ground ?? null,
          withheld_explanation: s.withheld?.explanation ?? null,
        })),
      )
      .execute();
  }
  if (memo.politicalContext.length > 0) {
    await trx
      .insertInto('political_context_items')
      .values(
        memo.politicalContext.map((p, position) => ({
          memo_id: memoId,
          position,
          kind: p.kind,
          member: p.member,
          party: p.party,
          title: p.title,
          parliamentary_reference: p.parliamentaryReference,
          description: p.description,
        })),
      )
      .execute();
  }
  const considerations = [
    ['FINANCIAL', memo.financialConsiderations],
    ['LEGAL', memo.legalConsiderations],
  ] as const;
  for (const [kind, c] of considerations) {
    if (!c) continue;
    await trx
      .insertInto('considerations')
      .values({
        memo_id: memoId,
        kind,
        applicable: fromBool(c.applicable),
        text: c.text,
        has_budget_impact: fromBool(c.hasBudgetImpact),
        amounts: JSON.stringify(c.amounts),
      })
      .execute();
  }
  const orgIds = [...new Set(memo.consultedOrganizationIds)];
  if (orgIds.length > 0) {
    await trx
      .insertInto('memo_consultations')
      .values(orgIds.map((organization_id, position) => ({ memo_id: memoId, organization_id, position })))
      .execute();
  }
  if (memo.redactions.length > 0) {
    await trx
      .insertInto('redactions')
      .values(memo.redactions.map((r, position) => ({ memo_id: memoId, position, ground: r.ground, explanation: r.explanation, section: r.section })))
      .execute();
  }
  const topics = [...new Set(memo.topics)];
  if (topics.length > 0) {
    await trx.insertInto('memo_topics').values(topics.map((topic) => ({ memo_id: memoId, topic }))).execute();
  }
  const countries = [...new Set(memo.countryCodes)];
  if (countries.length > 0) {
    await trx.insertInto('memo_countries').values(countries.map((country_code) => ({ memo_id: memoId, country_code }))).execute();
  }
}

// The source text can be tens of kilobytes and no read path serves it, so list and look-up queries
// leave it out (as null); readMemoWrite reads it where a write needs it.
const MEMO_COLUMNS = [
  'm.id', 'm.reference', 'm.kind', 'm.title', 'm.date', 'm.addressee', 'm.status', 'm.status_label', 'm.sender_organization_id',
  'm.occasion', 'm.advised_decision', 'm.key_points', 'm.attachments', 'm.copy_to', 'm.import_warnings', 'm.created_at', 'm.updated_at', 'm.version', 'm.statistics_curated',
] as const;
const NO_SOURCE_TEXT = sql<string | null>`null`.as('source_text');

export type MemoOrderField = 'DATE' | 'REFERENCE' | 'UPDATED_AT';
export type SortDirection = 'ASC' | 'DESC';

export interface MemoFilter {
  dateFrom?: string | null;
  dateTo?: string | null;
  kinds?: string[] | null;
  statuses?: string[] | null;
  statusLabel?: string | null;
  /** Sender organisation by code or alias, including every organisation below it. */
  senderCode?: string | null;
  politicalContextKinds?: string[] | null;
  /** Member named in the political context (case-insensitive surname). */
  member?: string | null;
  consultedOrganizationCode?: string | null;
  topic?: string | null;
  countryCode?: string | null;
  updatedSince?: string | null;
  /** Changed at or before this moment (the snapshot of a pull by update time). */
  updatedUntil?: string | null;
  /** Restricts to these ids (e.g. the memos linked to a statistic series). */
  statisticSeriesId?: number | null;
}

export interface MemoPage {
  /** Opaque keyset position: [sort value, id], from `memoCursorKey`. */
  after?: [string, number];
  before?: [string, number];
  limit: number;
  /** Read backwards from `before` (Relay `last`); rows come back in reverse order. */
  inverted: boolean;
}

// NULL dates sort as the lowest value, so that keyset comparisons need no special case.
const NULL_DATE = '0001-01-01';

function sortExpression(field: MemoOrderField): Expression<string> {
  switch (field) {
    case 'DATE':
      // A literal, not a parameter, so that the expression index memos_sort_date_idx matches it.
      return sql<string>`coalesce(m.date, ${sql.lit(NULL_DATE)})`;
    case 'REFERENCE':
      return sql<string>`m.reference`;
    case 'UPDATED_AT':
      return sql<string>`m.updated_at`;
  }
}

/** The keyset of a row for an order: what a cursor encodes. */
export function memoCursorKey(row: MemoRow, field: MemoOrderField): [string, number] {
  const value = field === 'DATE' ? (row.date ?? NULL_DATE) : field === 'REFERENCE' ? row.reference : row.updated_at;
  return [value, row.id];
}

/** The memos a filter selects, as `m`; shared by listing, counting, search and facets. */
export function filteredMemos(db: Kysely<Database>, filter: MemoFilter) {
  let q = db.selectFrom('memos as m');
  if (filter.senderCode) {
    const code = filter.senderCode.toLowerCase();
    // The organisation itself and everything below it (bureau -> directorate -> DG -> ministry).
    q = q.where(
      sql<boolean>`m.sender_organization_id in (
        with recursive sub(id) as (
          select o.id from organizations o
          where lower(o.code) = ${code}
             or o.id in (select organization_id from organization_aliases where lower(alias) = ${code})
          union all
          select c.id from organizations c join sub on sub.id = c.parent_id
        )
        select id from sub)`,
    );
  }
  if (filter.dateFrom) q = q.where('m.date', '>=', filter.dateFrom);
  if (filter.dateTo) q = q.where('m.date', '<=', filter.dateTo);
  if (filter.kinds?.length) q = q.where('m.kind', 'in', filter.kinds);
  if (filter.statuses?.length) q = q.where('m.status', 'in', filter.statuses);
  if (filter.statusLabel) q = q.where(sql`upper(m.status_label)`, '=', filter.statusLabel.toUpperCase());
  if (filter.updatedSince) q = q.where('m.updated_at', '>', filter.updatedSince);
  if (filter.updatedUntil) q = q.where('m.updated_at', '<=', filter.updatedUntil);
  if (filter.politicalContextKinds?.length) {
    const kinds = filter.politicalContextKinds;
    q = q.where((eb) => eb.exists(eb.selectFrom('political_context_items as p').select('p.id').whereRef('p.memo_id', '=', 'm.id').where('p.kind', 'in', kinds)));
  }
  if (filter.member) {
    const member = filter.member.toLowerCase();
    q = q.where((eb) => eb.exists(eb.selectFrom('political_context_items as p').select('p.id').whereRef('p.memo_id', '=', 'm.id').where(sql`lower(p.member)`, '=', member)));
  }
  if (filter.consultedOrganizationCode) {
    const code = filter.consultedOrganizationCode.toLowerCase();
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('memo_consultations as mc')
          .innerJoin('organizations as o', 'o.id', 'mc.organization_id')
          .select('mc.memo_id')
          .whereRef('mc.memo_id', '=', 'm.id')
          .where((w) =>
            w.or([
              w(sql`lower(o.code)`, '=', code),
              w('o.id', 'in', w.selectFrom('organization_aliases').select('organization_id').where(sql`lower(alias)`, '=', code)),
            ]),
          ),
      ),
    );
  }
  if (filter.topic) {
    const topic = filter.topic;
    q = q.where((eb) => eb.exists(eb.selectFrom('memo_topics as t').select('t.memo_id').whereRef('t.memo_id', '=', 'm.id').where('t.topic', '=', topic)));
  }
  if (filter.countryCode) {
    const cc = filter.countryCode.toUpperCase();
    q = q.where((eb) => eb.exists(eb.selectFrom('memo_countries as c').select('c.memo_id').whereRef('c.memo_id', '=', 'm.id').where('c.country_code', '=', cc)));
  }
  if (filter.statisticSeriesId != null) {
    const sid = filter.statisticSeriesId;
    q = q.where((eb) => eb.exists(eb.selectFrom('memo_statistic_series as ms').select('ms.memo_id').whereRef('ms.memo_id', '=', 'm.id').where('ms.series_id', '=', sid)));
  }
  return q;
}

/**
 * A page of memos by keyset: ordered by (sort value, id) so cursors stay stable when rows are
 * added or changed elsewhere. With `inverted` the rows come back in the opposite order.
 */
export async function listMemos(
  db: Kysely<Database>,
  filter: MemoFilter,
  order: { field: MemoOrderField; direction: SortDirection },
  page: MemoPage,
): Promise<MemoRow[]> {
  const key = sortExpression(order.field);
  const ascending = (order.direction === 'ASC') !== page.inverted;
  let q = filteredMemos(db, filter).select(MEMO_COLUMNS).select(NO_SOURCE_TEXT);
  // "after" means further along the requested order; "before" means earlier in it.
  const forward = order.direction === 'ASC' ? '>' : '<';
  const backward = order.direction === 'ASC' ? '<' : '>';
  if (page.after) {
    const [v, id] = page.after;
    q = q.where((eb) => eb.or([eb(key, forward, v), eb.and([eb(key, '=', v), eb('m.id', forward, id)])]));
  }
  if (page.before) {
    const [v, id] = page.before;
    q = q.where((eb) => eb.or([eb(key, backward, v), eb.and([eb(key, '=', v), eb('m.id', backward, id)])]));
  }
  const dir = ascending ? 'asc' : 'desc';
  return q.orderBy(key, dir).orderBy('m.id', dir).limit(page.limit).execute();
}

/** Number of memos matching the filter. */
export async function countMemos(db: Kysely<Database>, filter: MemoFilter): Promise<number> {
  const row = await filteredMemos(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Memos by id in the order asked (null where missing). */
export async function memosByIds(db: Kysely<Database>, ids: readonly number[]): Promise<(MemoRow | null)[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memos as m').select(MEMO_COLUMNS).select(NO_SOURCE_TEXT).where('m.id', 'in', [...ids]).execute();
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** Memos by exact reference in the order asked. */
export async function memosByReferences(db: Kysely<Database>, references: readonly string[]): Promise<(MemoRow | null)[]> {
  if (references.length === 0) return [];
  const rows = await db.selectFrom('memos as m').select(MEMO_COLUMNS).select(NO_SOURCE_TEXT).where('m.reference', 'in', [...references]).execute();
  const map = new Map(rows.map((r) => [r.reference, r]));
  return references.map((r) => map.get(r) ?? null);
}

/** True when the filter's sort column accepts the cursor value (guards against tampered cursors). */
export function isValidCursorValue(field: MemoOrderField, value: string): boolean {
  if (field === 'DATE') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (field === 'UPDATED_AT') return !Number.isNaN(Date.parse(value));
  return value.length > 0 && value.length <= 500;
}


// Wires the pure importer (@notabene/ingest) to the store (@notabene/db): parse, resolve
// organisations, write everything for one memo in one transaction, link the statistics it cites.
import {
  findOrganizationsByCodes,
  memoCountriesAndTopics,
  resolveSenderChain,
  seriesForCountries,
  setImportedSeriesLinks,
  statisticSeriesIdsByMemoIds,
  syncCountries,
  syncOrganizationRegister,
  upsertMemoIn,
  upsertSeriesWithObservations,
  periodBounds,
  readMemoWrite,
  withWriteTransaction,
  type Connection,
  type MemoWrite,
} from '@notabene/db';
import type { Kysely } from 'kysely';
import type { Database } from '@notabene/db';
import {
  COUNTRIES,
  ORGANIZATIONS,
  parseMemoText,
  parseStatisticsCsv,
  type ParsedConsideration,
  type ParsedMemo,
  type StatisticRow,
} from '@notabene/ingest';
import { auditImport, type WriteContext } from './writes.js';

export type MemoStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export type ImportOutcome =
  | {
      ok: true;
      parsed: ParsedMemo;
      warnings: string[];
      /** Null on a dry run. */
      stored: { id: number; created: boolean; version: number } | null;
    }
  | { ok: false; code: 'NOT_A_MEMO' | 'EMPTY_TEXT' | 'NO_REFERENCE'; reason: string; warnings: string[] }
  | { ok: false; code: 'VERSION_CONFLICT'; reason: string; currentVersion: number; warnings: string[] };

/** Loads the organisation and country registers into the database (idempotent; run at every start). */
export async function syncReferenceData(conn: Connection): Promise<void> {
  await withWriteTransaction(conn.db, conn.dialect, async (trx) => {
    await syncOrganizationRegister(trx, ORGANIZATIONS);
    await syncCountries(trx, COUNTRIES);
  });
}

// Which memo topic a statistical measure speaks to; used to link memos to the figures they cite.
const MEASURE_TOPICS: [RegExp, string][] = [
  [/^ASYLUM_/, 'asylum'],
  [/^(OBLIGATION_TO_LEAVE|DEPARTURE_|RETURN_)/, 'return'],
  [/^DETENTION/, 'detention'],
];

/** The topic a measure belongs to, or null. */
export function topicOfMeasure(measure: string): string | null {
  return MEASURE_TOPICS.find(([re]) => re.test(measure))?.[1] ?? null;
}

/** Whether a memo about these countries and topics cites a series (country-specific, on one of its topics). */
function memoCitesSeries(s: { measure: string; country_code: string | null }, countries: readonly string[], topics: readonly string[]): boolean {
  const topic = topicOfMeasure(s.measure);
  return s.country_code !== null && countries.includes(s.country_code) && topic !== null && topics.includes(topic);
}

/**
 * Links a memo to every country-specific series about one of its countries and topics — unless an
 * editor has set its links (setMemoStatistics): those stay as the editor left them.
 */
async function linkStatistics(trx: Kysely<Database>, memoId: number, countries: readonly string[], topics: readonly string[]): Promise<void> {
  const candidates = await seriesForCountries(trx, countries);
  const ids = candidates.filter((s) => memoCitesSeries(s, countries, topics));
  await setImportedSeriesLinks(trx, memoId, ids.map((s) => s.id));
}

function consideration(c: ParsedConsideration | null) {
  return c && { applicable: c.applicable, text: c.text, hasBudgetImpact: c.hasBudgetImpact, amounts: c.amounts };
}

/**
 * Parses a memo text and, unless `dryRun`, stores it: a new memo, or — when its reference is
 * known — a new version of that memo (re-importing never duplicates).
 */
export async function importMemoText(
  conn: Connection,
  text: string,
  options: {
    dryRun?: boolean;
    status?: MemoStatus;
    /** Who imports: recorded in the audit log in the same transaction (the CLI and sample data pass none). */
    actor?: WriteContext;
    /** When the reference exists, re-import only if it is still at this version. */
    expectedVersion?: number | null;
  } = {},
): Promise<ImportOutcome> {
  const result = parseMemoText(text);
  if (!result.ok) return { ok: false, code: result.code, reason: result.reason, warnings: result.warnings };
  const parsed = result.memo;
  const warnings = [...result.warnings];
  if (!parsed.reference) {
    return {
      ok: false,
      code: 'NO_REFERENCE',
      reason: 'The text has no reference (Kenmerk / Ons kenmerk); the register identifies memos by it, so it cannot be stored.',
      warnings,
    };
  }
  if (options.dryRun) return { ok: true, parsed, warnings, stored: null };

  let conflict: number | null = null;
  const stored = await withWriteTransaction(conn.db, conn.dialect, async (trx) => {
    const existing = await trx.selectFrom('memos').select(['id', 'version']).where('reference', '=', parsed.reference!).executeTakeFirst();
    if (existing && options.expectedVersion != null && existing.version !== options.expectedVersion) {
      conflict = existing.version;
      return null;
    }
    const before = existing && options.actor ? await readMemoWrite(trx, existing.id) : null;
    const senderOrganizationId = await resolveSenderChain(trx, parsed.sender);
    const consulted = await findOrganizationsByCodes(trx, parsed.consultedOrganizations);
    for (const code of parsed.consultedOrganizations) {
      if (!consulted.has(code)) warnings.push(`Consulted organisation "${code}" is not in the organisation register; not linked.`);
    }
    const knownCountries = new Set(COUNTRIES.map((c) => c.code));
    const countryCodes = parsed.countries.filter((c) => knownCountries.has(c));
    const write: MemoWrite = {
      reference: parsed.reference!,
      kind: parsed.kind ?? 'BESLISNOTA',
      title: parsed.title,
      date: parsed.date,
      addressee: parsed.addressee,
      status: options.status ?? 'PUBLISHED',
      statusLabel: parsed.statusLabel,
      senderOrganizationId,
      occasion: parsed.occasion,
      advisedDecision: parsed.advisedDecision,
      keyPoints: parsed.keyPoints,
      attachments: parsed.attachments,
      copyTo: parsed.copyTo,
      sourceText: parsed.sourceText,
      importWarnings: warnings,
      sections: parsed.sections.map((s) => ({ ...s, withheld: null })),
      politicalContext: parsed.politicalContext,
      financialConsiderations: consideration(parsed.financialConsiderations),
      legalConsiderations: consideration(parsed.legalConsiderations),
      consultedOrganizationIds: parsed.consultedOrganizations.flatMap((c) => (consulted.has(c) ? [consulted.get(c)!.id] : [])),
      redactions: parsed.redactions,
      topics: parsed.topics,
      countryCodes,
    };
    const upserted = await upsertMemoIn(trx, write);
    await linkStatistics(trx, upserted.id, countryCodes, parsed.topics);
    if (options.actor) await auditImport(trx, options.actor, upserted.id, before, write);
    return upserted;
  });
  if (conflict !== null || stored === null) {
    return { ok: false, code: 'VERSION_CONFLICT', reason: `memo ${parsed.reference} is at version ${conflict}, not ${options.expectedVersion}`, currentVersion: conflict ?? 0, warnings };
  }
  return { ok: true, parsed, warnings, stored };
}

export type StatisticsImportOutcome =
  | { ok: true; series: number; observations: number; createdSeries: number }
  | { ok: false; errors: { line: number; message: string }[] };

/**
 * Imports a statistics CSV in one transaction: all rows or none. Idempotent on series code +
 * period. New series are linked to the memos already stored that cite them.
 */
export async function importStatisticsCsv(conn: Connection, text: string): Promise<StatisticsImportOutcome> {
  const parsed = parseStatisticsCsv(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  // The parser has already checked that every row of a series describes it alike (with the right line numbers).
  const bySeries = new Map<string, StatisticRow[]>();
  for (const row of parsed.rows) bySeries.set(row.seriesCode, [...(bySeries.get(row.seriesCode) ?? []), row]);

  let created = 0;
  const newSeries: { id: number; measure: string; country_code: string | null }[] = [];
  await withWriteTransaction(conn.db, conn.dialect, async (trx) => {
    for (const [code, rows] of bySeries) {
      const first = rows[0]!;
      // A series has one granularity in the register; rows of other granularities (e.g. a year-to-date
      // figure next to yearly ones) keep theirs in the period, so the series takes the most common one.
      const granularity = mostCommon(rows.map((r) => r.granularity));
      const { seriesId, created: isNew } = await upsertSeriesWithObservations(
        trx,
        { code, title: first.seriesTitle, publisher: first.publisher, sourceUrl: first.sourceUrl, measure: first.measure, unit: first.unit, countryCode: first.country, granularity },
        rows.map((r) => {
          const bounds = periodBounds(r.granularity, r.period)!;
          return { period: r.period, granularity: r.granularity, startDate: bounds.start, endDate: bounds.end, value: r.value, status: r.status, note: r.note };
        }),
      );
      if (isNew) {
        created += 1;
        newSeries.push({ id: seriesId, measure: first.measure, country_code: first.country });
      }
      // ... of all it holds now, not just of this file: a file with one month's update must not turn a yearly series monthly.
      const held = await trx.selectFrom('observations').select('granularity').where('series_id', '=', seriesId).execute();
      const overall = mostCommon(held.map((h) => h.granularity));
      if (overall !== granularity) await trx.updateTable('statistic_series').set({ granularity: overall }).where('id', '=', seriesId).execute();
    }
    // New series are linked to the memos already stored that cite them, except memos whose links an
    // editor set (setMemoStatistics). Existing series keep their links.
    if (newSeries.length > 0) {
      const memos = await memoCountriesAndTopics(trx);
      const current = await statisticSeriesIdsByMemoIds(trx, memos.map((m) => m.memoId));
      for (const [i, m] of memos.entries()) {
        const add = newSeries.filter((s) => memoCitesSeries(s, m.countries, m.topics)).map((s) => s.id);
        if (add.length > 0) await setImportedSeriesLinks(trx, m.memoId, [...current[i]!, ...add]);
      }
    }
  });
  return { ok: true, series: bySeries.size, observations: parsed.rows.length, createdSeries: created };
}

// Ties go to the value sorted first, so the outcome does not depend on row order.
function mostCommon<T extends string>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

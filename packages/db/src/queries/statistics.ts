import { sql, type Kysely } from 'kysely';
import { containsPattern, groupByKey, indexByKey, toBool } from '../map.js';
import type { Database, ObservationRow, StatisticSeriesRow } from '../types.js';

export interface SeriesWrite {
  code: string;
  title: string;
  publisher: string;
  sourceUrl: string | null;
  measure: string;
  unit: string;
  countryCode: string | null;
  granularity: string;
}

export interface ObservationWrite {
  period: string;
  granularity: string;
  startDate: string;
  endDate: string;
  value: number;
  status: string;
  note: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The first and last day a period covers: "2023" (YEAR), "2023-H1", "2023-Q2", "2023-06" (MONTH),
 * "2023-10" (YEAR_TO_DATE: January up to and including October), "2023-02-21" (CUMULATIVE: up to that day).
 */
export function periodBounds(granularity: string, period: string): { start: string; end: string } | null {
  let m: RegExpMatchArray | null;
  switch (granularity) {
    case 'YEAR':
      if ((m = period.match(/^(\d{4})$/))) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
      return null;
    case 'HALF_YEAR':
      if ((m = period.match(/^(\d{4})-H([12])$/))) {
        return m[2] === '1' ? { start: `${m[1]}-01-01`, end: `${m[1]}-06-30` } : { start: `${m[1]}-07-01`, end: `${m[1]}-12-31` };
      }
      return null;
    case 'QUARTER':
      if ((m = period.match(/^(\d{4})-Q([1-4])$/))) {
        const y = Number(m[1]);
        const q = Number(m[2]);
        const first = (q - 1) * 3 + 1;
        return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}` };
      }
      return null;
    case 'MONTH':
    case 'YEAR_TO_DATE':
      if ((m = period.match(/^(\d{4})-(\d{2})$/))) {
        const y = Number(m[1]);
        const mo = Number(m[2]);
        if (mo < 1 || mo > 12) return null;
        const start = granularity === 'MONTH' ? `${y}-${pad(mo)}-01` : `${y}-01-01`;
        return { start, end: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}` };
      }
      return null;
    case 'CUMULATIVE':
      if ((m = period.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
        const d = new Date(`${period}T00:00:00Z`);
        if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== period) return null;
        // A cumulative figure has no defined start; the end is what matters.
        return { start: period, end: period };
      }
      return null;
    default:
      return null;
  }
}

/** Inserts or updates a series by code and its observations by period. Run inside a transaction. */
export async function upsertSeriesWithObservations(
  trx: Kysely<Database>,
  series: SeriesWrite,
  observations: readonly ObservationWrite[],
): Promise<{ seriesId: number; created: boolean }> {
  const values = {
    title: series.title,
    publisher: series.publisher,
    source_url: series.sourceUrl,
    measure: series.measure,
    unit: series.unit,
    country_code: series.countryCode,
    granularity: series.granularity,
  };
  const existing = await trx.selectFrom('statistic_series').select('id').where('code', '=', series.code).executeTakeFirst();
  let seriesId: number;
  if (existing) {
    seriesId = existing.id;
    await trx.updateTable('statistic_series').set(values).where('id', '=', seriesId).execute();
  } else {
    seriesId = (await trx.insertInto('statistic_series').values({ ...values, code: series.code }).returning('id').executeTakeFirstOrThrow()).id;
  }
  for (const o of observations) {
    await trx
      .insertInto('observations')
      .values({ series_id: seriesId, period: o.period, granularity: o.granularity, start_date: o.startDate, end_date: o.endDate, value: o.value, status: o.status, note: o.note })
      .onConflict((oc) =>
        oc.columns(['series_id', 'period']).doUpdateSet({
          granularity: (eb) => eb.ref('excluded.granularity'),
          start_date: (eb) => eb.ref('excluded.start_date'),
          end_date: (eb) => eb.ref('excluded.end_date'),
          value: (eb) => eb.ref('excluded.value'),
          status: (eb) => eb.ref('excluded.status'),
          note: (eb) => eb.ref('excluded.note'),
        }),
      )
      .execute();
  }
  return { seriesId, created: !existing };
}

export async function seriesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<(StatisticSeriesRow | null)[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('statistic_series').selectAll().where('id', 'in', [...ids]).execute();
  return indexByKey(ids, rows, (r) => r.id);
}

/** Observations per series id, ordered by start date; `from`/`to` bound the period by its dates. */
export async function observationsBySeriesIds(
  db: Kysely<Database>,
  ids: readonly number[],
  range: { from?: string | null; to?: string | null } = {},
): Promise<ObservationRow[][]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom('observations').selectAll().where('series_id', 'in', [...ids]);
  if (range.from) q = q.where('end_date', '>=', range.from);
  if (range.to) q = q.where('start_date', '<=', range.to);
  const rows = await q.orderBy('series_id').orderBy('start_date').orderBy('period').execute();
  return groupByKey(ids, rows, (r) => r.series_id);
}

export interface SeriesFilter {
  countryCode?: string | null;
  measure?: string | null;
  publisher?: string | null;
  /** Case-insensitive substring of code or title. */
  text?: string | null;
}

function seriesFilterQuery(db: Kysely<Database>, filter: SeriesFilter) {
  let q = db.selectFrom('statistic_series as s');
  if (filter.countryCode) q = q.where('s.country_code', '=', filter.countryCode.toUpperCase());
  if (filter.measure) q = q.where('s.measure', '=', filter.measure);
  if (filter.publisher) q = q.where(sql`lower(s.publisher)`, '=', filter.publisher.toLowerCase());
  if (filter.text) {
    const like = containsPattern(filter.text);
    q = q.where((eb) => eb.or([eb(sql`lower(s.title)`, 'like', sql`${like} escape '\\'`), eb(sql`lower(s.code)`, 'like', sql`${like} escape '\\'`)]));
  }
  return q;
}

/** A page of series ordered by code (cursor = code). */
export async function listSeries(
  db: Kysely<Database>,
  filter: SeriesFilter,
  page: { after?: string; before?: string; limit: number; inverted: boolean },
): Promise<StatisticSeriesRow[]> {
  let q = seriesFilterQuery(db, filter).selectAll('s');
  if (page.after !== undefined) q = q.where('s.code', '>', page.after);
  if (page.before !== undefined) q = q.where('s.code', '<', page.before);
  return q.orderBy('s.code', page.inverted ? 'desc' : 'asc').limit(page.limit).execute();
}

export async function countSeries(db: Kysely<Database>, filter: SeriesFilter): Promise<number> {
  const row = await seriesFilterQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Replaces the series a memo is linked to, as an editor: from then on the importer leaves them alone. */
export async function setCuratedSeriesLinks(trx: Kysely<Database>, memoId: number, seriesIds: readonly number[]): Promise<void> {
  await trx.updateTable('memos').set({ statistics_curated: 1 }).where('id', '=', memoId).execute();
  await setMemoSeriesLinks(trx, memoId, seriesIds);
}

/** Replaces the links the importer derives, unless an editor has set them; returns whether it did. */
export async function setImportedSeriesLinks(trx: Kysely<Database>, memoId: number, seriesIds: readonly number[]): Promise<boolean> {
  const memo = await trx.selectFrom('memos').select('statistics_curated').where('id', '=', memoId).executeTakeFirst();
  if (!memo || toBool(memo.statistics_curated)) return false;
  await setMemoSeriesLinks(trx, memoId, seriesIds);
  return true;
}

/** Replaces the series a memo is linked to (no curation bookkeeping; see the two functions above). */
async function setMemoSeriesLinks(trx: Kysely<Database>, memoId: number, seriesIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('memo_statistic_series').where('memo_id', '=', memoId).execute();
  const unique = [...new Set(seriesIds)];
  if (unique.length > 0) await trx.insertInto('memo_statistic_series').values(unique.map((series_id) => ({ memo_id: memoId, series_id }))).execute();
}

/** Series whose country is one of the codes (candidates for linking a memo to the figures it cites). */
export async function seriesForCountries(db: Kysely<Database>, countryCodes: readonly string[]): Promise<StatisticSeriesRow[]> {
  if (countryCodes.length === 0) return [];
  return db.selectFrom('statistic_series').selectAll().where('country_code', 'in', [...countryCodes]).orderBy('code').execute();
}

/** All memo ids linked to a series (for the reverse direction). */
export async function memoIdsBySeriesIds(db: Kysely<Database>, ids: readonly number[]): Promise<number[][]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('memo_statistic_series').selectAll().where('series_id', 'in', [...ids]).orderBy('memo_id').execute();
  return groupByKey(ids, rows, (r) => r.series_id).map((l) => l.map((r) => r.memo_id));
}

/** Every memo id with its countries and topics (used to re-link memos after a statistics import). */
export async function memoCountriesAndTopics(db: Kysely<Database>): Promise<{ memoId: number; countries: string[]; topics: string[] }[]> {
  const [countries, topics] = await Promise.all([
    db.selectFrom('memo_countries').selectAll().execute(),
    db.selectFrom('memo_topics').selectAll().execute(),
  ]);
  const ids = [...new Set([...countries.map((c) => c.memo_id), ...topics.map((t) => t.memo_id)])].sort((a, b) => a - b);
  const c = groupByKey(ids, countries, (r) => r.memo_id);
  const t = groupByKey(ids, topics, (r) => r.memo_id);
  return ids.map((memoId, i) => ({ memoId, countries: c[i]!.map((r) => r.country_code), topics: t[i]!.map((r) => r.topic) }));
}

import { resolveCursorConnection } from '@pothos/plugin-relay';
import { countSeries, listSeries, type MemoRow, type ObservationRow, type StatisticSeriesRow } from '@notabene/db';
import { overlaps, rollUp, RollupError, type RolledObservation } from '../rollup.js';
import { builder } from '../builder.js';
import { isDbId } from './ids.js';
import { Country } from './country.js';
import { badInput, checkPageArgs, keyCursor, isString } from './cursors.js';
import { GranularityEnum, MemoOrderFieldEnum, ObservationStatusEnum, SortDirectionEnum } from './enums.js';
import { Memo, MemoConnection } from './memo.js';
import { pageMemosInMemory } from './memo-paging.js';

const SERIES_CURSOR = keyCursor('series', isString);

export const StatisticSeries = builder.objectRef<StatisticSeriesRow>('StatisticSeries');

// Stored rows carry no roll-up information: they are one complete figure each.
export const Observation = builder.objectRef<ObservationRow & Partial<Pick<RolledObservation, 'parts' | 'complete'>>>('Observation').implement({
  description: 'One published figure of a series (waarneming).',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'Period as written (periode): "2023", "2023-H1", "2023-Q1", "2023-06", or a date for cumulative series.' }),
    granularity: t.field({ type: GranularityEnum, description: 'Period this figure covers (periodiciteit); may differ from the series\', e.g. a year-to-date figure in a yearly series.', resolve: (o) => o.granularity as never }),
    start: t.field({ type: 'Date', description: 'First day the figure covers (begindatum).', resolve: (o) => o.start_date }),
    end: t.field({ type: 'Date', description: 'Last day the figure covers (einddatum).', resolve: (o) => o.end_date }),
    value: t.exposeFloat('value', { description: 'The figure (waarde).' }),
    status: t.field({ type: ObservationStatusEnum, description: 'Final or provisional (status).', resolve: (o) => o.status as never }),
    note: t.exposeString('note', { nullable: true, description: 'Remarks such as rounding (opmerking); for a roll-up, the figures summed.' }),
    parts: t.int({ description: 'Number of published figures summed into this one (aantal delen); 1 for a published figure.', resolve: (o) => o.parts ?? 1 }),
    complete: t.boolean({ description: 'Whether every part of the period is present (volledig); false only for an incomplete roll-up asked for with includeIncomplete.', resolve: (o) => o.complete ?? true }),
  }),
});

const PERIOD_BOUND = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** "2023" → 2023-01-01 (from) or 2023-12-31 (to); "2023-06" → first or last day of June. */
function periodBound(value: string, end: boolean, name: string): string {
  if (!PERIOD_BOUND.test(value)) throw badInput(`${name} must be YYYY, YYYY-MM or YYYY-MM-DD (got "${value}").`, name);
  const [y, m, d] = value.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m !== undefined && (m < 1 || m > 12)) throw badInput(`${name} has month ${m}.`, name);
  if (d !== undefined) {
    const dt = new Date(Date.UTC(y, m! - 1, d));
    if (dt.getUTCDate() !== d) throw badInput(`${name} is not a calendar date ("${value}").`, name);
    return value;
  }
  const month = m ?? (end ? 12 : 1);
  const day = end ? new Date(Date.UTC(y, month, 0)).getUTCDate() : 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

builder.node(StatisticSeries, {
  description: 'A statistical series that memos cite (statistiekreeks), e.g. CBS first asylum applications of Moroccans.',
  id: { resolve: (s) => s.id },
  loadMany: (ids, ctx) => ids.map((id) => (isDbId(id) ? ctx.loaders.series.load(Number(id)) : null)),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Our code for the series (reekscode), e.g. "CBS-80059-FIRST-MA".' }),
    title: t.exposeString('title', { description: 'Title as the publisher gives it (titel).' }),
    publisher: t.exposeString('publisher', { description: 'Who publishes it (bron), e.g. "CBS", "IND", "DT&V".' }),
    sourceUrl: t.exposeString('source_url', { nullable: true, description: 'Where the figures are published (bronvermelding).' }),
    measure: t.exposeString('measure', { description: 'What is counted (maatstaf), e.g. "ASYLUM_FIRST_APPLICATIONS".' }),
    unit: t.exposeString('unit', { description: 'Unit (eenheid), e.g. "persons".' }),
    country: t.field({
      type: Country,
      nullable: true,
      description: 'Country the series is about (land); null for all nationalities.',
      resolve: (s, _a, ctx) => (s.country_code ? ctx.loaders.country.load(s.country_code) : null),
    }),
    granularity: t.field({ type: GranularityEnum, description: 'Period of each observation (periodiciteit).', resolve: (s) => s.granularity as never }),
    observations: t.field({
      type: [Observation],
      description:
        'Figures in period order (waarnemingen), optionally limited to periods overlapping from..to. With `granularity`, rolled up to it (optellen): ' +
        'MONTH → QUARTER → HALF_YEAR → YEAR by sum, PROVISIONAL when any part is; refused (BAD_USER_INPUT) to a finer granularity, from or to YEAR_TO_DATE/CUMULATIVE, and for units that are not counts.',
      args: {
        from: t.arg.string({ required: false, description: 'Start (vanaf): YYYY, YYYY-MM or YYYY-MM-DD.' }),
        to: t.arg.string({ required: false, description: 'End (tot en met): YYYY, YYYY-MM or YYYY-MM-DD.' }),
        granularity: t.arg({ type: GranularityEnum, required: false, description: 'Roll up to this granularity (periodiciteit); without it, the figures as published.' }),
        includeIncomplete: t.arg.boolean({ required: false, defaultValue: false, description: 'Also return periods that lack some of their parts, flagged complete: false (ook onvolledige perioden).' }),
      },
      resolve: async (s, args, ctx) => {
        const from = args.from == null ? null : periodBound(args.from, false, 'from');
        const to = args.to == null ? null : periodBound(args.to, true, 'to');
        if (from && to && from > to) throw badInput(`from (${args.from}) is after to (${args.to}).`, 'from');
        if (args.granularity == null) return ctx.loaders.observations.load({ seriesId: s.id, from, to });
        // Roll up everything, then bound: cutting the sources first would make the edge periods incomplete.
        const all = await ctx.loaders.observations.load({ seriesId: s.id, from: null, to: null });
        try {
          return rollUp(all, args.granularity, { unit: s.unit, includeIncomplete: args.includeIncomplete ?? false }).filter((o) => overlaps(o, from, to));
        } catch (error) {
          if (error instanceof RollupError) throw badInput(`Series ${s.code}: ${error.message}`, 'granularity');
          throw error;
        }
      },
    }),
    memos: t.field({
      type: MemoConnection,
      description: 'Memos that cite this series (nota\'s).',
      args: {
        ...t.arg.connectionArgs(),
        orderBy: t.arg({ type: SeriesMemoOrder, required: false }),
      },
      resolve: async (s, args, ctx) => {
        // Loaded for all series of the request in one batch, then paged in memory: a series is cited by few memos.
        const ids = await ctx.loaders.memoIdsOfSeries.load(s.id);
        const rows = (await ctx.loaders.memo.loadMany(ids)).filter((r): r is MemoRow => r !== null && !(r instanceof Error));
        const order = args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction } : ({ field: 'DATE', direction: 'DESC' } as const);
        const page = await pageMemosInMemory(rows, args, order);
        return Object.assign(page, { totalCount: async () => rows.length });
      },
    }),
  }),
});

const SeriesMemoOrder = builder.inputType('SeriesMemoOrder', {
  description: 'Sort order of the memos citing a series (sortering).',
  fields: (t) => ({
    field: t.field({ type: MemoOrderFieldEnum, required: true, defaultValue: 'DATE', description: 'Sort by (sorteerveld).' }),
    direction: t.field({ type: SortDirectionEnum, required: true, defaultValue: 'DESC', description: 'Direction (richting).' }),
  }),
});

const StatisticSeriesFilter = builder.inputType('StatisticSeriesFilter', {
  description: 'Narrows the list of series (filter reeksen).',
  fields: (t) => ({
    country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country (land).' }),
    measure: t.string({ required: false, description: 'Measure code (maatstaf).' }),
    publisher: t.string({ required: false, description: 'Publisher, case-insensitive (bron).' }),
    text: t.string({ required: false, description: 'Part of the code or title (zoektekst).' }),
  }),
});

builder.queryFields((t) => ({
  statisticSeries: t.connection(
    {
      type: StatisticSeries,
      description: 'Statistical series, ordered by code (statistiekreeksen).',
      args: { filter: t.arg({ type: StatisticSeriesFilter, required: false }) },
      resolve: async (_root, args, ctx) => {
        const filter = {
          countryCode: args.filter?.country ?? null,
          measure: args.filter?.measure ?? null,
          publisher: args.filter?.publisher ?? null,
          text: args.filter?.text ?? null,
        };
        checkPageArgs(args);
        const after = SERIES_CURSOR.decode(args.after);
        const before = SERIES_CURSOR.decode(args.before);
        const page = await resolveCursorConnection<Promise<StatisticSeriesRow[]>>(
          { args, toCursor: (s: StatisticSeriesRow) => SERIES_CURSOR.encode(s.code) },
          ({ limit, inverted }) => listSeries(ctx.conn.db, filter, { after, before, limit, inverted }),
        );
        return { ...page, totalCount: () => countSeries(ctx.conn.db, filter) };
      },
    },
    {
      name: 'StatisticSeriesConnection',
      description: 'A page of statistical series.',
      fields: (t) => ({
        totalCount: t.int({ description: 'Number of series matching the filter (totaal).', resolve: (c) => c.totalCount() }),
      }),
    },
    { name: 'StatisticSeriesEdge', description: 'A series in a page.' },
  ),
}));

builder.objectField(Memo, 'statistics', (t) =>
  t.field({
    type: [StatisticSeries],
    description: 'Statistical series the memo cites or is about (cijfers).',
    resolve: async (m, _a, ctx) => {
      const ids = await ctx.loaders.seriesIdsOfMemo.load(m.id);
      return (await ctx.loaders.series.loadMany(ids)).filter((s): s is StatisticSeriesRow => s !== null && !(s instanceof Error));
    },
  }),
);

import { z } from 'zod';
import { periodBounds, seriesByIds, setCuratedSeriesLinks, upsertSeriesWithObservations, type MemoRow, type StatisticSeriesRow } from '@notabene/db';
import { COUNTRIES } from '@notabene/ingest';
import { hasRole } from '../auth/viewer.js';
import { builder } from '../builder.js';
import { createLoaders } from '../context.js';
import { forbidden, Rollback, transact, writeAudit, type Issue, type WriteOutcome } from '../writes.js';
import { GranularityEnum, ObservationStatusEnum } from './enums.js';
import { errorResult, ForbiddenError, NotFoundError, ValidationError, type ErrorShape } from './errors.js';
import { decodeMemoId, Memo } from './memo.js';
import { StatisticSeries } from './statistics.js';

const GRANULARITIES = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR', 'YEAR_TO_DATE', 'CUMULATIVE'] as const;

const ObservationInput = builder.inputType('ObservationInput', {
  description: 'A figure for one period (waarneming).',
  fields: (t) => ({
    period: t.string({ required: true, description: 'Period (periode): "2023", "2023-H1", "2023-Q1", "2023-06", or a date for cumulative figures.' }),
    granularity: t.field({ type: GranularityEnum, required: false, description: 'Period kind; the series\' when not given (periodiciteit).' }),
    value: t.float({ required: true, description: 'The figure (waarde).' }),
    status: t.field({ type: ObservationStatusEnum, required: true, description: 'FINAL or PROVISIONAL (status).' }),
    note: t.string({ required: false, description: 'Remark (opmerking).' }),
  }),
});

const UpsertStatisticSeriesInput = builder.inputType('UpsertStatisticSeriesInput', {
  description: 'A series and, optionally, figures to add or replace by period (reeks opslaan).',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Series code (reekscode); an existing code is updated.' }),
    title: t.string({ required: true, description: 'Title (titel).' }),
    publisher: t.string({ required: true, description: 'Publisher (bron), e.g. "CBS".' }),
    sourceUrl: t.string({ required: false, description: 'Where it is published (bronvermelding).' }),
    measure: t.string({ required: true, description: 'Measure code (maatstaf), e.g. "ASYLUM_FIRST_APPLICATIONS".' }),
    unit: t.string({ required: true, description: 'Unit (eenheid).' }),
    country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 country (land).' }),
    granularity: t.field({ type: GranularityEnum, required: true, description: 'Usual period of its figures (periodiciteit).' }),
    observations: t.field({ type: [ObservationInput], required: false, description: 'Figures to add or replace (waarnemingen).' }),
  }),
});

const SetMemoStatisticsInput = builder.inputType('SetMemoStatisticsInput', {
  description: 'The series a memo cites (cijfers bij een nota).',
  fields: (t) => ({
    memoId: t.id({ required: true, description: 'Global id of the memo.' }),
    seriesCodes: t.stringList({ required: true, description: 'Codes of every series the memo cites; replaces the current links.' }),
  }),
});

const Upsert = z.object({
  code: z.string().trim().min(1, 'must not be empty').max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "-", "_" and "." only'),
  title: z.string().trim().min(1, 'must not be empty').max(500),
  publisher: z.string().trim().min(1, 'must not be empty').max(200),
  sourceUrl: z.url('must be a URL').nullish(),
  measure: z.string().trim().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an upper-case code like "RETURN_TOTAL"'),
  unit: z.string().trim().min(1, 'must not be empty').max(50),
  country: z.string().trim().nullish(),
  granularity: z.enum(GRANULARITIES),
  observations: z
    .array(z.object({ period: z.string().trim(), granularity: z.enum(GRANULARITIES).nullish(), value: z.number().finite(), status: z.enum(['FINAL', 'PROVISIONAL']), note: z.string().max(1000).nullish() }))
    .max(10_000)
    .nullish(),
});

interface SeriesSuccess {
  __typename: 'UpsertStatisticSeriesSuccess';
  series: StatisticSeriesRow;
  created: boolean;
}
interface LinkSuccess {
  __typename: 'SetMemoStatisticsSuccess';
  memo: MemoRow;
}

const UpsertStatisticSeriesSuccess = builder.objectRef<SeriesSuccess>('UpsertStatisticSeriesSuccess').implement({
  description: 'The series was stored (reeks opgeslagen).',
  isTypeOf: (v) => (v as SeriesSuccess).__typename === 'UpsertStatisticSeriesSuccess',
  fields: (t) => ({
    series: t.field({ type: StatisticSeries, description: 'The series as stored now.', resolve: (s) => s.series }),
    created: t.exposeBoolean('created', { description: 'A new series rather than an update (nieuw).' }),
  }),
});

const SetMemoStatisticsSuccess = builder.objectRef<LinkSuccess>('SetMemoStatisticsSuccess').implement({
  description: 'The memo\'s series were replaced (koppelingen opgeslagen).',
  isTypeOf: (v) => (v as LinkSuccess).__typename === 'SetMemoStatisticsSuccess',
  fields: (t) => ({ memo: t.field({ type: Memo, description: 'The memo with its series.', resolve: (s) => s.memo }) }),
});

const resolveType = (v: { __typename: string }) => v.__typename;
const UpsertStatisticSeriesResult = builder.unionType('UpsertStatisticSeriesResult', {
  description: 'Outcome of upsertStatisticSeries.',
  types: [UpsertStatisticSeriesSuccess, ValidationError, ForbiddenError],
  resolveType,
});
const SetMemoStatisticsResult = builder.unionType('SetMemoStatisticsResult', {
  description: 'Outcome of setMemoStatistics.',
  types: [SetMemoStatisticsSuccess, ValidationError, NotFoundError, ForbiddenError],
  resolveType,
});


builder.mutationFields((t) => ({
  upsertStatisticSeries: t.field({
    type: UpsertStatisticSeriesResult,
    description: 'Creates or updates a series by code, with figures added or replaced by period (reeks opslaan). Needs the editor role.',
    args: { input: t.arg({ type: UpsertStatisticSeriesInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<SeriesSuccess | ErrorShape> => {
      if (!hasRole(ctx.viewer, 'editor')) return errorResult(forbidden(ctx.viewer, 'editor', 'change statistics'));
      const parsed = Upsert.safeParse(input);
      if (!parsed.success) return errorResult({ ok: false, error: 'VALIDATION', issues: parsed.error.issues.map((i) => ({ path: ['input', ...i.path.map(String)], message: i.message })) });
      const p = parsed.data;
      const issues: Issue[] = [];
      const country = p.country ? p.country.toUpperCase() : null;
      if (country && !COUNTRIES.some((c) => c.code === country)) issues.push({ path: ['input', 'country'], message: `"${p.country}" is not an ISO 3166-1 alpha-2 country code` });
      const observations = (p.observations ?? []).map((o, i) => {
        const granularity = o.granularity ?? p.granularity;
        const bounds = periodBounds(granularity, o.period);
        if (!bounds) issues.push({ path: ['input', 'observations', String(i), 'period'], message: `"${o.period}" is not a ${granularity} period` });
        return { period: o.period, granularity, startDate: bounds?.start ?? '', endDate: bounds?.end ?? '', value: o.value, status: o.status, note: o.note ?? null };
      });
      const periods = observations.map((o) => o.period);
      periods.forEach((period, i) => {
        if (periods.indexOf(period) !== i) issues.push({ path: ['input', 'observations', String(i), 'period'], message: `period ${period} is given twice` });
      });
      if (issues.length > 0) return errorResult({ ok: false, error: 'VALIDATION', issues });
      const outcome = await transact(ctx, async (trx) => {
        const before = await trx.selectFrom('statistic_series').selectAll().where('code', '=', p.code).executeTakeFirst();
        const { seriesId, created } = await upsertSeriesWithObservations(
          trx,
          { code: p.code, title: p.title, publisher: p.publisher, sourceUrl: p.sourceUrl ?? null, measure: p.measure, unit: p.unit, countryCode: country, granularity: p.granularity },
          observations,
        );
        await writeAudit(trx, ctx, 'upsertStatisticSeries', 'StatisticSeries', String(seriesId), before ?? null, { ...p, observations: observations.length });
        return { seriesId, created };
      });
      if (!outcome.ok) return errorResult(outcome);
      ctx.loaders = createLoaders(ctx.conn, ctx.viewer);
      const [series] = await seriesByIds(ctx.conn.db, [outcome.value.seriesId]);
      return { __typename: 'UpsertStatisticSeriesSuccess', series: series!, created: outcome.value.created };
    },
  }),
  setMemoStatistics: t.field({
    type: SetMemoStatisticsResult,
    description: 'Replaces the series a memo cites (cijfers koppelen). Needs the editor role.',
    args: { input: t.arg({ type: SetMemoStatisticsInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<LinkSuccess | ErrorShape> => {
      if (!hasRole(ctx.viewer, 'editor')) return errorResult(forbidden(ctx.viewer, 'editor', 'change statistics links'));
      const memoId = decodeMemoId(String(input.memoId));
      const outcome: WriteOutcome<{ id: number }> = await transact(ctx, async (trx) => {
        const memo = memoId === null ? undefined : await trx.selectFrom('memos').select('id').where('id', '=', memoId).executeTakeFirst();
        if (!memo) throw new Rollback({ ok: false, error: 'NOT_FOUND', id: String(input.memoId) });
        const codes = [...new Set(input.seriesCodes.map((c) => c.trim()))];
        const found = codes.length ? await trx.selectFrom('statistic_series').select(['id', 'code']).where('code', 'in', codes).execute() : [];
        const issues = codes.flatMap((c, i) => (found.some((f) => f.code === c) ? [] : [{ path: ['input', 'seriesCodes', String(i)], message: `unknown series "${c}"` }]));
        if (issues.length > 0) throw new Rollback({ ok: false, error: 'VALIDATION', issues });
        const before = await trx.selectFrom('memo_statistic_series').innerJoin('statistic_series', 'statistic_series.id', 'memo_statistic_series.series_id').select('code').where('memo_id', '=', memo.id).orderBy('code').execute();
        await setCuratedSeriesLinks(trx, memo.id, found.map((f) => f.id));
        await writeAudit(trx, ctx, 'setMemoStatistics', 'Memo', String(memo.id), { seriesCodes: before.map((b) => b.code) }, { seriesCodes: [...codes].sort() });
        return { id: memo.id };
      });
      if (!outcome.ok) return errorResult(outcome);
      ctx.loaders = createLoaders(ctx.conn, ctx.viewer);
      return { __typename: 'SetMemoStatisticsSuccess', memo: (await ctx.loaders.memo.load(outcome.value.id))! };
    },
  }),
}));

import { periodBounds, type ObservationRow } from '@notabene/db';
import { describe, expect, it } from 'vitest';
import { isCountUnit, overlaps, rollUp, RollupError, type Granularity } from './rollup.js';

function obs(granularity: Granularity, period: string, value: number, status: 'FINAL' | 'PROVISIONAL' = 'FINAL'): ObservationRow {
  const b = periodBounds(granularity, period)!;
  return { series_id: 1, period, granularity, start_date: b.start, end_date: b.end, value, status, note: null };
}

const months = (year: number, values: number[], provisional: number[] = []) =>
  values.map((v, i) => obs('MONTH', `${year}-${String(i + 1).padStart(2, '0')}`, v, provisional.includes(i + 1) ? 'PROVISIONAL' : 'FINAL'));

const brief = (rows: { period: string; value: number; status: string; complete: boolean; parts: number }[]) =>
  rows.map((r) => [r.period, r.value, r.status, r.complete, r.parts]);

describe('rollUp', () => {
  const year = months(2023, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120], [11]);

  it('sums months into quarters, half years and years; provisional when any part is', () => {
    expect(brief(rollUp(year, 'QUARTER', { unit: 'persons' }))).toEqual([
      ['2023-Q1', 60, 'FINAL', true, 3],
      ['2023-Q2', 150, 'FINAL', true, 3],
      ['2023-Q3', 240, 'FINAL', true, 3],
      ['2023-Q4', 330, 'PROVISIONAL', true, 3],
    ]);
    expect(brief(rollUp(year, 'HALF_YEAR', { unit: 'persons' }))).toEqual([
      ['2023-H1', 210, 'FINAL', true, 6],
      ['2023-H2', 570, 'PROVISIONAL', true, 6],
    ]);
    const [y] = rollUp(year, 'YEAR', { unit: 'persons' });
    expect(y).toMatchObject({ period: '2023', granularity: 'YEAR', start_date: '2023-01-01', end_date: '2023-12-31', value: 780, status: 'PROVISIONAL', parts: 12, complete: true });
    expect(y!.note).toMatch(/^sum of 12 MONTH figures/);
  });

  it('sums quarters into years and half years into years', () => {
    const quarters = [obs('QUARTER', '2022-Q1', 1), obs('QUARTER', '2022-Q2', 2), obs('QUARTER', '2022-Q3', 3), obs('QUARTER', '2022-Q4', 4.1)];
    expect(brief(rollUp(quarters, 'YEAR', { unit: 'applications' }))).toEqual([['2022', 10.1, 'FINAL', true, 4]]);
    expect(brief(rollUp(quarters, 'HALF_YEAR', { unit: 'applications' }))).toEqual([
      ['2022-H1', 3, 'FINAL', true, 2],
      ['2022-H2', 7.1, 'FINAL', true, 2],
    ]);
    const halves = [obs('HALF_YEAR', '2021-H1', 5, 'PROVISIONAL'), obs('HALF_YEAR', '2021-H2', 6)];
    expect(brief(rollUp(halves, 'YEAR', { unit: 'persons' }))).toEqual([['2021', 11, 'PROVISIONAL', true, 2]]);
  });

  it('leaves incomplete periods out, or returns them flagged when asked', () => {
    const partial = [...year, ...months(2024, [5, 6])];
    expect(rollUp(partial, 'QUARTER', { unit: 'persons' }).map((r) => r.period)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    expect(rollUp(partial, 'YEAR', { unit: 'persons' }).map((r) => r.period)).toEqual(['2023']);
    const flagged = rollUp(partial, 'QUARTER', { unit: 'persons', includeIncomplete: true });
    expect(brief(flagged.slice(-1))).toEqual([['2024-Q1', 11, 'FINAL', false, 2]]);
    expect(flagged.at(-1)!.note).toBe('incomplete: sum of 2 of 3 MONTH figures (2024-01, 2024-02)');
  });

  it('is a no-op at the granularity the figures have', () => {
    const yearly = [obs('YEAR', '2022', 35535), obs('YEAR', '2023', 38375, 'PROVISIONAL')];
    expect(brief(rollUp(yearly, 'YEAR', { unit: 'persons' }))).toEqual([
      ['2022', 35535, 'FINAL', true, 1],
      ['2023', 38375, 'PROVISIONAL', true, 1],
    ]);
    // ... also for a rate, which is never summed
    expect(rollUp([obs('MONTH', '2023-01', 42.5)], 'MONTH', { unit: 'percent' })).toHaveLength(1);
  });

  it('prefers a published figure for the period itself over a sum of its parts', () => {
    const mixed = [obs('YEAR', '2022', 1000), ...months(2022, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), ...months(2023, Array(12).fill(2))];
    expect(brief(rollUp(mixed, 'YEAR', { unit: 'persons' }))).toEqual([
      ['2022', 1000, 'FINAL', true, 1],
      ['2023', 24, 'FINAL', true, 12],
    ]);
  });

  it('uses the finest complete granularity, never a mix within one period', () => {
    const rows = [obs('QUARTER', '2023-Q1', 100), obs('QUARTER', '2023-Q2', 200), ...months(2023, [1, 2, 3, 4, 5])];
    // H1: months incomplete (5 of 6), quarters complete → the quarters
    expect(brief(rollUp(rows, 'HALF_YEAR', { unit: 'persons' }))).toEqual([['2023-H1', 300, 'FINAL', true, 2]]);
  });

  it('leaves year-to-date and cumulative figures out of a calendar roll-up', () => {
    const rows = [obs('YEAR', '2022', 2450), obs('YEAR_TO_DATE', '2023-10', 2820, 'PROVISIONAL')];
    expect(brief(rollUp(rows, 'YEAR', { unit: 'persons' }))).toEqual([['2022', 2450, 'FINAL', true, 1]]);
    expect(brief(rollUp(rows, 'YEAR_TO_DATE', { unit: 'persons' }))).toEqual([['2023-10', 2820, 'PROVISIONAL', true, 1]]);
  });

  it('refuses roll-ups from running totals, into running totals, to finer granularities and of non-counts', () => {
    const refused = (rows: ObservationRow[], target: Granularity, unit = 'persons') => {
      try {
        rollUp(rows, target, { unit });
      } catch (error) {
        expect(error).toBeInstanceOf(RollupError);
        return (error as Error).message;
      }
      throw new Error('expected a RollupError');
    };
    expect(refused([obs('YEAR_TO_DATE', '2023-10', 1)], 'YEAR')).toMatch(/only YEAR_TO_DATE figures.*cannot be rolled up to YEAR/);
    expect(refused([obs('CUMULATIVE', '2023-02-21', 125)], 'QUARTER')).toMatch(/only CUMULATIVE/);
    expect(refused([obs('MONTH', '2023-01', 1)], 'YEAR_TO_DATE')).toMatch(/holds none/);
    expect(refused([obs('YEAR', '2023', 885)], 'QUARTER')).toMatch(/cannot split YEAR figures into QUARTER/);
    expect(refused([obs('QUARTER', '2023-Q1', 1)], 'MONTH')).toMatch(/cannot split/);
    expect(refused(months(2023, Array(12).fill(3)), 'YEAR', 'percent')).toMatch(/unit "percent" is not a count/);
    expect(refused(months(2023, Array(12).fill(3)), 'QUARTER', 'per_1000_inhabitants')).toMatch(/not a count/);
  });

  it('returns nothing for a series without figures', () => {
    expect(rollUp([], 'YEAR', { unit: 'percent' })).toEqual([]);
  });
});

describe('isCountUnit', () => {
  it('treats counts as summable and rates, ratios, percentages and "per" units as not', () => {
    for (const u of ['persons', 'applications', 'decisions', 'departures', 'Persons', 'euro']) expect(isCountUnit(u), u).toBe(true);
    for (const u of ['percent', '%', 'percentage', 'rate', 'ratio', 'index', 'share', 'average', 'median', 'per_1000', 'persons_per_day', 'per 100k', 'km/h', 'Percent']) {
      expect(isCountUnit(u), u).toBe(false);
    }
  });
});

describe('overlaps', () => {
  it('bounds periods by their dates', () => {
    const q = { start_date: '2023-04-01', end_date: '2023-06-30' };
    expect(overlaps(q, null, null)).toBe(true);
    expect(overlaps(q, '2023-06-01', null)).toBe(true);
    expect(overlaps(q, '2023-07-01', null)).toBe(false);
    expect(overlaps(q, null, '2023-03-31')).toBe(false);
  });
});

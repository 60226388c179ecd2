import type { StatisticRow, StatisticsParseResult } from './types.js';
import { parseCsv } from './csv.js';
import { findCountry } from './countries.js';

// The statistics CSV (see fixtures/statistics): one observation per row, series metadata repeated
// on every row. Every row is checked and every error reported, so a file is fixed in one pass;
// a file with any error imports nothing.

export const STATISTICS_HEADER = [
  'series_code',
  'series_title',
  'publisher',
  'source_url',
  'measure',
  'unit',
  'country',
  'granularity',
  'period',
  'value',
  'status',
  'note',
] as const;

type Granularity = StatisticRow['granularity'];
const GRANULARITIES: readonly Granularity[] = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR', 'YEAR_TO_DATE', 'CUMULATIVE'];
const STATUSES: readonly StatisticRow['status'][] = ['FINAL', 'PROVISIONAL'];

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
// YEAR_TO_DATE "2023-10" covers January up to and including October 2023.
const PERIOD_FORMATS: Record<Granularity, { re: RegExp; example: string }> = {
  YEAR: { re: /^\d{4}$/, example: '2023' },
  HALF_YEAR: { re: /^\d{4}-H[12]$/, example: '2023-H1' },
  QUARTER: { re: /^\d{4}-Q[1-4]$/, example: '2023-Q1' },
  MONTH: { re: MONTH, example: '2023-06' },
  YEAR_TO_DATE: { re: MONTH, example: '2023-10' },
  CUMULATIVE: { re: /^\d{4}-\d{2}-\d{2}$/, example: '2023-02-21' },
};

function isValidIsoDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function parseStatisticsCsv(text: string): StatisticsParseResult {
  const errors: { line: number; message: string }[] = [];
  const csv = parseCsv(text);
  if (!csv.ok) {
    errors.push({ line: csv.line, message: `CSV syntax: ${csv.message}` });
  }
  const records = csv.records;
  const header = records[0];
  if (!header) {
    return { ok: false, errors: [...errors, { line: 1, message: 'the file is empty; expected a header row' }] };
  }
  const expected = STATISTICS_HEADER.join(',');
  if (header.fields.map((f) => f.trim()).join(',') !== expected) {
    errors.push({ line: header.line, message: `header must be exactly: ${expected}` });
    return { ok: false, errors };
  }

  const rows: StatisticRow[] = [];
  const seriesMeta = new Map<string, { line: number; key: string }>();
  const seenObservation = new Map<string, number>();
  for (const record of records.slice(1)) {
    const { line, fields } = record;
    const rowErrors: string[] = [];
    if (fields.length !== STATISTICS_HEADER.length) {
      errors.push({ line, message: `expected ${STATISTICS_HEADER.length} fields, found ${fields.length}` });
      continue;
    }
    const [seriesCode, seriesTitle, publisher, sourceUrl, measure, unit, country, granularity, period, value, status, note] =
      fields.map((f) => f.trim()) as [string, string, string, string, string, string, string, string, string, string, string, string];

    for (const [name, v] of [
      ['series_code', seriesCode],
      ['series_title', seriesTitle],
      ['publisher', publisher],
      ['measure', measure],
      ['unit', unit],
    ] as const) {
      if (v === '') rowErrors.push(`${name} is empty`);
    }
    if (sourceUrl !== '' && !isHttpUrl(sourceUrl)) rowErrors.push(`source_url "${sourceUrl}" is not an http(s) URL`);
    if (country !== '' && !findCountry(country)) rowErrors.push(`country "${country}" is not an ISO 3166-1 alpha-2 code`);
    if (country !== '' && country !== country.toUpperCase()) rowErrors.push(`country "${country}" must be upper case`);

    const g = GRANULARITIES.find((x) => x === granularity);
    if (!g) rowErrors.push(`granularity "${granularity}" is not one of ${GRANULARITIES.join(', ')}`);
    else {
      const format = PERIOD_FORMATS[g];
      if (!format.re.test(period)) rowErrors.push(`period "${period}" does not match ${g} (e.g. "${format.example}")`);
      else if (g === 'CUMULATIVE' && !isValidIsoDate(period)) rowErrors.push(`period "${period}" is not a valid date`);
    }

    const numeric = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(numeric)) rowErrors.push(`value "${value}" is not a number (use "." for decimals, no thousands separator)`);

    const st = STATUSES.find((x) => x === status);
    if (!st) rowErrors.push(`status "${status}" is not FINAL or PROVISIONAL`);

    // Series metadata is repeated on every row; a series that changes title or unit midway is a mistake.
    if (seriesCode !== '') {
      const metaKey = [seriesTitle, publisher, sourceUrl, measure, unit, country].join('\u0000');
      const prior = seriesMeta.get(seriesCode);
      if (!prior) seriesMeta.set(seriesCode, { line, key: metaKey });
      else if (prior.key !== metaKey) {
        rowErrors.push(`series ${seriesCode} has different metadata than on line ${prior.line}`);
      }
      // The register keys an observation by series and period alone (a MONTH "2023-10" and a
      // YEAR_TO_DATE "2023-10" of one series would overwrite each other), so the file must too.
      const obsKey = `${seriesCode}|${period}`;
      const priorObs = seenObservation.get(obsKey);
      if (priorObs !== undefined) rowErrors.push(`duplicate observation for ${seriesCode} ${period} (also on line ${priorObs})`);
      else seenObservation.set(obsKey, line);
    }

    if (rowErrors.length > 0 || !g || !st) {
      for (const message of rowErrors) errors.push({ line, message });
      continue;
    }
    rows.push({
      seriesCode,
      seriesTitle,
      publisher,
      sourceUrl: sourceUrl === '' ? null : sourceUrl,
      measure,
      unit,
      country: country === '' ? null : country,
      granularity: g,
      period,
      value: numeric,
      status: st,
      note: note === '' ? null : note,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rows };
}

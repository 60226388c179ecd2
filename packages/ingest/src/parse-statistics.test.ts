import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStatisticsCsv, STATISTICS_HEADER } from './parse-statistics.js';
import { parseCsv } from './csv.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/statistics/migration-morocco-2022-2023.csv', import.meta.url));
const text = readFileSync(FIXTURE, 'utf8');
const HEADER = STATISTICS_HEADER.join(',');
const GOOD_ROW = 'S1,Title,CBS,https://example.org/x,MEASURE,persons,MA,YEAR,2023,885,PROVISIONAL,note';

function errorsOf(csv: string): { line: number; message: string }[] {
  const r = parseStatisticsCsv(csv);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('statistics fixture', () => {
  const r = parseStatisticsCsv(text);

  it('parses every row', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.length).toBe(text.trim().split('\n').length - 1);
  });

  it('maps fields, empty country/url/note to null, and numbers', () => {
    if (!r.ok) throw new Error('not ok');
    expect(r.rows[0]).toEqual({
      seriesCode: 'CBS-80059-FIRST-MA',
      seriesTitle: 'Eerste asielverzoeken; nationaliteit Marokkaans',
      publisher: 'CBS',
      sourceUrl: 'https://www.cbs.nl/nl-nl/cijfers/detail/80059ned',
      measure: 'ASYLUM_FIRST_APPLICATIONS',
      unit: 'persons',
      country: 'MA',
      granularity: 'YEAR',
      period: '2023',
      value: 885,
      status: 'PROVISIONAL',
      note: 'CBS StatLine 80059ned; rounded to 5',
    });
    expect(r.rows[1]?.country).toBeNull();
    const granularities = new Set(r.rows.map((x) => x.granularity));
    expect([...granularities].sort()).toEqual(['CUMULATIVE', 'MONTH', 'YEAR', 'YEAR_TO_DATE']);
    expect(r.rows.find((x) => x.granularity === 'CUMULATIVE')?.period).toBe('2023-02-21');
    expect(r.rows.find((x) => x.granularity === 'YEAR_TO_DATE')?.period).toBe('2023-10');
  });
});

describe('statistics validation', () => {
  it('accepts every period format for its granularity', () => {
    const rows = [
      'A,T,P,,M,u,,YEAR,2023,1,FINAL,',
      'A,T,P,,M,u,,HALF_YEAR,2023-H1,1,FINAL,',
      'A,T,P,,M,u,,QUARTER,2023-Q4,1,FINAL,',
      'A,T,P,,M,u,,MONTH,2023-06,1.5,FINAL,',
      'A,T,P,,M,u,,YEAR_TO_DATE,2023-10,1,FINAL,',
      'A,T,P,,M,u,,CUMULATIVE,2024-02-29,-3,FINAL,',
    ];
    const r = parseStatisticsCsv([HEADER, ...rows].join('\n'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rows.map((x) => x.value)).toEqual([1, 1, 1, 1.5, 1, -3]);
  });

  it('rejects bad rows with their 1-based line numbers, listing every error', () => {
    const csv = [
      HEADER,
      GOOD_ROW,
      'S2,Title,CBS,,M,persons,XX,YEAR,2023,1,FINAL,', // unknown country
      'S3,Title,CBS,,M,persons,,WEEK,2023,1,FINAL,', // unknown granularity
      'S4,Title,CBS,,M,persons,,QUARTER,2023-Q5,1,FINAL,', // bad quarter
      'S5,Title,CBS,,M,persons,,MONTH,2023-13,1,FINAL,', // bad month
      'S6,Title,CBS,,M,persons,,CUMULATIVE,2023-02-30,1,FINAL,', // impossible date
      'S7,Title,CBS,,M,persons,,YEAR,2023,"1.234,5",FINAL,', // Dutch number
      'S8,Title,CBS,,M,persons,,YEAR,2023,1,DRAFT,', // bad status
      'S9,Title,CBS,,M,persons,,YEAR,2023,1,FINAL', // too few fields
      'S10,Title,CBS,ftp://x,M,persons,,HALF_YEAR,2023-H3,abc,FINAL,', // three errors on one line
    ].join('\n');
    const errors = errorsOf(csv);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 11]);
    expect(errors[0]?.message).toMatch(/XX/);
    expect(errors[1]?.message).toMatch(/WEEK/);
    expect(errors[6]?.message).toMatch(/DRAFT/);
    expect(errors[7]?.message).toMatch(/expected 12 fields/);
  });

  it('counts lines of quoted multi-line fields', () => {
    const csv = [HEADER, 'S1,"Title with ""quotes"", a comma and', 'a line break",CBS,,M,u,,YEAR,2023,1,FINAL,', 'S2,T,CBS,,M,u,,YEAR,2023,x,FINAL,'].join('\r\n');
    const errors = errorsOf(csv);
    expect(errors).toEqual([{ line: 4, message: expect.stringMatching(/value "x"/) }]);
    const ok = parseStatisticsCsv(csv.replace(',x,', ',2,'));
    expect(ok.ok && ok.rows[0]?.seriesTitle).toBe('Title with "quotes", a comma and\r\na line break');
  });

  it('rejects a wrong header, an empty file, duplicate observations and inconsistent series', () => {
    expect(errorsOf('a,b,c\n1,2,3')).toEqual([{ line: 1, message: expect.stringMatching(/header/) }]);
    expect(errorsOf('')[0]?.line).toBe(1);
    const dup = errorsOf([HEADER, GOOD_ROW, GOOD_ROW].join('\n'));
    expect(dup).toEqual([{ line: 3, message: expect.stringMatching(/duplicate.*line 2/) }]);
    // One series cannot hold a month and a year-to-date figure written alike: the register keys by period.
    const samePeriod = errorsOf([HEADER, GOOD_ROW.replace('YEAR,2023', 'MONTH,2023-10'), GOOD_ROW.replace('YEAR,2023', 'YEAR_TO_DATE,2023-10')].join('\n'));
    expect(samePeriod).toEqual([{ line: 3, message: expect.stringMatching(/duplicate observation for S1 2023-10 \(also on line 2\)/) }]);
    const inconsistent = errorsOf([HEADER, GOOD_ROW, GOOD_ROW.replace('persons', 'applications').replace('2023', '2022')].join('\n'));
    expect(inconsistent[0]).toMatchObject({ line: 3, message: expect.stringMatching(/different metadata/) });
  });

  it('reports an unterminated quote', () => {
    expect(errorsOf(`${HEADER}\n${GOOD_ROW}\nS2,"open,CBS`)).toContainEqual({ line: 3, message: expect.stringMatching(/unterminated/) });
  });

  it('parses RFC 4180 records', () => {
    const r = parseCsv('a,"b,c","d""e"\n\n"f\ng",h\n');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b,c', 'd"e'] },
        { line: 3, fields: ['f\ng', 'h'] },
      ],
    });
  });
});

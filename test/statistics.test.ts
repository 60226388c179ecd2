// Statistics over real HTTP on both databases: series filters, roll-ups, the CSV import (in process
// and through the `notabene import-statistics` command) and the links between memos and series.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMemoText, importStatisticsCsv } from '../packages/api/src/importing.js';
import { dialectsToTest } from './support/databases.js';
import { NOTABENE_BIN } from './support/process.js';
import { authHeaders, startTestServer, type TestServer } from './support/server.js';

// Synthetic test data (see test/fixtures/statistics/README.md), not published figures.
const JENV_TEXT = readFileSync(new URL('../packages/ingest/fixtures/memos/jenv-2023-06-07-beslisnota-marokko-migratie.txt', import.meta.url), 'utf8');
const SYNTHETIC = readFileSync(new URL('./fixtures/statistics/synthetic-monthly-2023.csv', import.meta.url), 'utf8');
const HEADER = SYNTHETIC.split('\n')[0]!;

function runCli(args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NOTABENE_BIN, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const dialects = await dialectsToTest();

describe.each(dialects)('statistics on $dialect', ({ dialect, skip }) => {
  let server: TestServer;
  let tmp: string;
  const tag = skip ? ` [skipped: ${skip}]` : '';

  beforeAll(async () => {
    if (skip) return;
    server = await startTestServer(dialect);
    tmp = mkdtempSync(join(tmpdir(), 'notabene-stats-'));
    const result = await importStatisticsCsv(server.conn, SYNTHETIC);
    expect(result).toEqual({ ok: true, series: 3, observations: 19, createdSeries: 3 });
  });
  afterAll(async () => {
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Observations of one series by code; throws on GraphQL errors unless `raw`. */
  async function observationsOf(code: string, args = '') {
    const { body } = await server.gql(`{
      statisticSeries(first: 1, filter: { text: ${JSON.stringify(code)} }) {
        edges { node { code observations${args ? `(${args})` : ''} { period granularity start end value status parts complete note } } }
      }
    }`);
    return body;
  }
  async function rolled(code: string, args: string) {
    const body = await observationsOf(code, args);
    expect(body.errors).toBeUndefined();
    const node = body.data.statisticSeries.edges[0].node;
    expect(node.code).toBe(code);
    return node.observations as { period: string; granularity: string; start: string; end: string; value: number; status: string; parts: number; complete: boolean; note: string | null }[];
  }
  const brief = (rows: { period: string; value: number; status: string }[]) => rows.map((r) => [r.period, r.value, r.status]);

  it.skipIf(skip)(`gives 885 provisional first asylum applications of Moroccans in 2023 (CBS)${tag}`, async () => {
    const { body } = await server.gql(`{
      statisticSeries(first: 10, filter: { country: "MA", measure: "ASYLUM_FIRST_APPLICATIONS", publisher: "cbs" }) {
        totalCount
        edges { node { code publisher unit granularity country { code }
          published: observations { period value status }
          yearly: observations(granularity: YEAR, from: "2023", to: "2023") { period value status parts complete start end } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.statisticSeries.totalCount).toBe(1);
    const s = body.data.statisticSeries.edges[0].node;
    expect(s).toMatchObject({ code: 'CBS-80059-FIRST-MA', publisher: 'CBS', unit: 'persons', granularity: 'YEAR', country: { code: 'MA' } });
    expect(s.published).toEqual([{ period: '2023', value: 885, status: 'PROVISIONAL' }]);
    expect(s.yearly).toEqual([{ period: '2023', value: 885, status: 'PROVISIONAL', parts: 1, complete: true, start: '2023-01-01', end: '2023-12-31' }]);
  });

  it.skipIf(skip)(`filters series by text, publisher and measure${tag}`, async () => {
    const { body } = await server.gql(`{
      byText: statisticSeries(first: 100, filter: { text: "synthetische" }) { totalCount edges { node { code } } }
      byPublisher: statisticSeries(first: 100, filter: { publisher: "dt&v", measure: "DEPARTURE_FORCED" }) { edges { node { code } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.byText.edges.map((e: any) => e.node.code)).toEqual(['TEST-DEPART-YTD', 'TEST-MONTHLY-ASYLUM-MA', 'TEST-RECOGNITION-RATE-MA']);
    expect(body.data.byPublisher.edges.map((e: any) => e.node.code)).toEqual(['DTV-DEPART-FORCED']);
  });

  it.skipIf(skip)(`rolls monthly figures up into quarters, half years and years, provisional when a month is${tag}`, async () => {
    const code = 'TEST-MONTHLY-ASYLUM-MA';
    expect(brief(await rolled(code, 'granularity: QUARTER'))).toEqual([
      ['2023-Q1', 215, 'FINAL'],
      ['2023-Q2', 250, 'FINAL'],
      ['2023-Q3', 225, 'FINAL'],
      ['2023-Q4', 275, 'PROVISIONAL'],
    ]);
    expect(brief(await rolled(code, 'granularity: HALF_YEAR'))).toEqual([
      ['2023-H1', 465, 'FINAL'],
      ['2023-H2', 500, 'PROVISIONAL'],
    ]);
    const [year, ...rest] = await rolled(code, 'granularity: YEAR');
    expect(rest).toEqual([]);
    expect(year).toEqual({
      period: '2023', granularity: 'YEAR', start: '2023-01-01', end: '2023-12-31', value: 965, status: 'PROVISIONAL', parts: 12, complete: true,
      note: 'sum of 12 MONTH figures (2023-01, 2023-02, 2023-03, 2023-04, 2023-05, 2023-06, 2023-07, 2023-08, 2023-09, 2023-10, 2023-11, 2023-12)',
    });
    // MONTH → MONTH is the published figures; from/to bound the result periods, not the parts summed.
    expect((await rolled(code, 'granularity: MONTH')).length).toBe(14);
    expect(brief(await rolled(code, 'granularity: QUARTER, from: "2023-05", to: "2023-07"'))).toEqual([
      ['2023-Q2', 250, 'FINAL'],
      ['2023-Q3', 225, 'FINAL'],
    ]);
    expect(brief(await rolled(code, 'granularity: YEAR, from: "2023-11"'))).toEqual([['2023', 965, 'PROVISIONAL']]);
  });

  it.skipIf(skip)(`leaves incomplete periods out unless asked, then flags them${tag}`, async () => {
    const code = 'TEST-MONTHLY-ASYLUM-MA';
    expect((await rolled(code, 'granularity: QUARTER, from: "2024"')).length).toBe(0);
    expect((await rolled(code, 'granularity: YEAR, from: "2024"')).length).toBe(0);
    const [q] = await rolled(code, 'granularity: QUARTER, from: "2024", includeIncomplete: true');
    expect(q).toMatchObject({ period: '2024-Q1', value: 200, status: 'PROVISIONAL', parts: 2, complete: false, note: 'incomplete: sum of 2 of 3 MONTH figures (2024-01, 2024-02)' });
    // The real IND figure: one month of a quarter.
    expect(await rolled('IND-INFLUX-TOTAL', 'granularity: QUARTER')).toEqual([]);
    expect(brief(await rolled('IND-INFLUX-TOTAL', 'granularity: QUARTER, includeIncomplete: true'))).toEqual([['2023-Q1', 2823, 'FINAL']]);
  });

  it.skipIf(skip)(`keeps year-to-date figures out of yearly roll-ups and returns them as published${tag}`, async () => {
    expect(brief(await rolled('DTV-DEPART-FORCED', 'granularity: YEAR'))).toEqual([['2022', 1850, 'FINAL']]);
    expect(brief(await rolled('DTV-DEPART-FORCED', 'granularity: YEAR_TO_DATE'))).toEqual([['2023-10', 1990, 'PROVISIONAL']]);
    expect(brief(await rolled('TEST-RECOGNITION-RATE-MA', 'granularity: MONTH'))).toEqual([
      ['2023-01', 41.5, 'FINAL'],
      ['2023-02', 38, 'FINAL'],
      ['2023-03', 44.2, 'FINAL'],
    ]);
  });

  it.skipIf(skip)(`refuses roll-ups from running totals, to finer granularities and of non-counts (BAD_USER_INPUT)${tag}`, async () => {
    const cases: [string, string, RegExp][] = [
      ['TEST-DEPART-YTD', 'QUARTER', /only YEAR_TO_DATE figures/],
      ['RIJK-RETURN-MA-SINCE-2021-07', 'YEAR', /only CUMULATIVE figures/],
      ['CBS-80059-FIRST-MA', 'QUARTER', /cannot split YEAR figures into QUARTER/],
      ['TEST-MONTHLY-ASYLUM-MA', 'YEAR_TO_DATE', /holds none/],
      ['TEST-RECOGNITION-RATE-MA', 'QUARTER', /unit "percent" is not a count/],
    ];
    for (const [code, granularity, message] of cases) {
      const body = await observationsOf(code, `granularity: ${granularity}`);
      expect(body.data, code).toBeNull();
      expect(body.errors, code).toHaveLength(1);
      expect(body.errors![0].extensions.code, code).toBe('BAD_USER_INPUT');
      expect(body.errors![0].message, code).toMatch(new RegExp(`^Series ${code}: `));
      expect(body.errors![0].message, code).toMatch(message);
    }
  });

  it.skipIf(skip)(`links memos and series both ways, and editors change the links${tag}`, async () => {
    const read = async () => {
      const { body } = await server.gql(`{
        memo(reference: "4700831") { id statistics { code } }
        first: statisticSeries(first: 1, filter: { text: "CBS-80059-FIRST-MA" }) { edges { node { memos(first: 10) { totalCount edges { node { reference } } } } } }
        intake: statisticSeries(first: 1, filter: { text: "DTV-INTAKE-IND" }) { edges { node { memos(first: 10) { edges { node { reference } } } } } }
      }`);
      expect(body.errors).toBeUndefined();
      return {
        memoId: body.data.memo.id as string,
        codes: (body.data.memo.statistics.map((s: any) => s.code) as string[]).sort(),
        citingFirst: body.data.first.edges[0].node.memos.edges.map((e: any) => e.node.reference) as string[],
        citingIntake: body.data.intake.edges[0].node.memos.edges.map((e: any) => e.node.reference) as string[],
      };
    };
    const before = await read();
    // Made by the importers: the memo is about Morocco, asylum and return.
    expect(before.codes).toContain('CBS-80059-FIRST-MA');
    expect(before.codes).toContain('CBS-85333-OBLIGED-MA');
    expect(before.codes).toContain('TEST-MONTHLY-ASYLUM-MA'); // a series imported after the memo
    expect(before.codes).not.toContain('CBS-80059-FIRST-TOTAL');
    expect(before.citingFirst).toContain('4700831');
    expect(before.citingIntake).not.toContain('4700831');

    const SET = `mutation($input: SetMemoStatisticsInput!) { setMemoStatistics(input: $input) {
      __typename
      ... on SetMemoStatisticsSuccess { memo { reference statistics { code } } }
      ... on ValidationError { issues { path message } }
    } }`;
    const input = { memoId: before.memoId, seriesCodes: ['DTV-INTAKE-IND', 'CBS-80059-FIRST-MA'] };
    const publicTry = await server.gql(SET, { input });
    expect(publicTry.body.data.setMemoStatistics.__typename).toBe('ForbiddenError');
    const unknown = await server.gql(SET, { input: { ...input, seriesCodes: ['NO-SUCH-SERIES'] } }, await authHeaders('editor'));
    expect(unknown.body.data.setMemoStatistics).toEqual({ __typename: 'ValidationError', issues: [{ path: ['input', 'seriesCodes', '0'], message: 'unknown series "NO-SUCH-SERIES"' }] });
    expect((await read()).codes).toEqual(before.codes);

    const ok = await server.gql(SET, { input }, await authHeaders('editor'));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.setMemoStatistics.__typename).toBe('SetMemoStatisticsSuccess');
    expect(ok.body.data.setMemoStatistics.memo.statistics.map((s: any) => s.code).sort()).toEqual(['CBS-80059-FIRST-MA', 'DTV-INTAKE-IND']);
    const after = await read();
    expect(after.codes).toEqual(['CBS-80059-FIRST-MA', 'DTV-INTAKE-IND']);
    expect(after.citingFirst).toContain('4700831');
    expect(after.citingIntake).toEqual(['4700831']);

    // A statistics re-import keeps the editor's links, and so do a re-import of the memo's text and
    // a new series the importer would otherwise link to it.
    expect((await importStatisticsCsv(server.conn, SYNTHETIC)).ok).toBe(true);
    expect((await read()).codes).toEqual(['CBS-80059-FIRST-MA', 'DTV-INTAKE-IND']);
    const reimported = await importMemoText(server.conn, JENV_TEXT);
    expect(reimported.ok && reimported.stored?.created).toBe(false);
    expect((await read()).codes).toEqual(['CBS-80059-FIRST-MA', 'DTV-INTAKE-IND']);
    const newSeries = 'series_code,series_title,publisher,source_url,measure,unit,country,granularity,period,value,status,note\nTEST-DETENTION-MA,Synthetic detention figures (test data),TEST,,DETENTION_PLACEMENTS,persons,MA,YEAR,2023,10,FINAL,synthetic\n';
    expect((await importStatisticsCsv(server.conn, newSeries)).ok).toBe(true);
    expect((await read()).codes).toEqual(['CBS-80059-FIRST-MA', 'DTV-INTAKE-IND']);
  });

  it.skipIf(skip)(`re-imports idempotently: no duplicates, values and statuses updated${tag}`, async () => {
    const counts = async () => {
      const o = await server.conn.db.selectFrom('observations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const s = await server.conn.db.selectFrom('statistic_series').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return [Number(o.n), Number(s.n)];
    };
    const before = await counts();
    expect(await importStatisticsCsv(server.conn, SYNTHETIC)).toEqual({ ok: true, series: 3, observations: 19, createdSeries: 0 });
    expect(await counts()).toEqual(before);

    // December revised and made final, as the publisher would.
    const revised = SYNTHETIC.replace('MONTH,2023-12,90,PROVISIONAL', 'MONTH,2023-12,92,FINAL');
    expect(revised).not.toBe(SYNTHETIC);
    expect(await importStatisticsCsv(server.conn, revised)).toMatchObject({ ok: true, createdSeries: 0 });
    expect(await counts()).toEqual(before);
    expect(brief(await rolled('TEST-MONTHLY-ASYLUM-MA', 'granularity: YEAR'))).toEqual([['2023', 967, 'FINAL']]);
    expect(brief(await rolled('TEST-MONTHLY-ASYLUM-MA', 'granularity: QUARTER, from: "2023-10"'))).toEqual([['2023-Q4', 277, 'FINAL']]);

    // A file with one month only does not change what kind of series it is.
    const oneMonth = [HEADER, SYNTHETIC.split('\n').find((l) => l.includes('MONTH,2023-01,'))!.replace(',70,', ',71,')].join('\n');
    expect(await importStatisticsCsv(server.conn, oneMonth)).toMatchObject({ ok: true, observations: 1 });
    const { body } = await server.gql(`{ statisticSeries(first: 1, filter: { text: "TEST-MONTHLY-ASYLUM-MA" }) { edges { node { granularity } } } }`);
    expect(body.data.statisticSeries.edges[0].node.granularity).toBe('MONTH');
    expect(await counts()).toEqual(before);
  });

  it.skipIf(skip)(`notabene import-statistics refuses a bad file with line numbers, imports nothing, exits non-zero${tag}`, async () => {
    const good = (period: string, value: string, status = 'FINAL') => `TEST-CLI,CLI test series (synthetic),TEST,,ASYLUM_INFLUX_TOTAL,applications,MA,MONTH,${period},${value},${status},synthetic`;
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, [HEADER, good('2023-01', '10'), good('2023-13', '11'), good('2023-03', '"1.234,5"'), good('2023-04', '12'), good('2023-05', '13', 'DEFINITIEF')].join('\n') + '\n');
    const refused = await runCli(['import-statistics', bad], server.database.url);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toContain(`✗ ${bad}: nothing imported; 3 error(s):`);
    expect(refused.stdout).toMatch(/line 3: period "2023-13" does not match MONTH/);
    expect(refused.stdout).toMatch(/line 4: value "1\.234,5" is not a number/);
    expect(refused.stdout).toMatch(/line 6: status "DEFINITIEF" is not FINAL or PROVISIONAL/);
    expect(refused.stdout).not.toMatch(/line [25]:/);
    const none = await server.gql(`{ statisticSeries(first: 1, filter: { text: "TEST-CLI" }) { totalCount } }`);
    expect(none.body.data.statisticSeries.totalCount).toBe(0);

    const fixed = join(tmp, 'fixed.csv');
    writeFileSync(fixed, [HEADER, good('2023-01', '10'), good('2023-02', '11'), good('2023-03', '12')].join('\n') + '\n');
    const accepted = await runCli(['import-statistics', fixed, join(tmp, 'missing.csv')], server.database.url);
    expect(accepted.stdout).toContain(`✓ ${fixed}: 3 observation(s) in 1 series (1 new)`);
    expect(accepted.stdout).toMatch(/missing\.csv: cannot read \(ENOENT\)/);
    expect(accepted.code).toBe(1);
    expect(brief(await rolled('TEST-CLI', 'granularity: QUARTER'))).toEqual([['2023-Q1', 33, 'FINAL']]);
  });
});

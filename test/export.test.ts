// `notabene export` end to end: a generated 10,000-memo SQLite register served by `notabene serve` as
// a separate process, the export CLI run as another process talking to it over HTTP through the SDK.
// Checks that every memo is written exactly once, that memory does not grow with the number of
// memos, CSV quoting and the formula guard, incremental pulls with --since, exit codes, and DiWoo.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, insertMemoIn, migrateToLatest, readMemoWrite, updateMemoVersionedIn, withWriteTransaction, type Connection, type MemoWrite } from '@notabene/db';
import { syncReferenceData } from '../packages/api/src/importing.js';
import { createLogger } from '../packages/api/src/logger.js';
import { loadSampleDataIfEmpty } from '../packages/api/src/sample-data.js';
import { createClient, type NotabeneClient } from '../packages/sdk/src/index.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { NOTABENE_BIN, startServerProcess, type ServerProcess } from './support/process.js';

const TOTAL = 10_000;
/** Generated memos are changed one minute apart from this moment on, the last ones latest. */
const BASE_TIME = Date.parse('2025-01-01T00:00:00Z');
const SPECIAL_TITLES = [
  'Quotes "between" and, a comma',
  'Line one\nline two',
  '=HYPERLINK("http://evil.example","klik")',
  '+31 70 123',
  '-2 mld',
  '@SUM(A1)',
];

let db: TestDatabase;
let conn: Connection;
let proc: ServerProcess;
let apiKey: string;
let client: NotabeneClient;
let dir: string;
let generated = 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NOTABENE_BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const exportArgs = (...args: string[]) => ['export', '--url', proc.url, '--api-key', apiKey, ...args];

/** Parses the summary line: count, rate, next --since and (with --stats) peak RSS in MB. */
function summaryOf(text: string) {
  const m = text.match(/exported (\d+) memos .* \(([\d,]+)\/s\); next --since (\S+?)(?:; peak RSS ([\d.]+) MB)?\n/);
  if (!m) throw new Error(`no summary in:\n${text}`);
  return { count: Number(m[1]), rate: Number(m[2]!.replace(/,/g, '')), nextSince: m[3]!, peakRssMb: m[4] ? Number(m[4]) : null };
}

/** RFC 4180 parser, enough to read our own output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Builds the register: the four sample memos plus generated ones, in ONE write transaction. */
async function generate(count: number): Promise<void> {
  const orgs = await conn.db.selectFrom('organizations').select(['id', 'code']).orderBy('id').execute();
  const countries = (await conn.db.selectFrom('countries').select('code').orderBy('code').execute()).map((c) => c.code);
  const topics = ['asylum', 'return', 'detention', 'migration', 'reception', 'integration', 'legislation', 'budget', 'housing', 'nitrogen'];
  const kinds = ['MOTION', 'COMMITMENT', 'PARLIAMENTARY_QUESTION', 'COALITION_AGREEMENT', 'DEBATE'];
  const members = ['Ceder', 'Piri', 'Markuszower', 'Brekelmans', null];
  const grounds = ['5.1.2e', '5.1.2i', '5.2', '5.1.2a'];
  await withWriteTransaction(conn.db, conn.dialect, async (trx) => {
    for (let i = 0; i < count; i++) {
      const special = i >= count - SPECIAL_TITLES.length ? SPECIAL_TITLES[i - (count - SPECIAL_TITLES.length)]! : null;
      const date = new Date(Date.UTC(2019 + (i % 7), (i * 7) % 12, 1 + (i % 28))).toISOString().slice(0, 10);
      const memo: MemoWrite = {
        reference: i % 3 === 0 ? `GEN-${String(i).padStart(6, '0')}` : `${(i * 7919) % 9_000_000 + 1_000_000}-${i}`,
        kind: i % 5 === 0 ? 'INFORMATIENOTA' : 'BESLISNOTA',
        title: special ?? `Beslisnota ${i} over ${topics[i % topics.length]}`,
        date: i % 97 === 0 ? null : date,
        addressee: 'De Minister van Asiel en Migratie',
        status: i % 10 === 0 ? 'DRAFT' : i % 37 === 0 ? 'ARCHIVED' : 'PUBLISHED',
        statusLabel: i % 2 === 0 ? 'TER BESLISSING' : 'TER ONDERTEKENING',
        senderOrganizationId: orgs[i % orgs.length]!.id,
        occasion: `Aanleiding ${i}.`,
        advisedDecision: 'Akkoord gaan met de brief.',
        keyPoints: null,
        attachments: [],
        copyTo: [],
        sourceText: null,
        importWarnings: [],
        sections: [{ number: '1', heading: 'Aanleiding', kind: 'OCCASION', body: `Aanleiding ${i}.`, notApplicable: false, withheld: null }],
        politicalContext:
          i % 4 === 0
            ? []
            : [
                { kind: kinds[i % kinds.length]!, member: members[i % members.length]!, party: null, title: `Item ${i}`, parliamentaryReference: null, description: null },
                { kind: kinds[(i + 2) % kinds.length]!, member: members[(i + 1) % members.length]!, party: null, title: `Item ${i}b`, parliamentaryReference: null, description: null },
              ],
        financialConsiderations: i % 3 === 0 ? null : { applicable: true, text: 'Geen.', hasBudgetImpact: i % 2 === 0, amounts: [] },
        legalConsiderations: null,
        consultedOrganizationIds: i % 2 === 0 ? [orgs[(i + 3) % orgs.length]!.id, orgs[(i + 5) % orgs.length]!.id] : [],
        redactions: i % 6 === 0 ? [{ ground: grounds[i % grounds.length]!, explanation: 'Namen van ambtenaren.', section: null }] : [],
        topics: [...new Set([topics[i % topics.length]!, topics[(i * 3) % topics.length]!])],
        countryCodes: i % 3 === 1 ? [] : [countries[i % countries.length]!],
      };
      await insertMemoIn(trx, memo, new Date(BASE_TIME + i * 60_000).toISOString());
    }
  });
  generated = count;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notabene-export-'));
  db = await createTestDatabase('sqlite');
  conn = connect(db.url);
  await migrateToLatest(conn.db);
  await syncReferenceData(conn);
  const { memos } = await loadSampleDataIfEmpty(conn, createLogger('silent'));
  const started = Date.now();
  await generate(TOTAL - memos);
  console.log(`generated ${TOTAL - memos} memos (+${memos} sample memos) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const key = await runCli(['apikey', 'create', '--role', 'reader', '--name', 'export test'], { DATABASE_URL: db.url });
  expect(key.code, key.stderr).toBe(0);
  apiKey = key.stdout.trim();
  proc = await startServerProcess(db.url, { NOTABENE_SAMPLE_DATA: '0' });
  client = createClient({ url: proc.url, apiKey });
}, 120_000);

afterAll(async () => {
  await proc?.stop();
  await conn?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The moment after which exactly the last `n` generated memos (and the sample memos) changed. */
const sinceForLast = (n: number) => new Date(BASE_TIME + (generated - n - 1) * 60_000 + 30_000).toISOString();

async function totalCount(updatedSince?: string): Promise<number> {
  const page = await client.memos.list({ first: 1, orderBy: { field: 'UPDATED_AT', direction: 'ASC' }, ...(updatedSince ? { filter: { updatedSince } } : {}) });
  return page.totalCount;
}

describe('notabene export over a 10,000-memo register', () => {
  it('writes exactly totalCount NDJSON lines, each memo once, in memory that does not grow with the count', async () => {
    const total = await totalCount();
    expect(total).toBe(TOTAL);

    // 1,000 first, as the baseline of what the process needs whatever the number of memos.
    const small = join(dir, 'small.ndjson');
    const smallRun = await runCli(exportArgs('--format', 'ndjson', '--out', small, '--since', sinceForLast(1000), '--stats'));
    expect(smallRun.code, smallRun.stderr).toBe(0);
    const smallSummary = summaryOf(smallRun.stdout);
    expect(smallSummary.count).toBe(await totalCount(sinceForLast(1000)));

    const out = join(dir, 'all.ndjson');
    const command = exportArgs('--format', 'ndjson', '--out', out, '--stats');
    const run = await runCli(command);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(''); // not a terminal: no progress bar, and the summary went to stdout
    const summary = summaryOf(run.stdout);

    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    expect(lines).toHaveLength(total);
    expect(summary.count).toBe(total);
    const memos = lines.map((l) => JSON.parse(l) as { id: string; reference: string; updatedAt: string; status: string });
    expect(new Set(memos.map((m) => m.reference)).size).toBe(total);
    expect(new Set(memos.map((m) => m.id)).size).toBe(total);
    expect(memos.every((m, i) => i === 0 || memos[i - 1]!.updatedAt <= m.updatedAt)).toBe(true);
    expect(memos.some((m) => m.status === 'DRAFT')).toBe(true); // a reader key sees drafts

    console.log(
      `export: ${summary.count} memos at ${summary.rate}/s, peak RSS ${summary.peakRssMb} MB; ` +
        `${smallSummary.count} memos at ${smallSummary.rate}/s, peak RSS ${smallSummary.peakRssMb} MB ` +
        `(node packages/api/bin/notabene.js ${command.join(' ').replace(apiKey, '<key>').replace(out, '<file>')})`,
    );
    // Streaming means ten times the memos costs about the same memory: the process holds one page
    // (100 memos, a few hundred KB as JSON) plus a 64 KB write buffer. Held in full, 10,000 memos
    // would add tens of MB over the 1,000-memo run; 25 MB of slack absorbs GC timing noise.
    expect(summary.peakRssMb! - smallSummary.peakRssMb!).toBeLessThan(25);
    expect(summary.peakRssMb!).toBeLessThan(300);
  }, 90_000);

  it('writes CSV: header row, one row per memo, RFC 4180 quoting and the formula guard', async () => {
    const since = sinceForLast(1000);
    const run = await runCli(exportArgs('--format', 'csv', '--since', since));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^exported \d+ memos \(csv\)/); // summary on stderr: stdout is the data
    const rows = parseCsv(run.stdout);
    const header = rows[0]!;
    expect(header).toEqual([
      'reference', 'kind', 'title', 'date', 'status', 'sender_code', 'sender_name', 'political_context_kinds', 'political_context_members',
      'consulted_organizations', 'has_budget_impact', 'redaction_grounds', 'topics', 'countries', 'updated_at',
    ]);
    expect(rows.length - 1).toBe(await totalCount(since));
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const col = (name: string) => header.indexOf(name);
    const titles = rows.map((r) => r[col('title')]);
    expect(titles).toContain('Quotes "between" and, a comma');
    expect(titles).toContain('Line one\nline two');
    expect(titles).toContain('\'=HYPERLINK("http://evil.example","klik")');
    expect(titles).toContain("'+31 70 123");
    expect(titles).toContain("'-2 mld");
    expect(titles).toContain("'@SUM(A1)");
    expect(run.stdout).toContain('"Quotes ""between"" and, a comma"');
    const jenv = rows.find((r) => r[0] === '4700831')!;
    expect(jenv[col('political_context_members')]).toBe('Ceder; Piri; Markuszower');
    expect(jenv[col('consulted_organizations')]).toBe('BZ; SZW; DMB; DCOM');
    expect(jenv[col('redaction_grounds')]).toBe('5.1.2e');
    expect(jenv[col('has_budget_impact')]).toBe('false');
    expect(jenv[col('countries')]).toBe('MA');
  }, 60_000);

  it('--since exports only what changed after it, and the printed next --since picks up later changes', async () => {
    const first = await runCli(exportArgs('--since', sinceForLast(10), '--out', join(dir, 'a.ndjson')));
    expect(first.code, first.stderr).toBe(0);
    const { nextSince } = summaryOf(first.stdout);

    const changed = ['GEN-000003', 'GEN-000300', 'GEN-003000'];
    for (const reference of changed) {
      const row = await conn.db.selectFrom('memos').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      await withWriteTransaction(conn.db, conn.dialect, async (trx) => {
        const memo = (await readMemoWrite(trx, row.id))!;
        const result = await updateMemoVersionedIn(trx, row.id, memo.version, { ...memo, title: `${memo.title} (gewijzigd)` });
        expect(result.ok).toBe(true);
      });
    }
    // A pull sees the register as of 2 s ago (writes in flight must commit first): wait that out.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const second = await runCli(exportArgs('--since', nextSince, '--out', join(dir, 'b.ndjson')));
    expect(second.code, second.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'b.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { reference: string; title: string });
    expect(lines.map((l) => l.reference).sort()).toEqual(changed);
    expect(lines.every((l) => l.title.endsWith('(gewijzigd)'))).toBe(true);

    const third = await runCli(exportArgs('--since', summaryOf(second.stdout).nextSince, '--out', join(dir, 'c.ndjson')));
    expect(third.code, third.stderr).toBe(0);
    expect(summaryOf(third.stdout).count).toBe(0);
    expect(readFileSync(join(dir, 'c.ndjson'), 'utf8')).toBe('');
  }, 60_000);

  it('exits 2 on usage errors and 1 with the SDK error code when the API fails', async () => {
    for (const args of [['--format', 'xml'], ['--since', 'yesterday'], ['--bogus'], ['--page-size', '500'], ['--url', 'not a url']]) {
      const run = await runCli(['export', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^notabene export: .+\n\nUsage: notabene export/);
    }
    const port = await freePort();
    const down = await runCli(['export', '--url', `http://127.0.0.1:${port}/graphql`, '--retries', '1', '--out', join(dir, 'down.ndjson')]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^notabene export: failed after 0 memo\(s\): NETWORK_ERROR: /);
    expect(() => readFileSync(join(dir, 'down.ndjson'))).toThrow(); // nothing half-written
    expect(() => readFileSync(join(dir, 'down.ndjson.partial'))).toThrow();

    const badKey = await runCli(['export', '--url', proc.url, '--api-key', 'nb_not-a-real-key']);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/UNAUTHENTICATED: .*--api-key/);
  }, 60_000);
});

describe('DiWoo metadata', () => {
  it('maps the J&V memo: publisher mnre1058, beslisnota, migratie, kenmerk, creation date, actions', async () => {
    const diwoo = await client.memos.diwoo({ reference: '4700831' });
    expect(diwoo).toMatchObject({
      publisher: { uri: 'https://identifier.overheid.nl/tooi/id/ministerie/mnre1058', organizationCode: 'JenV' },
      officialTitle: expect.stringMatching(/^Beslisnota bij Kamerbrief/),
      creationDate: '2023-06-07',
      identifiers: ['4700831'],
      missingRequired: [],
    });
    expect(diwoo!.classification.documentKinds.map((k) => k.code)).toEqual(['c_2977c34f']);
    expect(diwoo!.classification.documentKinds[0]!.uri).toBe('https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f');
    expect(diwoo!.classification.themes.map((t) => t.code)).toEqual(['c_2e9944e7']);
    expect(diwoo!.classification.informationCategories).toHaveLength(1);
    expect(diwoo!.documentActions.map((a) => [a.kind, a.code])).toEqual([
      ['VASTSTELLING', 'c_641ecd76'],
      ['PUBLICATION', null],
    ]);
    expect(diwoo!.documentActions[0]!.atTime).toMatch(/^2023-06-07T/);
    // An informatienota has no document kind in the value list; a ministry without a known TOOI code has no URI.
    const info = await conn.db.selectFrom('memos').select('reference').where('kind', '=', 'INFORMATIENOTA').executeTakeFirstOrThrow();
    expect((await client.memos.diwoo({ reference: info.reference }))!.classification.documentKinds).toEqual([]);
    const az = await conn.db.selectFrom('memos as m').innerJoin('organizations as o', 'o.id', 'm.sender_organization_id').select('m.reference').where('o.code', '=', 'AZ').executeTakeFirstOrThrow();
    const other = await client.memos.diwoo({ reference: az.reference });
    expect(other!.publisher).toMatchObject({ organizationCode: 'AZ', uri: null });
    expect(other!.missingRequired).toContain('publisher.uri');
  });

  it('exports DiWoo records as NDJSON on stdout, the summary on stderr', async () => {
    const since = sinceForLast(20);
    const run = await runCli(exportArgs('--format', 'diwoo', '--since', since));
    expect(run.code, run.stderr).toBe(0);
    const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(await totalCount(since));
    expect(run.stderr).toMatch(new RegExp(`^exported ${records.length} memos \\(diwoo\\)`));
    const jenv = records.find((r) => r.kenmerk === '4700831');
    expect(jenv.DiWoo).toMatchObject({
      publisher: { resource: 'https://identifier.overheid.nl/tooi/id/ministerie/mnre1058' },
      creatiedatum: '2023-06-07',
      identifiers: ['4700831'],
      classificatiecollectie: {
        documentsoorten: [{ resource: 'https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f', label: 'beslisnota' }],
        themas: [{ resource: 'https://identifier.overheid.nl/tooi/def/thes/top/c_2e9944e7', label: 'migratie' }],
      },
    });
    expect(jenv.DiWoo.documenthandelingen[0]).toMatchObject({ soortHandeling: { resource: 'https://identifier.overheid.nl/tooi/def/thes/kern/c_641ecd76', label: 'vaststelling' } });
  });

  it('looks organisations and series up by code', async () => {
    expect((await client.organizations.get({ code: 'swz' }))?.code).toBe('SZW');
    expect(await client.organizations.get({ code: 'NOPE-NOT-HERE' })).toBeNull();
    const series = await client.statistics.list({ first: 1 });
    const code = series.edges[0]!.node.code;
    expect((await client.statistics.get({ code }))?.code).toBe(code);
    expect(await client.statistics.get({ code: `${code}-nope` })).toBeNull();
  });
});

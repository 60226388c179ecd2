// `notabene export`: memo metadata in bulk over the API, through the SDK, as NDJSON, CSV or DiWoo
// records. It streams: one page (at most 100 memos) is in memory at a time and lines are written as
// pages arrive, waiting for 'drain' when the output is slower than the API.
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
// The SDK's source, not its built dist/: the CLI runs TypeScript through tsx and must work in a
// fresh clone where `npm run build` has not run. @notabene/sdk is a declared dependency all the same.
import { AuthenticationError, createClient, NotabeneError, type MemoDiwooRecord, type MemoExportRow, type PullProgress } from '../../sdk/src/index.js';

export const EXPORT_USAGE = `Usage: notabene export [--format ndjson|csv|diwoo] [--since <datetime>] [--out <file>]
                       [--url <api>] [--api-key <key>] [--token <jwt>] [--page-size <1..100>] [--retries <n>] [--stats]

  --format     ndjson (default): one JSON object per memo per line; csv: a header row and one row per
               memo (RFC 4180, UTF-8); diwoo: one DiWoo-shaped metadata record per line (NDJSON)
  --since      only memos changed after this moment (ISO 8601); the summary prints the value for the next run
  --out        file to write (written as <file>.partial and renamed when complete); default stdout
  --url        GraphQL endpoint (default http://localhost:4000/graphql)
  --api-key    API key (default NOTABENE_API_KEY); or --token / NOTABENE_TOKEN for a JWT
  --stats      add the process's peak memory (max RSS) to the summary

Exit codes: 0 exported, 1 API or network error, 2 usage error.`;

export type ExportFormat = 'ndjson' | 'csv' | 'diwoo';

class ExportUsageError extends Error {}

interface ExportOptions {
  format: ExportFormat;
  since: string | null;
  out: string | null;
  url: string;
  apiKey: string | undefined;
  token: string | undefined;
  pageSize: number;
  retries: number;
  stats: boolean;
}

function parseOptions(args: string[]): ExportOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        format: { type: 'string', default: 'ndjson' },
        since: { type: 'string' },
        out: { type: 'string' },
        url: { type: 'string', default: 'http://localhost:4000/graphql' },
        'api-key': { type: 'string' },
        token: { type: 'string' },
        'page-size': { type: 'string', default: '100' },
        retries: { type: 'string', default: '3' },
        stats: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new ExportUsageError((error as Error).message);
  }
  const format = values.format as ExportFormat;
  if (!['ndjson', 'csv', 'diwoo'].includes(format)) throw new ExportUsageError(`--format must be ndjson, csv or diwoo (got "${values.format}")`);
  let since: string | null = null;
  if (values.since !== undefined) {
    // A bare date is a moment too (midnight UTC), but "yesterday" or "2026-13-01" is refused.
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.since) || Number.isNaN(Date.parse(values.since))) {
      throw new ExportUsageError(`--since must be an ISO 8601 date or date-time such as 2026-01-31T12:00:00Z (got "${values.since}")`);
    }
    since = new Date(values.since).toISOString();
  }
  try {
    const url = new URL(values.url!);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ExportUsageError(`--url must be an http(s) URL such as http://localhost:4000/graphql (got "${values.url}")`);
  }
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ExportUsageError(`--page-size must be an integer from 1 to 100 (got "${values['page-size']}")`);
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new ExportUsageError(`--retries must be an integer from 0 to 10 (got "${values.retries}")`);
  const apiKey = values['api-key'] ?? (process.env.NOTABENE_API_KEY || undefined);
  const token = values.token ?? (process.env.NOTABENE_TOKEN || undefined);
  if (values['api-key'] !== undefined && values.token !== undefined) throw new ExportUsageError('give either --api-key or --token, not both');
  const out = values.out === undefined || values.out === '-' ? null : values.out;
  return { format, since, out, url: values.url!, apiKey, token: apiKey ? undefined : token, pageSize, retries, stats: values.stats! };
}

// --- CSV -------------------------------------------------------------------------------------

export const CSV_COLUMNS = [
  'reference',
  'kind',
  'title',
  'date',
  'status',
  'sender_code',
  'sender_name',
  'political_context_kinds',
  'political_context_members',
  'consulted_organizations',
  'has_budget_impact',
  'redaction_grounds',
  'topics',
  'countries',
  'updated_at',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A cell
 * that starts with =, +, - or @ gets a leading apostrophe, so that a spreadsheet shows it as text
 * instead of running it as a formula (CSV injection); the apostrophe is part of the value.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const distinct = (values: readonly (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
const list = (values: readonly (string | null)[]) => distinct(values).join('; ');

export function csvRow(m: MemoExportRow): string {
  const cells = [
    m.reference,
    m.kind,
    m.title,
    m.date,
    m.status,
    m.sender?.code,
    m.sender?.name,
    list(m.politicalContext.map((p) => p.kind)),
    list(m.politicalContext.map((p) => p.member)),
    list(m.consultedOrganizations.map((o) => o.code)),
    m.financialConsiderations?.hasBudgetImpact ?? null,
    list(m.redactions.map((r) => r.ground)),
    list(m.topics),
    list(m.countries.map((c) => c.code)),
    m.updatedAt,
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}

// --- NDJSON and DiWoo ------------------------------------------------------------------------------

export function ndjsonLine(m: MemoExportRow): string {
  return `${JSON.stringify({
    id: m.id,
    reference: m.reference,
    kind: m.kind,
    title: m.title,
    date: m.date,
    status: m.status,
    statusLabel: m.statusLabel,
    sender: m.sender ? { code: m.sender.code, name: m.sender.name } : null,
    politicalContextKinds: distinct(m.politicalContext.map((p) => p.kind)),
    politicalContextMembers: distinct(m.politicalContext.map((p) => p.member)),
    consultedOrganizations: distinct(m.consultedOrganizations.map((o) => o.code)),
    hasBudgetImpact: m.financialConsiderations?.hasBudgetImpact ?? null,
    redactionGrounds: distinct(m.redactions.map((r) => r.ground)),
    topics: m.topics,
    countries: m.countries.map((c) => c.code),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    version: m.version,
  })}\n`;
}

const resource = (c: { uri: string | null; label: string }) => ({ resource: c.uri, label: c.label });

/** A DiWoo record with the standard's own element names (docs/diwoo.md), so a platform maps it 1:1. */
export function diwooLine(r: MemoDiwooRecord): string {
  const d = r.diwoo;
  return `${JSON.stringify({
    id: r.id,
    kenmerk: r.reference,
    updatedAt: r.updatedAt,
    DiWoo: {
      publisher: d.publisher ? { resource: d.publisher.uri, label: d.publisher.name } : null,
      officieleTitel: d.officialTitle,
      creatiedatum: d.creationDate,
      identifiers: d.identifiers,
      classificatiecollectie: {
        informatiecategorieen: d.classification.informationCategories.map(resource),
        documentsoorten: d.classification.documentKinds.map(resource),
        themas: d.classification.themes.map(resource),
      },
      documenthandelingen: d.documentActions.map((a) => ({ soortHandeling: resource(a), atTime: a.atTime })),
    },
    missingRequired: d.missingRequired,
  })}\n`;
}

// --- progress ------------------------------------------------------------------------------------

const fmt = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

/** A one-line progress bar on a terminal's stderr, redrawn at most 10 times a second. */
function progressBar(stream: NodeJS.WriteStream, started: number) {
  let last = 0;
  // A terminal may report 0 columns (e.g. under script(1)).
  const width = Math.max(40, Math.min(stream.columns || 80, 100)) - 1;
  const draw = (count: number, total: number | null, force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? count / seconds : 0;
    const share = total ? Math.min(1, count / total) : 0;
    const filled = Math.round(share * 24);
    const eta = total && rate > 0 ? duration((total - count) / rate) : '?';
    const line = `[${'#'.repeat(filled)}${'-'.repeat(24 - filled)}] ${fmt(count)}/${total === null ? '?' : fmt(total)} ${Math.round(share * 100)}% ${fmt(Math.round(rate))}/s ETA ${eta}`;
    stream.write(`\r${line.padEnd(width)}`);
  };
  return { draw, clear: () => stream.write(`\r${' '.repeat(width)}\r`) };
}

// --- output --------------------------------------------------------------------------------------

/** Writes with backpressure, in chunks of about 64 KB. */
class Output {
  private chunk = '';
  constructor(readonly stream: NodeJS.WritableStream) {}
  async write(text: string): Promise<void> {
    this.chunk += text;
    if (this.chunk.length >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.chunk === '') return;
    const text = this.chunk;
    this.chunk = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/** Runs `notabene export`; returns the exit code. */
export async function exportCommand(args: string[]): Promise<number> {
  let options: ExportOptions;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof ExportUsageError)) throw error;
    process.stderr.write(`notabene export: ${error.message}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const client = createClient({
    url: options.url,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.token ? { token: options.token } : {}),
    retry: options.retries === 0 ? false : { retries: options.retries },
  });
  const pull = {
    pageSize: options.pageSize,
    orderBy: { field: 'UPDATED_AT', direction: 'ASC' } as const,
    ...(options.since ? { filter: { updatedSince: options.since } } : {}),
  };

  const started = Date.now();
  const bar = process.stderr.isTTY ? progressBar(process.stderr, started) : null;
  // The first page tells the size and the snapshot of the whole pull.
  const pullInfo: { total: number | null; snapshotAt: string | null } = { total: null, snapshotAt: null };
  const onPage = (p: PullProgress) => {
    pullInfo.total ??= p.totalCount;
    pullInfo.snapshotAt ??= p.snapshotAt;
  };

  const partial = options.out === null ? null : `${options.out}.partial`;
  let file: WriteStream | null = null;
  let count = 0;
  try {
    if (partial) {
      file = createWriteStream(partial, { encoding: 'utf8' });
      await once(file, 'open');
    }
    const output = new Output(file ?? process.stdout);
    if (options.format === 'diwoo') {
      for await (const record of client.export.diwoo({ ...pull, onPage })) {
        await output.write(diwooLine(record));
        count += 1;
        bar?.draw(count, pullInfo.total);
      }
    } else {
      if (options.format === 'csv') await output.write(`${CSV_COLUMNS.join(',')}\r\n`);
      const line = options.format === 'csv' ? csvRow : ndjsonLine;
      for await (const memo of client.export.memos({ ...pull, onPage })) {
        await output.write(line(memo));
        count += 1;
        bar?.draw(count, pullInfo.total);
      }
    }
    await output.flush();
    if (file) {
      file.end();
      await once(file, 'finish');
      renameSync(partial!, options.out!);
    }
  } catch (error) {
    bar?.clear();
    if (file) {
      file.destroy();
      rmSync(partial!, { force: true });
    }
    if (error instanceof NotabeneError) {
      const hint = error instanceof AuthenticationError ? ' (pass --api-key or set NOTABENE_API_KEY)' : '';
      process.stderr.write(`notabene export: failed after ${fmt(count)} memo(s): ${error.code}: ${error.message}${hint}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) {
      process.stderr.write(`notabene export: cannot write ${options.out ?? 'stdout'}: ${code}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  if (bar) {
    bar.draw(count, pullInfo.total, true);
    bar.clear();
  }

  const seconds = (Date.now() - started) / 1000;
  // A --since later than the snapshot (a clock ahead of the server's) must not move the next run back.
  const { snapshotAt } = pullInfo;
  const next = options.since && snapshotAt && options.since > snapshotAt ? options.since : snapshotAt;
  const parts = [
    `exported ${count} memos (${options.format}) ${options.out ? `to ${options.out} ` : ''}in ${seconds.toFixed(1)} s (${fmt(Math.round(count / Math.max(seconds, 0.001)))}/s)`,
    `next --since ${next ?? 'unknown (the API gave no snapshotAt)'}`,
  ];
  if (options.stats) parts.push(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
  const summary = `${parts.join('; ')}\n`;
  // stdout carries the data when no --out is given: the summary goes to stderr then.
  (options.out ? process.stdout : process.stderr).write(summary);
  return 0;
}

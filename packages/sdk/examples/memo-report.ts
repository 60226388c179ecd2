// A small reporting job on @notabene/sdk: every memo since a date, counted by sending organisation
// and by kind of political context, plus the latest figure of every series the memos cite.
//
//   NOTABENE_URL=http://localhost:4000/graphql node memo-report.js [since YYYY-MM-DD]
import { createClient, NetworkError, NotabeneError, type MemoSummary, type PoliticalContextKind } from '@notabene/sdk';

export interface MemoReport {
  since: string;
  total: number;
  bySender: Record<string, number>;
  byPoliticalContext: Partial<Record<PoliticalContextKind, number>>;
  latestFigures: { series: string; period: string; value: number; provisional: boolean }[];
}

/** Builds the report from the Notabene at `url`. */
export async function buildReport(url: string, since: string): Promise<MemoReport> {
  const client = createClient({ url, timeoutMs: 10_000, retry: { retries: 2 } });
  const memos: MemoSummary[] = [];
  for await (const memo of client.memos.iterate({ filter: { dateFrom: since }, orderBy: { field: 'DATE', direction: 'ASC' }, pageSize: 2 })) {
    memos.push(memo);
  }
  const bySender: Record<string, number> = {};
  for (const memo of memos) {
    const sender = memo.sender?.code ?? '(unknown)';
    bySender[sender] = (bySender[sender] ?? 0) + 1;
  }
  const byPoliticalContext: Partial<Record<PoliticalContextKind, number>> = {};
  const seriesCodes = new Set<string>();
  for (const summary of memos) {
    const memo = await client.memos.get({ id: summary.id });
    if (!memo) continue; // withdrawn since the list was read
    for (const item of memo.politicalContext) byPoliticalContext[item.kind] = (byPoliticalContext[item.kind] ?? 0) + 1;
    for (const series of memo.statistics) seriesCodes.add(series.code);
  }
  const latestFigures: MemoReport['latestFigures'] = [];
  for (const code of [...seriesCodes].sort()) {
    const series = await client.statistics.get({ code });
    const last = series?.observations.at(-1);
    if (last) latestFigures.push({ series: code, period: last.period, value: last.value, provisional: last.status === 'PROVISIONAL' });
  }
  return { since, total: memos.length, bySender, byPoliticalContext, latestFigures };
}

/** The report as plain text. */
export function formatReport(report: MemoReport): string {
  const lines = [`Memos since ${report.since}: ${report.total}`, '', 'By sender:'];
  for (const [code, n] of Object.entries(report.bySender).sort()) lines.push(`  ${code.padEnd(10)} ${n}`);
  lines.push('', 'Political context:');
  for (const [kind, n] of Object.entries(report.byPoliticalContext).sort()) lines.push(`  ${kind.padEnd(24)} ${n}`);
  lines.push('', 'Latest figures cited:');
  for (const f of report.latestFigures) lines.push(`  ${f.series.padEnd(28)} ${f.period.padEnd(10)} ${f.value}${f.provisional ? ' (provisional)' : ''}`);
  return lines.join('\n');
}

const url = process.env.NOTABENE_URL;
if (url) {
  try {
    console.log(formatReport(await buildReport(url, process.argv[2] ?? '2000-01-01')));
  } catch (error) {
    if (error instanceof NetworkError) console.error(`Notabene is unreachable (${error.attempts} attempts): ${error.message}`);
    else if (error instanceof NotabeneError) console.error(`Notabene refused the request: ${error.code} ${error.message}`);
    else throw error;
    process.exitCode = 1;
  }
}

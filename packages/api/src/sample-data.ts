import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countMemos, type Connection } from '@notabene/db';
import type { Logger } from 'pino';
import { importMemoText, importStatisticsCsv } from './importing.js';

// The sample data ships inside the project (packages/ingest/fixtures), not in ../shared, so that a
// user's fresh clone has it.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ingest', 'fixtures');

/** Memo fixture files that are memos (the control fixture is a Woo decision letter, not a memo). */
export function sampleMemoFiles(): string[] {
  const dir = join(FIXTURES, 'memos');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !f.startsWith('control-'))
    .sort()
    .map((f) => join(dir, f));
}

export function sampleStatisticsFiles(): string[] {
  const dir = join(FIXTURES, 'statistics');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f));
}

/** Loads the sample memos (as PUBLISHED) and statistics when the register holds no memo yet. */
export async function loadSampleDataIfEmpty(conn: Connection, logger: Logger): Promise<{ loaded: boolean; memos: number }> {
  if ((await countMemos(conn.db, {})) > 0) return { loaded: false, memos: 0 };
  // Statistics first, so memos are linked to the series they talk about as they are imported.
  for (const file of sampleStatisticsFiles()) {
    const result = await importStatisticsCsv(conn, readFileSync(file, 'utf8'));
    if (!result.ok) throw new Error(`sample statistics ${file} are invalid: ${JSON.stringify(result.errors)}`);
  }
  let memos = 0;
  for (const file of sampleMemoFiles()) {
    const result = await importMemoText(conn, readFileSync(file, 'utf8'), { status: 'PUBLISHED' });
    if (!result.ok) throw new Error(`sample memo ${file} was refused: ${result.code}: ${result.reason}`);
    memos += 1;
  }
  logger.info({ memos }, 'loaded sample data');
  return { loaded: true, memos };
}

// `notabene <command>`: operations on the register from a shell. Output for people on stdout,
// logs on stderr; exit code 0 only when everything asked for succeeded.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect, migrateToLatest, type Connection } from '@notabene/db';
import { ConfigError, loadConfig } from './config.js';
import { importMemoText, importStatisticsCsv, syncReferenceData, type MemoStatus } from './importing.js';

const USAGE = `Usage: notabene <command> [options]

Commands:
  serve                          start the API (same as npm start)
  migrate                        apply database migrations
  import <file…> [--dry-run] [--status DRAFT|PUBLISHED|ARCHIVED]
                                 parse memo texts and store them (re-import updates by reference)
  import-statistics <file.csv…>  import statistic series and observations (all rows of a file or none)

The database is DATABASE_URL (default: SQLite at ./data/notabene.db).`;

class UsageError extends Error {}

async function withDatabase<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const conn = connect(config.DATABASE_URL);
  try {
    await migrateToLatest(conn.db);
    await syncReferenceData(conn);
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, status: { type: 'string', default: 'PUBLISHED' } },
  });
  const status = values.status as MemoStatus;
  if (!['DRAFT', 'PUBLISHED', 'ARCHIVED'].includes(status)) throw new UsageError(`--status must be DRAFT, PUBLISHED or ARCHIVED (got "${status}")`);
  if (positionals.length === 0) throw new UsageError('import needs at least one file');
  let failures = 0;
  await withDatabase(async (conn) => {
    for (const file of positionals) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        failures += 1;
        console.log(`✗ ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        continue;
      }
      const result = await importMemoText(conn, text, { dryRun: values['dry-run'], status });
      if (!result.ok) {
        failures += 1;
        console.log(`✗ ${file}: refused (${result.code}): ${result.reason}`);
      } else {
        const m = result.parsed;
        const what = result.stored === null ? 'parsed (dry run, not stored)' : result.stored.created ? 'stored as new memo' : `updated (version ${result.stored.version})`;
        console.log(`✓ ${file}: ${what}: ${m.reference} — ${m.title ?? '(no title)'} (${m.date ?? 'no date'}, ${m.sections.length} sections)`);
      }
      for (const w of result.warnings) console.log(`    warning: ${w}`);
    }
  });
  console.log(`${positionals.length - failures} of ${positionals.length} file(s) imported`);
  return failures === 0 ? 0 : 1;
}

async function importStatisticsCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('import-statistics needs at least one CSV file');
  let failures = 0;
  await withDatabase(async (conn) => {
    for (const file of positionals) {
      const result = await importStatisticsCsv(conn, readFileSync(file, 'utf8'));
      if (!result.ok) {
        failures += 1;
        console.log(`✗ ${file}: nothing imported; ${result.errors.length} error(s):`);
        for (const e of result.errors) console.log(`    line ${e.line}: ${e.message}`);
      } else {
        console.log(`✓ ${file}: ${result.observations} observation(s) in ${result.series} series (${result.createdSeries} new)`);
      }
    }
  });
  return failures === 0 ? 0 : 1;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await import('./main.js');
      return -1; // keeps running
    case 'migrate': {
      const config = loadConfig();
      const conn = connect(config.DATABASE_URL);
      try {
        const { applied } = await migrateToLatest(conn.db);
        console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await conn.close();
      }
      return 0;
    }
    case 'import':
      return importCommand(rest);
    case 'import-statistics':
      return importStatisticsCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`notabene: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`notabene: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);

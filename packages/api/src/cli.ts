// `notabene <command>`: operations on the register from a shell. Output for people on stdout,
// logs on stderr; exit code 0 only when everything asked for succeeded.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect, insertApiKey, listApiKeys, migrateToLatest, revokeApiKey, type Connection } from '@notabene/db';
import { generateApiKey, hashApiKey, signToken } from './auth/authenticate.js';
import { developmentSecret } from './auth/secrets.js';
import { isRole } from './auth/viewer.js';
import { ConfigError, loadConfig } from './config.js';
import { importMemoText, importStatisticsCsv, syncReferenceData, type MemoStatus } from './importing.js';

const USAGE = `Usage: notabene <command> [options]

Commands:
  serve                          start the API (same as npm start)
  migrate                        apply database migrations
  import <file…> [--dry-run] [--status DRAFT|PUBLISHED|ARCHIVED]
                                 parse memo texts and store them (re-import updates by reference)
  import-statistics <file.csv…>  import statistic series and observations (all rows of a file or none)
  export [--format ndjson|csv|diwoo] [--since <datetime>] [--out <file>] [--url <api>] [--api-key <key>]
                                 memo metadata in bulk over the API (see notabene export --help)
  apikey create --role <role> --name <name>
                                 create an API key for a job (printed once; only its hash is stored)
  apikey list                    list API keys (never the keys themselves)
  apikey revoke <id|name>        revoke an API key
  token --role <role> --subject <name> [--expires 8h]
                                 print a signed development token (NOTABENE_JWT_SECRET, or the
                                 generated secret in NOTABENE_DATA_DIR)

Roles: public, reader, editor, admin.

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
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        failures += 1;
        console.log(`✗ ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        continue;
      }
      const result = await importStatisticsCsv(conn, text);
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

async function apikeyCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string' }, name: { type: 'string' } } });
  const config = loadConfig();
  const conn = connect(config.DATABASE_URL);
  try {
    await migrateToLatest(conn.db);
    if (sub === 'create') {
      if (!isRole(values.role) || values.role === 'public') throw new UsageError('apikey create needs --role reader, editor or admin');
      if (!values.name?.trim()) throw new UsageError('apikey create needs --name "<what the key is for>"');
      const key = generateApiKey();
      const row = await insertApiKey(conn.db, { name: values.name.trim(), role: values.role, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 10) });
      console.log(key);
      process.stderr.write(`API key ${row.id} "${row.name}" (${row.role}) created. It is shown only now: store it safely. Send it as the X-Api-Key header.\n`);
      return 0;
    }
    if (sub === 'list') {
      const rows = await listApiKeys(conn.db);
      if (rows.length === 0) console.log('no API keys');
      for (const r of rows) console.log(`${r.id}\t${r.key_prefix}…\t${r.role}\t${r.name}\tcreated ${r.created_at}${r.revoked_at ? `\trevoked ${r.revoked_at}` : ''}`);
      return 0;
    }
    if (sub === 'revoke') {
      const target = positionals[0];
      if (!target) throw new UsageError('apikey revoke needs the id or name of a key');
      const n = await revokeApiKey(conn.db, target);
      console.log(n > 0 ? `revoked ${n} key(s)` : `no active key "${target}"`);
      return n > 0 ? 0 : 1;
    }
    throw new UsageError('apikey needs create, list or revoke');
  } finally {
    await conn.close();
  }
}

async function tokenCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' }, subject: { type: 'string' }, expires: { type: 'string', default: '8h' } } });
  if (!isRole(values.role)) throw new UsageError('token needs --role public, reader, editor or admin');
  if (!values.subject?.trim()) throw new UsageError('token needs --subject <name>');
  const config = loadConfig();
  if (config.NOTABENE_JWKS_URL || config.NOTABENE_JWKS_FILE) throw new UsageError('this server verifies tokens from an identity provider (JWKS); get a token there');
  if (!config.NOTABENE_JWT_SECRET && config.NODE_ENV === 'production') throw new UsageError('set NOTABENE_JWT_SECRET to sign tokens in production');
  const secret = config.NOTABENE_JWT_SECRET ?? developmentSecret(config.NOTABENE_DATA_DIR);
  console.log(
    await signToken(secret, {
      role: values.role,
      subject: values.subject.trim(),
      expiresIn: values.expires!,
      roleClaim: config.NOTABENE_JWT_ROLE_CLAIM,
      ...(config.NOTABENE_JWT_ISSUER ? { issuer: config.NOTABENE_JWT_ISSUER } : {}),
      ...(config.NOTABENE_JWT_AUDIENCE ? { audience: config.NOTABENE_JWT_AUDIENCE } : {}),
    }),
  );
  return 0;
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
    case 'apikey':
      return apikeyCommand(rest);
    case 'token':
      return tokenCommand(rest);
    case 'export': {
      const { exportCommand, EXPORT_USAGE } = await import('./export.js');
      if (rest.includes('--help') || rest.includes('-h')) {
        console.log(EXPORT_USAGE);
        return 0;
      }
      return exportCommand(rest);
    }
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

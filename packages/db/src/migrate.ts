import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Database } from './types.js';
import * as m0001 from './migrations/2026-11-29-0001-initial.js';
import * as m0002 from './migrations/2026-11-29-0002-auth-audit.js';
import * as m0003 from './migrations/2026-11-29-0003-search.js';
import * as m0004 from './migrations/2026-11-29-0004-sort-index.js';
import * as m0005 from './migrations/2026-11-29-0005-curated-statistics.js';

// Migrations are listed here, not discovered on disk, so they work the same under tsx, vitest and
// a bundled build. Names are date-prefixed and sort in the order they must run.
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-29-0001-initial': m0001,
  '2026-11-29-0002-auth-audit': m0002,
  '2026-11-29-0003-search': m0003,
  '2026-11-29-0004-sort-index': m0004,
  '2026-11-29-0005-curated-statistics': m0005,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Applies every pending migration; throws MigrationError when one fails (Kysely itself never throws). */
export async function migrateToLatest(db: Kysely<Database>): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, results, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

// `npm start`: validate configuration, open and migrate the database, load sample data when empty,
// serve. SIGTERM/SIGINT drain in-flight requests, then close the database.
import { connect, migrateToLatest } from '@notabene/db';
import { authSettings } from './auth/authenticate.js';
import { ConfigError, loadConfig } from './config.js';
import { syncReferenceData } from './importing.js';
import { createLogger } from './logger.js';
import { loadSampleDataIfEmpty } from './sample-data.js';
import { GRAPHQL_PATH, createServer } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const conn = connect(config.DATABASE_URL);
  logger.info({ database: conn.target }, 'opening database');
  const { applied } = await migrateToLatest(conn.db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  await syncReferenceData(conn);
  if (config.NOTABENE_SAMPLE_DATA) await loadSampleDataIfEmpty(conn, logger);

  const server = await createServer({
    conn,
    logger,
    auth: authSettings(config),
    introspection: config.NOTABENE_INTROSPECTION,
    playground: config.NOTABENE_PLAYGROUND,
    maxBodyBytes: config.NOTABENE_MAX_BODY_BYTES,
  });
  const port = await server.listen(config.PORT, config.HOST);
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  logger.info({ url: `http://${shownHost}:${port}${GRAPHQL_PATH}` }, 'Notabene is serving');
  // A plain line for people and for scripts waiting for the server (the e2e test reads it).
  process.stderr.write(`Notabene listening on http://${shownHost}:${port}${GRAPHQL_PATH}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.NOTABENE_SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await server.stop();
      await conn.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Notabene failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});

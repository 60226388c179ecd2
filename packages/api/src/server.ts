import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type GraphQLRequestContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { sql } from 'kysely';
import type { Connection } from '@notabene/db';
import type { Logger } from 'pino';
import { authenticate, type AuthSettings } from './auth/authenticate.js';
import { createContext, type Context } from './context.js';
import { EXAMPLE_QUERY, handlePlayground } from './playground.js';
import { schema } from './schema/index.js';

export const GRAPHQL_PATH = '/graphql';

export interface ServerOptions {
  conn: Connection;
  logger: Logger;
  /** How credentials are verified (see auth/authenticate.ts). */
  auth: AuthSettings;
  introspection?: boolean;
  playground?: boolean;
  maxBodyBytes?: number;
}

export interface NotabeneServer {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests, waits for those in flight, then stops Apollo (the caller closes the database). */
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Builds the HTTP server: GraphQL on /graphql, the playground for browsers, health checks. */
export async function createServer(options: ServerOptions): Promise<NotabeneServer> {
  const { conn, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const httpServer = createHttpServer();

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: options.introspection ?? true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Unused features that would otherwise wrap every resolver or reach for the network.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      {
        async requestDidStart(rc: GraphQLRequestContext<Context>) {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse() {
              const ms = Number(process.hrtime.bigint() - started) / 1e6;
              logger.debug({ requestId: rc.contextValue.requestId, operation: rc.operationName, ms }, 'graphql request');
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => {
      const original = unwrapResolverError(error);
      // Pothos reports malformed input it decodes itself (global ids, connection arguments) this way.
      if (original instanceof PothosValidationError) {
        return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
      }
      const code = formatted.extensions?.code;
      // Anything not deliberately raised for the client is masked: its message may carry SQL or paths.
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        const correlationId = randomUUID();
        logger.error({ err: error, correlationId, path: formatted.path }, 'unexpected error in request');
        return {
          message: 'Internal server error.',
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
        };
      }
      return formatted;
    },
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/health/ready') {
      try {
        await sql`select 1`.execute(conn.db);
        return sendJson(res, 200, { status: 'ok', database: conn.dialect });
      } catch (error) {
        logger.warn({ err: error }, 'readiness check failed');
        return sendJson(res, 503, { status: 'unavailable', database: conn.dialect });
      }
    }
    if (options.playground !== false && (await handlePlayground(req, res, { endpoint: GRAPHQL_PATH, defaultQuery: EXAMPLE_QUERY }))) return;
    if (url.pathname !== GRAPHQL_PATH) {
      return sendJson(res, 404, { errors: [{ message: `Not found: ${url.pathname}. The API is at ${GRAPHQL_PATH}.`, extensions: { code: 'NOT_FOUND' } }] });
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req, maxBodyBytes);
      const type = headers.get('content-type') ?? '';
      if (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON.');
        }
      } else {
        body = text;
      }
    }
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        const apiKey = req.headers['x-api-key'];
        const viewer = await authenticate(conn, options.auth, {
          authorization: req.headers.authorization,
          apiKey: Array.isArray(apiKey) ? apiKey[0] : apiKey,
        });
        return createContext(conn, viewer, requestId);
      },
    });
    res.statusCode = response.status ?? 200;
    for (const [k, v] of response.headers) res.setHeader(k, v);
    res.setHeader('x-request-id', requestId);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] }, { connection: 'close' });
        return;
      }
      const correlationId = randomUUID();
      logger.error({ err: error, correlationId }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } }] });
      else res.destroy();
    });
  });

  return {
    httpServer,
    apollo,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    stop: () => apollo.stop(),
  };
}

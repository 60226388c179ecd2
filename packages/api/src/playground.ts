import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

/**
 * GraphiQL served from the API's own origin, fully offline: graphiql 4's UMD bundle needs only the
 * React 18 UMD globals, so no bundler and no CDN are involved (graphiql 5 would need Vite).
 */

export interface PlaygroundOptions {
  /** Path of the GraphQL endpoint on this origin, e.g. "/graphql"; the page is served there too. */
  endpoint: string;
  /** Query shown in the editor on a first visit (GraphiQL keeps the user's tabs in localStorage). */
  defaultQuery: string;
  title?: string;
}

export const PLAYGROUND_TITLE = 'Notabene — GraphQL playground';
export const PLAYGROUND_ASSET_PREFIX = '/playground/';

export const EXAMPLE_QUERY = `# Notabene: Dutch ministerial decision memos (beslisnota's).
# Press the run button (or Ctrl-Enter) to execute.
query MemoByReference {
  memo(reference: "4700831") {
    title
    date
    status
    sender { code name parent { name } }
    politicalContext { kind member party title }
    consultedOrganizations { code name }
    redactions { ground legalText explanation }
  }
}
`;

const ONE_YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

// The boot code is a served file rather than an inline script so the page's CSP can stay at
// script-src 'self' with no nonce or hash; it reads its settings from a JSON data block, which the
// CSP does not treat as script.
const BOOT_JS = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  // Radix dialogs (via react-style-singleton) inject <style> elements and stamp them with
  // __webpack_nonce__ when it exists; the bundle reads it as a free global at injection time.
  window.__webpack_nonce__ = config.styleNonce;

  // A plain POST with content-type application/json: Apollo Server's CSRF prevention accepts it
  // without a preflight-forcing header, and the response body is shown whatever the HTTP status
  // (GraphQL-over-HTTP answers 4xx with a JSON body for invalid operations).
  function fetcher(params, options) {
    var headers = Object.assign(
      { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      (options && options.headers) || {}
    );
    return fetch(config.endpoint, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(params),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (error) {
          throw new Error('HTTP ' + response.status + ' ' + response.statusText + ': ' + text.slice(0, 500));
        }
      });
    });
  }

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(
      GraphiQL,
      { fetcher: fetcher, defaultQuery: config.defaultQuery, isHeadersEditorEnabled: true },
      React.createElement(GraphiQL.Logo, null, 'Notabene')
    )
  );
})();
`;

interface AssetSource {
  contentType: string;
  load: () => Promise<Buffer>;
  /** Extra response headers, e.g. the SourceMap header pointing at a renamed map. */
  headers?: Record<string, string>;
}

interface LoadedAsset {
  body: Buffer;
  etag: string;
  /** Compressed lazily on the first request that accepts gzip. */
  gzipped?: Promise<{ body: Buffer; etag: string }>;
  contentType: string;
  headers: Record<string, string>;
  /** Short content hash for cache-busting URLs, so a long immutable Cache-Control is safe. */
  version: string;
}

const gzip = promisify(gzipCallback);
const requireFromHere = createRequire(import.meta.url);

// Package roots come from package.json because graphiql's and react's `exports` maps do not expose
// dist/ or umd/ files to require.resolve.
function packageFile(pkg: string, relative: string): () => Promise<Buffer> {
  return () => readFile(join(dirname(requireFromHere.resolve(`${pkg}/package.json`)), relative));
}

const JS = 'text/javascript; charset=utf-8';

// The whitelist: only these names are ever served under /playground/, whatever the request path.
const ASSETS: Record<string, AssetSource> = {
  'react.production.min.js': { contentType: JS, load: packageFile('react', 'umd/react.production.min.js') },
  'react-dom.production.min.js': {
    contentType: JS,
    load: packageFile('react-dom', 'umd/react-dom.production.min.js'),
  },
  // graphiql 4.1.2's UMD bundle carries @graphiql/react, the doc-explorer and history plugins,
  // graphql-js and CodeMirror 5; it expects only the React and ReactDOM globals.
  'graphiql.js': {
    contentType: JS,
    load: packageFile('graphiql', 'dist/index.umd.js'),
    // The bundle's own sourceMappingURL comment names index.umd.js.map; the header wins over it.
    headers: { SourceMap: `${PLAYGROUND_ASSET_PREFIX}graphiql.js.map` },
  },
  'graphiql.js.map': {
    contentType: 'application/json; charset=utf-8',
    load: packageFile('graphiql', 'dist/index.umd.js.map'),
  },
  // Its fonts and icons are data: URIs inside the stylesheet, hence font-src/img-src data: below.
  'graphiql.css': { contentType: 'text/css; charset=utf-8', load: packageFile('graphiql', 'dist/style.css') },
  'playground.css': {
    contentType: 'text/css; charset=utf-8',
    load: async () => Buffer.from('html, body, #graphiql { height: 100%; margin: 0; }\n', 'utf8'),
  },
  'boot.js': { contentType: JS, load: async () => Buffer.from(BOOT_JS, 'utf8') },
};

// Scripts and stylesheets in the order the page loads them (React before ReactDOM before GraphiQL).
const PAGE_STYLES = ['graphiql.css', 'playground.css'] as const;
const PAGE_SCRIPTS = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.js', 'boot.js'] as const;

// Promises, not values, so concurrent first requests share one read of a megabyte-sized file.
const loaded = new Map<string, Promise<LoadedAsset>>();

function hash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

function loadAsset(name: string, source: AssetSource): Promise<LoadedAsset> {
  let asset = loaded.get(name);
  if (!asset) {
    asset = source.load().then((body) => {
      const version = hash(body);
      return { body, etag: `"${version}"`, version, contentType: source.contentType, headers: source.headers ?? {} };
    });
    // A failed read (a broken install) must not be cached forever: the next request retries.
    asset.catch(() => loaded.delete(name));
    loaded.set(name, asset);
  }
  return asset;
}

function gzipped(asset: LoadedAsset): Promise<{ body: Buffer; etag: string }> {
  asset.gzipped ??= gzip(asset.body).then((body) => ({ body, etag: `"${asset.version}-gz"` }));
  return asset.gzipped;
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType = '', ...params] = part.trim().split(';');
    const [type, subtype] = mediaType.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim().toLowerCase() === 'q' && value !== undefined) {
        const parsed = Number(value.trim());
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

// RFC 9110 §12.5.1: the most specific matching range decides the quality.
function quality(ranges: MediaRange[], type: string, subtype: string): number {
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/**
 * True for a browser navigation. A tie (e.g. `*\/*` from curl) goes to GraphQL, as in Apollo
 * Server's own landing-page negotiation, so scripts never receive HTML by accident.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = quality(ranges, 'text', 'html');
  const json = Math.max(
    quality(ranges, 'application', 'json'),
    quality(ranges, 'application', 'graphql-response+json'),
  );
  return html > 0 && html > json;
}

// JSON inside <script type="application/json">: escaping <, > and & keeps "</script>" or "<!--"
// in a query from ending the data block early; U+2028/9 are escaped for older parsers.
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function contentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // A nonce rather than 'unsafe-inline': GraphiQL's dialogs inject <style> elements whose text
    // depends on the scrollbar width, so a hash cannot cover them. Style attributes need nothing:
    // React and CodeMirror set them through the CSSOM, which CSP does not restrict.
    `style-src 'self' 'nonce-${styleNonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

async function assetUrl(name: string): Promise<string> {
  const source = ASSETS[name];
  if (!source) throw new Error(`playground: unknown asset ${name}`);
  const asset = await loadAsset(name, source);
  return `${PLAYGROUND_ASSET_PREFIX}${name}?v=${asset.version}`;
}

async function renderPage(options: PlaygroundOptions, styleNonce: string): Promise<string> {
  const title = escapeHtml(options.title ?? PLAYGROUND_TITLE);
  const styles = await Promise.all(PAGE_STYLES.map(assetUrl));
  const scripts = await Promise.all(PAGE_SCRIPTS.map(assetUrl));
  const config = jsonForScriptBlock({ endpoint: options.endpoint, defaultQuery: options.defaultQuery, styleNonce });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="icon" href="data:,">
${styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
</head>
<body>
<div id="graphiql"><noscript>The playground needs JavaScript.</noscript></div>
<script id="playground-config" type="application/json">${config}</script>
${scripts.map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('\n')}
</body>
</html>
`;
}

function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return parseAcceptEncoding(value).gzip;
}

function parseAcceptEncoding(header: string): { gzip: boolean } {
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { gzip: q === undefined || Number(q.slice(2)) > 0 };
  }
  return { gzip: false };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  etag: string,
  headers: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
  res.setHeader('ETag', etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (matchesEtag(req, etag)) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function serveAsset(req: IncomingMessage, res: ServerResponse, name: string, source: AssetSource) {
  const asset = await loadAsset(name, source);
  const headers: Record<string, string> = {
    'Content-Type': asset.contentType,
    'Cache-Control': ONE_YEAR_IMMUTABLE,
    'Cross-Origin-Resource-Policy': 'same-origin',
    Vary: 'Accept-Encoding',
    ...asset.headers,
  };
  if (acceptsGzip(req)) {
    const compressed = await gzipped(asset);
    send(req, res, compressed.body, compressed.etag, { ...headers, 'Content-Encoding': 'gzip' });
  } else {
    send(req, res, asset.body, asset.etag, headers);
  }
}

/**
 * Serves the GraphiQL page on a browser navigation to `endpoint` and its files under
 * /playground/. Resolves to false when the request is not the playground's (GraphQL requests,
 * unknown assets), so the caller passes it on; rejects if graphiql's or React's files cannot be read.
 */
export async function handlePlayground(
  req: IncomingMessage,
  res: ServerResponse,
  options: PlaygroundOptions,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // Only the path matters; the base is a placeholder and never reaches the response.
  const url = new URL(req.url ?? '/', 'http://localhost');

  if (url.pathname.startsWith(PLAYGROUND_ASSET_PREFIX)) {
    const name = url.pathname.slice(PLAYGROUND_ASSET_PREFIX.length);
    // Own-property lookup: names like "__proto__" or "../x" are simply not in the whitelist.
    const source = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!source) return false;
    await serveAsset(req, res, name, source);
    return true;
  }

  if (url.pathname !== options.endpoint) return false;
  // A GraphQL GET carries its operation in the query string; it is never a page request.
  if (url.searchParams.has('query') || url.searchParams.has('extensions')) return false;
  if (!prefersHtml(req.headers.accept)) return false;

  // A fresh nonce per response, so the page is never served from a cache (no ETag either).
  const styleNonce = randomBytes(16).toString('base64');
  const html = Buffer.from(await renderPage(options, styleNonce), 'utf8');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': html.length,
    // The same URL answers GraphQL for other Accept headers; caches must keep them apart.
    Vary: 'Accept',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': contentSecurityPolicy(styleNonce),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
  return true;
}

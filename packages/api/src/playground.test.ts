import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, browserTestsEnabled, launchBrowser } from '../../../test/support/browser.js';
import { EXAMPLE_QUERY, PLAYGROUND_TITLE, handlePlayground, prefersHtml } from './playground.js';

const CHROME_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

// --- Test fixture: a stand-in GraphQL endpoint, NOT the Notabene schema. It has just the fields
// EXAMPLE_QUERY selects, so the browser can run the example end to end without a database.
const fixtureSchema = buildSchema(`
  type Query { memo(reference: String): Memo }
  type Memo {
    title: String
    date: String
    status: String
    sender: Organization
    politicalContext: [PoliticalContextItem!]!
    consultedOrganizations: [Organization!]!
    redactions: [Redaction!]!
  }
  type Organization { code: String name: String parent: Organization }
  type PoliticalContextItem { kind: String member: String party: String title: String }
  type Redaction { ground: String legalText: String explanation: String }
`);
const FIXTURE_TITLE = 'Fixture memo: Woo-verzoek afhandeling';
const fixtureRoot = {
  memo: ({ reference }: { reference?: string }) =>
    reference === '4700831'
      ? {
          title: FIXTURE_TITLE,
          date: '2024-03-01',
          status: 'DECIDED',
          sender: { code: 'DGM', name: 'Directoraat-generaal Migratie', parent: { name: 'Ministerie van JenV' } },
          politicalContext: [],
          consultedOrganizations: [{ code: 'BZ', name: 'Ministerie van Buitenlandse Zaken' }],
          redactions: [{ ground: '5.1.2e', legalText: 'Eerbiediging persoonlijke levenssfeer', explanation: null }],
        }
      : null,
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function fixtureGraphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let params: { query?: string; variables?: Record<string, unknown>; operationName?: string };
  if (req.method === 'POST') {
    params = JSON.parse(await readBody(req)) as typeof params;
  } else {
    params = { query: url.searchParams.get('query') ?? undefined };
  }
  const result = await graphql({
    schema: fixtureSchema,
    source: params.query ?? '',
    rootValue: fixtureRoot,
    variableValues: params.variables ?? null,
    operationName: params.operationName ?? null,
  });
  res.writeHead(200, { 'content-type': 'application/json', 'x-handled-by': 'fixture' });
  res.end(JSON.stringify(result));
}
// --- End of test fixture.

const ENDPOINT = '/graphql';
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      if (await handlePlayground(req, res, { endpoint: ENDPOINT, defaultQuery: EXAMPLE_QUERY })) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === ENDPOINT) return fixtureGraphql(req, res, url);
      res.writeHead(404, { 'content-type': 'text/plain', 'x-handled-by': 'fallback' });
      res.end('not found');
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A raw request: fetch() would normalise "../" away before the server sees it. */
function rawGet(path: string): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}/`, { path, method: 'GET' }, (res) => {
      readBody(res).then((body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }), reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('prefersHtml', () => {
  it('is true for a browser navigation and false for GraphQL clients and ties', () => {
    expect(prefersHtml(CHROME_ACCEPT)).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml('application/json')).toBe(false);
    expect(prefersHtml('application/graphql-response+json, application/json;q=0.9')).toBe(false);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml('text/html;q=0.5, application/json')).toBe(false);
    expect(prefersHtml('text/html;q=0')).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('')).toBe(false);
  });
});

describe('handlePlayground over HTTP', () => {
  it('answers a browser GET on the endpoint with the GraphiQL page under a strict CSP', async () => {
    const res = await fetch(`${origin}${ENDPOINT}`, { headers: { accept: CHROME_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('vary')).toBe('Accept');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-');
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(`<title>${PLAYGROUND_TITLE}</title>`);
    expect(PLAYGROUND_TITLE).toBe('Notabene — GraphQL playground');
    // No executable inline script: every <script> has a src or is the JSON data block.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) {
      expect(tag).toMatch(/ src="\/playground\/|type="application\/json"/);
    }
    expect(html).not.toMatch(/https?:\/\//);
    // The example query travels as JSON with "<" escaped, so it cannot end the data block early.
    const config = /<script id="playground-config" type="application\/json">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(config?.[1] ?? 'null')).toEqual({
      endpoint: ENDPOINT,
      defaultQuery: EXAMPLE_QUERY,
      styleNonce: nonce,
    });

    const next = await fetch(`${origin}${ENDPOINT}`, { headers: { accept: CHROME_ACCEPT } });
    expect(next.headers.get('content-security-policy'), 'a fresh nonce per response').not.toContain(nonce);
  });

  it('keeps "</script>" in a default query inside the JSON data block', async () => {
    const hostile = '# </script><script>alert(1)</script> <!-- \u2028\n{ __typename }';
    const local = createServer((req, res) => {
      void handlePlayground(req, res, { endpoint: '/graphql', defaultQuery: hostile, title: 'A <b>title</b>' }).then(
        (handled) => {
          if (!handled) res.writeHead(404).end();
        },
      );
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const port = (local.address() as AddressInfo).port;
      const html = await (await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(html.match(/<\/script>/g)).toHaveLength(5); // the data block and the four served scripts
      expect(html).toContain('<title>A &#60;b&#62;title&#60;/b&#62;</title>');
      const config = /type="application\/json">([^<]*)<\/script>/.exec(html);
      expect((JSON.parse(config?.[1] ?? 'null') as { defaultQuery: string }).defaultQuery).toBe(hostile);
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });

  it('leaves GraphQL GETs and JSON clients to the GraphQL handler', async () => {
    const withQuery = await fetch(`${origin}${ENDPOINT}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: CHROME_ACCEPT },
    });
    expect(withQuery.headers.get('x-handled-by')).toBe('fixture');
    expect(await withQuery.json()).toEqual({ data: { __typename: 'Query' } });

    for (const accept of ['application/json', 'application/graphql-response+json', '*/*']) {
      const res = await fetch(`${origin}${ENDPOINT}`, { headers: { accept } });
      expect(res.headers.get('x-handled-by'), accept).toBe('fixture');
    }
    const post = await fetch(`${origin}${ENDPOINT}`, {
      method: 'POST',
      headers: { accept: CHROME_ACCEPT, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('x-handled-by')).toBe('fixture');
  });

  it('serves every asset the page references with its content type, caching headers and ETag', async () => {
    const html = await (await fetch(`${origin}${ENDPOINT}`, { headers: { accept: CHROME_ACCEPT } })).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/playground\/[^"]+)"/g)].map((m) => m[1] ?? '');
    const names = urls.map((u) => new URL(u, origin).pathname.replace('/playground/', '')).sort();
    expect(names).toEqual(
      ['boot.js', 'graphiql.css', 'graphiql.js', 'playground.css', 'react-dom.production.min.js', 'react.production.min.js'],
    );
    for (const url of urls) {
      const res = await fetch(`${origin}${url}`);
      expect(res.status, url).toBe(200);
      const expectedType = url.includes('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect(res.headers.get('content-type'), url).toBe(expectedType);
      expect(res.headers.get('cache-control'), url).toContain('immutable');
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      const etag = res.headers.get('etag');
      expect(etag, url).toMatch(/^"[\w-]+"$/);
      expect((await res.text()).length, url).toBeGreaterThan(30);
      const again = await fetch(`${origin}${url}`, { headers: { 'if-none-match': etag ?? '' } });
      expect(again.status, url).toBe(304);
    }
    const graphiql = await (await fetch(`${origin}/playground/graphiql.js`)).text();
    // The UMD bundle must be self-contained apart from the React globals.
    expect(graphiql.includes('.GraphiQL=t(e.React,e.ReactDOM)'), 'UMD factory takes React, ReactDOM').toBe(true);
    const map = await fetch(`${origin}/playground/graphiql.js.map`, { method: 'HEAD' });
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('compresses assets for clients that accept gzip and serves them raw otherwise', async () => {
    const raw = await rawGet('/playground/graphiql.css');
    expect(raw.headers['content-encoding']).toBeUndefined();
    const res = await fetch(`${origin}/playground/graphiql.css`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe(raw.body);
  });

  it('does not serve unknown assets or anything outside the whitelist', async () => {
    const paths = [
      '/playground/unknown.js',
      '/playground/',
      '/playground/__proto__',
      '/playground/constructor',
      '/playground/../package.json',
      '/playground/..%2F..%2F..%2Fpackage.json',
      '/playground/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/playground/graphiql.js/../../../../etc/passwd',
      '/playground//etc/passwd',
      '/playground/index.umd.js',
    ];
    for (const path of paths) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['x-handled-by'], path).toBe('fallback');
      expect(res.body, path).toBe('not found');
    }
  });
});

describe('the playground in a real browser', () => {
  // A skipped test's name is easy to miss in the summary; say why once, loudly.
  if (!browserTestsEnabled()) console.warn(`playground browser test${browserSkipReason()}`);

  it.skipIf(!browserTestsEnabled())(
    `loads offline, preloads the example query and runs it${browserSkipReason()}`,
    async () => {
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        const requests: string[] = [];
        const problems: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });

        const response = await page.goto(`${origin}${ENDPOINT}`, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        await expect(page.title()).resolves.toBe(PLAYGROUND_TITLE);

        const queryEditor = page.locator('.graphiql-query-editor .CodeMirror');
        await queryEditor.waitFor({ state: 'visible', timeout: 15_000 });
        // CodeMirror 5 renders only the visible lines; its instance has the whole text.
        const editorText = await queryEditor.evaluate(
          (el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
        );
        expect(editorText).toBe(EXAMPLE_QUERY);
        await expect(queryEditor.innerText()).resolves.toContain('query MemoByReference');

        await page.locator('button.graphiql-execute-button').click();
        const resultPane = page.locator('.graphiql-response .CodeMirror');
        await page.waitForFunction(
          (title) => document.querySelector('.graphiql-response')?.textContent?.includes(title) ?? false,
          FIXTURE_TITLE,
          { timeout: 15_000 },
        );
        const resultText = await resultPane.evaluate(
          (el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
        );
        const result = JSON.parse(resultText) as { data?: { memo?: { title?: string; redactions?: unknown[] } } };
        expect(result.data?.memo?.title).toBe(FIXTURE_TITLE);
        expect(result.data?.memo?.redactions).toHaveLength(1);

        await page.screenshot({ path: '/tmp/playground.png' });

        // Radix dialogs inject <style> elements: they must carry the CSP nonce (see boot.js).
        await page.getByLabel('Open settings dialog').click();
        await page.getByText('Persist headers').waitFor({ state: 'visible' });
        await page.keyboard.press('Escape');

        // Offline by construction: everything the page asked for came from the test server.
        expect(requests.length).toBeGreaterThan(5);
        const foreign = requests.filter((url) => new URL(url).origin !== origin);
        expect(foreign).toEqual([]);
        // Includes CSP violations, which chromium reports as console errors.
        expect(problems).toEqual([]);
        await context.close();
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

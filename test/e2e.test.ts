// The real thing, as a user runs it: `notabene serve` as a separate process on a real port, queried
// over HTTP, its playground opened in a real browser, stopped with SIGTERM.
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, browserTestsEnabled, launchBrowser } from './support/browser.js';
import { createTestDatabase, dialectsToTest, type TestDatabase } from './support/databases.js';
import { startServerProcess, type ServerProcess } from './support/process.js';

const ISSUE_QUERY = `{ memo(reference: "4700831") { title date politicalContext { kind member } consultedOrganizations { code } redactions { ground } } }`;

const dialects = await dialectsToTest();

describe.each(dialects)('notabene serve as a process on $dialect', ({ dialect, skip }) => {
  let db: TestDatabase;
  let proc: ServerProcess;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(dialect);
    proc = await startServerProcess(db.url);
  });
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await db?.drop();
  });

  it.skipIf(skip)(`answers the issue's query with the values in the J&V memo${skip ? ` [skipped: ${skip}]` : ''}`, async () => {
    const res = await fetch(proc.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ISSUE_QUERY }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.memo).toEqual({
      title: 'Beslisnota bij Kamerbrief Samenwerking tussen Nederland en Marokko op het gebied van migratie',
      date: '2023-06-07',
      politicalContext: [
        { kind: 'MOTION', member: 'Ceder' },
        { kind: 'PARLIAMENTARY_QUESTION', member: 'Piri' },
        { kind: 'COMMITMENT', member: 'Markuszower' },
        { kind: 'COALITION_AGREEMENT', member: null },
      ],
      consultedOrganizations: [{ code: 'BZ' }, { code: 'SZW' }, { code: 'DMB' }, { code: 'DCOM' }],
      redactions: [{ ground: '5.1.2e' }],
    });
  });

  it.skipIf(skip)('serves health checks and refuses oversize or malformed bodies with a code', async () => {
    const base = proc.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).database).toBe(dialect);
    const bad = await fetch(proc.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    // Declares a body over the limit; the server answers before reading it.
    const huge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(proc.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(6 * 1024 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
  });

  it.skipIf(skip || !browserTestsEnabled())(`opens the playground offline and runs the example query${browserSkipReason()}`, async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const origin = new URL(proc.url).origin;
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      await page.goto(proc.url);
      await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('4700831'), null, { timeout: 20_000 });
      // GraphiQL also POSTs its introspection query on load (later on a slower database): wait for
      // the example operation itself.
      const answered = page.waitForResponse((r) => r.url() === proc.url && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('MemoByReference'));
      await page.click('.graphiql-execute-button');
      const answer = (await (await answered).json()) as any;
      expect(answer.data.memo.redactions[0].ground).toBe('5.1.2e');
      // The result pane shows the real memo (CodeMirror renders only the visible lines, so check the top).
      await page.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('Samenwerking tussen Nederland en Marokko'), null, { timeout: 20_000 });
      if (dialect === 'sqlite') await page.screenshot({ path: '/tmp/notabene-playground-e2e.png' });
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it.skipIf(skip)('drains and exits cleanly on SIGTERM', async () => {
    const exited = once(proc.child, 'exit');
    proc.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code, proc.output()).toBe(0);
  });
});

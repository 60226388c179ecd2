// @notabene/sdk as a consumer outside the repository gets it: built, packed with `npm pack`, installed
// from the tarball into a fresh project, type-checked there under strict (misuses must be errors),
// and run through `import` and `require` against `notabene serve`.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/databases.js';
import { startServerProcess, type ServerProcess } from './support/process.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SDK = join(ROOT, 'packages/sdk');
const FIXTURES = join(SDK, 'pack-test');
// The consumer's npm must not inherit the npm settings of the `npm test` that runs this file.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
const timings: Record<string, number> = {};

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await step();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  return run(cmd, args, { cwd, env: { ...ENV, ...env }, maxBuffer: 16 * 1024 * 1024 });
}

let dir: string;
let project: string;
let db: TestDatabase;
let proc: ServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notabene-sdk-pack-'));
  project = join(dir, 'consumer');
  db = await createTestDatabase('sqlite');
  // Starts while the package builds and installs.
  const server = startServerProcess(db.url);
  await timed('build', () => sh('npm', ['run', 'build'], SDK));
  const { stdout } = await timed('pack', () => sh('npm', ['pack', '--json', '--pack-destination', dir], SDK));
  const tarball = join(dir, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  mkdirSync(project);
  await sh('npm', ['init', '-y'], project);
  await sh('npm', ['pkg', 'set', 'type=module'], project);
  await timed('install', () =>
    sh('npm', ['install', tarball, 'typescript@5.9.3', '@types/node@20.19.43', '--save-exact', '--prefer-offline', '--no-audit', '--no-fund'], project),
  );
  for (const file of ['consumer.ts', 'consumer-cjs.cts', 'consumer.mjs', 'consumer.cjs', 'tsconfig.json']) copyFileSync(join(FIXTURES, file), join(project, file));
  copyFileSync(join(SDK, 'examples/memo-report.ts'), join(project, 'memo-report.ts'));
  proc = await server;
}, 300_000);

afterAll(async () => {
  await proc?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`[sdk-pack] timings (ms): ${JSON.stringify(timings)}`);
});

describe('the packed @notabene/sdk in a fresh project', () => {
  it('installs with no dependencies and a complete package.json', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@notabene/sdk/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports['.'].import.types).toBe('./dist/index.d.ts');
    expect(manifest.exports['.'].require.default).toBe('./dist/index.cjs');
    const installed = [...readdirSync(join(project, 'node_modules')), ...readdirSync(join(project, 'node_modules/@notabene'))];
    expect(installed.filter((n) => n.includes('graphql'))).toEqual([]);
  });

  it('type-checks a consumer under strict, and refuses every misuse', async () => {
    await timed('tsc', () => sh(join(project, 'node_modules/.bin/tsc'), ['-p', '.'], project).catch((e: { stdout: string }) => {
      throw new Error(`tsc failed in the consumer project:\n${e.stdout}`);
    }));
    // Without the directives each misuse must be a compile error: one per @ts-expect-error.
    const source = readFileSync(join(project, 'consumer.ts'), 'utf8');
    const expected = source.split('\n').filter((l) => l.trim().startsWith('// @ts-expect-error')).length;
    expect(expected).toBeGreaterThanOrEqual(5);
    writeFileSync(join(project, 'consumer.ts'), source.replaceAll('// @ts-expect-error', '// (was expect-error)'));
    const result = await sh(join(project, 'node_modules/.bin/tsc'), ['-p', '.', '--noEmit'], project).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    writeFileSync(join(project, 'consumer.ts'), source);
    const errorLines = new Set([...result.matchAll(/consumer\.ts\((\d+),\d+\): error/g)].map((m) => m[1]));
    expect(errorLines.size, result).toBe(expected);
  }, 120_000);

  it('runs through import (ESM) against a live server', async () => {
    const { stdout } = await sh('node', ['consumer.mjs', proc.url], project);
    expect(JSON.parse(stdout)).toEqual({ format: 'esm', title: expect.stringMatching(/Marokko/), total: 4, error: 'BAD_USER_INPUT' });
  });

  it('runs through require (CJS) against a live server, with a NetworkError when down', async () => {
    const { stdout } = await sh('node', ['consumer.cjs', proc.url], project);
    expect(JSON.parse(stdout)).toEqual({ format: 'cjs', title: expect.stringMatching(/Marokko/), total: 4, error: 'BAD_USER_INPUT', down: 'NETWORK_ERROR' });
  });

  it('runs the compiled typed consumer and the example report script', async () => {
    const { stdout } = await sh('node', ['--input-type=module', '-e', `import { typed } from './out/consumer.js'; console.log(await typed(${JSON.stringify(proc.url)}));`], project);
    expect(JSON.parse(stdout)).toMatchObject({ ground: '5.1.2e', iterated: 4, code: 'BAD_USER_INPUT', mine: expect.stringMatching(/Marokko/) });
    const report = await timed('example', () => sh('node', ['out/memo-report.js', '2023-01-01'], project, { NOTABENE_URL: proc.url }));
    expect(report.stdout).toMatch(/^Memos since 2023-01-01: [1-9]\d*$/m);
    expect(report.stdout).toMatch(/MOTION\s+\d+/);
    expect(report.stdout).toMatch(/Latest figures cited:\n\s+\S+/);
    const failed = await sh('node', ['out/memo-report.js'], project, { NOTABENE_URL: 'http://127.0.0.1:9/graphql' }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/unreachable \(3 attempts\)/) });
  }, 60_000);
});

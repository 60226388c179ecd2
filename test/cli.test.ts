// `notabene import` as a user runs it: per-file report, warnings, refusal of a non-memo, and
// idempotence on the reference.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, countMemos } from '@notabene/db';
import { NOTABENE_BIN } from './support/process.js';

const FIXTURES = fileURLToPath(new URL('../packages/ingest/fixtures/memos/', import.meta.url));
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort().map((f) => join(FIXTURES, f));
const dir = mkdtempSync(join(tmpdir(), 'notabene-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, NOTABENE_DATA_DIR: dir, LOG_LEVEL: 'warn' };
const run = (...args: string[]) => spawnSync(process.execPath, [NOTABENE_BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('notabene import', () => {
  it('stores every memo, refuses the Woo decision letter, prints what it did and the warnings', async () => {
    const first = run('import', ...files);
    expect(first.status).toBe(1); // one file refused
    expect(first.stdout).toMatch(/✓ .*jenv-2023-06-07.*: stored as new memo: 4700831 — Beslisnota bij Kamerbrief/);
    expect(first.stdout).toMatch(/✗ .*control-not-a-memo.*: refused \(NOT_A_MEMO\)/);
    expect(first.stdout).toMatch(/warning: .*SWZ.*SZW/);
    expect(first.stdout).toMatch(/4 of 5 file\(s\) imported/);

    const again = run('import', ...files.filter((f) => !f.includes('control-')));
    expect(again.status).toBe(0);
    expect(again.stdout.match(/updated \(version 2\)/g)).toHaveLength(4);

    const conn = connect(env.DATABASE_URL);
    try {
      expect(await countMemos(conn.db, {})).toBe(4);
    } finally {
      await conn.close();
    }
  });

  it('previews with --dry-run, and refuses bad usage with exit code 2', () => {
    const dry = run('import', '--dry-run', files.find((f) => f.includes('ez-2024-12-05'))!);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/parsed \(dry run, not stored\): DGBI-O \/ 95900464/);
    expect(run('import').status).toBe(2);
    expect(run('import', '--status', 'LOST', files[0]!).status).toBe(2);
    expect(run('frobnicate').stderr).toMatch(/unknown command/);
    const missing = run('import', join(dir, 'nope.txt'));
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/cannot read \(ENOENT\)/);
  });
});

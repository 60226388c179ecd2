import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, LaunchOptions } from 'playwright-core';

/**
 * Browser tests drive Debian's chromium package: these machines cannot download Playwright's
 * own browser builds. CHROMIUM_PATH overrides the location on machines that keep it elsewhere.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Everything that would make the browser phone home (updates, sync, field trials) is off, so a
// test that asserts "no external requests" sees only what the page itself asked for.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether browser tests run: when chromium is present, and always on CI (CI=true), where a missing
 * browser must fail the suite rather than skip it silently.
 */
export function browserTestsEnabled(): boolean {
  return chromiumAvailable() || process.env.CI === 'true';
}

/** Why browser tests are skipped, for the test name; empty when they run. */
export function browserSkipReason(): string {
  return browserTestsEnabled() ? '' : ` [skipped: no chromium at ${CHROMIUM_PATH}; set CI=true to require it]`;
}

/** Launches headless chromium; the caller closes it. */
export async function launchBrowser(options: Omit<LaunchOptions, 'executablePath'> = {}): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(`chromium not found or not executable at ${CHROMIUM_PATH} (install Debian's chromium package)`);
  }
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core. Every page
// records console errors and uncaught exceptions, and every request not to 127.0.0.1 is
// aborted and recorded: a test fails on either, which proves the console works offline.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const SCREENSHOTS = join(import.meta.dirname, '../../target/e2e-screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and refused outside requests seen so far. */
  problems: string[];
}

export async function open(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    timezoneId: opts.timezoneId ?? 'Asia/Almaty',
    locale: 'en-GB',
  });
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
      return route.continue();
    }
    problems.push(`request outside the server's origin: ${url.href}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

/** Logs in through the login form, as a person would. */
export async function login(s: Session, username: string): Promise<void> {
  const { page } = s;
  await page.goto(`${inject('base')}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(inject('password'));
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

export async function close(s: Session): Promise<void> {
  await s.context.close();
  expect(s.problems, `console errors or requests outside the origin: ${JSON.stringify(s.problems)}`).toEqual([]);
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

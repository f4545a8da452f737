// Headless Debian Chromium through playwright-core (never `npx playwright install`).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { REPO_ROOT } from './server.mjs';

export const ARTIFACTS = path.join(REPO_ROOT, 'artifacts');

/**
 * Launches chromium with a fresh profile and the flags this closed network needs; `locale`
 * is the browser's language (`navigator.language`, `Accept-Language`), English by default.
 */
export async function launchBrowser({ locale = 'en-US' } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return context;
}

/** Saves a full-page screenshot as artifacts/<name>.png (git-ignored; `name` may have folders). */
export async function screenshot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * A page in a new browser context (in `locale`, see `launchBrowser`), signed in to `server`
 * as the administrator (on the Settings page), with the page's uncaught errors pushed to
 * `pageErrors`.
 * @returns {Promise<{context, page}>}
 */
export async function signedInPage(server, pageErrors, { locale } = {}) {
  const context = await launchBrowser({ locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/sign-in`);
  await page.fill('#password', server.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings`);
  return { context, page };
}

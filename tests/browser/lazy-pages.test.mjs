// The SPA's lazily loaded pages in headless Chromium (see ARCHITECTURE.md, Route
// splitting): the first load fetches no page's chunk; a page, and the sections under an
// event's form, whose chunk cannot be fetched show an alert with a retry while the rest of
// the app keeps working, and the retry loads them in place.

import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, signedInPage } from '../support/browser.mjs';
import { newEvent } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

let server;
let api;
const pageErrors = [];

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
});

after(async () => {
  await server?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

/** The chunk files (`split_*`, `chunk_*`) that `page` fetches from now on. */
function chunksFetched(page) {
  const fetched = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop();
    if (/^(split|chunk)_.*\.wasm$/.test(file)) fetched.push(file);
  });
  return fetched;
}

test('signing in and the Settings overview fetch no page chunk; opening a page fetches its own', async () => {
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const fetched = chunksFetched(page);
    await page.goto(`${server.url}/sign-in`);
    await page.fill('#password', server.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(fetched, [], 'the first load has no page chunk');

    await page.locator('nav.sidebar').getByRole('link', { name: 'Webinar providers' }).click();
    await page.getByRole('heading', { name: 'Webinar providers' }).waitFor();
    assert.ok(fetched.includes('split_webinar_providers.wasm'), fetched.join(', '));
    assert.ok(!fetched.includes('split_event.wasm'), 'no other page chunk');
  } finally {
    await context.close();
  }
});

test('a page whose chunk cannot be fetched shows an alert; the app still works and the retry loads it', async () => {
  const { context, page } = await signedInPage(server, pageErrors);
  try {
    const block = (route) => route.abort('internetdisconnected');
    await page.route('**/split_webinar_providers.wasm', block);
    await page.locator('nav.sidebar').getByRole('link', { name: 'Webinar providers' }).click();
    const alert = page.getByTestId('chunk-failed');
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not be loaded/);
    assert.equal(await page.getByRole('heading', { name: 'Webinar providers' }).count(), 0);

    // The frame and the other pages still work.
    await page.locator('nav.sidebar').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: 'Webinar providers' }).click();
    await alert.waitFor();

    await page.unroute('**/split_webinar_providers.wasm', block);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Webinar providers' }).waitFor();
    assert.equal(await alert.count(), 0);
  } finally {
    await context.close();
  }
});

test("an event's sections whose chunk cannot be fetched: the form and the other sections work, the retry brings them", async () => {
  const event = await newEvent(api);
  const { context, page } = await signedInPage(server, pageErrors);
  try {
    const block = (route) => route.abort('internetdisconnected');
    await page.route('**/split_event_items.wasm', block);
    await page.goto(`${server.url}/events/${event.id}`);
    const alert = page.getByTestId('chunk-failed');
    await alert.waitFor();
    assert.equal(await page.locator('#name').inputValue(), event.name, 'the form is filled');
    assert.equal(await page.getByRole('heading', { name: 'Speakers' }).count(), 0);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();

    await page.unroute('**/split_event_items.wasm', block);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Speakers' }).waitFor();
    assert.equal(await alert.count(), 0);
  } finally {
    await context.close();
  }
});

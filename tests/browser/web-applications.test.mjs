// Web applications, custom fields and website table configurations end to end in headless
// Chromium. The token the UI shows once is used from Node against the public Events API:
// it works, stops working when rotated (the new one works) and when the application is
// deactivated. A custom field listed by a website table configuration made in the UI
// appears in the Events API's answer on the next request. Each test makes through the admin
// API what it needs and was not made in it, so any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { newWebApplication } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

const ORIGINS = ['https://events.example.com', 'http://localhost:5173'];
const tag = () => randomBytes(4).toString('hex');
let server;
let api;
let context;
let page;
const pageErrors = [];
/** POSTs the page made to create a web application. */
const creates = [];

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  context = await launchBrowser();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/admin/web-applications') {
      creates.push(r.url());
    }
  });
  await page.goto(`${server.url}/sign-in`);
  await page.fill('#password', server.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings`);
});

after(async () => {
  await context?.close();
  await server?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

/** GET /api/v1/events/published with `token`, as an event website's server would. */
async function published(withToken) {
  const res = await fetch(
    `${server.url}/api/v1/events/published?emApplicationtoken=${encodeURIComponent(withToken)}`,
  );
  return { status: res.status, body: await res.json() };
}

/**
 * A new web application made through the admin API, its page open:
 * `{ name, app, token, url }`.
 */
async function openApplication(label) {
  const name = `${label} ${tag()}`;
  const { app, token } = await newWebApplication(api, ORIGINS, name);
  const url = `${server.url}/settings/web-applications/${app.id}`;
  await page.goto(url);
  await page.getByRole('heading', { name }).waitFor();
  return { name, app, token, url };
}

/** Accepts the next confirmation dialog and resolves to its message. */
function acceptNextDialog() {
  return new Promise((resolve) => {
    page.once('dialog', async (d) => {
      const message = d.message();
      await d.accept();
      resolve(message);
    });
  });
}

test('the settings list the pages in the source system order, then Custom fields', async () => {
  await page.goto(`${server.url}/settings`);
  await page.locator('ul.overview > li > a').first().waitFor();
  const nav = await page.locator('nav.sidebar ul').nth(1).locator('a').allInnerTexts();
  assert.deepEqual(nav, [
    'Web applications',
    'Webinar providers',
    'Webinar configurations',
    'Event administration',
    'Website table configurations',
    'Custom fields',
  ]);
  const overview = await page.locator('ul.overview').first().locator('li > a').allInnerTexts();
  assert.deepEqual(overview, nav);
});

test('a bad origin is refused inline; creating shows the token once', async () => {
  creates.length = 0;
  await page.click('nav.sidebar >> text=Web applications');
  await page.waitForURL(`${server.url}/settings/web-applications`);
  await page.getByText('No web applications.').waitFor();
  await page.getByRole('link', { name: 'New' }).click();
  await page.waitForURL(/web-applications\/new$/);

  await page.fill('#name', 'Events site');
  await page.fill('#allowedOrigins', 'https://events.example.com\n\nhttp://events.example.com/');
  await page.getByRole('button', { name: 'Save' }).click();
  const originErrors = page.getByTestId('origin-errors');
  await originErrors.filter({ hasText: 'Line 3' }).waitFor();
  assert.match(await originErrors.innerText(), /Line 3 \(“http:\/\/events\.example\.com\/”\) must/);
  assert.equal(await page.locator('#allowedOrigins').getAttribute('aria-invalid'), 'true');
  assert.equal(creates.length, 0, 'nothing is sent while an origin is refused');
  assert.match(page.url(), /\/new$/);

  await page.fill('#allowedOrigins', 'https://events.example.com\nhttp://localhost:5173');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/web-applications\/(?!new$)[^/]+$/);
  await page.getByRole('heading', { name: 'Events site' }).waitFor();

  const token = (await page.getByTestId('issued-token').innerText()).trim();
  assert.match(token, /^cvt_\S{20,}$/);
  const endpoint = (await page.getByTestId('token-endpoint').innerText()).trim();
  assert.equal(endpoint, `${server.url}/api/v1/`);
  await page.getByText('it will not be shown again').waitFor();
  assert.equal(await page.getByTestId('origin-errors').innerText(), '');
  assert.equal(await page.getByTestId('token-hint').innerText(), `…${token.slice(-4)}`);

  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByTestId('copy-result').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
  await screenshot(page, 'web-application-issued-token');

  const answer = await published(token);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, []);
});

test('the token is not shown again', async () => {
  const { name, token } = await openApplication('Shown once');
  await page.reload();
  await page.getByRole('heading', { name }).waitFor();
  assert.equal(await page.getByTestId('issued-token').count(), 0);
  assert.equal((await page.content()).includes(token), false);
  await page.click('nav.sidebar >> text=Web applications');
  const row = page.locator('table.grid tbody tr', { hasText: name });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /https:\/\/events\.example\.com/);
  assert.match(text, /http:\/\/localhost:5173/);
  assert.match(text, /Active/);
  assert.ok(text.includes(`…${token.slice(-4)}`));
  assert.equal((await page.content()).includes(token), false);
  assert.equal(
    await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })),
    '{}{}',
  );
});

test('rotating stops the old token at once; the new one works', async () => {
  const { name, token: firstToken, url } = await openApplication('Rotated');
  // Reached from the list, as an administrator would.
  await page.click('nav.sidebar >> text=Web applications');
  await page.locator('table.grid tbody tr', { hasText: name }).getByRole('link', { name }).click();
  await page.waitForURL(url);
  await page.getByRole('heading', { name }).waitFor();

  const rotations = [];
  const onRequest = (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/rotate-token')) {
      rotations.push(r.url());
    }
  };
  page.on('request', onRequest);
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Rotate token' }).click();
  assert.equal(await page.getByTestId('issued-token').count(), 0);

  const question = acceptNextDialog();
  await page.getByRole('button', { name: 'Rotate token' }).click();
  assert.match(await question, /old token stops working at once/);
  await page.getByTestId('issued-token').waitFor();
  page.off('request', onRequest);
  // No token shows right after the dismissal even with a rotation on its way; by now, once
  // the accepted one has been answered, such a request would be listed.
  assert.equal(rotations.length, 1, 'only the accepted rotation is sent');
  const rotated = (await page.getByTestId('issued-token').innerText()).trim();
  assert.notEqual(rotated, firstToken);
  assert.match(rotated, /^cvt_/);
  assert.equal(await page.getByTestId('token-hint').innerText(), `…${rotated.slice(-4)}`);
  const token = rotated;

  assert.equal((await published(firstToken)).status, 401);
  assert.equal((await published(token)).status, 200);

  await page.getByRole('button', { name: 'I have stored the token' }).click();
  assert.equal(await page.getByTestId('issued-token').count(), 0);
  assert.equal((await page.content()).includes(token), false);
});

test('deactivating refuses the token; activating from the list restores it', async () => {
  const { name, token } = await openApplication('Paused');
  assert.equal((await published(token)).status, 200);
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByTestId('inactive-note').waitFor();
  assert.equal(await page.getByTestId('application-state').innerText(), 'Inactive');
  assert.equal((await published(token)).status, 401);

  await page.click('nav.sidebar >> text=Web applications');
  const row = page.locator('table.grid tbody tr', { hasText: name });
  await row.filter({ hasText: 'Inactive' }).waitFor();
  await row.getByRole('button', { name: 'Activate' }).click();
  await row.getByRole('button', { name: 'Deactivate' }).waitFor();
  assert.equal((await published(token)).status, 200);
});

test('a custom field exposed by a website table configuration made in the UI', async () => {
  const { token } = await newWebApplication(api, ORIGINS, `Exposing ${tag()}`);
  await page.goto(`${server.url}/settings`);
  await page.click('nav.sidebar >> text=Custom fields');
  await page.waitForURL(`${server.url}/settings/custom-fields`);
  await page.getByText('No custom fields.').waitFor();
  await page.getByRole('button', { name: 'New custom field' }).click();
  await page.selectOption('#entity', 'event');
  await page.fill('#name', '1room');
  await page.fill('#label', 'Room');
  await page.selectOption('#fieldType', { label: 'Single choice' });
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('#name-error').filter({ hasText: 'must start with a letter' }).waitFor();
  await page.locator('#choices-error').filter({ hasText: 'needs at least one choice' }).waitFor();
  await page.fill('#name', 'room');
  await page.fill('#choices', 'Hall A\n\nHall B\n');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('action-notice').filter({ hasText: 'room' }).waitFor();
  const fieldRow = page.locator('table.grid tbody tr', { hasText: 'room' });
  assert.match(await fieldRow.innerText(), /Event\s+room\s+Room\s+Single choice\s+Hall A, Hall B/);

  // Edit the label; the table, name and type stay.
  await fieldRow.getByRole('button', { name: 'Edit' }).click();
  await page.fill('#label', 'Room name');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('action-notice').filter({ hasText: 'saved' }).waitFor();
  await fieldRow.filter({ hasText: 'Room name' }).waitFor();

  // A published event with a value in it: not exposed yet.
  const created = await api.post('/api/admin/events', {
    readableId: 'ui-summit',
    name: 'UI Summit',
    start: '2026-06-01T09:00',
    end: '2026-06-01T18:00',
    timeZone: 'Europe/Paris',
    published: true,
    customFields: { room: 'Hall A' },
  });
  assert.equal(created.status, 201, created.text);
  const before = await published(token);
  assert.equal(before.status, 200);
  assert.equal(before.body.length, 1);
  assert.equal(before.body[0].customFields?.room, undefined);

  await page.click('nav.sidebar >> text=Website table configurations');
  await page.waitForURL(`${server.url}/settings/website-table-configurations`);
  await page.getByText('No website table configurations.').waitFor();
  await page.getByRole('link', { name: 'New' }).click();
  await page.waitForURL(/website-table-configurations\/new$/);
  await page.getByTestId('exposure-note').filter({ hasText: 'Nothing custom is exposed unless listed here' }).waitFor();
  await page.fill('#name', 'Site events');
  await page.selectOption('#entity', 'event');
  await page.getByLabel('Room name').waitFor();
  await page.getByLabel('Room name').check();
  await page.getByLabel('Description').check();
  // Another table offers other fields.
  await page.selectOption('#entity', 'session');
  assert.equal(await page.getByLabel('Room name').count(), 0);
  await page.getByText('No custom session fields yet.').waitFor();
  await page.selectOption('#entity', 'event');
  assert.equal(await page.getByLabel('Room name').isChecked(), false, 'changing the table clears the ticks');
  await page.getByLabel('Room name').check();
  await page.getByLabel('Description').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/website-table-configurations\/(?!new$)[^/]+$/);
  await page.getByRole('heading', { name: 'Site events' }).waitFor();
  assert.equal(await page.getByText('Saved.').count(), 0, 'creating is not reported as a save');
  assert.equal(await page.getByLabel('Room name').isChecked(), true);
  assert.equal(await page.getByLabel('Description').isChecked(), true);
  await screenshot(page, 'website-table-configuration-form');

  const afterConfig = await published(token);
  assert.equal(afterConfig.status, 200);
  assert.equal(afterConfig.body[0].customFields.room, 'Hall A');

  await page.click('nav.sidebar >> text=Website table configurations');
  const tableRow = page.locator('table.grid tbody tr', { hasText: 'Site events' });
  await tableRow.waitFor();
  const listedFields = await tableRow.innerText();
  assert.match(listedFields, /Event/);
  assert.match(listedFields, /\bdescription\b/);
  assert.match(listedFields, /\broom\b/);

  // The field cannot be deleted while a configuration lists it: the refusal is shown.
  await page.click('nav.sidebar >> text=Custom fields');
  const listed = page.locator('table.grid tbody tr', { hasText: 'room' });
  const question = acceptNextDialog();
  await listed.getByRole('button', { name: 'Delete' }).click();
  assert.match(await question, /Delete the custom event field/);
  await page.getByTestId('action-error').filter({ hasText: 'Site events' }).waitFor();
  assert.equal(await listed.count(), 1);
  await screenshot(page, 'custom-fields');
});

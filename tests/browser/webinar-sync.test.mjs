// Registrations kept in step with the webinar provider, in headless Chromium with the ON24
// simulator: a registration from the admin form is sent and shows its join link; one that
// waits (the provider refused the credentials) is sent again with Retry; the configuration
// page shows the integration's health. Each test makes its own event, so any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';

const GOOD = { clientId: '6262', accessTokenKey: 'sync-page-key', accessTokenSecret: 'sync-page-secret' };
const CONFIGS = '/api/admin/webinar-configurations';
const EVENTS = '/api/admin/events';
const tag = () => randomBytes(4).toString('hex');
let sim;
let server;
let api;
let configId;
let context;
let page;
const pageErrors = [];

before(async () => {
  sim = await startSim({ credentials: [GOOD] });
  server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  const config = await api.post(CONFIGS, { name: 'Synced webinars', providerId: 'on24', credentials: GOOD });
  assert.equal(config.status, 201, config.text);
  configId = config.body.id;
  assert.equal((await api.post(`${CONFIGS}/${configId}/accept-terms`)).status, 200);
  assert.equal((await api.post(`${CONFIGS}/${configId}/activate`)).status, 200);

  context = await launchBrowser();
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/sign-in`);
  await page.fill('#password', server.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings`);
});

after(async () => {
  await context?.close();
  await server?.stop();
  await sim?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

/** A webinar event of the configuration (its webinar not created yet). */
async function webinarEvent() {
  const res = await api.post(EVENTS, {
    name: `Sync webinar ${tag()}`, start: '2026-06-01T14:30', end: '2026-06-01T15:30',
    timeZone: 'Europe/Paris', format: 'webinar', webinarConfigurationId: configId,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** Registers `email` with the admin page's form (the registrations page is open). */
async function registerFromForm(email, firstName, lastName) {
  const form = page.getByTestId('register-form');
  await page.fill('#email', email);
  await page.fill('#firstName', firstName);
  await page.fill('#lastName', lastName);
  await form.getByRole('button', { name: 'Register' }).click();
  await page.getByTestId('registration-result').filter({ hasText: 'Registered: confirmed' }).waitFor();
}

const row = (email) => page.getByTestId('registrations-table').locator('tbody tr', { hasText: email });

test('create the webinar, register from the form, see the registration synced with its join link', async () => {
  const event = await webinarEvent();
  await page.goto(`${server.url}/events/${event.id}`);
  await page.getByRole('button', { name: 'Create webinar' }).click();
  const providerEventId = await page.getByTestId('provider-event-id').innerText();

  await page.goto(`${server.url}/events/${event.id}/registrations`);
  await page.getByRole('heading', { name: event.name }).waitFor();
  await registerFromForm('ada@example.com', 'Ada', 'Lovelace');
  // The list reads itself again while the registration is on its way.
  const sync = row('ada@example.com').getByTestId('sync-state');
  await sync.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
  const join = sync.getByRole('link', { name: 'Join link' });
  assert.match(await join.getAttribute('href'), new RegExp(`^${sim.url}/wcc/r/${providerEventId}/\\d+$`));
  assert.equal(await join.getAttribute('target'), '_blank');
  assert.match(await join.getAttribute('rel'), /\bnoopener\b/);
  assert.equal(await sync.getByRole('button', { name: 'Retry' }).count(), 0);
  assert.equal(await row('ada@example.com').getByTestId('attendance').innerText(), '—');
  assert.equal(await page.getByTestId('attendance-totals').count(), 0, 'no totals before any attendance');
  const held = (await sim.control('GET', 'registrants')).filter((r) => r.email === 'ada@example.com');
  assert.equal(held.length, 1);
  await screenshot(page, 'webinar-sync-synced');
});

test('a registration waiting on refused credentials is sent again with Retry', async () => {
  const event = await webinarEvent();
  const created = await api.post(`${EVENTS}/${event.id}/webinar`, undefined, { contentType: null });
  assert.equal(created.status, 201, created.text);
  await page.goto(`${server.url}/events/${event.id}/registrations`);
  await page.getByRole('heading', { name: event.name }).waitFor();

  // The provider forgets the credentials: the delivery waits, with the provider's words.
  await sim.control('DELETE', 'credentials');
  try {
    await registerFromForm('grace@example.com', 'Grace', 'Hopper');
    const sync = row('grace@example.com').getByTestId('sync-state');
    const error = sync.getByTestId('sync-error');
    await error.filter({ hasText: 'refused the credentials' }).waitFor({ timeout: 30_000 });
    assert.match(await sync.innerText(), /Pending/);
    await screenshot(page, 'webinar-sync-waiting');
  } finally {
    await sim.control('POST', 'credentials', GOOD);
  }
  // Nothing is tried again by itself for an hour: Retry sends it now.
  const sync = row('grace@example.com').getByTestId('sync-state');
  await sync.getByRole('button', { name: 'Retry' }).click();
  await sync.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
  await sync.getByRole('link', { name: 'Join link' }).waitFor();
  assert.equal(await page.getByTestId('action-error').count(), 0);
  await screenshot(page, 'webinar-sync-retried');

  // The configuration's page: the health over its events.
  await page.goto(`${server.url}/settings/webinar-configurations/${configId}`);
  const health = page.getByRole('group', { name: 'Integration health' });
  await health.waitFor();
  assert.notEqual(await health.getByTestId('sync-synced').innerText(), '0');
  assert.equal(await health.getByTestId('sync-failed').innerText(), '0');
  assert.match(await health.getByTestId('last-sent').innerText(), /UTC$/);
  assert.equal(await health.getByRole('button', { name: 'Retry failed' }).isDisabled(), true);
  await screenshot(page, 'webinar-sync-health');
});

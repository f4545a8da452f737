// A session's own webinar, in headless Chromium with the ON24 simulator: created from the
// event page's sessions (a duration ON24 refuses is named first), then someone registered
// choosing that session gets the session's join link, shown by the session's name in the
// registrations list and on the contact's page.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';

const GOOD = { clientId: '7373', accessTokenKey: 'session-page-key', accessTokenSecret: 'session-page-secret' };
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
  const config = await api.post(CONFIGS, { name: 'Session webinars', providerId: 'on24', credentials: GOOD });
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

test("create a session's webinar, register someone to that session, see the session's join link", async () => {
  const res = await api.post(EVENTS, {
    name: `Sessions webinar ${tag()}`, start: '2026-06-01T14:30', end: '2026-06-01T16:00',
    timeZone: 'Europe/Paris', format: 'webinar', webinarConfigurationId: configId,
  });
  assert.equal(res.status, 201, res.text);
  const event = res.body;
  const created = await api.post(`${EVENTS}/${event.id}/webinar`, undefined, { contentType: null });
  assert.equal(created.status, 201, created.text);
  for (const [name, start, end] of [['Keynote', '14:30', '15:00'], ['Odd length', '15:00', '15:25']]) {
    const session = await api.post(`${EVENTS}/${event.id}/sessions`, {
      name, start: `2026-06-01T${start}`, end: `2026-06-01T${end}`, webinarConfigurationId: configId,
    });
    assert.equal(session.status, 201, session.text);
  }

  await page.goto(`${server.url}/events/${event.id}`);
  // A duration ON24 refuses: the session's field is named, nothing is created.
  const odd = page.getByRole('region', { name: 'Odd length' });
  await odd.getByRole('button', { name: 'Create webinar' }).click();
  const error = odd.getByTestId('webinar-error');
  await error.waitFor();
  assert.match(await error.innerText(), /end: .*25 minutes/);
  assert.equal(await odd.getByTestId('provider-event-id').count(), 0);

  const keynote = page.getByRole('region', { name: 'Keynote' });
  await keynote.getByRole('button', { name: 'Create webinar' }).click();
  const providerId = keynote.getByTestId('provider-event-id');
  await providerId.waitFor();
  const sessionWebinarId = await providerId.innerText();
  assert.notEqual(sessionWebinarId, created.body.providerEventId, "the session's own webinar");
  const audience = keynote.getByRole('link', { name: 'Open the audience URL in a new tab' });
  assert.equal(await audience.getAttribute('target'), '_blank');
  await keynote.getByRole('link', { name: 'Open the preview URL in a new tab' }).waitFor();
  assert.equal(await keynote.getByRole('button', { name: 'Create webinar' }).count(), 0);
  assert.equal(await keynote.getByTestId('provider-copy').count(), 0);
  // The event's own webinar part is unchanged.
  const eventPart = page.getByRole('region', { name: 'Webinar at the provider' });
  assert.equal(await eventPart.getByTestId('provider-event-id').first().innerText(), created.body.providerEventId);
  await screenshot(page, 'session-webinars-created');

  await page.goto(`${server.url}/events/${event.id}/registrations`);
  await page.getByRole('heading', { name: event.name }).waitFor();
  const form = page.getByTestId('register-form');
  await page.fill('#email', 'sessions@example.com');
  await page.fill('#firstName', 'Mary');
  await page.fill('#lastName', 'Somerville');
  await form.getByRole('checkbox', { name: /Keynote/ }).check();
  await form.getByRole('button', { name: 'Register' }).click();
  await page.getByTestId('registration-result').filter({ hasText: 'Registered: confirmed' }).waitFor();

  const row = page.getByTestId('registrations-table').locator('tbody tr', { hasText: 'sessions@example.com' });
  await row.getByTestId('sync-state').getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
  const entry = row.getByTestId('session-webinar');
  await entry.waitFor();
  assert.match(await entry.innerText(), /^Keynote: Join link/);
  const join = entry.getByRole('link', { name: 'Join link' });
  assert.match(await join.getAttribute('href'), new RegExp(`^${sim.url}/wcc/r/${sessionWebinarId}/\\d+$`));
  assert.equal(await entry.getByTestId('attendance').innerText(), '—');
  await screenshot(page, 'session-webinars-registered');

  const contactId = (await api.get(`${EVENTS}/${event.id}/registrations`)).body.items[0].contactId;
  await page.goto(`${server.url}/contacts/${contactId}`);
  const contactEntry = page.getByTestId('contact-registrations-table').getByTestId('session-webinar');
  await contactEntry.waitFor();
  assert.match(await contactEntry.innerText(), /^Keynote: Join link/);
  await screenshot(page, 'session-webinars-contact');
});

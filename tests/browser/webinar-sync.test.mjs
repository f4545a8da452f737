// Registrations kept in step with the webinar provider, in headless Chromium with the ON24
// simulator: a registration from the admin form is sent and shows its join link; one that
// waits (the provider refused the credentials) is sent again with Retry; ones the provider
// refused are sent again with Retry and with the configuration's "Retry failed"; "Update
// metrics now" brings attendance into the list; a contact's personal data is erased from
// its page; a session's own webinar is created from the event page and someone registered
// to that session gets its join link, shown by the session's name, and the session's
// attendance totals once its attendance is pulled. Each test makes its own event, so any
// one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { screenshot, signedInPage } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';
import { until } from '../support/webinar.mjs';

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

  ({ context, page } = await signedInPage(server, pageErrors));
});

after(async () => {
  await context?.close();
  await server?.stop();
  await sim?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

/** A webinar event of the configuration (its webinar not created yet), started in June 2026. */
async function webinarEvent() {
  const res = await api.post(EVENTS, {
    name: `Sync webinar ${tag()}`, start: '2026-06-01T14:30', end: '2026-06-01T15:30',
    timeZone: 'Europe/Paris', format: 'webinar', webinarConfigurationId: configId,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** A webinar event with its webinar created and `emails` registered and synced. */
async function syncedWebinar(emails) {
  const event = await webinarEvent();
  const created = await api.post(`${EVENTS}/${event.id}/webinar`, undefined, { contentType: null });
  assert.equal(created.status, 201, created.text);
  const made = [];
  for (const email of emails) {
    const res = await api.post(`${EVENTS}/${event.id}/registrations`, { email, firstName: 'Ada', lastName: 'Lovelace', company: 'Engines' });
    assert.equal(res.status, 201, res.text);
    made.push(res.body);
  }
  await until(async () => {
    const items = (await api.get(`${EVENTS}/${event.id}/registrations`)).body.items;
    return items.every((r) => r.syncState === 'synced');
  }, 'registrations synced');
  return { event: created.body, made };
}

/** Sets the simulator's fault mode for the length of `run`. */
async function inMode(mode, run) {
  await sim.control('POST', 'mode', { mode });
  try {
    return await run();
  } finally {
    await sim.control('POST', 'mode', { mode: 'normal' });
  }
}

/** Registers `email` with the admin page's form (the registrations page is open), choosing
 * the sessions named in `sessions`. */
async function registerFromForm(email, firstName, lastName, sessions = []) {
  const form = page.getByTestId('register-form');
  await page.fill('#email', email);
  await page.fill('#firstName', firstName);
  await page.fill('#lastName', lastName);
  for (const name of sessions) await form.getByRole('checkbox', { name: new RegExp(name) }).check();
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
  // The page reads the health from the registry, which may be busy delivering.
  await health.waitFor({ timeout: 30_000 });
  assert.notEqual(await health.getByTestId('sync-synced').innerText(), '0');
  assert.equal(await health.getByTestId('sync-failed').innerText(), '0');
  assert.match(await health.getByTestId('last-sent').innerText(), /UTC$/);
  assert.equal(await health.getByRole('button', { name: 'Retry failed' }).isDisabled(), true);
  await screenshot(page, 'webinar-sync-health');
});

test('registrations the provider refuses fail, and are sent again with Retry and with Retry failed', async () => {
  const event = await webinarEvent();
  const created = await api.post(`${EVENTS}/${event.id}/webinar`, undefined, { contentType: null });
  assert.equal(created.status, 201, created.text);
  await page.goto(`${server.url}/events/${event.id}/registrations`);
  await page.getByRole('heading', { name: event.name }).waitFor();

  await inMode('reject', async () => {
    for (const [email, first] of [['ines@example.com', 'Inès'], ['karl@example.com', 'Karl']]) {
      await registerFromForm(email, first, 'Refused');
      const sync = row(email).getByTestId('sync-state');
      await sync.getByText(/^Failed/).waitFor({ timeout: 30_000 });
      assert.match(await sync.getByTestId('sync-error').innerText(), /Registrant rejected/);
    }
  });
  await screenshot(page, 'webinar-sync-failed');

  // One from its row.
  const ines = row('ines@example.com').getByTestId('sync-state');
  await ines.getByRole('button', { name: 'Retry' }).click();
  await ines.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
  assert.equal(await ines.getByTestId('sync-error').count(), 0);

  // The other from the configuration's page.
  await page.goto(`${server.url}/settings/webinar-configurations/${configId}`);
  const health = page.getByRole('group', { name: 'Integration health' });
  // The page reads the health from the registry, which may be busy delivering.
  await health.waitFor({ timeout: 30_000 });
  assert.equal(await health.getByTestId('sync-failed').innerText(), '1');
  assert.match(await health.getByTestId('last-sync-error').innerText(), /Registrant rejected.*UTC\)$/);
  await health.getByRole('button', { name: 'Retry failed' }).click();
  await health.getByTestId('health-result').filter({ hasText: '1 registration queued again.' }).waitFor();
  assert.equal(await health.getByTestId('sync-failed').innerText(), '0');
  assert.equal(await health.getByRole('button', { name: 'Retry failed' }).isDisabled(), true);
  await screenshot(page, 'webinar-sync-retry-failed');

  await page.goto(`${server.url}/events/${event.id}/registrations`);
  await row('karl@example.com').getByTestId('sync-state').getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
});

test('Update metrics now brings attendance into the registrations list', async () => {
  const { event } = await syncedWebinar(['watched@example.com', 'absent@example.com']);
  await sim.control('POST', 'attendance', { eventId: event.providerEventId, email: 'watched@example.com', liveminutes: 42, archiveminutes: 3, engagementscore: 7.5 });
  await sim.control('POST', 'attendance', { eventId: event.providerEventId, email: 'absent@example.com', liveminutes: 0, archiveminutes: 0, liveviewed: 0, archiveviewed: 0 });

  await page.goto(`${server.url}/settings/webinar-configurations/${configId}`);
  const health = page.getByRole('group', { name: 'Integration health' });
  // The page reads the health from the registry, which may be busy delivering.
  await health.waitFor({ timeout: 30_000 });
  await health.getByRole('button', { name: 'Update metrics now' }).click();
  await health.getByTestId('health-result').filter({ hasText: /Attendance updated for \d+ started webinar/ }).waitFor();
  assert.match(await health.getByTestId('last-metrics-update').innerText(), /UTC$/);
  // One place for it: not also under Troubleshooting.
  assert.equal(await page.getByText('Last metrics update').count(), 1);
  await screenshot(page, 'webinar-sync-metrics');

  await page.goto(`${server.url}/events/${event.id}/registrations`);
  await page.getByRole('heading', { name: event.name }).waitFor();
  const watched = row('watched@example.com').getByTestId('attendance');
  await watched.waitFor();
  assert.equal(await watched.innerText(), 'Attended · 42 min live · 3 min replay · score 7.5');
  assert.equal(await row('absent@example.com').getByTestId('attendance').innerText(), 'Did not attend');
  assert.match(await page.getByTestId('attendance-totals').innerText(), /1 of 2 confirmed registrations attended/);
  // The same as a chart, which says it in words to assistive technology.
  const chart = page.getByRole('img', { name: 'Event: 1 of 2 attended.' });
  await chart.waitFor();
  const [registered, attended] = await Promise.all(
    ['registered', 'attended'].map((bar) => chart.locator(`.bar.${bar}`).evaluate((b) => b.getBoundingClientRect().width)),
  );
  assert.ok(Math.abs(attended * 2 - registered) <= 1, `attended ${attended} is half of registered ${registered}`);
  await screenshot(page, 'webinar-sync-attendance');
});

test("erase a contact's personal data from its page, after a confirm step", async () => {
  const { event, made } = await syncedWebinar(['erase.me@example.com']);
  await page.goto(`${server.url}/contacts/${made[0].contactId}`);
  await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
  const registrations = page.getByTestId('contact-registrations-table');
  const sync = registrations.getByTestId('sync-state');
  await sync.getByText('Synced', { exact: true }).waitFor();
  await sync.getByRole('link', { name: 'Join link' }).waitFor();
  assert.equal(await registrations.getByTestId('attendance').innerText(), '—');

  // The first press only asks; "Keep the data" leaves it.
  await page.getByRole('button', { name: 'Erase personal data' }).click();
  const step = page.getByRole('group', { name: 'Confirm the erasure' });
  assert.match(await step.innerText(), /Erase the personal data of Ada Lovelace\?.*at the webinar provider\. This cannot be undone\./s);
  await screenshot(page, 'webinar-sync-erase-confirm');
  await step.getByRole('button', { name: 'Keep the data' }).click();
  assert.equal(await step.count(), 0);
  assert.equal(await page.getByTestId('contact-details').getByText('erase.me@example.com').count(), 1);

  await page.getByRole('button', { name: 'Erase personal data' }).click();
  await step.getByRole('button', { name: 'Erase now' }).click();
  await page.getByTestId('erase-result').filter({ hasText: 'The erasure is forwarded to the webinar provider' }).waitFor();
  const details = page.getByTestId('contact-details');
  assert.match(await details.innerText(), new RegExp(`erased-${made[0].contactId}@erased\\.invalid`));
  assert.match(await details.getByTestId('erased-at').innerText(), /UTC$/);
  assert.equal(await page.getByRole('button', { name: 'Erase personal data' }).count(), 0);
  await screenshot(page, 'webinar-sync-erased');

  await until(async () => (await sim.control('GET', 'registrants'))
    .find((r) => String(r.eventId) === String(event.providerEventId) && r.email.endsWith('-deleted')), 'the erasure at the provider');
});

test("create a session's webinar, register someone to that session, see the session's join link and attendance totals", async () => {
  const event = await webinarEvent();
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
  await registerFromForm('sessions@example.com', 'Mary', 'Somerville', ['Keynote']);
  await row('sessions@example.com').getByTestId('sync-state').getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 });
  const entry = row('sessions@example.com').getByTestId('session-webinar');
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

  // The session's attendance, pulled with "Update metrics now": the session's totals.
  await sim.control('POST', 'attendance', { eventId: sessionWebinarId, email: 'sessions@example.com', liveminutes: 20 });
  await page.goto(`${server.url}/settings/webinar-configurations/${configId}`);
  const health = page.getByRole('group', { name: 'Integration health' });
  await health.getByRole('button', { name: 'Update metrics now' }).click();
  await health.getByTestId('health-result').filter({ hasText: /Attendance updated for \d+ started webinar/ }).waitFor();
  await page.goto(`${server.url}/events/${event.id}/registrations`);
  const sessionTotals = page.getByTestId('session-attendance-totals');
  await sessionTotals.waitFor();
  assert.equal(await sessionTotals.innerText(), 'Keynote: 1 of 1 registered attended');
  assert.match(await row('sessions@example.com').getByTestId('session-webinar').getByTestId('attendance').innerText(), /^Attended · 20 min live/);
  await screenshot(page, 'session-webinars-attendance');
});

// An event's page beyond its records, in headless Chromium: closing its registration from
// its form, the charts (registrations per day; how full the upcoming events are, on the
// Events list) and the question before leaving a form with changes not saved. Each test
// makes through the admin API what it needs, so any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { screenshot, signedInPage } from '../support/browser.mjs';
import { newEvent } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';
import { until } from '../support/webinar.mjs';

const tag = () => randomBytes(4).toString('hex');
let server;
let api;
let context;
let page;
const pageErrors = [];

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  ({ context, page } = await signedInPage(server, pageErrors));
});

after(async () => {
  await context?.close();
  await server?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

const nav = (name) => page.locator('nav.sidebar').getByRole('link', { name, exact: true });

/** A new in-person event with one seat and a waitlist; its page's URL is `url`. */
async function anEvent(fields = {}) {
  const event = await newEvent(api, {
    name: `Autumn Forum ${tag()}`,
    format: 'in_person',
    capacity: 1,
    waitlistAllowed: true,
    ...fields,
  });
  return { ...event, url: `${server.url}/events/${event.id}` };
}

test("close an event's registration from its form, then open it again", async () => {
  const event = await anEvent();
  await page.goto(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  for (const closed of [true, false]) {
    await page.setChecked('#registrationClosed', closed);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal((await api.get(`/api/admin/events/${event.id}`)).body.registrationClosed, closed);
    await page.reload();
    await page.getByRole('heading', { name: event.name }).waitFor();
    assert.equal(await page.isChecked('#registrationClosed'), closed);
  }
});

test('registrations per day, as a chart that says its numbers', async () => {
  const event = await anEvent({ capacity: 10 });
  const made = [];
  for (const name of ['One', 'Two', 'Three']) {
    const res = await api.post(`/api/admin/events/${event.id}/registrations`, {
      email: `${name.toLowerCase()}-${tag()}@example.com`, firstName: name, lastName: `Chart ${tag()}`,
    });
    assert.equal(res.status, 201, res.text);
    made.push(res.body);
  }
  const cancelled = await api.post(`/api/admin/events/${event.id}/registrations/${made[2].id}/cancel`);
  assert.equal(cancelled.status, 200, cancelled.text);
  await page.goto(`${event.url}/registrations`);
  const today = made[0].createdAt.slice(0, 10);
  const summary = `3 registrations from ${today} to ${today} (UTC days): 2 confirmed, 0 waitlisted, 1 cancelled. Most on ${today}: 3.`;
  const chart = page.getByRole('img', { name: summary });
  await chart.waitFor();
  assert.equal(await chart.locator('rect.confirmed').count(), 1);
  assert.equal(await chart.locator('rect.cancelled').count(), 1);
  assert.equal(await chart.locator('rect.waitlisted').count(), 0, 'no part for a status with none');
  await screenshot(page, 'event-registrations-per-day');
});

test('the Events list shows how full the upcoming events are', async () => {
  const event = await anEvent({ capacity: 4, start: '2030-05-01T09:00', end: '2030-05-01T18:00' });
  const res = await api.post(`/api/admin/events/${event.id}/registrations`, {
    email: `fill-${tag()}@example.com`, firstName: 'Fill', lastName: `Chart ${tag()}`,
  });
  assert.equal(res.status, 201, res.text);
  const ended = await anEvent({ start: '2026-06-01T09:00', end: '2026-06-01T18:00' });
  await nav('Events').click();
  const chart = page.getByTestId('upcoming-fill');
  const row = chart.locator('.pair', { hasText: event.name });
  await row.getByText(`${event.name}: 1 of 4 seats taken (25%)`).waitFor();
  const [bar, track] = await Promise.all(['.bar', '.track'].map((s) => row.locator(s).evaluate((e) => e.getBoundingClientRect().width)));
  assert.ok(Math.abs(bar - track / 4) <= 1, `bar ${bar} is a quarter of ${track}`);
  // An event that has ended is not upcoming (it is in the list below).
  await page.getByTestId('events-table').getByText(ended.name).waitFor();
  assert.equal(await chart.locator('.pair', { hasText: ended.name }).count(), 0);
  await screenshot(page, 'events-upcoming-fill');
});

test('leaving an event form with changes not saved asks first', async () => {
  const event = await anEvent();
  const asked = [];
  const answer = (accept) => page.once('dialog', (d) => {
    asked.push(`${d.type()}: ${d.message()}`);
    return accept ? d.accept() : d.dismiss();
  });
  await page.goto(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  await page.fill('#name', `${event.name} (renamed)`);
  // No: the page and what was typed stay.
  answer(false);
  await nav('Events').click();
  await until(async () => asked.length === 1);
  assert.equal(asked[0], 'confirm: This page has changes that are not saved. Leave it anyway?');
  assert.equal(page.url(), event.url);
  assert.equal(await page.inputValue('#name'), `${event.name} (renamed)`);
  // Yes: it goes.
  answer(true);
  await nav('Events').click();
  await page.waitForURL(`${server.url}/events`);
  assert.equal(asked.length, 2);
  // Saved changes leave without a question.
  await page.goto(event.url);
  await page.fill('#name', `${event.name} (saved)`);
  await page.getByRole('button', { name: 'Save' }).click();
  // The page's own "Saved." (its changes flag is cleared by then).
  await page.getByRole('status').getByText('Saved.').waitFor();
  await nav('Events').click();
  await page.waitForURL(`${server.url}/events`);
  assert.equal(asked.length, 2, 'no question once saved');
  // Reloading with changes not saved: the browser's own question.
  await page.goto(event.url);
  await page.fill('#name', `${event.name} (again)`);
  answer(true);
  await page.reload();
  await until(async () => asked.length === 3);
  assert.match(asked[2], /^beforeunload/);
});

test("the browser's Back button with changes not saved asks first", async () => {
  const event = await anEvent();
  const asked = [];
  /** Answers the next question; resolves once it is answered. */
  const answer = (accept) => new Promise((resolve) => page.once('dialog', async (d) => {
    asked.push(d.message());
    await (accept ? d.accept() : d.dismiss());
    resolve();
  }));
  // The event, its registrations, the event again: three steps inside the app.
  await page.goto(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  await page.locator('main').getByRole('link', { name: 'Registrations', exact: true }).click();
  await page.waitForURL(`${event.url}/registrations`);
  await page.locator('main').getByRole('link', { name: 'Event', exact: true }).click();
  await page.waitForURL(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  assert.equal(await page.inputValue('#name'), event.name, 'the event is loaded');
  await page.fill('#name', `${event.name} (renamed)`);
  // No: the page, its address and what was typed stay.
  const no = answer(false);
  await page.evaluate(() => history.back());
  await no;
  assert.deepEqual(asked, ['This page has changes that are not saved. Leave it anyway?']);
  assert.equal(await page.evaluate(() => location.href), event.url);
  assert.equal(await page.inputValue('#name'), `${event.name} (renamed)`);
  // Yes: it goes back.
  const yes = answer(true);
  await page.evaluate(() => history.back());
  await yes;
  await page.waitForURL(`${event.url}/registrations`);
  assert.equal(asked.length, 2);
  await page.getByRole('heading', { name: event.name }).waitFor();
  assert.equal(await page.locator('#name').count(), 0, 'the form is gone');
});

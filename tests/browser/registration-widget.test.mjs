// The registration widget on an event website, in headless Chromium: a page served from a
// second local origin (listed for the application) embeds it with its module script and
// one element, loaded from the worker's static assets. It renders the event's form from
// the Events API, refuses an incomplete entry with the API's own rules before sending
// anything, registers an attendee with sessions, pass and answers (Yes/No as radio buttons,
// a choice holding ", "), shows the API's refusals, says before anyone types that an
// event is full, and takes its colours from CSS variables set by the page. The other
// pages a site may have (French, a strict CSP, the div variant, two widgets, markup in
// the event's texts, accessibility) are in registration-widget-sites.test.mjs.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { newEvent, newWebApplication } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';
import { serveSite } from '../support/site.mjs';

const tag = () => randomBytes(4).toString('hex');

/** An event website's page with the widget, as the README tells sites to embed it. */
const page = (server, attributes) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8"><title>Event website</title>
  <script type="module" src="${server.url}/widget/convene-registration.js"></script>
  <style>convene-registration { --convene-accent: rgb(10, 120, 30); }</style>
</head>
<body>
  <h1>Join us</h1>
  <convene-registration ${attributes}></convene-registration>
</body>
</html>`;

let server;
let api;
let site;
let context;
let event;
let full;
let lastSeat;
let session;
let pass;
let question;
let newsletter;
let cities;

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  event = await newEvent(api, { name: `Harbour Summit ${tag()}`, capacity: 50 });
  full = await newEvent(api, { name: `Tiny Meetup ${tag()}`, capacity: 1, waitlistAllowed: false });
  lastSeat = await newEvent(api, { name: `Last Seat ${tag()}`, capacity: 1, waitlistAllowed: false });
  const made = async (path, body) => {
    const res = await api.post(path, body);
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  session = await made(`/api/admin/events/${event.id}/sessions`, {
    name: 'Opening keynote', start: '2026-06-01T09:00', end: '2026-06-01T10:00',
  });
  pass = await made(`/api/admin/events/${event.id}/passes`, { name: 'VIP', capacity: null });
  question = await made(`/api/admin/events/${event.id}/registration-fields`, {
    text: 'Meal', questionType: 'single_choice', choices: ['Lunch', 'Dinner'], required: true,
  });
  newsletter = await made(`/api/admin/events/${event.id}/registration-fields`, {
    text: 'Newsletter?', questionType: 'boolean', required: false,
  });
  cities = await made(`/api/admin/events/${event.id}/registration-fields`, {
    text: 'Cities', questionType: 'multiple_choice', choices: ['Paris, France', 'Lyon'], required: false,
  });
  await made(`/api/admin/events/${full.id}/registrations`, { email: `first-${tag()}@example.org` });

  let token = '';
  site = await serveSite({
    '/': () => page(server, `event="${event.readableId}" token="${token}"`),
    '/full': () => page(server, `event="${full.readableId}" token="${token}"`),
    '/last-seat': () => page(server, `event="${lastSeat.readableId}" token="${token}"`),
    '/wrong-token': () => page(server, `event="${event.readableId}" token="not-a-token"`),
    '/unknown-event': () => page(server, `event="no-such-event-${tag()}" token="${token}"`),
  });
  ({ token } = await newWebApplication(api, [site.origin]));
  context = await launchBrowser();
});

after(async () => {
  await context?.close();
  await site?.close();
  await server?.stop();
});

/** A page of the site, with the API requests it makes recorded. */
async function open(path) {
  const tab = await context.newPage();
  const posts = [];
  tab.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/v1/')) posts.push(r.url());
  });
  await tab.goto(`${site.origin}${path}`);
  return { tab, posts };
}

test('the widget renders the event form, themed by the page, and checks before sending', async () => {
  const { tab, posts } = await open('/');
  await tab.getByRole('heading', { name: `Register: ${event.name}` }).waitFor();
  // The event's own wall-clock times and zone, written for the reader's language.
  assert.match(
    await tab.locator('convene-registration .when').textContent(),
    /^Monday, June 1, 2026, 9:00\sAM\s–\s6:00\sPM \(Europe\/Paris\)$/,
  );
  // A session shows its times too.
  assert.match(await tab.locator('convene-registration fieldset label').first().textContent(), /^Opening keynote — Mon, Jun 1, 9:00\s–\s10:00\sAM$/);
  const register = tab.getByRole('button', { name: 'Register' });
  assert.equal(
    await register.evaluate((b) => getComputedStyle(b).backgroundColor),
    'rgb(10, 120, 30)',
  );
  await register.click();
  const email = tab.getByLabel('Email');
  await tab.getByText('Email is required').waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await tab.locator('#cv-responses\\.' + question.id + '-error').textContent(), 'Meal is required');
  assert.equal(await tab.getByRole('alert').first().textContent(), 'Please correct the fields marked below.');
  assert.ok(await email.evaluate((e) => e === e.getRootNode().activeElement), 'the first field in error has focus');
  assert.deepEqual(posts, [], 'nothing is sent before the entry passes the checks');
  await screenshot(tab, 'widget-errors');
  await tab.close();
});

test('the widget registers an attendee with a session, a pass and answers', async () => {
  const { tab, posts } = await open('/');
  const email = `widget-${tag()}@example.org`;
  await tab.getByLabel('Email').fill(email);
  await tab.getByLabel('First name').fill('Ada');
  await tab.getByLabel('Last name').fill('Lovelace');
  await tab.getByLabel('Opening keynote').check();
  await tab.getByLabel('Pass').selectOption({ label: 'VIP' });
  await tab.getByLabel('Meal *').selectOption('Dinner');
  // A Yes/No question is two radio buttons, as in the admin's form.
  const yesNo = tab.getByRole('radiogroup', { name: 'Newsletter?' });
  assert.equal(await yesNo.getByRole('radio').count(), 2);
  await yesNo.getByRole('radio', { name: 'Yes' }).check();
  await tab.getByRole('group', { name: 'Cities' }).getByLabel('Paris, France').check();
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('You are registered.').waitFor();
  assert.equal(posts.length, 1);
  await screenshot(tab, 'widget-registered');

  const listed = await api.get(`/api/admin/events/${event.id}/registrations?q=${encodeURIComponent(email)}`);
  assert.equal(listed.status, 200, listed.text);
  assert.equal(listed.body.items.length, 1, listed.text);
  const [registration] = listed.body.items;
  assert.equal(registration.firstName, 'Ada');
  assert.equal(registration.status, 'confirmed');
  assert.deepEqual(registration.sessionIds, [session.id]);
  assert.equal(registration.passId, pass.id);
  assert.deepEqual(registration.responses, [
    { id: question.id, value: 'Dinner' },
    { id: newsletter.id, value: 'Yes' },
    { id: cities.id, value: 'Paris, France', choices: ['Paris, France'] },
  ]);
  await tab.close();
});

test('a full event without a waitlist says so before anyone types', async () => {
  const { tab } = await open('/full');
  await tab.getByRole('status').getByText('This event is full and has no waitlist.').waitFor();
  assert.equal(await tab.getByRole('heading', { name: full.name }).count(), 1);
  assert.equal(await tab.getByRole('textbox').count(), 0, 'no form to fill in');
  assert.equal(await tab.getByRole('button').count(), 0);
  await tab.close();
});

test("the widget shows the API's refusal of a registration", async () => {
  // The seat goes to someone else while the page is open.
  const { tab, posts } = await open('/last-seat');
  await tab.getByLabel('Email').fill(`late-${tag()}@example.org`);
  const taken = await api.post(`/api/admin/events/${lastSeat.id}/registrations`, { email: `first-${tag()}@example.org` });
  assert.equal(taken.status, 201, taken.text);
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('This event is full and has no waitlist.').waitFor();
  assert.equal(posts.length, 1);
  assert.equal(await tab.getByRole('button', { name: 'Register' }).isEnabled(), true);
  await tab.close();
});

test("what keeps the form from loading is said, not left blank", async () => {
  // A refused token: the API's 401 carries no CORS permission, so the page cannot read it.
  let { tab } = await open('/wrong-token');
  await tab.getByRole('alert').waitFor();
  assert.match(await tab.getByRole('alert').textContent(), /could not be loaded.*check the widget's token/);
  await tab.close();
  // An accepted token and an unknown event: the API's own message.
  ({ tab } = await open('/unknown-event'));
  await tab.getByRole('alert').waitFor();
  assert.match(await tab.getByRole('alert').textContent(), /^There is no published event no-such-event-/);
  await tab.close();
});

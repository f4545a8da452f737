// Events and registrations end to end in headless Chromium: an event administration with a
// name-matching strategy, an event with a session, two registrations from the admin page that
// join one contact, the contact's page, the CSV export and a cancellation that promotes the
// waitlist. Each test makes through the admin API what it needs and was not made in it, so
// any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { screenshot, signedInPage } from '../support/browser.mjs';
import { newEvent } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

const ADMIN = 'Convene defaults';
const EVENT = 'Spring Summit';
const ADMINISTRATIONS = '/api/admin/event-administrations';
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
const row = (table, text) => page.getByTestId(table).locator('tbody tr', { hasText: text });
/** The registrations table's rows, oldest first. */
const registrationRows = () => page.getByTestId('registrations-table').locator('tbody tr');

/** Makes the active event administration record match contacts by first and last name. */
async function nameMatching() {
  const active = await api.get(`${ADMINISTRATIONS}?view=active`);
  assert.equal(active.status, 200, active.text);
  const [record] = active.body.items;
  if (record?.matchStrategy === 'first_and_last_name') return;
  if (record) {
    const off = await api.post(`${ADMINISTRATIONS}/${record.id}/deactivate`);
    assert.equal(off.status, 200, off.text);
  }
  const made = await api.post(ADMINISTRATIONS, {
    name: `Name matching ${tag()}`,
    matchStrategy: 'first_and_last_name',
  });
  assert.equal(made.status, 201, made.text);
}

/** A new in-person event with one seat and a waitlist; its page's URL is `url`. */
async function anEvent(fields = {}) {
  const event = await newEvent(api, {
    name: `${EVENT} ${tag()}`,
    format: 'in_person',
    capacity: 1,
    waitlistAllowed: true,
    ...fields,
  });
  return { ...event, url: `${server.url}/events/${event.id}` };
}

/**
 * An event with two registrations of one name in two spellings, joined into one contact
 * by name matching: Élodie `last` (confirmed), then ÉLODIE `last` in lower case
 * (waitlisted). The last name is new, so the contact is this test's own.
 */
async function twoSpellings() {
  await nameMatching();
  const event = await anEvent();
  const last = `Martin${tag()}`;
  const register = async (attendee, status) => {
    const res = await api.post(`/api/admin/events/${event.id}/registrations`, attendee);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, status);
    return res.body;
  };
  const a = await register({ email: 'a@example.com', firstName: 'Élodie', lastName: last }, 'confirmed');
  const b = await register(
    { email: 'b@example.com', firstName: 'ÉLODIE', lastName: last.toLowerCase() },
    'waitlisted',
  );
  assert.equal(b.contactId, a.contactId);
  return { event, last };
}

/** Records the POST requests made while `fn` runs. */
async function postsDuring(fn) {
  const posts = [];
  const listener = (r) => r.method() === 'POST' && posts.push(r.url());
  page.on('request', listener);
  try {
    await fn();
  } finally {
    page.off('request', listener);
  }
  return posts;
}

test('create the event administration record: name matching, no demo payment', async () => {
  await nav('Event administration').click();
  await page.waitForURL(`${server.url}/settings/event-administration`);
  await page.getByText('No event administration records in this view.').waitFor();
  await page.getByRole('link', { name: 'New', exact: true }).click();
  await page.waitForURL(/\/settings\/event-administration\/new$/);

  await page.fill('#name', ADMIN);
  await page.getByLabel('First and last name', { exact: true }).check();
  const no = page.getByLabel('No', { exact: true });
  assert.equal(await no.isChecked(), true, 'demo payment confirmation is off by default');
  const warning = page.locator('.banner.warning');
  assert.equal(await warning.isVisible(), true);
  assert.match(await warning.innerText(), /Security hole in production/);
  assert.match(await warning.innerText(), /without any payment taking place/);

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/settings\/event-administration\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: ADMIN }).waitFor();
  await page.getByText('This record is active').waitFor();
  assert.equal(await page.getByText('Saved.').count(), 0, 'creating is not reported as a save');
  assert.equal(await page.getByLabel('First and last name', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('No', { exact: true }).isChecked(), true);
  await screenshot(page, 'event-administration-form');

  await page.getByRole('link', { name: 'Back to list' }).click();
  await page.waitForURL(`${server.url}/settings/event-administration`);
  const record = page.locator('table.grid tbody tr', { hasText: ADMIN });
  await record.waitFor();
  assert.match(await record.innerText(), /First and last name/);
  assert.match(await record.innerText(), /No/);
  // Active: it offers Deactivate, and no second record can be created. "New" waits for its
  // own request, after the list's: the header is busy until it has answered.
  assert.equal(await record.getByRole('button', { name: 'Deactivate' }).count(), 1);
  await page.locator('.page-header[aria-busy="false"]').waitFor();
  assert.equal(await page.getByRole('link', { name: 'New', exact: true }).count(), 0);
});

test('create an in-person event with capacity 1 and a waitlist', async () => {
  await nav('Events').click();
  await page.waitForURL(`${server.url}/events`);
  await page.getByText('No events.').waitFor();
  await page.getByRole('link', { name: 'New', exact: true }).click();
  await page.waitForURL(/\/events\/new$/);

  await page.fill('#name', EVENT);
  await page.fill('#start', '2026-06-01T09:00');
  await page.fill('#end', '2026-06-01T18:00');
  await page.fill('#timeZone', 'Europe/Paris');
  await page.selectOption('#format', 'in_person');
  assert.equal(await page.locator('#webinarConfigurationId').count(), 0);
  await page.fill('#capacity', '1');
  await page.check('#waitlistAllowed');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: EVENT }).waitFor();
  assert.equal(await page.inputValue('#start'), '2026-06-01T09:00');
  assert.equal(await page.inputValue('#capacity'), '1');
  assert.equal(await page.isChecked('#waitlistAllowed'), true);
  assert.equal(await page.inputValue('#readableId'), 'spring-summit');
  assert.equal(await page.isChecked('#registrationClosed'), false, 'registration is open unless closed');
});

test('add a session inside the event; one outside it is refused inline', async () => {
  const event = await anEvent();
  await page.goto(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  const form = page.getByTestId('session-form');
  await form.waitFor();
  await page.getByText('No sessions yet').waitFor();
  await page.fill('#session-name', 'Keynote');
  await page.fill('#session-start', '2026-06-01T09:30');
  await page.fill('#session-end', '2026-06-01T10:30');
  await form.getByRole('button', { name: 'Add session' }).click();
  const keynote = row('sessions-table', 'Keynote');
  await keynote.waitFor();
  assert.match(await keynote.innerText(), /2026-06-01 09:30[\s\S]*2026-06-01 10:30/);
  // The form is cleared for the next session.
  assert.equal(await page.inputValue('#session-name'), '');

  const posts = await postsDuring(async () => {
    await page.fill('#session-name', 'Breakfast');
    await page.fill('#session-start', '2026-06-01T07:30');
    await page.fill('#session-end', '2026-06-01T08:30');
    await form.getByRole('button', { name: 'Add session' }).click();
    await page.getByTestId('session-error').waitFor();
    await page
      .locator('#session-start-error')
      .filter({ hasText: 'must not be before the event starts' })
      .waitFor();
  });
  assert.deepEqual(posts, [], 'nothing is submitted while a field is invalid');
  assert.equal(await page.getAttribute('#session-start', 'aria-invalid'), 'true');
  // The event's own fields are not marked.
  assert.equal(await page.getAttribute('#start', 'aria-invalid'), 'false');
  assert.equal(await row('sessions-table', 'Breakfast').count(), 0);
  await screenshot(page, 'event-form-with-sessions');

  // The events list shows the event.
  await nav('Events').click();
  await page.waitForURL(`${server.url}/events`);
  const listed = row('events-table', event.name);
  await listed.waitFor();
  assert.match(await listed.innerText(), new RegExp(event.readableId));
  assert.match(await listed.innerText(), /2026-06-01 09:00/);
  assert.match(await listed.innerText(), /Europe\/Paris/);
  assert.match(await listed.innerText(), /In person/);
  assert.match(await listed.innerText(), /\b1\b/);
  await screenshot(page, 'events-list');
});

test('register two spellings of one name: one contact, confirmed then waitlisted', async () => {
  await nameMatching();
  const event = await anEvent();
  await page.goto(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  await page.getByRole('link', { name: 'Registrations' }).click();
  await page.waitForURL(`${event.url}/registrations`);
  await page.getByRole('heading', { name: event.name }).waitFor();
  const form = page.getByTestId('register-form');
  await form.getByText('Contacts are matched by first and last name.').waitFor();
  assert.match(await form.innerText(), /Capacity 1; beyond it registrations are waitlisted/);
  await page.getByText('No registrations in this view.').waitFor();

  const result = page.getByTestId('registration-result');
  await page.fill('#email', 'a@example.com');
  await page.fill('#firstName', 'Élodie');
  await page.fill('#lastName', 'Martin');
  await form.getByRole('button', { name: 'Register' }).click();
  await result.filter({ hasText: 'Registered: confirmed' }).waitFor();
  await row('registrations-table', 'a@example.com').waitFor();
  assert.equal(await page.inputValue('#email'), '', 'the form is cleared after registering');

  await page.fill('#email', 'b@example.com');
  await page.fill('#firstName', 'ÉLODIE  ');
  await page.fill('#lastName', '  martin');
  await form.getByRole('button', { name: 'Register' }).click();
  await result.filter({ hasText: 'Registered: waitlisted' }).waitFor();

  // Oldest first; each row shows the attendee as typed, linked to the one matched contact.
  const rows = registrationRows();
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  const [first, second] = [rows.nth(0), rows.nth(1)];
  assert.match(await first.innerText(), /Élodie Martin[\s\S]*a@example\.com[\s\S]*Confirmed/);
  assert.match(await second.innerText(), /b@example\.com[\s\S]*Waitlisted/);
  assert.match(await first.innerText(), /Not applicable/);
  const firstContact = await first.locator('a[href^="/contacts/"]').getAttribute('href');
  const secondContact = await second.locator('a[href^="/contacts/"]').getAttribute('href');
  assert.match(firstContact, /^\/contacts\/[0-9a-f-]{36}$/);
  assert.equal(secondContact, firstContact, 'both registrations joined the same contact');
  assert.equal(await result.locator('a').getAttribute('href'), firstContact);
});

test('a name-matching strategy requires the last name', async () => {
  await nameMatching();
  const event = await anEvent();
  await page.goto(`${event.url}/registrations`);
  const form = page.getByTestId('register-form');
  await form.getByText('Contacts are matched by first and last name.').waitFor();
  await page.getByText('No registrations in this view.').waitFor();
  const posts = await postsDuring(async () => {
    await page.fill('#email', 'c@example.com');
    await page.fill('#firstName', 'Solo');
    await page.fill('#lastName', '');
    await form.getByRole('button', { name: 'Register' }).click();
    await page.locator('#lastName-error').filter({ hasText: 'is required' }).waitFor();
  });
  assert.deepEqual(posts, [], 'nothing is submitted while a field is invalid');
  assert.match(await page.locator('#lastName-error').innerText(), /first and last name/);
  assert.equal(await page.getAttribute('#lastName', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#firstName', 'aria-invalid'), 'false');
  assert.match(await page.getByTestId('registration-result').innerText(), /Correct the highlighted fields/);
  assert.equal(await row('registrations-table', 'c@example.com').count(), 0);
  await screenshot(page, 'event-registrations');
});

test('the contact lists both registrations', async () => {
  const { event, last } = await twoSpellings();
  await page.goto(`${event.url}/registrations`);
  await registrationRows().nth(1).waitFor();
  await registrationRows().first().locator('a[href^="/contacts/"]').click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  const details = page.getByTestId('contact-details');
  await details.waitFor();
  assert.match(await details.innerText(), /a@example\.com/);
  assert.match(await details.innerText(), /Élodie/);
  assert.match(await details.innerText(), /Registrations\s*2/);
  const table = page.getByTestId('contact-registrations-table');
  await table.locator('tbody tr').nth(1).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 2);
  const text = await table.innerText();
  assert.match(text, /Confirmed/);
  assert.match(text, /Waitlisted/);
  assert.equal(await table.locator('tbody tr', { hasText: event.name }).count(), 2);
  await screenshot(page, 'contact');

  // The contacts list has one contact of that name, with both registrations.
  await nav('Contacts').click();
  await page.waitForURL(`${server.url}/contacts`);
  await page.getByLabel('Search contacts').fill(last);
  await page.waitForFunction((name) => {
    const rows = document.querySelectorAll('[data-testid=contacts-table] tbody tr');
    return rows.length === 1 && rows[0].innerText.includes(name);
  }, last);
  const contact = page.getByTestId('contacts-table').locator('tbody tr');
  assert.match(await contact.innerText(), new RegExp(`Élodie ${last}[\\s\\S]*2`));
});

test('export CSV with the session cookie', async () => {
  const { event, last } = await twoSpellings();
  await page.goto(`${event.url}/registrations`);
  await registrationRows().nth(1).waitFor();
  const link = page.getByTestId('export-csv');
  const href = await link.getAttribute('href');
  assert.match(href, /\/registrations\.csv$/);
  const res = await page.request.get(new URL(href, page.url()).href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/csv/);
  const lines = (await res.text()).trim().split('\r\n');
  assert.equal(lines.length, 3, 'a header line and one line per registration');
  assert.match(lines[0], /^registration_id,status,created_at,email,/);
  assert.match(lines[1], new RegExp(`,confirmed,.*,a@example\\.com,Élodie,${last},`));
  // Each registration keeps the attendee as typed, though both joined one contact.
  assert.match(lines[2], new RegExp(`,waitlisted,[^,]+,b@example\\.com,ÉLODIE,${last.toLowerCase()},`));
});

test('cancelling the confirmed registration promotes the waitlisted one', async () => {
  const { event, last } = await twoSpellings();
  await page.goto(`${event.url}/registrations`);
  await registrationRows().nth(1).waitFor();
  const [first, second] = [registrationRows().nth(0), registrationRows().nth(1)];
  const posts = await postsDuring(async () => {
    // Dismissing the confirmation keeps the registration.
    page.once('dialog', (d) => d.dismiss());
    await first.getByRole('button', { name: 'Cancel' }).click();
    assert.match(await first.innerText(), /Confirmed/);

    page.once('dialog', (d) => {
      assert.match(d.message(), new RegExp(`Cancel the registration of Élodie ${last}`));
      d.accept();
    });
    await first.getByRole('button', { name: 'Cancel' }).click();
    await first.locator('.status', { hasText: 'Cancelled' }).waitFor();
    await second.locator('.status', { hasText: 'Confirmed' }).waitFor();
  });
  // A cancellation sent for the dismissed question would still have been on its way when the
  // row was read above; by now, once the accepted one has been answered, it would be listed.
  assert.equal(posts.filter((url) => url.endsWith('/cancel')).length, 1, 'only the accepted Cancel is sent');
  assert.equal(await first.getByRole('button', { name: 'Cancel' }).count(), 0);
  assert.equal(await page.getByTestId('action-error').count(), 0);
  await screenshot(page, 'event-registrations-after-cancel');

  // The status filter shows only the cancelled one.
  await page.getByLabel('Status').selectOption('cancelled');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid=registrations-table] tbody tr').length === 1,
  );
  assert.match(await registrationRows().first().innerText(), /Cancelled/);
});

test('custom values, speakers, passes and registration fields; register with a pass and answers', async () => {
  const event = await anEvent({ capacity: undefined, waitlistAllowed: false });
  // A custom event field, through the API (the Custom fields page is tested on its own).
  const created = await page.request.post(`${server.url}/api/admin/custom-fields`, {
    headers: { Origin: server.url },
    data: { entity: 'event', name: 'room', label: 'Room', fieldType: 'text', choices: [] },
  });
  assert.equal(created.status(), 201);

  // Its value is set on the event form and kept.
  await page.goto(event.url);
  await page.getByRole('heading', { name: event.name }).waitFor();
  await page.locator('#event-custom-room').fill('Hall A');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  const stored = await (await page.request.get(`${server.url}/api/admin/events/${event.id}`)).json();
  assert.deepEqual(stored.customFields, { room: 'Hall A' });
  await page.reload();
  await page.getByRole('heading', { name: event.name }).waitFor();
  await page.waitForFunction(() => document.querySelector('#event-custom-room')?.value === 'Hall A');

  // A speaker.
  const speakerForm = page.getByTestId('speaker-form');
  await page.getByText('No speakers yet.').waitFor();
  await page.fill('#speaker-name', 'Ada Lovelace');
  await page.fill('#speaker-title', 'Analyst');
  await speakerForm.getByRole('button', { name: 'Add speaker' }).click();
  const ada = row('speakers-table', 'Ada Lovelace');
  await ada.waitFor();
  assert.match(await ada.innerText(), /Analyst/);
  assert.equal(await page.inputValue('#speaker-name'), '', 'the form is cleared for the next speaker');

  // A pass with a capacity; an invalid capacity is refused inline without a request.
  const passForm = page.getByTestId('pass-form');
  const posts = await postsDuring(async () => {
    await page.fill('#pass-name', 'VIP');
    await page.fill('#pass-capacity', '0');
    await passForm.getByRole('button', { name: 'Add pass' }).click();
    await page.getByTestId('pass-error').waitFor();
  });
  assert.deepEqual(posts, []);
  assert.notEqual(await page.locator('#pass-capacity-error').innerText(), '');
  await page.fill('#pass-capacity', '5');
  await passForm.getByRole('button', { name: 'Add pass' }).click();
  const vip = row('passes-table', 'VIP');
  await vip.waitFor();
  assert.match(await vip.innerText(), /\b5\b/);

  // A required Yes/No question and a multiple-choice one.
  const questionForm = page.getByTestId('registration-field-form');
  await page.fill('#question-text', 'Vegetarian meal?');
  await page.selectOption('#question-type', 'boolean');
  assert.equal(await page.locator('#question-choices').count(), 0, 'no choices for Yes/No');
  await page.check('#question-required');
  await questionForm.getByRole('button', { name: 'Add registration field' }).click();
  await row('registration-fields-table', 'Vegetarian meal?').waitFor();
  await page.fill('#question-text', 'Workshops');
  await page.selectOption('#question-type', 'multiple_choice');
  await page.fill('#question-choices', 'Rust\nWasm\nLeptos');
  await questionForm.getByRole('button', { name: 'Add registration field' }).click();
  const workshops = row('registration-fields-table', 'Workshops');
  await workshops.waitFor();
  assert.match(await workshops.innerText(), /Multiple choice[\s\S]*No[\s\S]*Rust, Wasm, Leptos/);
  await screenshot(page, 'event-form-with-speakers-passes-fields');

  // Register someone with the pass; the required question must be answered first.
  await page.getByRole('link', { name: 'Registrations' }).click();
  await page.waitForURL(`${event.url}/registrations`);
  const form = page.getByTestId('register-form');
  await form.locator('#passId option', { hasText: 'VIP' }).waitFor({ state: 'attached' });
  await page.selectOption('#passId', { label: 'VIP (capacity: 5)' });
  await page.fill('#email', 'grace@example.com');
  await page.fill('#firstName', 'Grace');
  await page.fill('#lastName', 'Hopper');
  const meal = form.locator('fieldset', { hasText: 'Vegetarian meal?' });
  const picks = form.locator('fieldset', { hasText: 'Workshops' });
  await picks.getByLabel('Rust', { exact: true }).check();
  await picks.getByLabel('Leptos', { exact: true }).check();
  const refused = await postsDuring(async () => {
    await form.getByRole('button', { name: 'Register' }).click();
    await meal.locator('.field-error', { hasText: 'is required' }).waitFor();
  });
  assert.deepEqual(refused, [], 'nothing is submitted while a required question is unanswered');
  await meal.getByLabel('Yes', { exact: true }).check();
  await form.getByRole('button', { name: 'Register' }).click();
  await page.getByTestId('registration-result').filter({ hasText: 'Registered:' }).waitFor();

  const grace = row('registrations-table', 'grace@example.com');
  await grace.waitFor();
  const text = await grace.innerText();
  assert.match(text, /VIP/);
  assert.match(text, /Vegetarian meal\?: Yes/);
  assert.match(text, /Workshops: Rust, Leptos/);
  await screenshot(page, 'event-registrations-with-answers');

  // The API kept the pass and the answers in the source system's conventions.
  const list = await (
    await page.request.get(`${server.url}/api/admin/events/${event.id}/registrations?q=grace`)
  ).json();
  const [registration] = list.items;
  const passes = await (await page.request.get(`${server.url}/api/admin/events/${event.id}/passes`)).json();
  assert.equal(registration.passId, passes[0].id);
  assert.deepEqual(registration.responses.map((a) => a.value).sort(), ['Rust, Leptos', 'Yes']);

  // The pass Grace holds cannot be deleted: the form says why, and the pass stays.
  await page.goto(event.url);
  const held = row('passes-table', 'VIP');
  await held.waitFor();
  page.once('dialog', (d) => d.accept());
  await held.getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('pass-error').filter({ hasText: 'held by 1 registration and cannot be deleted' }).waitFor();
  assert.equal(await row('passes-table', 'VIP').count(), 1);
});

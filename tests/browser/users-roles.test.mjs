// Users and roles in the admin SPA, in headless Chromium: an administrator creates an event
// planner in Settings › Users (the form's errors shown before and after sending), who signs in
// and cannot open Settings; an event planner sees
// no Settings, is refused a Settings page in place without it being asked of the API, and
// creates an event; a viewer reads an event with no control that changes it; a disabled user's
// next navigation lands on sign-in; the account page changes your own password. Each test
// makes through the admin API what it needs, so any one runs alone; every other user signs in
// in a browser context of their own.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot, signedInPage } from '../support/browser.mjs';
import { newEvent } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

const USERS = '/api/admin/users';
const PASSWORD = 'correct horse battery staple';
const tag = () => randomBytes(4).toString('hex');
let server;
let api;
let context;
let page;
/** The other users' browser contexts, closed after each test. */
const contexts = [];
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

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

/** A user made through the admin API, as it answers. */
async function aUser(role, password = PASSWORD) {
  const res = await api.post(USERS, { username: `${role.replace('_', '-')}-${tag()}`, role, password });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/**
 * A page in a browser context of its own, signed in through the sign-in page as `username`;
 * resolves once the SPA has landed on `landing`. `requests` collects the paths of the admin
 * API requests the page makes.
 */
async function signIn(username, password = PASSWORD, landing = '/events') {
  const own = await launchBrowser();
  contexts.push(own);
  const other = await own.newPage();
  other.setDefaultTimeout(15_000);
  other.on('pageerror', (e) => pageErrors.push(e.message));
  const requests = [];
  other.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/admin/')) requests.push(pathname);
  });
  await other.goto(`${server.url}/sign-in`);
  await other.fill('#username', username);
  await other.fill('#password', password);
  await other.click('button[type=submit]');
  await other.waitForURL(`${server.url}${landing}`);
  await other.getByTestId('signed-in-user').filter({ hasText: username }).waitFor();
  return { page: other, requests };
}

/** The bootstrap administrator's row in the users list. */
const adminRow = () =>
  page.getByTestId('user-row').filter({ has: page.getByRole('link', { name: 'admin', exact: true }) });
const sidebarLinks = (p) => p.locator('nav.sidebar a').allInnerTexts();

test('an administrator creates an event planner in Settings › Users (errors shown inline), who signs in and cannot open Settings', async () => {
  const posts = [];
  const onRequest = (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === USERS) posts.push(r.url());
  };
  page.on('request', onRequest);
  try {
    await page.goto(`${server.url}/settings`);
    const team = page.locator('section.overview-group').filter({ has: page.getByRole('heading', { name: 'Team' }) });
    await team.waitFor();
    assert.deepEqual(await team.locator('li > a').allInnerTexts(), ['Users', 'Audit log']);
    await page.locator('nav.sidebar').getByRole('link', { name: 'Users', exact: true }).click();
    await page.waitForURL(`${server.url}/settings/users`);
    const admin = adminRow();
    await admin.waitFor();
    assert.match(await admin.innerText(), /admin\s+Administrator\s+Active/);

    await page.getByRole('link', { name: 'New user' }).click();
    await page.waitForURL(/\/settings\/users\/new$/);
    await page.getByRole('heading', { name: 'New user' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('form-error').filter({ hasText: 'Correct the highlighted fields.' }).waitFor();
    assert.equal(await page.locator('#username-error').innerText(), 'is required');
    assert.match(await page.locator('#role-error').innerText(), /must be administrator, event_planner or viewer/);
    assert.match(await page.locator('#password-error').innerText(), /at least 12 characters/);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');

    const username = `planner-${tag()}`;
    await page.fill('#username', username);
    await page.selectOption('#role', 'event_planner');
    await page.fill('#password', 'too short');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#password-error').filter({ hasText: 'at least 12 characters' }).waitFor();
    assert.equal(await page.locator('#username-error').innerText(), '');
    assert.equal(posts.length, 0, 'nothing is sent while the form has errors');

    // The API's own refusal shows on its field too: user names are compared without case.
    await page.fill('#username', 'ADMIN');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#username-error').filter({ hasText: 'already taken' }).waitFor();
    assert.equal(posts.length, 1);
    assert.match(page.url(), /\/new$/);

    await page.fill('#username', username);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/settings\/users\/(?!new$)[^/]+$/);
    await page.getByRole('heading', { name: username }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await page.locator('#role').inputValue(), 'event_planner');
    assert.equal(await page.locator('#password').inputValue(), '', 'the password is not kept on the page');
    assert.equal(await page.locator('label[for=password]').innerText(), 'New password');
    await page.getByText('Leave empty to keep the current password.').waitFor();
    await screenshot(page, 'users/created');

    const listed = (await api.get(USERS)).body.find((u) => u.username === username);
    assert.equal(listed?.role, 'event_planner');
    assert.equal(listed?.active, true);
    await page.getByRole('link', { name: 'Back to list' }).click();
    const row = page.getByTestId('user-row').filter({ hasText: username });
    assert.match(await row.innerText(), new RegExp(`${username}\\s+Event planner\\s+Active`));

    // The user made here signs in with the password chosen here, starts on Events, and
    // cannot open Settings: not in the navigation, refused in the page, refused by the API.
    const { page: planner } = await signIn(username);
    assert.equal(new URL(planner.url()).pathname, '/events');
    assert.deepEqual(await sidebarLinks(planner), ['Events', 'Contacts']);
    await planner.goto(`${server.url}/settings`);
    await planner.getByTestId('no-access').filter({ hasText: 'Your role does not include Settings.' }).waitFor();
    assert.equal(await planner.getByRole('link', { name: 'Users', exact: true }).count(), 0);
    const status = await planner.evaluate(async () => (await fetch('/api/admin/users')).status);
    assert.equal(status, 403);
  } finally {
    page.off('request', onRequest);
  }
});

test('an event planner sees no Settings, is refused a Settings page in place, and creates an event', async () => {
  const user = await aUser('event_planner');
  const { page: planner, requests } = await signIn(user.username);
  assert.deepEqual(await sidebarLinks(planner), ['Events', 'Contacts']);
  assert.equal(await planner.locator('nav.sidebar h2').count(), 1, 'only the Events heading');
  assert.equal(await planner.locator('a.brand').getAttribute('href'), '/events');

  requests.length = 0;
  await planner.goto(`${server.url}/settings/web-applications`);
  const notice = planner.getByTestId('no-access');
  await notice.waitFor();
  assert.equal(await notice.innerText(), 'Your role does not include Settings.');
  assert.equal(await planner.getByRole('heading', { name: 'Web applications' }).count(), 0);
  await planner.waitForLoadState('networkidle');
  assert.deepEqual(requests, [], 'the refused page asks the API nothing');
  await screenshot(planner, 'users/planner-no-access');
  await planner.selectOption('#language', 'fr');
  await notice.filter({ hasText: 'Votre rôle n’inclut pas les paramètres.' }).waitFor();
  await planner.selectOption('#language', 'en');

  // The start page of a role without Settings is Events.
  await planner.goto(server.url);
  await planner.waitForURL(`${server.url}/events`);

  await planner.locator('nav.sidebar').getByRole('link', { name: 'Events', exact: true }).click();
  await planner.getByRole('link', { name: 'New' }).click();
  await planner.waitForURL(/\/events\/new$/);
  const name = `Planned ${tag()}`;
  await planner.fill('#name', name);
  await planner.fill('#start', '2026-10-01T09:00');
  await planner.fill('#end', '2026-10-01T17:00');
  await planner.getByRole('button', { name: 'Save' }).click();
  await planner.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  await planner.getByRole('heading', { name }).waitFor();
  const id = planner.url().split('/').pop();
  assert.equal((await api.get(`/api/admin/events/${id}`)).body.name, name);
});

test('a viewer reads an event, its sessions, registrations and contacts, with no control that changes them', async () => {
  const event = await newEvent(api, { name: `Read only ${tag()}`, format: 'in_person' });
  const must = async (res) => {
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  await must(await api.post(`/api/admin/events/${event.id}/sessions`, {
    name: 'Opening', start: '2026-06-01T09:30', end: '2026-06-01T10:30',
  }));
  await must(await api.post(`/api/admin/events/${event.id}/speakers`, { name: 'Ada Lovelace' }));
  await must(await api.post(`/api/admin/events/${event.id}/passes`, { name: 'Standard', capacity: null }));
  const registration = await must(await api.post(`/api/admin/events/${event.id}/registrations`, {
    email: `reader-${tag()}@example.org`, firstName: 'Grace', lastName: 'Hopper',
  }));
  const user = await aUser('viewer');
  const { page: viewer } = await signIn(user.username);

  await viewer.getByTestId('events-table').getByRole('link', { name: event.name }).waitFor();
  assert.equal(await viewer.getByRole('link', { name: 'New' }).count(), 0);
  assert.deepEqual(await sidebarLinks(viewer), ['Events', 'Contacts']);

  await viewer.getByRole('link', { name: event.name }).click();
  await viewer.getByRole('heading', { name: event.name }).waitFor();
  await viewer.getByTestId('sessions-table').getByText('Opening').waitFor();
  await viewer.getByTestId('speakers-table').getByText('Ada Lovelace').waitFor();
  await viewer.getByTestId('passes-table').getByText('Standard').waitFor();
  await viewer.getByTestId('read-only').filter({ hasText: 'Your role can read events but not change them.' }).waitFor();
  assert.equal(await viewer.inputValue('#name'), event.name);
  assert.equal(await viewer.locator('#name').isDisabled(), true);
  for (const button of ['Save', 'Delete', 'Edit', 'Add session', 'Add speaker', 'Add pass']) {
    assert.equal(await viewer.getByRole('button', { name: button, exact: true }).count(), 0, button);
  }
  for (const form of ['session-form', 'speaker-form', 'pass-form', 'registration-field-form']) {
    assert.equal(await viewer.getByTestId(form).count(), 0, form);
  }
  await screenshot(viewer, 'users/viewer-event');

  await viewer.getByRole('link', { name: 'Registrations' }).click();
  const row = viewer.getByTestId('registrations-table').locator('tbody tr');
  await row.filter({ hasText: 'Grace Hopper' }).waitFor();
  assert.equal(await viewer.getByTestId('register-form').count(), 0);
  assert.equal(await viewer.getByRole('heading', { name: 'Register someone' }).count(), 0);
  assert.equal(await row.getByRole('button').count(), 0, 'no Cancel or Retry');

  await viewer.goto(`${server.url}/contacts/${registration.contactId}`);
  await viewer.getByTestId('contact-details').waitFor();
  assert.equal(await viewer.getByRole('button', { name: 'Erase personal data' }).count(), 0);
});

test("disabling a user ends their session: their next navigation lands on sign-in", async () => {
  const user = await aUser('event_planner');
  const { page: planner } = await signIn(user.username);

  await page.goto(`${server.url}/settings/users`);
  await adminRow().getByRole('button', { name: 'Disable' }).click();
  await page.getByTestId('action-error').filter({ hasText: 'You cannot disable your own user.' }).waitFor();

  const row = page.getByTestId('user-row').filter({ hasText: user.username });
  await row.getByRole('button', { name: 'Disable' }).click();
  await row.getByTestId('user-state').filter({ hasText: 'Disabled' }).waitFor();
  await row.getByRole('button', { name: 'Enable' }).waitFor();
  assert.equal((await api.get(`${USERS}/${user.id}`)).body.active, false);

  await planner.locator('nav.sidebar').getByRole('link', { name: 'Contacts', exact: true }).click();
  await planner.waitForURL(/\/sign-in\?next=%2Fcontacts$/);
  await planner.fill('#username', user.username);
  await planner.fill('#password', PASSWORD);
  await planner.click('button[type=submit]');
  await planner.getByRole('alert').filter({ hasText: 'This user is disabled. Ask an administrator.' }).waitFor();
  assert.match(planner.url(), /\/sign-in/);

  await row.getByRole('button', { name: 'Enable' }).click();
  await row.getByTestId('user-state').filter({ hasText: 'Active' }).waitFor();
  await planner.click('button[type=submit]');
  await planner.waitForURL(`${server.url}/contacts`);
});

test('the account page changes your password: the new one signs in, the old one no longer does', async () => {
  const user = await aUser('viewer');
  const { page: viewer } = await signIn(user.username);
  await viewer.getByTestId('signed-in-user').click();
  await viewer.waitForURL(`${server.url}/account`);
  await viewer.getByRole('heading', { name: 'Your account' }).waitFor();
  assert.equal(await viewer.getByTestId('account-role').innerText(), 'Viewer');

  await viewer.getByRole('button', { name: 'Change your password' }).click();
  await viewer.getByTestId('form-error').waitFor();
  assert.equal(await viewer.locator('#currentPassword-error').innerText(), 'is required');
  assert.match(await viewer.locator('#newPassword-error').innerText(), /at least 12 characters/);

  const renewed = `renewed ${PASSWORD}`;
  await viewer.fill('#currentPassword', 'not my password');
  await viewer.fill('#newPassword', renewed);
  await viewer.getByRole('button', { name: 'Change your password' }).click();
  await viewer.locator('#currentPassword-error').filter({ hasText: 'is not your current password' }).waitFor();
  assert.equal(await viewer.getByTestId('password-changed').count(), 0);

  await viewer.fill('#currentPassword', PASSWORD);
  await viewer.getByRole('button', { name: 'Change your password' }).click();
  await viewer.getByTestId('password-changed').filter({ hasText: 'Your password was changed.' }).waitFor();
  assert.equal(await viewer.inputValue('#currentPassword'), '');
  assert.equal(await viewer.inputValue('#newPassword'), '');
  assert.equal(await viewer.locator('#currentPassword-error').innerText(), '');
  await screenshot(viewer, 'users/password-changed');

  // This session stays; the old password no longer signs in, the new one does.
  await viewer.locator('nav.sidebar').getByRole('link', { name: 'Events', exact: true }).click();
  await viewer.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
  assert.equal((await client(server).signIn(PASSWORD, user.username)).status, 401);
  const again = await signIn(user.username, renewed);
  assert.equal(new URL(again.page.url()).pathname, '/events');
});

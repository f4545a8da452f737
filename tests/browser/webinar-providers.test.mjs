// Webinar providers and signing in and out, end to end in headless Chromium against the real
// worker under wrangler dev. The first test signs in through the sign-in page; the others
// sign the browser in with a session made through the API, and make the providers they
// need, so any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';

const PROVIDERS = '/api/admin/webinar-providers';
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
  context = await launchBrowser();
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  await context?.close();
  await server?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

const providerRow = (name) => page.locator('table.grid tbody tr', { hasText: name });

/** Gives the browser a session of its own, signed in through the API, and opens `path`. */
async function signedIn(path) {
  const session = client(server);
  assert.equal((await session.signIn()).status, 200);
  await context.addCookies([
    { name: 'convene_session', value: session.cookie, url: server.url, httpOnly: true, sameSite: 'Strict' },
  ]);
  await page.goto(`${server.url}${path}`);
}

/** A new provider made through the API (90 minutes at most), as the API returns it. */
async function aProvider(label) {
  const res = await api.post(PROVIDERS, {
    name: `${label} ${tag()}`,
    maxDurationMinutes: 90,
    termsOfServiceUrl: 'https://acme.example/terms',
    privacyPolicyUrl: 'https://acme.example/privacy',
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

test('a deep link while signed out goes through sign-in and back', async () => {
  await context.clearCookies();
  await page.goto(`${server.url}/settings/webinar-providers`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.fill('#password', 'not the password');
  await page.click('button[type=submit]');
  await page.getByRole('alert').filter({ hasText: 'not correct' }).waitFor();

  await page.fill('#password', server.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings/webinar-providers`);
  await assert.doesNotReject(page.getByTestId('signed-in-user').filter({ hasText: 'admin' }).waitFor());
});

test('ON24 is listed with its links, under Event management', async () => {
  await signedIn('/settings/webinar-providers');
  const on24 = providerRow('ON24');
  await on24.waitFor();
  assert.match(await on24.innerText(), /240/);
  const links = on24.locator('a[target=_blank]');
  assert.equal(await links.count(), 2);
  assert.match(await links.first().getAttribute('href'), /^https:\/\/www\.on24\.com\//);
  assert.equal(await links.first().getAttribute('rel'), 'noopener noreferrer');
  const nav = page.locator('nav.sidebar');
  assert.match(await nav.innerText(), /Event management[\s\S]*Webinar providers/i);
  assert.match(await page.locator('.banner.info').innerText(), /rarely need changing/);
  await screenshot(page, 'webinar-providers-list');
});

test('a bad URL shows an inline error before anything is sent', async () => {
  await signedIn('/settings/webinar-providers');
  await page.click('text=New');
  await page.waitForURL(/\/settings\/webinar-providers\/new$/);
  const posts = [];
  const onRequest = (r) => r.method() === 'POST' && posts.push(r.url());
  page.on('request', onRequest);
  await page.fill('#name', 'Acme Webinars');
  await page.fill('#maxDurationMinutes', '90');
  await page.fill('#termsOfServiceUrl', 'http://acme.example/terms');
  await page.fill('#privacyPolicyUrl', 'https://acme.example/privacy');
  await page.click('button[type=submit]');
  const error = page.locator('#termsOfServiceUrl-error');
  await error.filter({ hasText: 'must be an https URL' }).waitFor();
  assert.equal(await page.locator('#termsOfServiceUrl').getAttribute('aria-invalid'), 'true');
  page.off('request', onRequest);
  assert.deepEqual(posts, [], 'nothing is submitted while a field is invalid');
  await screenshot(page, 'webinar-provider-form-error');
});

test('creating a provider lists it; a duplicate name is refused by the server', async () => {
  await signedIn('/settings/webinar-providers/new');
  await page.fill('#name', 'Acme Webinars');
  await page.fill('#maxDurationMinutes', '90');
  await page.fill('#termsOfServiceUrl', 'https://acme.example/terms');
  await page.fill('#privacyPolicyUrl', 'https://acme.example/privacy');
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings/webinar-providers`);
  await providerRow('Acme Webinars').waitFor();

  await page.click('text=New');
  await page.fill('#name', 'acme webinars');
  await page.fill('#maxDurationMinutes', '60');
  await page.fill('#termsOfServiceUrl', 'https://acme.example/terms');
  await page.fill('#privacyPolicyUrl', 'https://acme.example/privacy');
  await page.click('button[type=submit]');
  await page.locator('#name-error').filter({ hasText: 'already used' }).waitFor();
});

test('editing survives a reload and shows on the list', async () => {
  const { name } = await aProvider('Edited Webinars');
  await signedIn('/settings/webinar-providers');
  await providerRow(name).locator('a').first().click();
  await page.waitForURL(/\/settings\/webinar-providers\/[0-9a-f-]{36}$/);
  await page.reload();
  await page.waitForFunction((n) => document.querySelector('#name')?.value === n, name);
  assert.equal(await page.inputValue('#name'), name);
  assert.equal(await page.inputValue('#maxDurationMinutes'), '90');
  const globe = page.locator('a.globe').first();
  assert.equal(await globe.getAttribute('target'), '_blank');
  await screenshot(page, 'webinar-provider-form');

  await page.fill('#maxDurationMinutes', '120');
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings/webinar-providers`);
  await providerRow(name).filter({ hasText: '120' }).waitFor();
});

test('deleting asks for confirmation; ON24 offers no delete', async () => {
  const { name } = await aProvider('Deleted Webinars');
  await signedIn('/settings/webinar-providers');
  await providerRow('ON24').locator('a').first().click();
  await page.waitForURL(/\/webinar-providers\/on24$/);
  // Once the record is loaded (the name is filled in), there is still no Delete.
  await page.waitForFunction(() => document.querySelector('#name')?.value === 'ON24');
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);

  await page.goto(`${server.url}/settings/webinar-providers`);
  await providerRow(name).locator('a').first().click();
  await page.waitForURL(/[0-9a-f-]{36}$/);
  // The inputs show before the record is loaded: wait for its name.
  await page.waitForFunction((n) => document.querySelector('#name')?.value === n, name);
  const deletes = [];
  const onRequest = (r) => r.method() === 'DELETE' && deletes.push(r.url());
  page.on('request', onRequest);
  // Dismissing the confirmation keeps the record.
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Delete' }).click();
  assert.match(page.url(), /[0-9a-f-]{36}$/);
  page.once('dialog', (d) => {
    assert.match(d.message(), /Delete the webinar provider/);
    d.accept();
  });
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(`${server.url}/settings/webinar-providers`);
  page.off('request', onRequest);
  // The address read right after the dismissal could not show a delete still on its way; by
  // now, once the accepted one has been answered, such a request would be listed.
  assert.equal(deletes.length, 1, 'only the accepted Delete is sent');
  await providerRow('ON24').waitFor();
  assert.equal(await providerRow(name).count(), 0);
});

test('a session that ended meanwhile signs out at the next answer, whatever page gets it', async () => {
  // The form handles no 401 itself: the SPA's API layer signs out on any 401 answer.
  await page.goto(`${server.url}/settings/webinar-providers/on24`);
  await page.waitForFunction(() => document.querySelector('#name')?.value === 'ON24');
  await context.clearCookies();
  await page.fill('#maxDurationMinutes', '241');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/sign-in\?next=%2Fsettings%2Fwebinar-providers%2Fon24$/);
  await page.fill('#password', server.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/settings/webinar-providers/on24`);
  await page.waitForFunction(() => document.querySelector('#name')?.value === 'ON24');
  assert.equal(await page.inputValue('#maxDurationMinutes'), '240', 'the refused save changed nothing');
});

test('signing out returns to the sign-in page and ends the session', async () => {
  await signedIn('/settings');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  await page.goto(`${server.url}/settings`);
  await page.waitForURL(/\/sign-in\?next=%2Fsettings/);
});

// Settings › Team › Audit log and Settings › Data › Data retention in headless Chromium: a
// change made in the app is found in the log with its value before and after, the filters
// (in the page's address) narrow it, the CSV link carries them and answers CSV, a filter the
// API cannot read is named under it; retention is refused out of range, saved, read back
// after a reload and logged; an event planner has neither page. Each test makes what it
// needs, so any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot, signedInPage } from '../support/browser.mjs';
import { newEvent } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

const PASSWORD = 'correct horse battery staple';
const tag = () => randomBytes(4).toString('hex');
const today = () => new Date().toISOString().slice(0, 10);
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

const entries = () => page.getByTestId('audit-entry');
/** The audit log's own reads, as paths with their query strings. */
function watchReads(p) {
  const reads = [];
  p.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/admin/audit-log') reads.push(url.pathname + url.search);
  });
  return reads;
}

test('Settings lists the audit log under Team and data retention under Data', async () => {
  await page.goto(`${server.url}/settings`);
  const group = (name) =>
    page.locator('section.overview-group').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await group('Team').waitFor();
  assert.deepEqual(await group('Team').locator('li > a').allInnerTexts(), ['Users', 'Audit log']);
  assert.deepEqual(await group('Data').locator('li > a').allInnerTexts(), ['Data retention']);
  const nav = await page.locator('nav.sidebar a').allInnerTexts();
  assert.ok(nav.includes('Audit log') && nav.includes('Data retention'), nav.join(', '));
});

test('a change made in the app is in the audit log with before → after, filtered, and exported as CSV', async () => {
  const event = await newEvent(api, { name: `Audited ${tag()}` });
  const renamed = `${event.name} renamed`;
  await page.goto(`${server.url}/events/${event.id}`);
  await page.getByRole('heading', { name: event.name, level: 1 }).waitFor();
  assert.equal(await page.inputValue('#name'), event.name);
  await page.fill('#name', renamed);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  await page.locator('nav.sidebar').getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.waitForURL(`${server.url}/settings/audit-log`);
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  // Unfiltered, the administrator's sign-in is there too.
  await entries().filter({ hasText: 'Sign-in' }).first().waitFor();
  const change = entries().filter({ hasText: renamed }).filter({ hasText: 'Changed' });
  await change.waitFor();
  const text = await change.innerText();
  assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  assert.match(text, /\badmin\b/);
  assert.match(text, /Event/);
  assert.ok(text.includes(`name: ${event.name} → ${renamed}`), text);

  // By record type: only events, and the address says so.
  const reads = watchReads(page);
  await page.selectOption('#audit-record-type', 'event');
  await page.waitForURL(/\/settings\/audit-log\?recordType=event$/);
  await entries().filter({ hasText: renamed }).first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(reads.some((r) => r.includes('recordType=event')), reads.join(' '));
  const types = await page.locator('[data-testid=audit-entry] .record-type').allInnerTexts();
  assert.ok(types.length > 0 && types.every((t) => t === 'Event'), types.join(', '));

  // By user name (applied on Enter) and by day.
  await page.fill('#audit-user', 'admin');
  await page.press('#audit-user', 'Enter');
  await page.waitForURL(/\?user=admin&recordType=event$/);
  await page.fill('#audit-from', today());
  await page.fill('#audit-to', today());
  await page.waitForURL(new RegExp(`from=${today()}&to=${today()}$`));
  await entries().filter({ hasText: renamed }).first().waitFor();
  await screenshot(page, 'audit/filtered');

  const csv = page.getByTestId('export-csv');
  const href = await csv.getAttribute('href');
  assert.equal(href, `/api/admin/audit-log.csv?user=admin&recordType=event&from=${today()}&to=${today()}`);
  const answer = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }, href);
  assert.equal(answer.status, 200);
  assert.match(answer.type, /^text\/csv/);
  const lines = answer.text.split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'at,user,action,recordType,recordId,recordName,changes');
  assert.ok(lines.slice(1).every((l) => l.includes(',admin,') && l.includes(',event,')), answer.text);
  assert.ok(lines.some((l) => l.includes(`name: ${event.name} → ${renamed}`)), answer.text);

  // A day before today has none of it; clearing the filters brings everything back.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.fill('#audit-to', yesterday);
  await page.fill('#audit-from', yesterday);
  await page.getByText('No entry matches these filters.').waitFor();
  assert.equal(await entries().count(), 0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL(`${server.url}/settings/audit-log`);
  await entries().filter({ hasText: 'Sign-in' }).first().waitFor();
  assert.equal(await csv.getAttribute('href'), '/api/admin/audit-log.csv');
});

test('a filter the API cannot read is named under that filter', async () => {
  await page.goto(`${server.url}/settings/audit-log?from=2026-13-01&recordType=nothing`);
  await page.getByTestId('audit-error').waitFor();
  assert.equal(await page.locator('#from-error').innerText(), 'must be a date YYYY-MM-DD');
  assert.equal(await page.locator('#recordType-error').innerText(), 'is not a record type');
  assert.equal(await page.locator('#to-error').innerText(), '');
  assert.equal(await entries().count(), 0);
  await screenshot(page, 'audit/filter-error');
  await page.selectOption('#language', 'fr');
  await page.locator('#from-error').filter({ hasText: 'doit être une date AAAA-MM-JJ' }).waitFor();
  await page.selectOption('#language', 'en');
});

test('retention is refused out of range, saved, read back after a reload, and logged', async () => {
  assert.equal((await api.put('/api/admin/retention', { months: null })).status, 200);
  const puts = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/admin/retention') puts.push(r.url());
  });
  await page.goto(`${server.url}/settings`);
  await page.locator('nav.sidebar').getByRole('link', { name: 'Data retention', exact: true }).click();
  await page.waitForURL(`${server.url}/settings/retention`);
  const inForce = page.getByTestId('retention-in-force');
  await inForce.filter({ hasText: 'In force: off.' }).waitFor();
  assert.equal(await page.isChecked('input[name=retention][value=off]'), true);
  assert.equal(await page.locator('#months').isDisabled(), true, 'no months while off');
  await page.getByText('the audit log records how many were erased, never whose').waitFor();

  await page.check('input[name=retention][value=erase]');
  for (const months of ['0', '121']) {
    await page.fill('#months', months);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#months-error').filter({ hasText: 'must be a whole number from 1 to 120' }).waitFor();
    assert.equal(await page.locator('#months').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('form-error').waitFor();
  }
  assert.deepEqual(puts, [], 'nothing is sent out of range');
  assert.equal((await api.get('/api/admin/retention')).body.months, null);
  await screenshot(page, 'retention/refused');

  await page.fill('#months', '24');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await inForce.filter({ hasText: 'more than 24 months ago is erased' }).waitFor();
  assert.equal(await page.locator('#months-error').innerText(), '');
  assert.equal(puts.length, 1);
  assert.equal((await api.get('/api/admin/retention')).body.months, 24);

  await page.reload();
  await inForce.filter({ hasText: '24 months' }).waitFor();
  assert.equal(await page.isChecked('input[name=retention][value=erase]'), true);
  assert.equal(await page.inputValue('#months'), '24');
  await screenshot(page, 'retention/saved');

  await page.goto(`${server.url}/settings/audit-log?recordType=retention`);
  await entries().filter({ hasText: 'months: — → 24' }).first().waitFor();

  await page.goto(`${server.url}/settings/retention`);
  await inForce.filter({ hasText: '24 months' }).waitFor();
  await page.check('input[name=retention][value=off]');
  await page.getByRole('button', { name: 'Save' }).click();
  await inForce.filter({ hasText: 'In force: off.' }).waitFor();
  assert.equal((await api.get('/api/admin/retention')).body.months, null);
  assert.equal(await page.inputValue('#months'), '');
});

test('an event planner has no audit log or retention entry and is refused both pages', async () => {
  const username = `planner-${tag()}`;
  const created = await api.post('/api/admin/users', { username, role: 'event_planner', password: PASSWORD });
  assert.equal(created.status, 201, created.text);
  const own = await launchBrowser();
  try {
    const planner = await own.newPage();
    planner.setDefaultTimeout(15_000);
    planner.on('pageerror', (e) => pageErrors.push(e.message));
    const asked = [];
    planner.on('request', (r) => {
      const { pathname } = new URL(r.url());
      if (/^\/api\/admin\/(audit-log|retention)/.test(pathname)) asked.push(pathname);
    });
    await planner.goto(`${server.url}/sign-in`);
    await planner.fill('#username', username);
    await planner.fill('#password', PASSWORD);
    await planner.click('button[type=submit]');
    await planner.waitForURL(`${server.url}/events`);
    assert.deepEqual(await planner.locator('nav.sidebar a').allInnerTexts(), ['Events', 'Contacts']);

    for (const path of ['/settings/audit-log', '/settings/retention']) {
      await planner.goto(`${server.url}${path}`);
      await planner.getByTestId('no-access').filter({ hasText: 'Your role does not include Settings.' }).waitFor();
      assert.equal(await planner.getByTestId('audit-table').count(), 0);
      assert.equal(await planner.getByTestId('retention-form').count(), 0);
    }
    await planner.waitForLoadState('networkidle');
    assert.deepEqual(asked, [], 'the refused pages ask the API nothing');
    const statuses = await planner.evaluate(async () =>
      Promise.all(['/api/admin/audit-log', '/api/admin/retention'].map(async (u) => (await fetch(u)).status)),
    );
    assert.deepEqual(statuses, [403, 403]);
  } finally {
    await own.close();
  }
});

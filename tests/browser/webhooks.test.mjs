// Settings › Integrations › Webhooks in headless Chromium, against a receiver on a local
// port: a bad address and no event type refused inline before sending, and the API's own
// field errors shown beside their fields; creating shows the signing secret once (not after
// a reload); "Send test" makes the receiver get a webhook.test message whose signature
// verifies with the secret the page showed, and the log shows it delivered by itself;
// "Resend" sends the same message again; a refused attempt shows its answer and error, then
// its retry delivered; rotating shows a new secret that signs from then on; an inactive
// webhook's test logged as not sent; deleting; an event planner has no Webhooks entry and is
// refused the pages. Each test makes what it needs, so any one runs alone.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot, signedInPage } from '../support/browser.mjs';
import { client, must, startWorker } from '../support/server.mjs';
import { startReceiver, verify } from '../support/webhook-receiver.mjs';
import { until } from '../support/webinar.mjs';

const HOOKS = '/api/admin/webhooks';
const PASSWORD = 'correct horse battery staple';
const tag = () => randomBytes(4).toString('hex');
let server;
let api;
let receiver;
let context;
let page;
const pageErrors = [];

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  receiver = await startReceiver();
  ({ context, page } = await signedInPage(server, pageErrors));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

after(async () => {
  await context?.close();
  await receiver?.stop();
  await server?.stop();
});

afterEach(() => {
  receiver.answer = () => 204;
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

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

/** The paths and methods of the webhook requests the page makes, from now on. */
function watchRequests(p = page) {
  const seen = [];
  p.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith(HOOKS)) seen.push(`${r.method()} ${pathname}`);
  });
  return seen;
}

/** A webhook to the receiver made through the admin API, its page open: `{ endpoint, secret }`. */
async function openWebhook(description, events = ['registration.created']) {
  const created = await must(api.post(HOOKS, { url: receiver.url, description, events }), 201, 'webhook');
  await page.goto(`${server.url}/settings/webhooks/${created.endpoint.id}`);
  await page.getByRole('heading', { name: description, level: 1 }).waitFor();
  return created;
}

const rows = () => page.getByTestId('delivery-row');
/** The log's rows of message `id`. */
const rowsOf = (id) => rows().filter({ has: page.getByTestId('delivery-message-id').filter({ hasText: id }) });
/** The message id in a queued note ("Test message msg_… queued"). */
async function queuedId() {
  const note = await page.getByTestId('delivery-note').innerText();
  const id = note.match(/msg_\w+/)?.[0];
  assert.ok(id, note);
  return id;
}

test('Settings lists Webhooks under Integrations', async () => {
  await page.goto(`${server.url}/settings`);
  const group = page
    .locator('section.overview-group')
    .filter({ has: page.getByRole('heading', { name: 'Integrations', exact: true }) });
  await group.waitFor();
  assert.deepEqual(await group.locator('li > a').allInnerTexts(), ['Webhooks']);
  const sidebar = await page.locator('nav.sidebar a').allInnerTexts();
  assert.ok(sidebar.includes('Webhooks'), sidebar.join(', '));
});

test('a bad address is refused inline; creating shows the secret once, with how to verify it', async () => {
  const requests = watchRequests();
  const writes = () => requests.filter((r) => !r.startsWith('GET '));
  await page.goto(`${server.url}/settings`);
  await page.locator('nav.sidebar').getByRole('link', { name: 'Webhooks', exact: true }).click();
  await page.waitForURL(`${server.url}/settings/webhooks`);
  await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'New webhook' }).click();
  await page.waitForURL(/\/settings\/webhooks\/new$/);

  await page.fill('#url', 'crm.example.com/hooks');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#url-error').filter({ hasText: 'must be an absolute URL' }).waitFor();
  assert.equal(await page.locator('#url').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#events-error').innerText(), 'needs at least one event type');
  await page.getByTestId('form-error').waitFor();
  await screenshot(page, 'webhooks/refused');
  assert.deepEqual(writes(), [], 'nothing is sent while a field is refused');

  const description = `CRM ${tag()}`;
  await page.fill('#url', receiver.url);
  await page.fill('#description', description);
  await page.check('#event-registration-created');
  await page.check('#event-contact-erased');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/settings\/webhooks\/(?!new$)[^/]+$/);
  await page.getByRole('heading', { name: description, level: 1 }).waitFor();
  assert.deepEqual(writes(), [`POST ${HOOKS}`]);
  const id = new URL(page.url()).pathname.split('/').at(-1);

  const secret = (await page.getByTestId('issued-secret').innerText()).trim();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  await page.getByText('it will not be shown again').waitFor();
  const how = await page.getByTestId('verify-help').innerText();
  for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) assert.ok(how.includes(header), how);
  assert.equal(await page.locator('#url-error').innerText(), '');
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByTestId('copy-result').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await screenshot(page, 'webhooks/issued-secret');

  const saved = await must(api.get(`${HOOKS}/${id}`), 200, 'read back');
  assert.equal(saved.url, receiver.url);
  assert.equal(saved.description, description);
  assert.deepEqual(saved.events, ['registration.created', 'contact.erased']);
  assert.equal(saved.active, true);

  // Not shown again: not after a reload, and not in the list.
  await page.reload();
  await page.getByRole('heading', { name: description, level: 1 }).waitFor();
  assert.equal(await page.getByTestId('issued-secret').count(), 0);
  assert.equal((await page.content()).includes(secret), false);
  assert.equal(await page.locator('#event-registration-created').isChecked(), true);
  assert.equal(await page.locator('#event-registration-cancelled').isChecked(), false);
  await page.locator('nav.sidebar').getByRole('link', { name: 'Webhooks', exact: true }).click();
  const row = page.getByTestId('webhook-row').filter({ hasText: description });
  await row.waitFor();
  const text = await row.innerText();
  for (const part of [receiver.url, 'Registration created', 'Contact erased', 'Active']) assert.ok(text.includes(part), text);
  assert.ok(!text.includes('Registration cancelled'), text);
  assert.equal((await page.content()).includes(secret), false);
});

test("the API's field errors are shown beside their fields, an event type's beside its box", async () => {
  const { endpoint } = await openWebhook(`Refused ${tag()}`);
  await page.check('#event-contact-erased');
  // What the page sends is changed on its way, as if it had sent an address the API refuses
  // and one event type twice: the API's answer names `url` and `events[1]`, the second name
  // the page sent (contact.erased).
  const path = `${HOOKS}/${endpoint.id}`;
  await page.route(`**${path}`, (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    const body = JSON.parse(route.request().postData());
    assert.deepEqual(body.events, ['registration.created', 'contact.erased']);
    return route.continue({
      postData: JSON.stringify({ ...body, url: 'ftp://crm.example.com/hooks', events: [body.events[0], body.events[0]] }),
    });
  });
  try {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#event-contact-erased-error').filter({ hasText: 'is listed twice' }).waitFor();
    assert.match(await page.locator('#url-error').innerText(), /must be an https URL/);
    assert.equal(await page.locator('#event-registration-created-error').innerText(), '');
    assert.equal(await page.locator('#event-contact-erased').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('form-error').waitFor();
    await screenshot(page, 'webhooks/api-field-errors');
    await page.selectOption('#language', 'fr');
    await page.locator('#event-contact-erased-error').filter({ hasText: 'figure deux fois' }).waitFor();
    await page.selectOption('#language', 'en');
  } finally {
    await page.unroute(`**${path}`);
  }
  assert.deepEqual((await must(api.get(path), 200, 'unchanged')).events, ['registration.created']);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await page.locator('#url-error').innerText(), '');
  assert.deepEqual((await must(api.get(path), 200, 'saved')).events, ['registration.created', 'contact.erased']);
});

test('rotating shows a new secret; "Send test" is signed with it and logged as delivered; "Resend" sends it again', async () => {
  const description = `Tested ${tag()}`;
  const { endpoint, secret: first } = await openWebhook(description);
  await page.getByText('Nothing has been sent to this webhook yet.').waitFor();

  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  assert.equal(await page.getByTestId('issued-secret').count(), 0, 'a dismissed question rotates nothing');
  const question = acceptNextDialog();
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  assert.match(await question, /old secret stops signing at once/);
  const shown = (await page.getByTestId('issued-secret').innerText()).trim();
  assert.match(shown, /^whsec_/);
  assert.notEqual(shown, first);
  receiver.secret = shown;

  await page.getByRole('button', { name: 'Send test' }).click();
  await page.getByTestId('delivery-note').filter({ hasText: 'queued' }).waitFor();
  const id = await queuedId();
  const [got] = await until(() => receiver.withId(id).length > 0 && receiver.withId(id), 'the test message', 15_000);
  assert.equal(JSON.parse(got.body).type, 'webhook.test');
  assert.equal(JSON.parse(got.body).data.endpointId, endpoint.id);
  assert.ok(got.verified, 'signed with the secret the page showed');
  assert.ok(!verify(first, got.headers, got.body), 'not with the one before the rotation');

  // The log reads itself again until the attempt is there: no Refresh.
  const delivered = rowsOf(id).filter({ hasText: 'Delivered' });
  await delivered.waitFor();
  const text = await delivered.innerText();
  assert.match(text, /Test message/);
  assert.match(text, /webhook\.test/);
  assert.match(await delivered.getByTestId('delivery-answer').innerText(), /^2\d\d$/);
  assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await screenshot(page, 'webhooks/delivered');

  await rowsOf(id).first().getByRole('button', { name: 'Resend' }).click();
  await page.getByTestId('delivery-note').filter({ hasText: 'queued again' }).waitFor();
  await until(() => receiver.withId(id).length === 2, 'the message sent again', 15_000);
  assert.ok(receiver.withId(id)[1].verified);
  await until(async () => (await rowsOf(id).count()) === 2, 'its second attempt in the log', 15_000);
  assert.equal(await rowsOf(id).filter({ hasText: 'Delivered' }).count(), 2);

  await page.getByRole('button', { name: 'I have stored the secret' }).click();
  assert.equal(await page.getByTestId('issued-secret').count(), 0);
  assert.equal((await page.content()).includes(shown), false);
});

test('an attempt the receiver refuses shows its answer and error, then its retry delivered', async () => {
  const { secret } = await openWebhook(`Refusing ${tag()}`);
  receiver.secret = secret;
  let refusals = 0;
  receiver.answer = () => (refusals++ < 1 ? 503 : 204);
  await page.getByRole('button', { name: 'Send test' }).click();
  await page.getByTestId('delivery-note').filter({ hasText: 'queued' }).waitFor();
  const id = await queuedId();
  // The first attempt, refused; then, without Refresh, the retry a second later.
  const retrying = rowsOf(id).filter({ hasText: 'Retrying' });
  await retrying.waitFor();
  assert.equal(await retrying.getByTestId('delivery-answer').innerText(), '503');
  assert.match(await retrying.innerText(), /The receiver answered 503/);
  await rowsOf(id).filter({ hasText: 'Delivered' }).waitFor();
  assert.deepEqual(receiver.withId(id).map((r) => r.status), [503, 204]);
  await screenshot(page, 'webhooks/retried');

  await page.getByRole('button', { name: 'Refresh' }).click();
  assert.equal(await rowsOf(id).count(), 2);
});

test('an inactive webhook is sent nothing, its test logged as not sent; deleting asks first', async () => {
  const description = `Paused ${tag()}`;
  const { endpoint } = await openWebhook(description);
  await page.uncheck('#active');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('inactive-note').waitFor();
  assert.equal((await must(api.get(`${HOOKS}/${endpoint.id}`), 200, 'read')).active, false);

  await page.getByRole('button', { name: 'Send test' }).click();
  await page.getByTestId('delivery-note').filter({ hasText: 'queued' }).waitFor();
  const id = await queuedId();
  const skipped = rowsOf(id).filter({ hasText: 'Not sent' });
  await skipped.waitFor();
  assert.match(await skipped.innerText(), /The webhook is inactive\./);
  assert.equal(await skipped.getByTestId('delivery-answer').innerText(), '—');
  assert.deepEqual(receiver.withId(id), []);

  await page.locator('nav.sidebar').getByRole('link', { name: 'Webhooks', exact: true }).click();
  const row = page.getByTestId('webhook-row').filter({ hasText: description });
  await row.filter({ hasText: 'Inactive' }).waitFor();
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: description, level: 1 }).waitFor();

  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Delete' }).click();
  assert.equal((await api.get(`${HOOKS}/${endpoint.id}`)).status, 200, 'kept when the question is dismissed');
  const question = acceptNextDialog();
  await page.getByRole('button', { name: 'Delete' }).click();
  assert.match(await question, /Delete the webhook to/);
  await page.waitForURL(`${server.url}/settings/webhooks`);
  await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByTestId('webhook-row').filter({ hasText: description }).count(), 0);
  assert.equal((await api.get(`${HOOKS}/${endpoint.id}`)).status, 404);
});

test('an event planner has no Webhooks entry and is refused the pages', async () => {
  const { endpoint } = await must(
    api.post(HOOKS, { url: receiver.url, description: 'Not theirs', events: ['contact.erased'] }),
    201,
    'webhook',
  );
  const username = `planner-${tag()}`;
  await must(api.post('/api/admin/users', { username, role: 'event_planner', password: PASSWORD }), 201, 'planner');
  const own = await launchBrowser();
  try {
    const planner = await own.newPage();
    planner.setDefaultTimeout(15_000);
    planner.on('pageerror', (e) => pageErrors.push(e.message));
    const asked = watchRequests(planner);
    await planner.goto(`${server.url}/sign-in`);
    await planner.fill('#username', username);
    await planner.fill('#password', PASSWORD);
    await planner.click('button[type=submit]');
    await planner.waitForURL(`${server.url}/events`);
    assert.deepEqual(await planner.locator('nav.sidebar a').allInnerTexts(), ['Events', 'Contacts']);

    for (const path of ['/settings/webhooks', `/settings/webhooks/${endpoint.id}`]) {
      await planner.goto(`${server.url}${path}`);
      await planner.getByTestId('no-access').filter({ hasText: 'Your role does not include Settings.' }).waitFor();
      assert.equal(await planner.getByRole('heading', { name: 'Webhooks' }).count(), 0);
      assert.equal(await planner.getByTestId('delivery-log').count(), 0);
    }
    await planner.waitForLoadState('networkidle');
    assert.deepEqual(asked, [], 'the refused pages ask the API nothing');
    const statuses = await planner.evaluate(
      async (paths) => Promise.all(paths.map(async (u) => (await fetch(u)).status)),
      [HOOKS, `${HOOKS}/${endpoint.id}/deliveries`],
    );
    assert.deepEqual(statuses, [403, 403]);
  } finally {
    await own.close();
  }
});

// Webinar configurations end to end in headless Chromium, with the ON24 simulator. Each test
// makes through the admin API the configuration it needs and was not made in it, and every
// configuration is deleted after each test, so any one runs alone and finds an empty list.

import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { screenshot, signedInPage } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';

const GOOD = { clientId: '4242', accessTokenKey: 'browser-key', accessTokenSecret: 'browser-secret' };
const CONFIGS = '/api/admin/webinar-configurations';
let sim;
let server;
let api;
let context;
let page;
const pageErrors = [];

before(async () => {
  sim = await startSim({ credentials: [GOOD] });
  server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  ({ context, page } = await signedInPage(server, pageErrors));
});

after(async () => {
  await context?.close();
  await server?.stop();
  await sim?.stop();
});

afterEach(async () => {
  for (const view of ['active', 'inactive']) {
    const listed = await api.get(`${CONFIGS}?view=${view}&pageSize=100`);
    assert.equal(listed.status, 200, listed.text);
    for (const { id } of listed.body.items) {
      const deleted = await api.del(`${CONFIGS}/${id}`);
      assert.equal(deleted.status, 204, deleted.text);
    }
  }
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

const tab = (name) => page.getByRole('tab', { name });

/**
 * A configuration named 'Marketing ON24' with the simulator's credentials, made and checked
 * (status OK) through the admin API; unless `active` is false, its terms are accepted and it
 * is activated. With `open`, its page is opened.
 */
async function marketing({ open = true, active = true } = {}) {
  const made = await api.post(CONFIGS, { name: 'Marketing ON24', providerId: 'on24', credentials: GOOD });
  assert.equal(made.status, 201, made.text);
  const checked = await api.request('POST', `${CONFIGS}/${made.body.id}/check`, { contentType: null });
  assert.equal(checked.status, 200, checked.text);
  assert.equal(checked.body.status, 'ok', checked.text);
  if (active) {
    for (const action of ['accept-terms', 'activate']) {
      const res = await api.request('POST', `${CONFIGS}/${made.body.id}/${action}`, { contentType: null });
      assert.equal(res.status, 200, res.text);
    }
  }
  if (open) {
    await page.goto(`${server.url}/settings/webinar-configurations/${made.body.id}`);
    await page.getByRole('heading', { name: 'Marketing ON24' }).waitFor();
  }
  return made.body;
}

test('create a configuration with credentials and press Check', async () => {
  await page.goto(`${server.url}/settings`);
  await page.click('nav.sidebar >> text=Webinar configurations');
  await page.waitForURL(`${server.url}/settings/webinar-configurations`);
  await page.click('text=New');
  await page.waitForURL(/webinar-configurations\/new$/);
  await page.fill('#name', 'Marketing ON24');
  await page.locator('#providerId option', { hasText: 'ON24' }).waitFor({ state: 'attached' });
  assert.equal(await page.inputValue('#providerId'), 'on24');

  // Creating: the credential fields show at once, with no "Update credentials?" question.
  await tab('Credentials').click();
  assert.equal(await page.getByText('Update credentials?').count(), 0);
  await page.fill('[id="credentials.clientId"]', GOOD.clientId);
  await page.fill('[id="credentials.accessTokenKey"]', GOOD.accessTokenKey);
  await page.fill('[id="credentials.accessTokenSecret"]', 'wrong-secret');
  // Check before saving uses the typed values.
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByTestId('check-result').filter({ hasText: 'Invalid credentials' }).waitFor();

  await page.fill('[id="credentials.accessTokenSecret"]', GOOD.accessTokenSecret);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/webinar-configurations\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Marketing ON24' }).waitFor();

  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByTestId('check-result').filter({ hasText: 'OK' }).waitFor();
  await tab('General').click();
  await page.getByTestId('service-status').filter({ hasText: 'OK' }).waitFor();
  assert.match(await page.locator('.readonly-group').last().innerText(), /on24\.com\/legal\/terms-of-service/);
  await screenshot(page, 'webinar-configuration-form');
});

test('accept the provider terms, then activate: the integration is on', async () => {
  await marketing({ active: false });
  // Created inactive: activation is refused until the terms are accepted.
  await page.getByText('Accept the provider\'s terms before activating it.').waitFor();
  await page.getByTestId('integration').filter({ hasText: 'Off' }).waitFor();
  await page.getByTestId('terms-acceptance').filter({ hasText: 'Not accepted yet.' }).waitFor();
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('alert').filter({ hasText: 'Accept terms' }).waitFor();

  // The provider's two current URLs open in new tabs, with the globe.
  const terms = page.getByRole('link', { name: 'Open the terms of service in a new tab' });
  const privacy = page.getByRole('link', { name: 'Open the privacy policy in a new tab' });
  assert.match(await terms.getAttribute('href'), /on24\.com\/legal\/terms-of-service/);
  assert.match(await privacy.getAttribute('href'), /on24\.com\/legal\/privacy-policy/);
  assert.equal(await terms.getAttribute('target'), '_blank');

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Accept terms' }).click();
  const acceptance = page.getByTestId('terms-acceptance');
  await acceptance.filter({ hasText: 'Accepted by admin' }).waitFor();
  assert.match(await acceptance.innerText(), /Accepted by admin on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  const accepted = page.getByRole('link', { name: 'Open the accepted privacy policy in a new tab' });
  assert.match(await accepted.getAttribute('href'), /on24\.com\/legal\/privacy-policy/);
  assert.equal(await page.getByRole('button', { name: 'Accept terms' }).count(), 0);
  await page.getByTestId('integration').filter({ hasText: 'The configuration is inactive' }).waitFor();

  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('button', { name: 'Deactivate' }).waitFor();
  await page.getByTestId('integration').filter({ hasText: /^On$/ }).waitFor();
  // The earlier refusal is not left on screen once an action succeeds.
  assert.equal(await page.getByRole('alert').filter({ hasText: 'cannot be activated yet' }).count(), 0);
  await screenshot(page, 'webinar-configuration-terms');
});

test('editing hides credentials behind "Update credentials?"', async () => {
  await marketing();
  await page.reload();
  await page.getByRole('heading', { name: 'Marketing ON24' }).waitFor();
  await tab('Credentials').click();
  await page.getByText('Credentials are set.').waitFor();
  assert.equal(await page.getByText('Update credentials?').isVisible(), true);
  assert.equal(await page.locator('[id="credentials.clientId"]').isVisible(), false);
  // Nothing stored is ever shown: the fields are empty when revealed.
  await page.getByLabel('Yes').check();
  assert.equal(await page.locator('[id="credentials.clientId"]').isVisible(), true);
  assert.equal(await page.inputValue('[id="credentials.accessTokenSecret"]'), '');
  assert.equal((await page.content()).includes(GOOD.accessTokenSecret), false);
  await page.getByLabel('No').check();
  assert.equal(await page.locator('[id="credentials.clientId"]').isVisible(), false);
});

test('deactivate, then find it in the inactive view', async () => {
  await marketing();
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByText('This configuration is inactive').waitFor();
  await page.goto(`${server.url}/settings/webinar-configurations`);
  await page.getByText('No webinar configurations in this view.').waitFor();
  await page.click('text=Inactive webinar configurations');
  await page.waitForURL(/view=inactive/);
  const row = page.locator('table.grid tbody tr', { hasText: 'Marketing ON24' });
  await row.waitFor();
  assert.match(await row.innerText(), /OK/);
  await screenshot(page, 'webinar-configurations-inactive');
  await row.getByRole('button', { name: 'Activate' }).click();
  await page.getByText('No webinar configurations in this view.').waitFor();
});

test('delete from the list, after confirming', async () => {
  await marketing({ open: false });
  await page.goto(`${server.url}/settings/webinar-configurations`);
  const row = page.locator('table.grid tbody tr', { hasText: 'Marketing ON24' });
  const deletes = [];
  const onRequest = (r) => r.method() === 'DELETE' && deletes.push(r.url());
  page.on('request', onRequest);
  page.once('dialog', (d) => d.dismiss());
  await row.getByRole('button', { name: 'Delete' }).click();
  assert.equal(await row.count(), 1);
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('No webinar configurations in this view.').waitFor();
  page.off('request', onRequest);
  // The row counted right after the dismissal would still be there with a delete on its way;
  // by now, once the accepted one has been answered, such a request would be listed.
  assert.equal(deletes.length, 1, 'only the accepted Delete is sent');
});

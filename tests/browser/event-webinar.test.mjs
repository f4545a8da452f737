// An event's webinar in headless Chromium, with the ON24 simulator: "Create webinar" on the
// event page, the provider's links with the globe, and the provider's copy shown as
// differing after a rename.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { screenshot, signedInPage } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';

const GOOD = { clientId: '6161', accessTokenKey: 'page-key', accessTokenSecret: 'page-secret' };
let sim;
let server;
let context;
let page;
let eventId;
const pageErrors = [];

before(async () => {
  sim = await startSim({ credentials: [GOOD] });
  server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
  // The configuration and the event are set up through the API; the page does the rest.
  const api = client(server);
  await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password: server.password } });
  const config = await api.request('POST', '/api/admin/webinar-configurations', {
    json: { name: 'Page webinars', providerId: 'on24', credentials: GOOD },
  });
  await api.request('POST', `/api/admin/webinar-configurations/${config.body.id}/accept-terms`);
  await api.request('POST', `/api/admin/webinar-configurations/${config.body.id}/activate`);
  const event = await api.request('POST', '/api/admin/events', {
    json: {
      name: 'Product webinar', start: '2026-06-01T14:30', end: '2026-06-01T15:30',
      timeZone: 'Europe/Paris', format: 'webinar', webinarConfigurationId: config.body.id,
    },
  });
  assert.equal(event.status, 201, event.text);
  eventId = event.body.id;

  ({ context, page } = await signedInPage(server, pageErrors));
});

after(async () => {
  await context?.close();
  await server?.stop();
  await sim?.stop();
});

test('create the webinar from the event page and see its links', async () => {
  await page.goto(`${server.url}/events/${eventId}`);
  await page.getByRole('heading', { name: 'Webinar at the provider' }).waitFor();
  await page.getByRole('button', { name: 'Create webinar' }).click();
  const id = page.getByTestId('provider-event-id');
  await id.waitFor();
  assert.match(await id.innerText(), /^\d+$/);
  const audience = page.getByRole('link', { name: 'Open the audience URL in a new tab' });
  assert.equal(await audience.getAttribute('href'), `${sim.url}/wcc/e/${await id.innerText()}`);
  assert.equal(await audience.getAttribute('target'), '_blank');
  const preview = page.getByRole('link', { name: 'Open the preview URL in a new tab' });
  assert.match(await preview.getAttribute('href'), /\/wcc\/p\/\d+$/);
  assert.equal(await page.getByRole('button', { name: 'Create webinar' }).count(), 0);
  assert.equal(await page.getByTestId('provider-copy').count(), 0);
  await screenshot(page, 'event-webinar');
});

test('a renamed event shows that the provider copy differs', async () => {
  await page.fill('#name', 'Product webinar (new name)');
  await page.getByRole('button', { name: 'Save' }).click();
  const differs = page.getByTestId('provider-copy');
  await differs.waitFor();
  assert.match(await differs.innerText(), /provider's copy differs: name changed.*change it at the provider/);
  await screenshot(page, 'event-webinar-differs');
  assert.deepEqual(pageErrors, []);
});

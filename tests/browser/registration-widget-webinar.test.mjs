// The registration widget for a webinar, in headless Chromium with the ON24 simulator: the
// confirmation first says that the organizer will send the join link (the registration is
// not at the provider yet), then shows the attendee's own join link once the provider has
// given it (the widget asks again with the same idempotency key, which answers with it).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { newEvent, newWebApplication } from '../support/seed.mjs';
import { serveSite } from '../support/site.mjs';
import { webinarSetup } from '../support/webinar.mjs';

const CREDENTIALS = { clientId: '7171', accessTokenKey: 'widget-key', accessTokenSecret: 'widget-secret' };
const tag = () => randomBytes(4).toString('hex');

let setup;
let site;
let context;
let event;

before(async () => {
  setup = await webinarSetup({ credentials: CREDENTIALS });
  const { api, server, configId } = setup;
  event = await newEvent(api, {
    name: `Widget webinar ${tag()}`, start: '2026-06-01T14:30', end: '2026-06-01T15:30',
    format: 'webinar', webinarConfigurationId: configId,
  });
  // Published, so its webinar was created with it.
  assert.ok(event.providerEventId, JSON.stringify(event));
  let token = '';
  site = await serveSite({
    '/': () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Webinar</title>
      <script type="module" src="${server.url}/widget/convene-registration.js"></script></head>
      <body><convene-registration event="${event.readableId}" token="${token}"></convene-registration></body></html>`,
  });
  ({ token } = await newWebApplication(api, [site.origin]));
  context = await launchBrowser();
});

after(async () => {
  await context?.close();
  await site?.close();
  await setup?.stop();
});

test("a webinar's confirmation shows the attendee's join link once the provider has given it", async () => {
  const tab = await context.newPage();
  await tab.goto(`${site.origin}/`);
  const email = `join-${tag()}@example.org`;
  await tab.getByLabel('Email').fill(email);
  await tab.getByLabel('First name').fill('Ada');
  await tab.getByLabel('Last name').fill('Lovelace');
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('You are registered.').waitFor();
  await tab.getByText('The organizer will send you your link to join the webinar.').waitFor();
  const link = tab.getByRole('link', { name: 'Join the webinar' });
  await link.waitFor({ timeout: 40_000 });
  const listed = await setup.api.get(`/api/admin/events/${event.id}/registrations?q=${encodeURIComponent(email)}`);
  const [registration] = listed.body.items;
  assert.equal(registration.syncState, 'synced');
  assert.ok(registration.joinUrl.startsWith(setup.sim.url), registration.joinUrl);
  assert.equal(await link.getAttribute('href'), registration.joinUrl);
  assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
  assert.equal(await tab.getByText('The organizer will send you').count(), 0, 'the link replaces the promise');
  await screenshot(tab, 'widget-webinar-join-link');
  await tab.close();
});

// The admin SPA on a phone-sized screen (375 px wide) and with the keyboard alone, in
// headless Chromium: sign in, skip the navigation, go to an event's registrations and
// register someone without the mouse, every focused control visibly outlined; and the main
// pages fit the width (wide tables scroll inside themselves, the page does not).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { newEvent } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

const WIDTH = 375;
const tag = () => randomBytes(4).toString('hex');
let server;
let api;
let context;
let page;
let event;
const pageErrors = [];

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  event = await newEvent(api, { name: `Pocket Summit ${tag()}`, capacity: 20 });
  const made = await api.post(`/api/admin/events/${event.id}/registrations`, {
    email: `someone-${tag()}@example.com`, firstName: 'Some', lastName: 'One', company: 'A company with a long name',
  });
  assert.equal(made.status, 201, made.text);
  context = await launchBrowser();
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize({ width: WIDTH, height: 740 });
});

after(async () => {
  await context?.close();
  await server?.stop();
});

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. The
 * element it stops on must show a visible outline. */
async function tabTo(selector, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    if (focused) {
      // The app's own focus outline (style/main.css), not only the browser's default ring.
      const { style, width } = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return { style: s.outlineStyle, width: s.outlineWidth };
      });
      assert.deepEqual({ style, width }, { style: 'solid', width: '2px' }, `${selector} shows its focus`);
      return;
    }
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** The page's width, and the elements that reach past `WIDTH` (to say what overflows). */
const pageWidth = () =>
  page.evaluate((width) => ({
    width: document.documentElement.scrollWidth,
    past: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`),
  }), WIDTH);

async function assertFits(what) {
  const { width, past } = await pageWidth();
  assert.ok(width <= WIDTH, `${what} is ${width} px wide: ${past.join(', ')}`);
}

test('sign in, skip the navigation and register someone with the keyboard alone, at 375 px', async () => {
  await page.goto(`${server.url}/sign-in`);
  await tabTo('#username');
  await page.keyboard.type('admin');
  await tabTo('#password');
  await page.keyboard.type(server.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.url}/settings`);

  // The first Tab stop is the skip link, shown when focused; Enter moves past the navigation.
  await tabTo('.skip-link', 1);
  const link = await page.locator('.skip-link').boundingBox();
  assert.ok(link && link.y >= 0 && link.x + link.width <= WIDTH, `skip link on screen: ${JSON.stringify(link)}`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  // From the page's region, Tab goes on into the page, not back into the navigation.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => Boolean(document.activeElement?.closest('main'))), true);

  await tabTo('nav a[href="/events"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.url}/events`);
  await tabTo(`a[href="/events/${event.id}"]`, 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.url}/events/${event.id}`);
  await page.getByRole('heading', { name: event.name }).waitFor();
  await tabTo(`a[href="/events/${event.id}/registrations"]`, 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.url}/events/${event.id}/registrations`);

  const email = `keys-${tag()}@example.com`;
  await tabTo('[data-testid="register-form"] #email', 80);
  await page.keyboard.type(email);
  await tabTo('[data-testid="register-form"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.getByTestId('registration-result').filter({ hasText: 'Registered: confirmed' }).waitFor();
  await page.getByTestId('registrations-table').getByText(email).first().waitFor();
  await assertFits('the registrations page');
  await screenshot(page, 'small-screen-registrations');
  assert.deepEqual(pageErrors, []);
});

test('the main pages fit 375 px: the navigation wraps, wide tables scroll inside themselves', async () => {
  for (const path of ['/settings', '/events', `/events/${event.id}`, '/contacts', '/settings/webinar-configurations', '/settings/web-applications']) {
    await page.goto(`${server.url}${path}`);
    await page.locator('main h1').first().waitFor();
    await assertFits(path);
  }
  await page.goto(`${server.url}/events`);
  const table = page.getByTestId('events-table');
  await table.waitFor();
  await screenshot(page, 'small-screen-events');
  assert.deepEqual(pageErrors, []);
});

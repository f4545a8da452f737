// The registration widget on the kinds of pages real event websites have, in headless
// Chromium, each page served from a second loopback origin listed for the application:
// French (from the page's or the element's `lang`), a strict Content-Security-Policy, the
// `<div data-convene-registration>` variant for site builders that strip custom elements,
// two widgets on one page, markup in every text the API gives (shown as text, never run),
// an event on its waitlist (said before anyone types; the place given) or closed, and an accessibility
// check (axe-core) of the form, its errors and its confirmation in both languages.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { newEvent, newWebApplication } from '../support/seed.mjs';
import { REPO_ROOT, client, startWorker } from '../support/server.mjs';
import { serveSite } from '../support/site.mjs';

const tag = () => randomBytes(4).toString('hex');
const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const MARKUP = '<b>bold</b><img src=x onerror="window.__ran=1">';

let server;
let api;
let site;
let context;
let token = '';
const events = {};

/** A page of an event website: `body` after the widget's module script. */
const page = (body, { lang = 'en', head = '' } = {}) => `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8"><title>Event website</title>
  <script type="module" src="${server.url}/widget/convene-registration.js"></script>
  ${head}
</head>
<body><main><h1>Join us</h1>${body}</main></body>
</html>`;

const widget = (event, extra = '') =>
  `<convene-registration event="${event.readableId}" token="${token}" ${extra}></convene-registration>`;

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  const made = async (path, body) => {
    const res = await api.post(path, body);
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  events.salon = await newEvent(api, { name: `Salon ${tag()}`, capacity: 100 });
  await made(`/api/admin/events/${events.salon.id}/sessions`, {
    name: 'Atelier', start: '2026-06-01T14:00', end: '2026-06-01T15:30',
  });
  events.yesNo = await made(`/api/admin/events/${events.salon.id}/registration-fields`, {
    text: 'Newsletter ?', questionType: 'boolean', required: true,
  });
  events.other = await newEvent(api, { name: `Second ${tag()}` });
  events.markup = await newEvent(api, { name: `Markup ${MARKUP}` });
  await made(`/api/admin/events/${events.markup.id}/sessions`, {
    name: `Session ${MARKUP}`, start: '2026-06-01T09:00', end: '2026-06-01T10:00',
  });
  await made(`/api/admin/events/${events.markup.id}/passes`, { name: `Pass ${MARKUP}`, capacity: null });
  await made(`/api/admin/events/${events.markup.id}/registration-fields`, {
    text: `Question ${MARKUP}`, questionType: 'single_choice', choices: [`Choice ${MARKUP}`, 'Plain'], required: false,
  });
  events.closed = await newEvent(api, { name: `Closed ${tag()}`, registrationClosed: true });
  events.waitlist = await newEvent(api, { name: `Waitlist ${tag()}`, capacity: 1, waitlistAllowed: true });
  await made(`/api/admin/events/${events.waitlist.id}/registrations`, { email: `first-${tag()}@example.org` });

  site = await serveSite({
    '/fr': () => page(widget(events.salon), { lang: 'fr' }),
    '/element-lang': () => page(widget(events.salon, 'lang="fr-CA"')),
    '/csp': () => ({
      // Only the site itself, and Convene for the widget's script, its WASM and its API calls.
      headers: {
        'content-security-policy': `default-src 'self'; script-src 'self' ${server.url} 'wasm-unsafe-eval'; connect-src 'self' ${server.url}`,
      },
      body: page(widget(events.salon), { head: '<script>window.__inline = 1;</script>' }),
    }),
    '/div': () => page(`<div data-convene-registration data-event="${events.salon.readableId}" data-token="${token}"></div>`),
    '/two': () => page(widget(events.salon) + widget(events.other)),
    '/markup': () => page(widget(events.markup)),
    '/closed': () => page(widget(events.closed)),
    '/waitlist': () => page(widget(events.waitlist)),
    // So that the browser's own request is no error in the console.
    '/favicon.ico': () => ({ headers: { 'content-type': 'image/x-icon' }, body: '' }),
  });
  ({ token } = await newWebApplication(api, [site.origin]));
  context = await launchBrowser();
});

after(async () => {
  await context?.close();
  await site?.close();
  await server?.stop();
});

async function open(path) {
  const tab = await context.newPage();
  tab.setDefaultTimeout(15_000);
  const errors = [];
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${site.origin}${path}`);
  return { tab, errors };
}

/** axe-core's serious and critical violations inside the widgets of `tab`. */
async function axeViolations(tab) {
  if (!(await tab.evaluate(() => 'axe' in window))) await tab.addScriptTag({ content: AXE });
  return tab.evaluate(async () => {
    const result = await window.axe.run(
      { include: [['convene-registration'], ['[data-convene-registration]']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function registrationsOf(event) {
  const res = await api.get(`/api/admin/events/${event.id}/registrations`);
  assert.equal(res.status, 200, res.text);
  return res.body.items;
}

test("in French from the page's lang: labels, dates, the API's rules, the confirmation; axe-clean throughout", async () => {
  const { tab, errors } = await open('/fr');
  await tab.getByRole('heading', { name: `Inscription : ${events.salon.name}` }).waitFor();
  assert.match(await tab.locator('convene-registration .when').textContent(), /^lundi 1 juin 2026.*09:00.*18:00 \(Europe\/Paris\)$/);
  assert.match(await tab.getByRole('group', { name: 'Sessions' }).textContent(), /Atelier — lun\. 1 juin.*14:00.*15:30/);
  assert.deepEqual(await axeViolations(tab), [], 'the French form');
  await tab.getByRole('button', { name: 'S’inscrire' }).click();
  await tab.getByText('E-mail : est obligatoire').waitFor();
  assert.equal(await tab.locator('#cv-summary').textContent(), 'Veuillez corriger les champs signalés ci-dessous.');
  await tab.getByText('Newsletter ? : est obligatoire').waitFor();
  assert.deepEqual(await axeViolations(tab), [], 'the French errors');
  await screenshot(tab, 'widget-fr-errors');

  const email = `fr-${tag()}@example.org`;
  await tab.getByLabel('E-mail').fill('pas une adresse');
  await tab.getByLabel('Prénom').fill('Ada');
  await tab.getByRole('radio', { name: 'Oui' }).check();
  await tab.getByRole('button', { name: 'S’inscrire' }).click();
  await tab.getByText('E-mail : doit être une adresse e-mail').waitFor();
  await tab.getByLabel('E-mail').fill(email);
  await tab.getByRole('button', { name: 'S’inscrire' }).click();
  await tab.getByText('Votre inscription est confirmée.').waitFor();
  assert.deepEqual(await axeViolations(tab), [], 'the French confirmation');
  await screenshot(tab, 'widget-fr-registered');
  const [registration] = (await registrationsOf(events.salon)).filter((r) => r.email === email);
  // The answer is the API's value, whatever language it was chosen in.
  assert.deepEqual(registration.responses, [{ id: events.yesNo.id, value: 'Yes' }]);
  assert.deepEqual(errors, []);
  await tab.close();
});

test("the element's own lang wins over the page's", async () => {
  const { tab } = await open('/element-lang');
  await tab.getByRole('heading', { name: `Inscription : ${events.salon.name}` }).waitFor();
  assert.equal(await tab.getByRole('button', { name: 'S’inscrire' }).count(), 1);
  await tab.close();
});

test('on a page whose Content-Security-Policy allows only its own origin, Convene and wasm-unsafe-eval', async () => {
  const { tab, errors } = await open('/csp');
  await tab.getByRole('heading', { name: `Register: ${events.salon.name}` }).waitFor();
  assert.equal(await tab.evaluate(() => window.__inline), undefined, 'the policy is in force: the inline script did not run');
  // The widget's own style sheet applies (a constructed sheet, which the policy allows).
  assert.equal(
    await tab.getByRole('button', { name: 'Register' }).evaluate((b) => getComputedStyle(b).backgroundColor),
    'rgb(37, 99, 235)',
  );
  const email = `csp-${tag()}@example.org`;
  await tab.getByLabel('Email').fill(email);
  await tab.getByRole('radio', { name: 'Yes' }).check();
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('You are registered.').waitFor();
  assert.equal((await registrationsOf(events.salon)).filter((r) => r.email === email).length, 1);
  // The only refusal is the page's own inline script.
  assert.deepEqual(
    errors.filter((e) => !e.includes("Executing inline script violates")),
    [],
  );
  await tab.close();
});

test('the div variant, for site builders that strip custom elements; axe-clean in English', async () => {
  const { tab, errors } = await open('/div');
  await tab.getByRole('heading', { name: `Register: ${events.salon.name}` }).waitFor();
  assert.deepEqual(await axeViolations(tab), [], 'the form');
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('Email is required').waitFor();
  assert.deepEqual(await axeViolations(tab), [], 'the errors');
  const email = `div-${tag()}@example.org`;
  await tab.getByLabel('Email').fill(email);
  await tab.getByRole('radio', { name: 'No' }).check();
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('You are registered.').waitFor();
  assert.deepEqual(await axeViolations(tab), [], 'the confirmation');
  assert.equal((await registrationsOf(events.salon)).filter((r) => r.email === email).length, 1);
  assert.deepEqual(errors, []);
  await tab.close();
});

test('two widgets on one page work independently', async () => {
  const { tab, errors } = await open('/two');
  const [first, second] = [tab.locator('convene-registration').nth(0), tab.locator('convene-registration').nth(1)];
  await first.getByRole('heading', { name: `Register: ${events.salon.name}` }).waitFor();
  await second.getByRole('heading', { name: `Register: ${events.other.name}` }).waitFor();
  await second.getByRole('button', { name: 'Register' }).click();
  await second.getByText('Email is required').waitFor();
  assert.equal(await first.getByText('Email is required').count(), 0, "the second widget's errors stay in it");
  const [a, b] = [`one-${tag()}@example.org`, `two-${tag()}@example.org`];
  await first.getByLabel('Email').fill(a);
  await first.getByRole('radio', { name: 'Yes' }).check();
  await first.getByRole('button', { name: 'Register' }).click();
  await first.getByText('You are registered.').waitFor();
  assert.equal(await second.getByRole('button', { name: 'Register' }).count(), 1, 'the second form is still there');
  await second.getByLabel('Email').fill(b);
  await second.getByRole('button', { name: 'Register' }).click();
  await second.getByText('You are registered.').waitFor();
  assert.deepEqual((await registrationsOf(events.salon)).filter((r) => [a, b].includes(r.email)).map((r) => r.email), [a]);
  assert.deepEqual((await registrationsOf(events.other)).map((r) => r.email), [b]);
  assert.deepEqual(errors, []);
  await tab.close();
});

test("markup in the event's name, session, pass, question and choice is shown as text, never run", async () => {
  const { tab, errors } = await open('/markup');
  const form = tab.locator('convene-registration');
  await form.getByRole('heading', { name: `Register: Markup ${MARKUP}` }).waitFor();
  for (const text of [`Session ${MARKUP}`, `Pass ${MARKUP}`, `Question ${MARKUP}`, `Choice ${MARKUP}`]) {
    assert.ok((await form.getByText(text, { exact: false }).count()) >= 1, `${text} is shown as written`);
  }
  assert.equal(await form.locator('b, img').count(), 0, 'no element was made from the texts');
  assert.equal(await tab.evaluate(() => window.__ran), undefined);
  assert.deepEqual(errors, []);
  await tab.close();
});

test('an event on its waitlist says so before anyone types, then confirms the waitlist', async () => {
  const { tab } = await open('/waitlist');
  await tab.getByText('This event is full: new registrations join the waitlist.').waitFor();
  await tab.getByLabel('Email').fill(`wait-${tag()}@example.org`);
  await tab.getByRole('button', { name: 'Register' }).click();
  await tab.getByText('You are on the waitlist. Your place on the waitlist: 1.').waitFor();
  await tab.close();
});

test('a closed event says so before anyone types, with no form', async () => {
  const { tab } = await open('/closed');
  await tab.getByRole('status').getByText('Registration for this event is closed.').waitFor();
  assert.equal(await tab.getByRole('textbox').count(), 0);
  assert.equal(await tab.getByRole('button').count(), 0);
  await tab.close();
});

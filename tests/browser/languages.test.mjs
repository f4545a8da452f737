// The admin SPA in English and French, in headless Chromium: the language follows the
// browser's; the switch in the header changes it at once and is remembered; a main flow
// (sign in, a refused then a saved event) in French; and every page in both languages,
// with a screenshot of each in artifacts/pages/<en|fr>/ and a check that no heading,
// label, column, button or navigation entry of the French page is still its English text.

import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { launchBrowser, screenshot, signedInPage } from '../support/browser.mjs';
import { seed } from '../support/seed.mjs';
import { startSim } from '../support/sim.mjs';
import { startWorker } from '../support/server.mjs';

const GOOD = { clientId: '4242', accessTokenKey: 'lang-key', accessTokenSecret: 'lang-secret' };
let sim;
let server;
let api;
let pages;
/** Names of records made here: they read the same in both languages. */
const NAMES = [
  'Convene', 'ON24', 'English', 'Français', 'Spring Summit 2026', 'Keynote', 'Workshops', 'Ada Lovelace',
  'Grace Hopper', 'Standard', 'VIP', 'Events site', 'Site events', 'Lang webinars', 'Lang defaults', 'Zoë Ørsted',
  // the seeded custom fields, their choices, the events' questions and choices, time zones
  'internalNote', 'room', 'seats', 'tier', 'recorded', 'track', 'linkedin', 'opens', 'Gold', 'Silver',
  'Dietary needs', 'Newsletter?', 'Meal', 'Lunch', 'Dinner', 'Topics', 'Rust', 'Web', 'Europe/Paris',
  'America/New_York', 'UTC',
  // the bootstrap administrator's user name (the heading of its page)
  'admin',
  // the webhook's description (the heading of its page)
  'Lang hooks',
];
/** Words that are the same in English and French. */
const SAME = new Set([
  'Actions', 'Type', 'Sessions', 'Session', 'Pass', 'Contacts', 'Contact', 'Options', 'Page', 'Date', 'Total',
  'Score', 'Question', 'Questions', 'Message', 'Source', 'Description', 'Format', 'Service', 'Table',
  'configurations', 'contacts', 'sessions', 'questions', 'Webhook', 'Webhooks',
]);

/** A text as compared: its first line, without a required field's star, a sort arrow or a count. */
const bare = (text) => text.split('\n')[0].replace(/ [*▲▼]$/, '').replace(/^\d+ /, '').trim();
const pageErrors = [];

before(async () => {
  sim = await startSim({ credentials: [GOOD] });
  server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
  const data = await seed(server);
  api = data.admin;
  const { main } = data.events;
  const must = async (res, status) => {
    assert.equal(res.status, status, res.text);
    return res.body;
  };
  const config = await must(
    await api.post('/api/admin/webinar-configurations', { name: 'Lang webinars', providerId: 'on24', credentials: GOOD }),
    201,
  );
  const administration = await must(
    await api.post('/api/admin/event-administrations', { name: 'Lang defaults', matchStrategy: 'email' }),
    201,
  );
  const registration = await must(
    await api.post(`/api/admin/events/${main.id}/registrations`, { email: 'zoe@example.org', firstName: 'Zoë', lastName: 'Ørsted' }),
    201,
  );
  // An address nothing listens on: its page shows an empty delivery log.
  const webhook = await must(
    await api.post('/api/admin/webhooks', { url: 'http://127.0.0.1:9/hooks', description: 'Lang hooks', events: ['contact.erased'] }),
    201,
  );
  /** The id of the first record a list route answers (an array, or a page of `items`). */
  const first = async (list) => {
    const body = await must(await api.get(list), 200);
    return (Array.isArray(body) ? body : body.items)[0].id;
  };
  pages = [
    ['settings', '/settings'],
    ['web-applications', '/settings/web-applications'],
    ['web-application', `/settings/web-applications/${data.application.id}`],
    ['web-application-new', '/settings/web-applications/new'],
    ['website-table-configurations', '/settings/website-table-configurations'],
    ['website-table-configuration', `/settings/website-table-configurations/${await first('/api/admin/website-table-configurations')}`],
    ['custom-fields', '/settings/custom-fields'],
    ['webinar-providers', '/settings/webinar-providers'],
    ['webinar-provider', `/settings/webinar-providers/${await first('/api/admin/webinar-providers')}`],
    ['webinar-configurations', '/settings/webinar-configurations'],
    ['webinar-configuration', `/settings/webinar-configurations/${config.id}`],
    ['event-administrations', '/settings/event-administration'],
    ['event-administration', `/settings/event-administration/${administration.id}`],
    ['users', '/settings/users'],
    ['user', `/settings/users/${await first('/api/admin/users')}`],
    ['user-new', '/settings/users/new'],
    ['events', '/events'],
    ['event', `/events/${main.id}`],
    ['event-new', '/events/new'],
    ['event-registrations', `/events/${main.id}/registrations`],
    ['contacts', '/contacts'],
    ['contact', `/contacts/${registration.contactId}`],
    ['audit-log', '/settings/audit-log'],
    ['retention', '/settings/retention'],
    ['webhooks', '/settings/webhooks'],
    ['webhook', `/settings/webhooks/${webhook.endpoint.id}`],
    ['webhook-new', '/settings/webhooks/new'],
    ['account', '/account'],
    ['not-found', '/no-such-page'],
  ];
});

after(async () => {
  await server?.stop();
  await sim?.stop();
});

afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), [], 'no error in the page');
});

/** The texts a person reads first on the page: headings, labels, columns, buttons, navigation. */
const visibleTexts = (page) =>
  page.$$eval(
    'h1, h2, h3, label, th, button, legend, nav a, .help, .muted, .banner, option',
    (elements) => elements.map((e) => e.innerText.trim()).filter(Boolean),
  );

/** Opens `path` and waits for its page (its heading) and its reads. */
async function open(page, path) {
  await page.goto(`${server.url}${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

test('the language follows the browser: French for a French browser', async () => {
  const context = await launchBrowser({ locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { name: 'Connexion à Convene' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.locator('#language').inputValue(), 'fr');
  } finally {
    await context.close();
  }
});

test('the switch in the header changes the language at once and is remembered', async () => {
  const { context, page } = await signedInPage(server, pageErrors);
  try {
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.selectOption('#language', 'fr');
    await page.getByRole('heading', { name: 'Paramètres' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.locator('nav.sidebar').getByRole('link', { name: 'Événements', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Paramètres' }).waitFor();
    await page.selectOption('#language', 'en');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  } finally {
    await context.close();
  }
});

test('in French: signing in, an event refused with its errors in French, then saved', async () => {
  const context = await launchBrowser({ locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/sign-in`);
    await page.fill('#password', 'not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const refusal = page.locator('.banner.error');
    await refusal.waitFor();
    assert.doesNotMatch(await refusal.innerText(), /[Ii]nvalid|[Ww]rong|password/, 'the refusal is in French');
    await page.fill('#password', server.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Paramètres' }).waitFor();

    await open(page, '/events/new');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const nameError = page.locator('#name-error');
    await nameError.waitFor({ state: 'visible' });
    assert.match(await nameError.innerText(), /obligatoire/);
    await page.fill('#name', 'Rencontre de printemps');
    await page.fill('#start', '2026-09-01T09:00');
    await page.fill('#end', '2026-09-01T17:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Intervenants' }).waitFor();
    await screenshot(page, 'pages/fr/event-saved');
  } finally {
    await context.close();
  }
});

test('every page in English and in French, with no English left in the French one', async () => {
  const texts = {};
  for (const locale of ['en-US', 'fr-FR']) {
    const lang = locale.slice(0, 2);
    texts[lang] = {};
    const { context, page } = await signedInPage(server, pageErrors, { locale });
    try {
      await screenshot(page, `pages/${lang}/sign-in-done`);
      for (const [name, path] of pages) {
        await open(page, path);
        texts[lang][name] = await visibleTexts(page);
        await screenshot(page, `pages/${lang}/${name}`);
      }
      await page.locator('header').getByRole('button').last().click();
      await page.waitForURL(/\/sign-in/);
      await screenshot(page, `pages/${lang}/sign-in`);
    } finally {
      await context.close();
    }
  }
  const untranslated = [];
  for (const [name] of pages) {
    const english = new Set(texts.en[name].map(bare));
    for (const text of texts.fr[name].map(bare)) {
      const same = SAME.has(text) || NAMES.includes(text) || !/[a-z]{3}/i.test(text);
      if (english.has(text) && !same) untranslated.push(`${name}: ${JSON.stringify(text)}`);
    }
    assert.notDeepEqual(texts.fr[name], texts.en[name], `${name} reads differently in French`);
  }
  assert.deepEqual(untranslated, [], 'English left on French pages');
});

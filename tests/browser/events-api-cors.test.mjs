// The Events API from a real event website in headless Chromium: a tiny page served from a
// second local origin lists the published events with `fetch` (token in the query string)
// and registers an attendee (a JSON POST, so the browser sends a CORS preflight first). The
// same page served from a third origin, not listed for the application, is refused by the
// browser: the request reaches the worker, whose answer carries no allow-origin, and
// `fetch` rejects with a TypeError.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot } from '../support/browser.mjs';
import { client, startWorker } from '../support/server.mjs';
import { serveSite } from '../support/site.mjs';

const tag = () => randomBytes(4).toString('hex');

/** The event website: lists the published events, and a form that registers one attendee. */
function sitePage({ api, token, readableId }) {
  const config = JSON.stringify({ api, token, readableId }).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Event website</title></head>
<body>
  <h1>Our events</h1>
  <p id="status">loading</p>
  <ul id="events"></ul>
  <form id="register">
    <label>Email <input id="email" type="email" required></label>
    <button type="submit">Register</button>
  </form>
  <p id="registration"></p>
  <script type="module">
    const config = ${config};
    const url = (path) =>
      config.api + path + '?emApplicationtoken=' + encodeURIComponent(config.token);
    const status = document.getElementById('status');
    try {
      const res = await fetch(url('events/published'));
      const events = await res.json();
      for (const e of events) {
        const li = document.createElement('li');
        li.textContent = e.eventName;
        document.getElementById('events').append(li);
      }
      status.textContent = 'loaded ' + res.status;
    } catch (e) {
      status.textContent = 'failed: ' + e.name + ': ' + e.message;
    }
    document.getElementById('register').addEventListener('submit', async (event) => {
      event.preventDefault();
      const out = document.getElementById('registration');
      try {
        const res = await fetch(url('events/' + config.readableId + '/registrations'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            attendees: [{ email: document.getElementById('email').value, firstName: 'Web' }],
          }),
        });
        const body = await res.json();
        out.textContent = res.status + ' ' + body.registrations.map((r) => r.status).join(',');
        out.dataset.registrationId = body.registrations[0].registrationId;
      } catch (e) {
        out.textContent = 'failed: ' + e.name + ': ' + e.message;
      }
    });
  </script>
</body>
</html>`;
}

/**
 * Records, through the DevTools protocol, every request the page makes to the Events API:
 * method, status and headers of the answer as it came off the wire, and whether Chromium
 * then blocked it for CORS. Preflights show up as their own OPTIONS requests.
 */
async function watchNetwork(context, page) {
  const cdp = await context.newCDPSession(page);
  const byId = new Map();
  const entry = (id) => {
    if (!byId.has(id)) byId.set(id, { id });
    return byId.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    Object.assign(entry(e.requestId), { url: e.request.url, method: e.request.method, type: e.type });
  });
  const lower = (headers) =>
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  cdp.on('Network.responseReceived', (e) => {
    Object.assign(entry(e.requestId), { status: e.response.status, headers: lower(e.response.headers) });
  });
  // The raw answer off the wire: Chromium reports it even when CORS then blocks the
  // response from the page (no responseReceived in that case).
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    const r = entry(e.requestId);
    r.status ??= e.statusCode;
    r.headers ??= lower(e.headers);
  });
  cdp.on('Network.loadingFailed', (e) => {
    Object.assign(entry(e.requestId), {
      failed: e.errorText,
      corsError: e.corsErrorStatus?.corsError ?? null,
    });
  });
  await cdp.send('Network.enable');
  const api = () => [...byId.values()].filter((r) => r.url?.includes('/api/v1/'));
  return {
    api,
    /**
     * The first Events API request with `method` once its answer is in (and, if `blocked`,
     * once Chromium has reported it failed); waits up to 5 s.
     */
    async answered(method, { blocked = false } = {}) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const found = api().find(
          (r) => r.method === method && r.status !== undefined && (!blocked || r.failed),
        );
        if (found) return found;
        if (Date.now() > deadline) {
          assert.fail(`no answered ${method} to the Events API: ${JSON.stringify(api())}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    detach: () => cdp.detach(),
  };
}

let server;
let api;
let context;
let allowedSite;
let otherSite;
let token;
let published;
let unpublished;

before(async () => {
  server = await startWorker();
  api = client(server);
  assert.equal((await api.signIn()).status, 200);
  const event = async (name, isPublished) => {
    const res = await api.post('/api/admin/events', {
      name,
      start: '2026-06-01T09:00',
      end: '2026-06-01T18:00',
      timeZone: 'Europe/Paris',
      capacity: 10,
      published: isPublished,
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  published = [await event(`Harbour Summit ${tag()}`, true), await event(`Night Market ${tag()}`, true)];
  unpublished = await event(`Secret Draft ${tag()}`, false);

  // Two sites serving the same page; only the first is listed for the application.
  let html = '';
  allowedSite = await serveSite({ '/': () => html });
  otherSite = await serveSite({ '/': () => html });
  const created = await api.post('/api/admin/web-applications', {
    name: `Website ${tag()}`,
    allowedOrigins: [allowedSite.origin],
  });
  assert.equal(created.status, 201, created.text);
  token = created.body.token;
  html = sitePage({ api: `${server.url}/api/v1/`, token, readableId: published[0].readableId });

  context = await launchBrowser();
});

after(async () => {
  await context?.close();
  await allowedSite?.close();
  await otherSite?.close();
  await server?.stop();
});

const registrations = async () => {
  const res = await api.get(`/api/admin/events/${published[0].id}/registrations?pageSize=100`);
  assert.equal(res.status, 200, res.text);
  return res.body.items;
};

test('the allowed site lists the published events', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const network = await watchNetwork(context, page);
  try {
    await page.goto(`${allowedSite.origin}/`);
    await page.locator('#status', { hasText: /loaded|failed/ }).waitFor();
    assert.equal(await page.textContent('#status'), 'loaded 200');
    const names = await page.locator('#events li').allTextContents();
    assert.deepEqual(names.sort(), published.map((e) => e.name).sort());
    assert.equal(names.includes(unpublished.name), false, 'unpublished events are not listed');
    await screenshot(page, 'events-api-allowed-site');

    const get = await network.answered('GET');
    assert.equal(get.status, 200);
    assert.equal(get.headers['access-control-allow-origin'], allowedSite.origin);
    assert.match(get.headers.vary, /\bOrigin\b/i);
    assert.equal(get.corsError ?? null, null);
    assert.deepEqual(errors, []);
  } finally {
    await network.detach();
    await page.close();
  }
});

test('the allowed site registers an attendee after a CORS preflight', async () => {
  const page = await context.newPage();
  const network = await watchNetwork(context, page);
  try {
    await page.goto(`${allowedSite.origin}/`);
    await page.locator('#status', { hasText: 'loaded' }).waitFor();
    const email = `web-${tag()}@example.com`;
    await page.fill('#email', email);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#registration', { hasText: /\d{3}|failed/ }).waitFor();
    assert.equal(await page.textContent('#registration'), '201 confirmed');
    const registrationId = await page.getAttribute('#registration', 'data-registration-id');

    const preflight = await network.answered('OPTIONS');
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], allowedSite.origin);
    assert.match(preflight.headers['access-control-allow-methods'], /\bPOST\b/);
    assert.match(preflight.headers['access-control-allow-headers'], /\bcontent-type\b/i);
    const post = await network.answered('POST');
    assert.equal(post.status, 201);
    assert.equal(post.headers['access-control-allow-origin'], allowedSite.origin);

    const stored = await registrations();
    const mine = stored.find((r) => r.email === email);
    assert.ok(mine, 'the registration is in the admin');
    assert.equal(mine.id, registrationId);
    assert.equal(mine.firstName, 'Web');
    assert.equal(mine.status, 'confirmed');
  } finally {
    await network.detach();
    await page.close();
  }
});

test('the same page from an origin not listed is refused by the browser', async () => {
  const page = await context.newPage();
  const network = await watchNetwork(context, page);
  try {
    await page.goto(`${otherSite.origin}/`);
    await page.locator('#status', { hasText: /loaded|failed/ }).waitFor();
    assert.match(await page.textContent('#status'), /^failed: TypeError: /);
    assert.equal(await page.locator('#events li').count(), 0, 'no event name reached the page');
    await screenshot(page, 'events-api-refused-site');

    // The request reached the worker, which refused the origin without an allow-origin.
    const get = await network.answered('GET', { blocked: true });
    assert.equal(get.status, 403, JSON.stringify(get));
    assert.equal(get.headers['access-control-allow-origin'], undefined);
    assert.match(get.headers.vary ?? '', /\bOrigin\b/i);
    assert.equal(get.corsError, 'MissingAllowOriginHeader');

    // A registration from it stops at the preflight; nothing is stored.
    const before = (await registrations()).length;
    const email = `refused-${tag()}@example.com`;
    await page.fill('#email', email);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#registration', { hasText: /\d{3}|failed/ }).waitFor();
    assert.match(await page.textContent('#registration'), /^failed: TypeError: /);
    const preflight = await network.answered('OPTIONS');
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    assert.equal(network.api().some((r) => r.method === 'POST' && r.status), false, 'the POST never got an answer');
    const after = await registrations();
    assert.equal(after.length, before);
    assert.equal(after.some((r) => r.email === email), false);
  } finally {
    await network.detach();
    await page.close();
  }
});

// The optional read cache of the public Events API (`PUBLIC_READ_CACHE_MS`, off by
// default; README › Events API): with a window set, an isolate answers a read it answered
// less than the window ago from memory, so a change shows within the window, not on the
// next request. Only successful answers are kept, and only for the token and origin the
// store accepted. (With the default, every change shows on the next request: that is
// tested in events-api-reads.test.mjs.) Locally one isolate serves every request, so what is
// cached is deterministic here.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { newEvent, newWebApplication } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

// Long enough for a few requests on a loaded machine to fit in one window.
const WINDOW_MS = 3000;
const EVENTS = '/api/admin/events';
const APPS = '/api/admin/web-applications';
const SITE = 'https://events.example.com';
const OTHER_SITE = 'https://other.example.com';
const tag = () => randomBytes(4).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('the public read cache, with a window', () => {
  let server;
  let api;

  before(async () => {
    server = await startWorker({ vars: { PUBLIC_READ_CACHE_MS: String(WINDOW_MS) } });
    api = client(server);
    const signedIn = await api.signIn();
    assert.equal(signedIn.status, 200, signedIn.text);
  });

  after(async () => {
    await server?.stop();
  });

  let lastAddress = 0;
  async function v1(path, { token, origin = SITE, json } = {}) {
    lastAddress += 1;
    const url = new URL(`${server.url}/api/v1${path}`);
    url.searchParams.set('emApplicationtoken', token);
    const headers = { origin, 'cf-connecting-ip': `203.0.113.${lastAddress}` };
    const res = await fetch(url, json === undefined ? { headers } : {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  }
  const register = (ev, token, idempotencyKey) => v1(`/events/${ev.readableId}/registrations`, {
    token,
    json: { attendees: [{ email: `cached-${tag()}@example.com` }], idempotencyKey },
  });
  const cancel = (ev, answer) => api.request(
    'POST',
    `${EVENTS}/${ev.id}/registrations/${JSON.parse(answer.text).registrations[0].registrationId}/cancel`,
  );

  const webApp = (allowedOrigins = [SITE]) => newWebApplication(api, allowedOrigins);
  const event = (fields = {}) => newEvent(api, fields);

  it('serves an answer for the window, then the change', async () => {
    const { token } = await webApp();
    const shown = await event();
    const first = await v1(`/events/${shown.readableId}`, { token });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('access-control-allow-origin'), SITE);
    assert.match(first.headers.get('content-type'), /^application\/json/);

    const renamed = await api.put(`${EVENTS}/${shown.id}`, { ...shown, name: `Renamed ${tag()}`, published: false });
    assert.equal(renamed.status, 200, renamed.text);
    const cached = await v1(`/events/${shown.readableId}`, { token });
    assert.equal(cached.status, 200, 'unpublished, but still within the window');
    assert.equal(cached.text, first.text, 'the answer kept, byte for byte');
    assert.equal(cached.headers.get('access-control-allow-origin'), SITE);

    await sleep(WINDOW_MS + 200);
    const after = await v1(`/events/${shown.readableId}`, { token });
    assert.equal(after.status, 404, after.text);
  });

  it('keeps no refusal: a published event shows at once', async () => {
    const { token } = await webApp();
    const hidden = await event({ published: false });
    const before = await v1(`/events/${hidden.readableId}`, { token });
    assert.equal(before.status, 404, before.text);
    const published = await api.put(`${EVENTS}/${hidden.id}`, { ...hidden, published: true });
    assert.equal(published.status, 200, published.text);
    const now = await v1(`/events/${hidden.readableId}`, { token });
    assert.equal(now.status, 200, now.text);
  });

  it('gives a kept answer only to the token and origin that were accepted for it', async () => {
    const { token } = await webApp([SITE]);
    const { token: other } = await webApp([OTHER_SITE]);
    const kept = await v1('/events/published', { token });
    assert.equal(kept.status, 200, kept.text);

    const wrongOrigin = await v1('/events/published', { token, origin: OTHER_SITE });
    assert.equal(wrongOrigin.status, 403, wrongOrigin.text);
    assert.equal(wrongOrigin.headers.get('access-control-allow-origin'), null);
    const unknown = await v1('/events/published', { token: `${token}x` });
    assert.equal(unknown.status, 401, unknown.text);
    const otherApp = await v1('/events/published', { token: other });
    assert.equal(otherApp.status, 403, 'the other application does not list this origin');
    const otherAtHome = await v1('/events/published', { token: other, origin: OTHER_SITE });
    assert.equal(otherAtHome.status, 200, otherAtHome.text);
    assert.equal(otherAtHome.headers.get('access-control-allow-origin'), OTHER_SITE);
  });

  it('lets a rotated token read only until the window ends', async () => {
    const { app: application, token } = await webApp();
    const first = await v1('/events/published', { token });
    assert.equal(first.status, 200, first.text);
    const rotated = await api.post(`${APPS}/${application.id}/rotate-token`);
    assert.equal(rotated.status, 200, rotated.text);
    const fresh = await v1('/events/published', { token: rotated.body.token });
    assert.equal(fresh.status, 200, 'the new token is not held back by the window');
    const stale = await v1('/events/published', { token });
    assert.equal(stale.status, 200, 'the old token still reads what it read, within the window');
    await sleep(WINDOW_MS + 200);
    const old = await v1('/events/published', { token });
    assert.equal(old.status, 401, old.text);
  });

  // What makes the configuration store leave the registration path: a registration asks it
  // once per window, isolate, event and credential.
  it('registers with the event read within the window; the event\'s registry still refuses a deleted event', async () => {
    const { token } = await webApp();
    const open = await event({ capacity: 10 });
    const first = await register(open, token);
    assert.equal(first.status, 201, first.text);
    const closed = await api.put(`${EVENTS}/${open.id}`, { ...open, registrationClosed: true });
    assert.equal(closed.status, 200, closed.text);
    const stale = await register(open, token);
    assert.equal(stale.status, 201, `closed, but the store was not asked within the window: ${stale.text}`);

    const doomed = await event({ capacity: 10 });
    const invalid = await v1(`/events/${doomed.readableId}/registrations`, {
      token,
      json: { attendees: [{ email: 'not an email' }] },
    });
    assert.equal(invalid.status, 400, 'refused for its field, after its event was read and kept');
    const deleted = await api.request('DELETE', `${EVENTS}/${doomed.id}`);
    assert.ok([200, 204].includes(deleted.status), deleted.text);
    const gone = await register(doomed, token);
    assert.equal(gone.status, 404, `the deleted event's registry object refuses, whatever the kept context says: ${gone.text}`);
    assert.ok(gone.text.includes(doomed.id), `the registry's refusal (by event id), not the store's: ${gone.text}`);

    await sleep(WINDOW_MS + 200);
    const refused = await register(open, token);
    assert.equal(refused.status, 409, refused.text);
    const count = await api.get(`${EVENTS}/${open.id}/registrations?pageSize=1`);
    assert.equal(count.body.total, 2, 'the two registrations made while it was open for this isolate');
  });

  it('refuses a sold-out event from memory within the window; a key still asks its registry', async () => {
    const { token } = await webApp();
    const ev = await event({ capacity: 1, waitlistAllowed: false });
    const first = await register(ev, token);
    assert.equal(first.status, 201, first.text);
    const full = await register(ev, token);
    assert.equal(full.status, 409, full.text);
    const cancelled = await cancel(ev, first);
    assert.ok(cancelled.status < 300, cancelled.text);

    const remembered = await register(ev, token);
    assert.equal(remembered.status, 409, `the seat freed is offered again after the window: ${remembered.text}`);
    assert.match(remembered.text, /full and has no waitlist/);
    const keyed = await register(ev, token, `sold-out-${tag()}`);
    assert.equal(keyed.status, 201, `a key always reaches the registry: ${keyed.text}`);
    const count = await v1(`/events/${ev.readableId}/registrations/count`, { token });
    assert.equal(count.status, 200, count.text);
    assert.deepEqual(JSON.parse(count.text), { count: 1, availability: 'full' });

    const cancelledAgain = await cancel(ev, keyed);
    assert.ok(cancelledAgain.status < 300, cancelledAgain.text);
    const keptCount = await v1(`/events/${ev.readableId}/registrations/count`, { token });
    assert.equal(keptCount.text, count.text, 'the count is kept for the window too');
    await sleep(WINDOW_MS + 200);
    const seated = await register(ev, token);
    assert.equal(seated.status, 201, seated.text);
    const counted = await v1(`/events/${ev.readableId}/registrations/count`, { token });
    assert.deepEqual(JSON.parse(counted.text), { count: 1, availability: 'full' });
  });
});

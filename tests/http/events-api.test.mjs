// The public Events API (`/api/v1/`) against workerd: application tokens (query or bearer,
// rotation, deactivation), origin checks and CORS (reflected origin, never `*`; preflight),
// web application validation, the token shown once, website table configurations deciding
// which fields are exposed, unpublished events looking unknown, the read shapes, the count,
// the per-address rate limit, and registrations through the shared path (answers,
// validation, the idempotency race, capacity).
//
// Every public request carries its own `cf-connecting-ip` (wrangler dev passes it through),
// so each test counts against its own client rate limit and the tests stay independent.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { newEvent, newWebApplication } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';

const EVENTS = '/api/admin/events';
const APPS = '/api/admin/web-applications';
const FIELDS = '/api/admin/custom-fields';
const TABLES = '/api/admin/website-table-configurations';
const SITE = 'https://events.example.com';
const OTHER_SITE = 'https://evil.example.net';
const tag = () => randomBytes(4).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let lastAddress = 0;
/** A client address no other test uses (198.51.100.0/24 and onwards, TEST-NET-2). */
const newAddress = () => {
  lastAddress += 1;
  return `198.51.${100 + Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
};

describe('the public Events API', () => {
  let server;
  let api;

  before(async () => {
    server = await startWorker();
    api = client(server);
    const signedIn = await api.signIn();
    assert.equal(signedIn.status, 200, signedIn.text);
  });

  after(async () => {
    await server?.stop();
  });

  /**
   * A request to `/api/v1<path>`. Options: `token` (query `emApplicationtoken`), `bearer`,
   * `origin`, `ip` (cf-connecting-ip), `method`, `json`, `headers`.
   */
  async function v1(path, opts = {}) {
    const url = new URL(`${server.url}/api/v1${path}`);
    if (opts.token !== undefined) url.searchParams.set('emApplicationtoken', opts.token);
    const headers = { 'cf-connecting-ip': opts.ip ?? newAddress() };
    if (opts.bearer !== undefined) headers.authorization = `Bearer ${opts.bearer}`;
    if (opts.origin !== undefined) headers.origin = opts.origin;
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, opts.headers ?? {});
    const res = await fetch(url, {
      method: opts.method ?? (opts.json === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
    });
    const text = await res.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  /** A new web application: `{ app, token, endpoint }` (the token is only shown here). */
  const webApp = (allowedOrigins = [SITE], name = undefined) => newWebApplication(api, allowedOrigins, name);

  /** A new event (published unless told otherwise), as the admin API returns it. */
  const event = (fields = {}) => newEvent(api, fields);

  async function created(path, json) {
    const res = await api.post(path, json);
    assert.equal(res.status, 201, `${path}: ${res.text}`);
    return res.body;
  }

  async function adminRegistrations(eventId) {
    const res = await api.get(`${EVENTS}/${eventId}/registrations?pageSize=100`);
    assert.equal(res.status, 200, res.text);
    return res.body;
  }

  describe('authentication, origins and CORS', () => {
    let token;
    let readable;

    before(async () => {
      ({ token } = await webApp([SITE, 'http://localhost:5173']));
      readable = (await event()).readableId;
    });

    it('a missing token is 400, an unknown one 401', async () => {
      const ip = newAddress();
      const missing = await v1('/events/published', { ip });
      assert.equal(missing.status, 400, missing.text);
      assert.equal(missing.body.error.code, 'bad_request');
      assert.match(missing.body.error.message, /emApplicationtoken/);
      const blank = await v1('/events/published', { ip, token: ' ' });
      assert.equal(blank.status, 400);
      const wrong = await v1('/events/published', { ip, token: `cvt_${tag()}${tag()}` });
      assert.equal(wrong.status, 401, wrong.text);
      assert.equal(wrong.body.error.code, 'unauthorized');
      const wrongBearer = await v1('/events/published', { ip, bearer: 'not-a-token' });
      assert.equal(wrongBearer.status, 401);
      for (const res of [missing, wrong]) {
        assert.equal(res.headers.get('access-control-allow-origin'), null);
      }
    });

    it('the token works in the query and as a bearer header; server-to-server needs no Origin', async () => {
      const ip = newAddress();
      const query = await v1('/events/published', { ip, token });
      assert.equal(query.status, 200, query.text);
      assert.ok(query.body.some((e) => e.readableEventId === readable));
      assert.equal(query.headers.get('access-control-allow-origin'), null, 'no Origin: no CORS');
      const bearer = await v1('/events/published', { ip, bearer: token });
      assert.equal(bearer.status, 200, bearer.text);
      assert.deepEqual(bearer.body, query.body);
      const one = await v1(`/events/${readable}`, { ip, bearer: token });
      assert.equal(one.status, 200);
      assert.equal(one.body.readableEventId, readable);
    });

    it('an allowed Origin is reflected exactly, with Vary: Origin; any other is 403', async () => {
      const ip = newAddress();
      for (const origin of [SITE, 'http://localhost:5173']) {
        const res = await v1('/events/published', { ip, token, origin });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers.get('access-control-allow-origin'), origin);
        assert.match(res.headers.get('vary') ?? '', /\bOrigin\b/i);
      }
      // Errors after the origin check still carry it, so the site can read them.
      const missing = await v1('/events/no-such-event', { ip, token, origin: SITE });
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get('access-control-allow-origin'), SITE);

      for (const origin of [OTHER_SITE, `${SITE}:8443`, 'http://events.example.com', 'null']) {
        const res = await v1('/events/published', { ip, token, origin });
        assert.equal(res.status, 403, `${origin}: ${res.text}`);
        assert.equal(res.body.error.code, 'forbidden');
        assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
        assert.match(res.headers.get('vary') ?? '', /\bOrigin\b/i);
      }
      const bearer = await v1('/events/published', { ip, bearer: token, origin: OTHER_SITE });
      assert.equal(bearer.status, 403);
    });

    it('no answer ever allows every origin', async () => {
      const ip = newAddress();
      // Each kind of answer, with the status that shows the request got as far as it should
      // (a failed request would carry no allow-origin header at all), and the header exactly.
      const cases = [
        ['allowed origin', { token, origin: SITE }, 200, SITE],
        ['other origin', { token, origin: OTHER_SITE }, 403, null],
        ['no origin', { token }, 200, null],
        ['no token', { origin: SITE }, 400, null],
        ['preflight', { method: 'OPTIONS', token, origin: SITE }, 204, SITE],
      ];
      for (const [label, opts, status, allowed] of cases) {
        const res = await v1('/events/published', { ip, ...opts });
        assert.equal(res.status, status, `${label}: ${res.text}`);
        assert.equal(res.headers.get('access-control-allow-origin'), allowed, label);
      }
    });

    it('a preflight from an allowed origin is 204 with the CORS headers; others 403 without', async () => {
      const ip = newAddress();
      const preflight = (origin, withToken = true) =>
        v1(`/events/${readable}/registrations`, {
          ip,
          method: 'OPTIONS',
          token: withToken ? token : undefined,
          origin,
          headers: {
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      for (const withToken of [true, false]) {
        const ok = await preflight(SITE, withToken);
        assert.equal(ok.status, 204, ok.text);
        assert.equal(ok.headers.get('access-control-allow-origin'), SITE);
        assert.match(ok.headers.get('access-control-allow-methods'), /\bPOST\b/);
        assert.match(ok.headers.get('access-control-allow-methods'), /\bGET\b/);
        assert.match(ok.headers.get('access-control-allow-headers'), /\bcontent-type\b/i);
        assert.match(ok.headers.get('access-control-allow-headers'), /\bauthorization\b/i);
        assert.match(ok.headers.get('vary') ?? '', /\bOrigin\b/i);

        const refused = await preflight(OTHER_SITE, withToken);
        assert.equal(refused.status, 403, refused.text);
        assert.equal(refused.headers.get('access-control-allow-origin'), null);
        assert.equal(refused.headers.get('access-control-allow-methods'), null);
      }
    });

    it('a rotated token is refused at once and the new one works', async () => {
      const ip = newAddress();
      const { app, token: old } = await webApp();
      assert.equal((await v1('/events/published', { ip, token: old })).status, 200);
      const rotated = await api.post(`${APPS}/${app.id}/rotate-token`);
      assert.equal(rotated.status, 200, rotated.text);
      const fresh = rotated.body.token;
      assert.notEqual(fresh, old);
      assert.equal(rotated.body.application.tokenHint, fresh.slice(-4));
      const refused = await v1('/events/published', { ip, token: old });
      assert.equal(refused.status, 401, 'the old token stops working on the next request');
      assert.equal((await v1('/events/published', { ip, bearer: old })).status, 401);
      assert.equal((await v1('/events/published', { ip, token: fresh })).status, 200);
      assert.equal((await v1('/events/published', { ip, bearer: fresh, origin: SITE })).status, 200);
    });

    it('a deactivated application is refused until it is activated again', async () => {
      const ip = newAddress();
      const { app, token: own } = await webApp();
      const off = await api.post(`${APPS}/${app.id}/deactivate`);
      assert.equal(off.status, 200, off.text);
      assert.equal(off.body.active, false);
      assert.equal((await v1('/events/published', { ip, token: own })).status, 401);
      const preflight = await v1('/events/published', {
        ip,
        method: 'OPTIONS',
        token: own,
        origin: SITE,
        headers: { 'access-control-request-method': 'GET' },
      });
      assert.equal(preflight.status, 403, 'a deactivated token allows no preflight either');
      const on = await api.post(`${APPS}/${app.id}/activate`);
      assert.equal(on.body.active, true);
      assert.equal((await v1('/events/published', { ip, token: own })).status, 200);
    });

    it('changing the allowed origins takes effect on the next request', async () => {
      const ip = newAddress();
      const { app, token: own } = await webApp([SITE]);
      const other = 'https://other.example.org';
      assert.equal((await v1('/events/published', { ip, token: own, origin: other })).status, 403);
      const updated = await api.put(`${APPS}/${app.id}`, { name: app.name, allowedOrigins: [other] });
      assert.equal(updated.status, 200, updated.text);
      const now = await v1('/events/published', { ip, token: own, origin: other });
      assert.equal(now.status, 200);
      assert.equal(now.headers.get('access-control-allow-origin'), other);
      assert.equal((await v1('/events/published', { ip, token: own, origin: SITE })).status, 403);
    });

    it('a deleted application is refused', async () => {
      const ip = newAddress();
      const { app, token: own } = await webApp();
      assert.equal((await api.del(`${APPS}/${app.id}`)).status, 204);
      assert.equal((await v1('/events/published', { ip, token: own })).status, 401);
      assert.equal((await api.get(`${APPS}/${app.id}`)).status, 404);
    });
  });

  describe('web applications', () => {
    it('refuses origins with a path, a trailing slash or plain http off localhost, by index', async () => {
      const res = await api.post(APPS, {
        name: `Bad ${tag()}`,
        allowedOrigins: [
          'https://ok.example.com',
          'https://events.example.com/register',
          'https://events.example.com/',
          'http://events.example.com',
          'http://localhost:3000',
          '*',
        ],
      });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error.code, 'validation_failed');
      const fields = Object.fromEntries(res.body.error.fields.map((f) => [f.field, f.message]));
      assert.deepEqual(Object.keys(fields).sort(), [
        'allowedOrigins[1]',
        'allowedOrigins[2]',
        'allowedOrigins[3]',
        'allowedOrigins[5]',
      ]);
      assert.match(fields['allowedOrigins[1]'], /no path/);
      assert.match(fields['allowedOrigins[2]'], /trailing slash/);
      assert.match(fields['allowedOrigins[3]'], /https/);

      const none = await api.post(APPS, { name: `None ${tag()}`, allowedOrigins: [] });
      assert.equal(none.status, 400);
      assert.equal(none.body.error.fields[0].field, 'allowedOrigins');

      const { app } = await webApp([SITE]);
      const update = await api.put(`${APPS}/${app.id}`, {
        name: app.name,
        allowedOrigins: [SITE, 'https://x.example.com/path'],
      });
      assert.equal(update.status, 400);
      assert.deepEqual(update.body.error.fields.map((f) => f.field), ['allowedOrigins[1]']);
    });

    it('stores origins lower-cased', async () => {
      const { app } = await webApp(['HTTPS://Events.Example.COM', 'http://127.0.0.1:8080']);
      assert.deepEqual(app.allowedOrigins, [SITE, 'http://127.0.0.1:8080']);
    });

    it('shows the token once: in the create and rotate answers, never in GET or the list', async () => {
      const name = `Once ${tag()}`;
      const { app, token, endpoint } = await webApp([SITE], name);
      assert.match(token, /^cvt_/);
      assert.equal(endpoint, `${server.url}/api/v1/`);
      assert.equal(app.tokenHint, token.slice(-4));
      assert.equal(app.active, true);

      const look = async (secret) => {
        const one = await api.get(`${APPS}/${app.id}`);
        assert.equal(one.status, 200);
        assert.equal(one.body.tokenHint, secret.slice(-4));
        assert.equal('token' in one.body, false);
        assert.equal('tokenHash' in one.body, false);
        assert.equal(one.text.includes(secret), false, 'GET never shows the token');
        const list = await api.get(APPS);
        assert.equal(list.status, 200);
        assert.ok(list.body.some((a) => a.id === app.id && a.tokenHint === secret.slice(-4)));
        assert.equal(list.text.includes(secret), false, 'the list never shows the token');
        assert.equal(/"token"\s*:/.test(list.text), false);
      };
      await look(token);

      const rotated = await api.post(`${APPS}/${app.id}/rotate-token`);
      assert.equal(rotated.status, 200);
      assert.match(rotated.body.token, /^cvt_/);
      assert.equal(rotated.body.application.id, app.id);
      await look(rotated.body.token);
      assert.equal((await api.get(APPS)).text.includes(token), false);
    });

    it('needs an administrator session', async () => {
      const anonymous = client(server);
      assert.equal((await anonymous.get(APPS)).status, 401);
      assert.equal((await anonymous.post(APPS, { name: 'x', allowedOrigins: [SITE] })).status, 401);
    });
  });

  describe('what is exposed', () => {
    let token;

    before(async () => {
      ({ token } = await webApp());
    });

    it('a custom field and an optional standard field appear only while a configuration lists them', async () => {
      const ip = newAddress();
      const fieldName = `room_${tag()}`;
      const field = await created(FIELDS, {
        entity: 'event',
        name: fieldName,
        label: 'Room',
        fieldType: 'text',
      });
      const ev = await event({ description: 'All about it', customFields: { [fieldName]: 'A1' } });
      const read = async () => {
        const one = await v1(`/events/${ev.readableId}`, { ip, token });
        assert.equal(one.status, 200, one.text);
        const all = await v1('/events/published', { ip, token });
        const listed = all.body.find((e) => e.readableEventId === ev.readableId);
        assert.deepEqual(listed, one.body, 'the list and the event agree');
        return one.body;
      };

      let seen = await read();
      assert.deepEqual(seen.customFields, {}, 'not listed: absent');
      assert.equal('description' in seen, false);
      assert.equal('maxCapacity' in seen, false);

      const table = await created(TABLES, {
        name: `Site table ${tag()}`,
        entity: 'event',
        fields: [fieldName, 'description'],
      });
      seen = await read();
      assert.deepEqual(seen.customFields, { [fieldName]: 'A1' });
      assert.equal(seen.description, 'All about it');

      const changed = await api.put(`${TABLES}/${table.id}`, {
        name: table.name,
        entity: 'event',
        fields: ['description'],
      });
      assert.equal(changed.status, 200, changed.text);
      seen = await read();
      assert.deepEqual(seen.customFields, {}, 'removed from the list: absent on the next request');
      assert.equal(seen.description, 'All about it');

      const back = await api.put(`${TABLES}/${table.id}`, {
        name: table.name,
        entity: 'event',
        fields: [fieldName],
      });
      assert.equal(back.status, 200, back.text);
      seen = await read();
      assert.deepEqual(seen.customFields, { [fieldName]: 'A1' });
      assert.equal('description' in seen, false, 'description no longer listed');

      // A field listed by a configuration cannot be deleted.
      const inUse = await api.del(`${FIELDS}/${field.id}`);
      assert.equal(inUse.status, 409);

      assert.equal((await api.del(`${TABLES}/${table.id}`)).status, 204);
      seen = await read();
      assert.deepEqual(seen.customFields, {}, 'configuration deleted: absent again');
      assert.equal('description' in seen, false);
    });

    it('a configuration for another table exposes nothing on events', async () => {
      const ip = newAddress();
      const fieldName = `level_${tag()}`;
      await created(FIELDS, { entity: 'event', name: fieldName, label: 'Level', fieldType: 'text' });
      const ev = await event({ customFields: { [fieldName]: 'Expert' } });
      const table = await created(TABLES, {
        name: `Speakers ${tag()}`,
        entity: 'speaker',
        fields: ['title'],
      });
      const one = await v1(`/events/${ev.readableId}`, { ip, token });
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(one.body.customFields, {});
      const refused = await api.post(TABLES, {
        name: `Wrong ${tag()}`,
        entity: 'session',
        fields: [fieldName],
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.fields[0].field, 'fields[0]');
      await api.del(`${TABLES}/${table.id}`);
    });
  });

  describe('unpublished events', () => {
    it('look exactly like unknown ids, for the event and every sub-route', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const hidden = await event({ published: false });
      const unknown = `no-such-event-${tag()}`;
      const routes = [
        '',
        '/sessions',
        '/speakers',
        '/passes',
        '/custom-registration-fields',
        '/registrations/count',
      ];
      const shape = (res, id) => ({
        status: res.status,
        code: res.body?.error?.code,
        message: res.body?.error?.message?.replaceAll(id, '<id>'),
        keys: Object.keys(res.body ?? {}).sort(),
        errorKeys: Object.keys(res.body?.error ?? {}).sort(),
      });
      for (const route of routes) {
        const a = await v1(`/events/${hidden.readableId}${route}`, { ip, token });
        const b = await v1(`/events/${unknown}${route}`, { ip, token });
        assert.equal(a.status, 404, `${route}: ${a.text}`);
        assert.deepEqual(shape(a, hidden.readableId), shape(b, unknown), route);
        assert.equal(a.text.includes(hidden.name), false, 'the name is not revealed');
        assert.equal(a.text.includes(hidden.id), false, 'the internal id is not revealed');
      }
      const post = (id) =>
        v1(`/events/${id}/registrations`, { ip, token, json: { attendees: [{ email: 'h@example.com' }] } });
      const a = await post(hidden.readableId);
      const b = await post(unknown);
      assert.equal(a.status, 404, a.text);
      assert.deepEqual(shape(a, hidden.readableId), shape(b, unknown));
      assert.equal((await adminRegistrations(hidden.id)).total, 0);

      // The internal id does not reach the event either.
      const byInternal = await v1(`/events/${hidden.id}`, { ip, token });
      assert.equal(byInternal.status, 404);
      const published = await v1('/events/published', { ip, token });
      assert.equal(published.body.some((e) => e.readableEventId === hidden.readableId), false);

      // Publishing makes it visible; unpublishing hides it again on the next request.
      const put = (p) => api.put(`${EVENTS}/${hidden.id}`, { ...hidden, published: p });
      assert.equal((await put(true)).status, 200);
      assert.equal((await v1(`/events/${hidden.readableId}`, { ip, token })).status, 200);
      assert.equal((await put(false)).status, 200);
      const again = await v1(`/events/${hidden.readableId}`, { ip, token });
      assert.deepEqual(shape(again, hidden.readableId), shape(b, unknown));
    });
  });

  describe('read shapes', () => {
    it('event, sessions, speakers, passes and custom registration fields', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event({ name: `Shapes ${tag()}`, capacity: 50, waitlistAllowed: true });
      const session = await created(`${EVENTS}/${ev.id}/sessions`, {
        name: 'Keynote',
        start: '2026-06-01T09:00',
        end: '2026-06-01T10:00',
      });
      const speaker = await created(`${EVENTS}/${ev.id}/speakers`, {
        name: 'Ada Lovelace',
        title: 'Analyst',
        biography: 'Wrote the first program.',
      });
      const pass = await created(`${EVENTS}/${ev.id}/passes`, { name: 'VIP', capacity: 5 });
      const question = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Meals?',
        questionType: 'multiple_choice',
        required: true,
        choices: ['Lunch', 'Dinner', 'Breakfast'],
      });
      const get = async (route) => {
        const res = await v1(`/events/${ev.readableId}${route}`, { ip, token });
        assert.equal(res.status, 200, `${route}: ${res.text}`);
        assert.match(res.headers.get('content-type'), /^application\/json/);
        return res.body;
      };

      assert.deepEqual(await get(''), {
        readableEventId: ev.readableId,
        eventName: ev.name,
        startDate: '2026-06-01T09:00',
        endDate: '2026-06-01T18:00',
        timeZone: 'Europe/Paris',
        eventFormat: ev.format,
        customFields: {},
      });
      assert.deepEqual(await get('/sessions'), [
        {
          sessionId: session.id,
          name: 'Keynote',
          startTime: '2026-06-01T09:00',
          endTime: '2026-06-01T10:00',
          customFields: {},
        },
      ]);
      assert.deepEqual(await get('/speakers'), [
        { speakerId: speaker.id, name: 'Ada Lovelace', customFields: {} },
      ]);
      assert.deepEqual(await get('/passes'), [{ passId: pass.id, name: 'VIP', customFields: {} }]);
      assert.deepEqual(await get('/custom-registration-fields'), [
        {
          customRegistrationFieldId: question.id,
          text: 'Meals?',
          type: 'multiple_choice',
          isRequired: true,
          choices: 'Lunch\nDinner\nBreakfast',
        },
      ]);

      // Optional standard fields of the other tables, when listed.
      const tables = [];
      for (const [entity, fields] of [
        ['speaker', ['title', 'biography']],
        ['pass', ['capacity']],
        ['session', ['webinar']],
        ['event', ['maxCapacity', 'showWaitlist']],
      ]) {
        tables.push(await created(TABLES, { name: `Std ${entity} ${tag()}`, entity, fields }));
      }
      try {
        const [sp] = await get('/speakers');
        assert.equal(sp.title, 'Analyst');
        assert.equal(sp.biography, 'Wrote the first program.');
        assert.equal((await get('/passes'))[0].capacity, 5);
        assert.equal((await get('/sessions'))[0].webinar, false);
        const full = await get('');
        assert.equal(full.maxCapacity, 50);
        assert.equal(full.showWaitlist, true);
      } finally {
        for (const t of tables) await api.del(`${TABLES}/${t.id}`);
      }
      assert.equal('title' in (await get('/speakers'))[0], false);
    });

    it('an unknown route is 404 and a wrong method 405', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event();
      const unknown = await v1(`/events/${ev.readableId}/tickets`, { ip, token });
      assert.equal(unknown.status, 404);
      const put = await v1(`/events/${ev.readableId}`, { ip, token, method: 'PUT', json: {} });
      assert.equal(put.status, 405);
      assert.match(put.headers.get('allow'), /GET/);
      const getRegs = await v1(`/events/${ev.readableId}/registrations`, { ip, token });
      assert.equal(getRegs.status, 405);
    });

    it('401 and 403 come before 404 and 405; 404 comes before body errors', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event();
      const wrong = `cvt_${tag()}${tag()}`;
      assert.equal((await v1(`/events/${ev.readableId}/tickets`, { ip, token: wrong })).status, 401);
      assert.equal((await v1(`/events/${ev.readableId}/registrations`, { ip, token: wrong })).status, 401);
      const foreign = await v1(`/events/${ev.readableId}/tickets`, { ip, token, origin: OTHER_SITE });
      assert.equal(foreign.status, 403, foreign.text);
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
      // An accepted credential: the 404 is reflected to the site, so its script can read it.
      const unknownRoute = await v1(`/events/${ev.readableId}/tickets`, { ip, token, origin: SITE });
      assert.equal(unknownRoute.status, 404);
      assert.equal(unknownRoute.headers.get('access-control-allow-origin'), SITE);
      const badBody = { method: 'POST', headers: { 'content-type': 'text/plain' } };
      const unknownEvent = await v1(`/events/no-such-${tag()}/registrations`, { ip, token, ...badBody });
      assert.equal(unknownEvent.status, 404, unknownEvent.text);
      const known = await v1(`/events/${ev.readableId}/registrations`, { ip, token, ...badBody });
      assert.equal(known.status, 415, known.text);
    });

    it('registrations/count counts registrations that are not cancelled', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event({ capacity: 2, waitlistAllowed: true });
      const count = async () => {
        const res = await v1(`/events/${ev.readableId}/registrations/count`, { ip, token });
        assert.equal(res.status, 200, res.text);
        return res.body;
      };
      assert.deepEqual(await count(), { count: 0 });
      const res = await v1(`/events/${ev.readableId}/registrations`, {
        ip,
        token,
        json: {
          attendees: [
            { email: 'c1@example.com' },
            { email: 'c2@example.com' },
            { email: 'c3@example.com' },
          ],
        },
      });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(res.body.registrations.map((r) => r.status), ['confirmed', 'confirmed', 'waitlisted']);
      assert.deepEqual(await count(), { count: 3 }, 'waitlisted registrations count');
      const first = res.body.registrations[0].registrationId;
      const cancelled = await api.post(`${EVENTS}/${ev.id}/registrations/${first}/cancel`);
      assert.equal(cancelled.status, 200, cancelled.text);
      assert.deepEqual(await count(), { count: 2 });
    });
  });

  describe('rate limits', () => {
    it('one client address is stopped with 429, retry-after and rate_limited; others are not', async () => {
      const { token } = await webApp();
      const ip = newAddress();
      // The limiters count in fixed 10 s windows of the wall clock (workerd's local
      // emulation): start early in a window so the whole burst falls into one.
      const into = Date.now() % 10_000;
      if (into > 4_000) await sleep(10_000 - into + 50);
      let ok = 0;
      let limited = null;
      for (let batch = 0; batch < 30 && !limited; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            v1('/events/published', { ip, token, origin: SITE }),
          ),
        );
        for (const res of answers) {
          if (res.status === 200) ok += 1;
          else if (res.status === 429) limited ??= res;
          else assert.fail(`unexpected ${res.status}: ${res.text}`);
        }
      }
      assert.ok(limited, `no 429 after ${ok} requests`);
      assert.equal(ok, 100, 'exactly the limit is served within one window');
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.equal(limited.headers.get('retry-after'), '10', 'the limiters count over 10 s');
      assert.equal(limited.headers.get('access-control-allow-origin'), SITE, 'the site can read the 429');
      assert.match(limited.headers.get('access-control-expose-headers') ?? '', /retry-after/i);

      // Another address with the same token is still served.
      const other = await v1('/events/published', { ip: newAddress(), token });
      assert.equal(other.status, 200, other.text);
    });

    it(
      'one address refused by its own limit does not use up the application\'s budget',
      async () => {
        const { token } = await webApp();
        const abuser = newAddress();
        const into = Date.now() % 10_000;
        if (into > 1_000) await sleep(10_000 - into + 50);
        const statuses = {};
        for (let batch = 0; batch < 21; batch++) {
          const answers = await Promise.all(
            Array.from({ length: 50 }, () => v1('/events/published', { ip: abuser, token })),
          );
          for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
        }
        assert.deepEqual(statuses, { 200: 100, 429: 950 }, 'the abuser gets its 100');
        const visitor = await v1('/events/published', { ip: newAddress(), token });
        assert.equal(visitor.status, 200, 'another visitor of the same site is still served');
      },
    );
  });

  describe('registrations through the API', () => {
    let token;

    before(async () => {
      ({ token } = await webApp());
    });

    const register = (readable, json, opts = {}) =>
      v1(`/events/${readable}/registrations`, { token, json, ...opts });

    it('answers to custom registration fields are stored and shown in the admin', async () => {
      const ip = newAddress();
      const ev = await event();
      const q = async (text, questionType, required, choices = []) =>
        created(`${EVENTS}/${ev.id}/registration-fields`, { text, questionType, required, choices });
      const diet = await q('Dietary needs', 'simple_text', true);
      const vegan = await q('Vegan?', 'boolean', false);
      const size = await q('T-shirt', 'single_choice', false, ['S', 'M', 'L']);
      const meals = await q('Meals', 'multiple_choice', false, ['Lunch', 'Dinner', 'Breakfast']);

      const fields = await v1(`/events/${ev.readableId}/custom-registration-fields`, { ip, token });
      assert.deepEqual(
        fields.body.map((f) => [f.customRegistrationFieldId, f.type, f.isRequired, f.choices]),
        [
          [diet.id, 'simple_text', true, ''],
          [vegan.id, 'boolean', false, ''],
          [size.id, 'single_choice', false, 'S\nM\nL'],
          [meals.id, 'multiple_choice', false, 'Lunch\nDinner\nBreakfast'],
        ],
      );

      const responses = [
        { id: diet.id, value: 'No nuts' },
        { id: vegan.id, value: 'Yes' },
        { id: size.id, value: 'M' },
        { id: meals.id, value: 'Lunch, Breakfast' },
      ];
      const res = await register(
        ev.readableId,
        {
          attendees: [
            { email: 'ans@example.com', firstName: 'Ann', lastName: 'Swer', company: 'Acme', responses },
            { email: 'two@example.com', responses: [{ id: diet.id, value: 'None' }, { id: vegan.id, value: 'No' }] },
          ],
        },
        { ip, origin: SITE },
      );
      assert.equal(res.status, 201, res.text);
      assert.equal(res.headers.get('access-control-allow-origin'), SITE);
      assert.equal(res.body.status, 'Success');
      assert.equal(res.body.errorMessage, null);
      assert.deepEqual(res.body.registrations.map((r) => [r.email, r.status]), [
        ['ans@example.com', 'confirmed'],
        ['two@example.com', 'confirmed'],
      ]);

      const stored = await adminRegistrations(ev.id);
      assert.equal(stored.total, 2);
      const byEmail = Object.fromEntries(stored.items.map((r) => [r.email, r]));
      const ann = byEmail['ans@example.com'];
      assert.equal(ann.id, res.body.registrations[0].registrationId);
      assert.equal(ann.firstName, 'Ann');
      assert.equal(ann.company, 'Acme');
      // Stored as given, a multiple choice answer with its choices listed too.
      assert.deepEqual(ann.responses, [
        ...responses.slice(0, 3),
        { id: meals.id, value: 'Lunch, Breakfast', choices: ['Lunch', 'Breakfast'] },
      ]);
      assert.deepEqual(byEmail['two@example.com'].responses, [
        { id: diet.id, value: 'None' },
        { id: vegan.id, value: 'No' },
      ]);
    });

    it('a choice holding ", " can be answered, as joined text or as a list', async () => {
      const ip = newAddress();
      const ev = await event();
      const cities = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Cities', questionType: 'multiple_choice', required: true, choices: ['Paris, France', 'Lyon', 'Paris'],
      });
      const fields = await v1(`/events/${ev.readableId}/custom-registration-fields`, { ip, token });
      assert.equal(fields.body[0].choices, 'Paris, France\nLyon\nParis');

      const res = await register(
        ev.readableId,
        {
          attendees: [
            { email: 'joined@example.com', responses: [{ id: cities.id, value: 'Lyon, Paris, France' }] },
            { email: 'listed@example.com', responses: [{ id: cities.id, choices: ['Paris', 'Paris, France'] }] },
          ],
        },
        { ip },
      );
      assert.equal(res.status, 201, res.text);
      const stored = await adminRegistrations(ev.id);
      const byEmail = Object.fromEntries(stored.items.map((r) => [r.email, r.responses]));
      // The readable text stays; the choices are listed, in the question's order.
      assert.deepEqual(byEmail['joined@example.com'], [
        { id: cities.id, value: 'Paris, France, Lyon', choices: ['Paris, France', 'Lyon'] },
      ]);
      assert.deepEqual(byEmail['listed@example.com'], [
        { id: cities.id, value: 'Paris, France, Paris', choices: ['Paris, France', 'Paris'] },
      ]);

      // Where "France" is a choice too, "Paris, France" reads two ways: the API asks for
      // the list, and the list is taken.
      const places = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Places', questionType: 'multiple_choice', required: false, choices: ['Paris', 'France', 'Paris, France'],
      });
      const ambiguous = await register(
        ev.readableId,
        {
          attendees: [{
            email: 'which@example.com',
            responses: [{ id: cities.id, value: 'Lyon' }, { id: places.id, value: 'Paris, France' }],
          }],
        },
        { ip },
      );
      assert.equal(ambiguous.status, 400, ambiguous.text);
      assert.deepEqual(ambiguous.body.error.fields.map((f) => f.field), [`attendees[0].responses.${places.id}`]);
      assert.match(ambiguous.body.error.fields[0].message, /list them in "choices"/);
      const listed = await register(
        ev.readableId,
        {
          attendees: [{
            email: 'which@example.com',
            responses: [{ id: cities.id, value: 'Lyon' }, { id: places.id, choices: ['Paris, France'] }],
          }],
        },
        { ip },
      );
      assert.equal(listed.status, 201, listed.text);
    });

    it('invalid answers are 400 naming attendees[i].responses.<id>; no invalid attendee is stored', async () => {
      const ip = newAddress();
      const ev = await event();
      const q = async (text, questionType, required, choices = []) =>
        created(`${EVENTS}/${ev.id}/registration-fields`, { text, questionType, required, choices });
      const needed = await q('Badge name', 'simple_text', true);
      const yesNo = await q('Newsletter?', 'boolean', false);
      const one = await q('Track', 'single_choice', false, ['Dev', 'Ops']);
      const many = await q('Meals', 'multiple_choice', false, ['Lunch', 'Dinner']);

      const bad = await register(
        ev.readableId,
        {
          attendees: [
            {
              email: 'bad@example.com',
              responses: [
                { id: yesNo.id, value: 'true' },
                { id: one.id, value: 'Sales' },
                { id: many.id, value: 'Lunch,Dinner' },
                { id: 'not-a-question', value: 'x' },
              ],
            },
          ],
        },
        { ip },
      );
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.error.code, 'validation_failed');
      const named = Object.fromEntries(bad.body.error.fields.map((f) => [f.field, f.message]));
      assert.deepEqual(Object.keys(named).sort(), [
        `attendees[0].responses.${many.id}`,
        `attendees[0].responses.${needed.id}`,
        `attendees[0].responses.${one.id}`,
        `attendees[0].responses.${yesNo.id}`,
        'attendees[0].responses.not-a-question',
      ].sort());
      assert.match(named[`attendees[0].responses.${yesNo.id}`], /Yes or No/);
      assert.match(named[`attendees[0].responses.${needed.id}`], /required/);
      assert.match(named[`attendees[0].responses.${many.id}`], /", "/);

      const second = await register(
        ev.readableId,
        {
          attendees: [
            { email: 'x@example.com', responses: [{ id: needed.id, value: 'X' }] },
            { email: 'y@example.com', responses: [{ id: yesNo.id, value: 'Maybe' }, { id: needed.id, value: 'Y' }] },
          ],
        },
        { ip },
      );
      assert.equal(second.status, 400, second.text);
      assert.deepEqual(second.body.error.fields.map((f) => f.field), [`attendees[1].responses.${yesNo.id}`]);

      const emailless = await register(ev.readableId, { attendees: [{ responses: [{ id: needed.id, value: 'Z' }] }] }, { ip });
      assert.equal(emailless.status, 400);
      assert.equal(emailless.body.error.fields[0].field, 'attendees[0].email');

      const none = await register(ev.readableId, { attendees: [] }, { ip });
      assert.equal(none.status, 400);
      assert.equal(none.body.error.fields[0].field, 'attendees');

      // A value of the wrong type deep in the body is named by its path too.
      const mistyped = await register(
        ev.readableId,
        { attendees: [{ email: 'z@example.com' }, { email: 'w@example.com', responses: [{ id: needed.id, value: 7 }] }] },
        { ip },
      );
      assert.equal(mistyped.status, 400, mistyped.text);
      assert.equal(mistyped.body.error.code, 'validation_failed');
      assert.equal(mistyped.body.error.fields[0].field, 'attendees[1].responses[0].value');

      // All or none (openapi): the valid attendee 0 of the second request is not stored either.
      assert.equal((await adminRegistrations(ev.id)).total, 0);
    });

    it('attendees are registered all or none: an invalid one stores nobody; the same key then registers both', async () => {
      const ip = newAddress();
      const ev = await event();
      const yesNo = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Newsletter?',
        questionType: 'boolean',
      });
      const key = `retry-${tag()}`;
      const body = (value) => ({
        idempotencyKey: key,
        attendees: [
          { email: `first-${key}@example.com` },
          { email: `second-${key}@example.com`, responses: [{ id: yesNo.id, value }] },
          { firstName: 'No', lastName: 'Email', responses: [{ id: yesNo.id, value }] },
        ].slice(0, value === 'Maybe' ? 3 : 2),
      });
      const refused = await register(ev.readableId, body('Maybe'), { ip });
      assert.equal(refused.status, 400, refused.text);
      assert.deepEqual(refused.body.error.fields.map((f) => f.field), [
        `attendees[1].responses.${yesNo.id}`,
        'attendees[2].email',
        `attendees[2].responses.${yesNo.id}`,
      ]);
      assert.equal((await adminRegistrations(ev.id)).total, 0, 'nobody is stored');

      const retried = await register(ev.readableId, body('No'), { ip });
      assert.equal(retried.status, 201, retried.text);
      assert.equal(retried.body.registrations.length, 2);
      const again = await register(ev.readableId, body('No'), { ip });
      assert.equal(again.status, 200, 'all replayed');
      assert.deepEqual(again.body, retried.body);
      assert.equal((await adminRegistrations(ev.id)).total, 2);
    });

    it('a group is decided as a whole: seats count its earlier attendees; one refused refuses all', async () => {
      const ip = newAddress();
      const full = await event({ capacity: 2, waitlistAllowed: false });
      const three = (prefix) => ({
        attendees: [0, 1, 2].map((i) => ({ email: `${prefix}${i}-${tag()}@example.com` })),
      });
      const refused = await register(full.readableId, three('over'), { ip });
      assert.equal(refused.status, 409, refused.text);
      assert.match(refused.body.error.message, /^attendees\[2\]: .*full and has no waitlist/);
      assert.equal((await adminRegistrations(full.id)).total, 0, 'nobody is stored');
      const count = await v1(`/events/${full.readableId}/registrations/count`, { token });
      assert.deepEqual(count.body, { count: 0 });

      const waiting = await event({ capacity: 2, waitlistAllowed: true });
      const res = await register(waiting.readableId, three('wait'), { ip });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(res.body.registrations.map((r) => r.status), ['confirmed', 'confirmed', 'waitlisted']);

      const open = await event({ waitlistAllowed: true });
      const pass = await created(`${EVENTS}/${open.id}/passes`, { name: `Solo ${tag()}`, capacity: 1 });
      const withPass = await register(
        open.readableId,
        { attendees: [0, 1].map((i) => ({ email: `pass${i}-${tag()}@example.com`, passId: pass.id })) },
        { ip },
      );
      assert.equal(withPass.status, 201, withPass.text);
      assert.deepEqual(withPass.body.registrations.map((r) => r.status), ['confirmed', 'waitlisted'], 'the pass holds one');
    });

    it('10 concurrent POSTs with one idempotencyKey store one registration, all with its id', async () => {
      const ev = await event({ capacity: 100 });
      const key = `idem-${tag()}`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          register(ev.readableId, {
            idempotencyKey: key,
            attendees: [{ email: `${key}@example.com`, firstName: 'Idem' }],
          }),
        ),
      );
      for (const a of answers) assert.ok(a.status === 200 || a.status === 201, a.text);
      assert.equal(answers.filter((a) => a.status === 201).length, 1, 'one answer created it');
      const ids = new Set(answers.map((a) => a.body.registrations[0].registrationId));
      assert.equal(ids.size, 1);
      const stored = await adminRegistrations(ev.id);
      assert.equal(stored.total, 1);
      assert.equal(stored.items[0].id, [...ids][0]);

      // The Idempotency-Key header works the same way.
      const headerKey = `hdr-${tag()}`;
      const byHeader = await Promise.all(
        Array.from({ length: 5 }, () =>
          register(
            ev.readableId,
            { attendees: [{ email: `${headerKey}@example.com` }] },
            { headers: { 'idempotency-key': headerKey } },
          ),
        ),
      );
      assert.equal(new Set(byHeader.map((a) => a.body.registrations[0].registrationId)).size, 1);
      assert.equal((await adminRegistrations(ev.id)).total, 2);
    });

    it('a full event without a waitlist refuses with 409 and stores nothing more', async () => {
      const ev = await event({ capacity: 3, waitlistAllowed: false });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          register(ev.readableId, { attendees: [{ email: `seat${i}@example.com` }] }),
        ),
      );
      const accepted = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 409);
      assert.equal(accepted.length, 3, answers.map((a) => a.text).join('\n'));
      assert.equal(refused.length, 5);
      assert.equal(refused[0].body.error.code, 'conflict');
      assert.match(refused[0].body.error.message, /full and has no waitlist/);
      const stored = await adminRegistrations(ev.id);
      assert.deepEqual(
        stored.items.map((r) => r.id).sort(),
        accepted.map((a) => a.body.registrations[0].registrationId).sort(),
      );
      const count = await v1(`/events/${ev.readableId}/registrations/count`, { token });
      assert.deepEqual(count.body, { count: 3 });
    });

    it('a registration needs JSON', async () => {
      const ev = await event();
      const res = await v1(`/events/${ev.readableId}/registrations`, {
        token,
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(res.status, 415);
    });
  });
});

// The public Events API (`/api/v1/`) against workerd, who may call it: application tokens
// (query or bearer, rotation, deactivation), origin checks and CORS (reflected origin, never
// `*`; preflight), web application validation, the token shown once, and the per-address
// rate limit.
//
// Every public request carries its own `cf-connecting-ip` (wrangler dev passes it through),
// so each test counts against its own client rate limit and the tests stay independent.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { APPS, SITE, OTHER_SITE, tag, sleep, newAddress, eventsApi } from '../support/events-api.mjs';
import { client } from '../support/server.mjs';

describe('the public Events API: access', () => {
  const h = eventsApi();
  const { v1, webApp, event, created, adminRegistrations } = h;
  let server;
  let api;

  before(async () => {
    await h.start();
    ({ server, api } = h);
  });

  after(() => h.stop());

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
});

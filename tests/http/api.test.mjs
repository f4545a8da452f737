// HTTP integration tests: the real worker under `wrangler dev`, exercised over fetch:
// sessions, the error contract and request handling (the webinar providers' routes are in
// webinar-providers.test.mjs).
//
// One server for the whole file. Tests run in order;
// the sign-in rate limit test is last because it blocks sign-in from this address for a
// minute.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { UUID, assertError, provider } from '../support/errors.mjs';
import { client, startWorker } from '../support/server.mjs';

const PROVIDERS = '/api/admin/webinar-providers';
const tag = () => randomBytes(4).toString('hex');

let server;
/** Signed in as the administrator for the whole file. */
let admin;
/** Never signed in. */
let anonymous;

before(async () => {
  server = await startWorker();
  admin = client(server);
  anonymous = client(server);
  const res = await admin.signIn();
  assert.equal(res.status, 200, res.text);
});

after(async () => {
  await server?.stop();
});

describe('without a session', () => {
  it('GET the provider list is 401 unauthorized', async () => {
    const res = await anonymous.get(PROVIDERS);
    const error = assertError(res, 401, 'unauthorized');
    assert.deepEqual(Object.keys(res.body), ['error']);
    assert.deepEqual(Object.keys(error).sort(), ['code', 'message']);
  });

  it('an unknown admin route is 401, not 404', async () => {
    assertError(await anonymous.get('/api/admin/no-such-thing'), 401, 'unauthorized');
  });

  it('a made-up session cookie is 401', async () => {
    const res = await anonymous.get(PROVIDERS, {
      headers: { cookie: `convene_session=${'ab'.repeat(32)}` },
    });
    assertError(res, 401, 'unauthorized');
  });

  it('GET /api/auth/session is 401', async () => {
    assertError(await anonymous.get('/api/auth/session'), 401, 'unauthorized');
  });

  it('every error has its own request id; successes carry the common headers', async () => {
    const a = await anonymous.get(PROVIDERS);
    const b = await anonymous.get(PROVIDERS);
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
    const health = await anonymous.get('/api/health');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok' });
    assert.match(health.headers.get('x-request-id') ?? '', UUID);
    assert.equal(health.headers.get('cache-control'), 'no-store');
    assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('sign-in and sessions', () => {
  it('a wrong password is 401 unauthorized and sets no cookie', async () => {
    const c = client(server);
    const res = await c.signIn(`${server.password}x`);
    assertError(res, 401, 'unauthorized');
    assert.deepEqual(res.headers.getSetCookie(), []);
    assert.equal(c.cookie, null);
  });

  it('missing user name and password are validation errors', async () => {
    const res = await anonymous.post('/api/auth/sign-in', {});
    const error = assertError(res, 400, 'validation_failed');
    assert.deepEqual(
      error.fields.map((f) => f.field),
      ['username', 'password'],
    );
  });

  it('sign in, use the session, sign out ends it on the server', async () => {
    const c = client(server);
    const res = await c.signIn();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), ['id', 'role', 'username']);
    assert.equal(res.body.username, 'admin');
    assert.equal(res.body.role, 'administrator', 'the bootstrap user is the first administrator');

    const cookies = res.headers.getSetCookie();
    assert.equal(cookies.length, 1, String(cookies));
    const attrs = cookies[0].split(';').map((s) => s.trim());
    assert.match(attrs[0], /^convene_session=[0-9a-f]{64}$/);
    assert.ok(attrs.includes('HttpOnly'), cookies[0]);
    assert.ok(attrs.includes('SameSite=Strict'), cookies[0]);
    assert.ok(attrs.includes('Path=/'), cookies[0]);
    assert.ok(!attrs.some((a) => a.toLowerCase() === 'secure'), `no Secure on loopback: ${cookies[0]}`);

    const session = await c.get('/api/auth/session');
    assert.equal(session.status, 200, session.text);
    assert.deepEqual(session.body, res.body);
    assert.equal((await c.get(PROVIDERS)).status, 200);

    const stolen = `convene_session=${c.cookie}`;
    const out = await c.signOut();
    assert.equal(out.status, 204, out.text);
    assert.equal(out.text, '');
    assert.match(out.headers.getSetCookie()[0] ?? '', /^convene_session=;.*Max-Age=0/);
    assert.equal(c.cookie, null, 'the jar dropped the cleared cookie');

    // The old cookie value, replayed, no longer works: the session ended server-side.
    const replay = { headers: { cookie: stolen } };
    assertError(await c.get('/api/auth/session', replay), 401, 'unauthorized');
    assertError(await c.get(PROVIDERS, replay), 401, 'unauthorized');
  });

  it('a user name other than the administrator is refused', async () => {
    // Also resets this address's failure count: a correct sign-in clears it.
    assertError(await client(server).signIn(server.password, 'root'), 401, 'unauthorized');
    assert.equal((await client(server).signIn()).status, 200);
  });
});

describe('request handling', () => {
  it('malformed JSON is 400 bad_request, never 500', async () => {
    for (const raw of ['{"name": ', '{name: "x"}', '', '{"name": "a",}', '\u00ff{}']) {
      const res = await admin.request('POST', PROVIDERS, { raw });
      assertError(res, 400, 'bad_request');
    }
  });

  it('a body that is not UTF-8 is 400 bad_request', async () => {
    // {"name": "<0xff>"}: the store decodes admin bodies, the worker checks the encoding.
    const raw = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    for (const path of [PROVIDERS, '/api/admin/events']) {
      const res = await admin.request('POST', path, { raw });
      const error = assertError(res, 400, 'bad_request');
      assert.match(error.message, /UTF-8/);
    }
  });

  it('data after the JSON object is 400 bad_request', async () => {
    // Bodies that would fail validation anyway, so a regression creates nothing.
    for (const raw of ['{"name": "a"} trailing', '{"name": "a"}{"name": "b"}']) {
      assertError(await admin.request('POST', PROVIDERS, { raw }), 400, 'bad_request');
    }
  });

  it('a JSON body that is not an object is 400 bad_request', async () => {
    for (const raw of ['[1, 2]', '[]', '"text"', '42', 'null']) {
      const res = await admin.request('POST', PROVIDERS, { raw });
      assertError(res, 400, 'bad_request');
    }
  });

  it('a body that is not JSON by content type is 415', async () => {
    const body = JSON.stringify(provider());
    const plain = await admin.request('POST', PROVIDERS, { raw: body, contentType: 'text/plain' });
    assertError(plain, 415, 'unsupported_media_type');
    const none = await admin.request('POST', PROVIDERS, { raw: body, contentType: null });
    assertError(none, 415, 'unsupported_media_type');
    const signIn = await anonymous.request('POST', '/api/auth/sign-in', {
      raw: JSON.stringify({ username: 'admin', password: server.password }),
      contentType: 'text/plain',
    });
    assertError(signIn, 415, 'unsupported_media_type');
    assert.deepEqual(signIn.headers.getSetCookie(), []);
  });

  it('an oversized body is 413', async () => {
    const res = await admin.post(PROVIDERS, provider({ name: 'x'.repeat(70 * 1024) }));
    assertError(res, 413, 'payload_too_large');
  });

  it('an unknown API route is 404 JSON', async () => {
    assertError(await anonymous.get('/api/no-such-route'), 404, 'not_found');
    assertError(await admin.get('/api/admin/no-such-route'), 404, 'not_found');
    assertError(await admin.get(`${PROVIDERS}/on24/extra`), 404, 'not_found');
  });

  it('a wrong method is 405 with an Allow header', async () => {
    const patch = await admin.request('PATCH', PROVIDERS, { json: provider() });
    assertError(patch, 405, 'method_not_allowed');
    assert.equal(patch.headers.get('allow'), 'GET, POST');

    const post = await admin.post(`${PROVIDERS}/on24`, provider());
    assertError(post, 405, 'method_not_allowed');
    assert.equal(post.headers.get('allow'), 'GET, PUT, DELETE');

    const getSignIn = await anonymous.get('/api/auth/sign-in');
    assertError(getSignIn, 405, 'method_not_allowed');
    assert.equal(getSignIn.headers.get('allow'), 'POST');
  });

  it('a cross-origin or origin-less state change is 403 forbidden, even with a session', async () => {
    const name = `Cross ${tag()}`;
    const evil = await admin.post(PROVIDERS, provider({ name }), {
      origin: 'http://evil.example',
    });
    assertError(evil, 403, 'forbidden');
    const missing = await admin.post(PROVIDERS, provider({ name }), { origin: null });
    assertError(missing, 403, 'forbidden');
    const otherPort = await admin.post(PROVIDERS, provider({ name }), {
      origin: `http://127.0.0.1:${server.port === 1 ? 2 : server.port - 1}`,
    });
    assertError(otherPort, 403, 'forbidden');
    const found = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(name)}`);
    assert.equal(found.body.total, 0, 'nothing was created');

    assertError(
      await admin.del(`${PROVIDERS}/on24`, { origin: 'http://evil.example' }),
      403,
      'forbidden',
    );
    // Sign-in and sign-out are state changes too.
    assertError(
      await client(server).signIn(server.password, 'admin', { origin: 'http://evil.example' }),
      403,
      'forbidden',
    );
    assertError(await admin.signOut({ origin: null }), 403, 'forbidden');
    assert.equal((await admin.get('/api/auth/session')).status, 200, 'still signed in');
  });
});

// Last: after this, sign-in from this address is refused for a minute.
describe('sign-in rate limit', () => {
  it('5 wrong passwords, then even the right one is 429 with Retry-After', async () => {
    const c = client(server);
    // A correct sign-in clears earlier failures, so the count starts at zero.
    assert.equal((await c.signIn()).status, 200);
    for (let i = 1; i <= 5; i++) {
      assertError(await c.signIn(`wrong-${i}`), 401, 'unauthorized');
    }
    const limited = await c.signIn();
    const error = assertError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(error.message, new RegExp(`${retryAfter} seconds`));
    assert.deepEqual(limited.headers.getSetCookie(), []);
    // Existing sessions are not affected.
    assert.equal((await admin.get(PROVIDERS)).status, 200);
  });
});

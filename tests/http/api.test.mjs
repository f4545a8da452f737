// HTTP integration tests: the real worker under `wrangler dev`, exercised over fetch.
//
// One server for the whole file (the restart test starts its own two). Tests run in order;
// the sign-in rate limit test is last because it blocks sign-in from this address for a
// minute.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { client, startWorker } from '../support/server.mjs';

const PROVIDERS = '/api/admin/webinar-providers';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

const tag = () => randomBytes(4).toString('hex');

/** A valid provider body; `over` replaces fields. */
function provider(over = {}) {
  return {
    name: `Acme ${tag()}`,
    baseServiceUrl: 'https://api.acme.example/v1',
    maxDurationMinutes: 90,
    termsOfServiceUrl: 'https://acme.example/terms',
    privacyPolicyUrl: 'https://acme.example/privacy',
    ...over,
  };
}

/** Every error: the status, the JSON error shape with `code`, a message, a request id. */
function assertError(res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.ok(res.body && typeof res.body.error === 'object', `error body: ${res.text}`);
  assert.equal(res.body.error.code, code, res.text);
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0, 'error message is not empty');
  assert.match(res.headers.get('x-request-id') ?? '', UUID, 'x-request-id header');
  return res.body.error;
}

function assertInvalidField(res, field) {
  const error = assertError(res, 400, 'validation_failed');
  const fields = (error.fields ?? []).map((f) => f.field);
  assert.deepEqual(fields, [field], res.text);
  assert.ok(error.fields[0].message.length > 0);
}

const on24Count = (items) => items.filter((p) => p.name.trim().toLowerCase() === 'on24').length;

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
    assert.deepEqual(res.body, { username: 'admin' });

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
    assert.deepEqual(session.body, { username: 'admin' });
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

describe('webinar providers', () => {
  it('ON24 is seeded once with its defaults', async () => {
    const res = await admin.get(PROVIDERS);
    assert.equal(res.status, 200, res.text);
    assert.equal(on24Count(res.body.items), 1, res.text);
    const on24 = res.body.items.find((p) => p.name === 'ON24');
    assert.ok(on24, res.text);
    assert.equal(on24.id, 'on24');
    assert.equal(on24.builtIn, true);
    assert.equal(on24.baseServiceUrl, '');
    assert.equal(on24.maxDurationMinutes, 240);
    for (const key of ['termsOfServiceUrl', 'privacyPolicyUrl']) {
      assert.equal(new URL(on24[key]).protocol, 'https:', key);
    }
    assert.ok(!Number.isNaN(Date.parse(on24.createdAt)), on24.createdAt);

    const one = await admin.get(`${PROVIDERS}/on24`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, on24);
  });

  it('create, read, list, update, delete', async () => {
    const name = `Acme CRUD ${tag()}`;
    const created = await admin.post(PROVIDERS, provider({ name: `  ${name}  ` }));
    assert.equal(created.status, 201, created.text);
    const p = created.body;
    assert.match(p.id, UUID);
    assert.equal(p.name, name, 'name is trimmed');
    assert.equal(p.builtIn, false);
    assert.equal(p.maxDurationMinutes, 90);
    assert.equal(p.baseServiceUrl, 'https://api.acme.example/v1');
    assert.equal(p.createdAt, p.updatedAt);

    const got = await admin.get(`${PROVIDERS}/${p.id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.body, p);

    const list = await admin.get(`${PROVIDERS}?pageSize=100`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.find((x) => x.id === p.id),
      p,
    );

    await new Promise((r) => setTimeout(r, 5)); // timestamps have millisecond resolution
    const renamed = `${name} Renamed`;
    const updated = await admin.put(
      `${PROVIDERS}/${p.id}`,
      provider({ name: `\t${renamed} `, maxDurationMinutes: 1440, baseServiceUrl: '' }),
    );
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.id, p.id);
    assert.equal(updated.body.name, renamed, 'name is trimmed');
    assert.equal(updated.body.maxDurationMinutes, 1440);
    assert.equal(updated.body.baseServiceUrl, '');
    assert.equal(updated.body.builtIn, false);
    assert.equal(updated.body.createdAt, p.createdAt);
    assert.notEqual(updated.body.updatedAt, p.updatedAt, 'updatedAt changes');
    assert.ok(Date.parse(updated.body.updatedAt) > Date.parse(p.updatedAt));
    assert.deepEqual((await admin.get(`${PROVIDERS}/${p.id}`)).body, updated.body);

    const deleted = await admin.del(`${PROVIDERS}/${p.id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(deleted.text, '');
    assertError(await admin.get(`${PROVIDERS}/${p.id}`), 404, 'not_found');
    assertError(await admin.del(`${PROVIDERS}/${p.id}`), 404, 'not_found');
  });

  describe('invalid input is 400 validation_failed naming the field', () => {
    const cases = [
      ['empty name', { name: '' }, 'name'],
      ['blank name', { name: '   \t ' }, 'name'],
      ['101-character name', { name: 'x'.repeat(101) }, 'name'],
      ['name of another provider in other case', { name: 'on24' }, 'name'],
      ['name given as a number', { name: 5 }, 'name'],
      ['http terms URL', { termsOfServiceUrl: 'http://acme.example/terms' }, 'termsOfServiceUrl'],
      ['javascript: privacy URL', { privacyPolicyUrl: 'javascript:alert(1)' }, 'privacyPolicyUrl'],
      ['duration 0', { maxDurationMinutes: 0 }, 'maxDurationMinutes'],
      ['duration 1441', { maxDurationMinutes: 1441 }, 'maxDurationMinutes'],
      ['duration 12.5', { maxDurationMinutes: 12.5 }, 'maxDurationMinutes'],
      ['duration "sixty"', { maxDurationMinutes: 'sixty' }, 'maxDurationMinutes'],
      ['http base URL', { baseServiceUrl: 'http://api.acme.example' }, 'baseServiceUrl'],
      ['non-ASCII base URL', { baseServiceUrl: 'https://bücher.example/v1' }, 'baseServiceUrl'],
    ];
    for (const [label, over, field] of cases) {
      it(label, async () => {
        const body = provider(over);
        assertInvalidField(await admin.post(PROVIDERS, body), field);
        // Nothing was created under that name.
        if (typeof body.name === 'string' && body.name.trim() && body.name !== 'on24') {
          const found = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(body.name)}`);
          assert.equal(found.body.total, 0, found.text);
        }
      });
    }

    it('an update is checked the same way (and may keep its own name)', async () => {
      const created = await admin.post(PROVIDERS, provider());
      assert.equal(created.status, 201, created.text);
      const url = `${PROVIDERS}/${created.body.id}`;
      assertInvalidField(await admin.put(url, provider({ name: 'ON24' })), 'name');
      assertInvalidField(
        await admin.put(url, provider({ name: created.body.name, maxDurationMinutes: null })),
        'maxDurationMinutes',
      );
      const same = await admin.put(url, provider({ name: created.body.name.toUpperCase() }));
      assert.equal(same.status, 200, same.text);
      assert.equal((await admin.del(url)).status, 204);
    });
  });

  it('an unknown provider id is 404 not_found for GET, PUT and DELETE', async () => {
    const url = `${PROVIDERS}/00000000-0000-4000-8000-000000000000`;
    assertError(await admin.get(url), 404, 'not_found');
    assertError(await admin.put(url, provider()), 404, 'not_found');
    assertError(await admin.del(url), 404, 'not_found');
  });

  it('ON24 cannot be deleted (409 conflict) but can be edited', async () => {
    const error = assertError(await admin.del(`${PROVIDERS}/on24`), 409, 'conflict');
    assert.match(error.message, /ON24/);
    const before = (await admin.get(`${PROVIDERS}/on24`)).body;
    assert.equal(before.builtIn, true);

    const edited = await admin.put(`${PROVIDERS}/on24`, {
      ...provider(),
      name: 'ON24',
      baseServiceUrl: '',
      maxDurationMinutes: 300,
      termsOfServiceUrl: before.termsOfServiceUrl,
      privacyPolicyUrl: before.privacyPolicyUrl,
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.maxDurationMinutes, 300);
    assert.equal(edited.body.builtIn, true, 'still built in after an edit');
    const restored = await admin.put(`${PROVIDERS}/on24`, {
      name: before.name,
      baseServiceUrl: before.baseServiceUrl,
      maxDurationMinutes: before.maxDurationMinutes,
      termsOfServiceUrl: before.termsOfServiceUrl,
      privacyPolicyUrl: before.privacyPolicyUrl,
    });
    assert.equal(restored.status, 200, restored.text);
    assert.equal(restored.body.maxDurationMinutes, 240);
  });

  it('search, sort and paging', async () => {
    const prefix = `Sortable ${tag()}`;
    const marker = `marker-${tag()}`;
    for (const [suffix, minutes, base] of [
      ['Gamma', 120, ''],
      ['Alpha', 30, `https://${marker}.example/api`],
      ['Beta', 600, ''],
    ]) {
      const res = await admin.post(
        PROVIDERS,
        provider({ name: `${prefix} ${suffix}`, maxDurationMinutes: minutes, baseServiceUrl: base }),
      );
      assert.equal(res.status, 201, res.text);
    }
    const names = (res) => res.body.items.map((p) => p.name.slice(prefix.length + 1));
    const q = `q=${encodeURIComponent(prefix.toLowerCase())}`;

    const all = await admin.get(`${PROVIDERS}?${q}`);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(Object.keys(all.body).sort(), ['items', 'page', 'pageSize', 'total']);
    assert.equal(all.body.total, 3);
    assert.equal(all.body.page, 1);
    assert.equal(all.body.pageSize, 25);
    assert.deepEqual(names(all), ['Alpha', 'Beta', 'Gamma'], 'default sort is by name');

    const byDuration = await admin.get(`${PROVIDERS}?${q}&sort=maxDurationMinutes&desc=1`);
    assert.deepEqual(names(byDuration), ['Beta', 'Gamma', 'Alpha']);
    const byDurationAsc = await admin.get(`${PROVIDERS}?${q}&sort=maxDurationMinutes`);
    assert.deepEqual(names(byDurationAsc), ['Alpha', 'Gamma', 'Beta']);

    const page2 = await admin.get(`${PROVIDERS}?${q}&page=2&pageSize=1`);
    assert.equal(page2.status, 200);
    assert.deepEqual(
      { total: page2.body.total, page: page2.body.page, pageSize: page2.body.pageSize },
      { total: 3, page: 2, pageSize: 1 },
    );
    assert.deepEqual(names(page2), ['Beta']);

    const beyond = await admin.get(`${PROVIDERS}?${q}&page=9&pageSize=1`);
    assert.deepEqual(beyond.body.items, []);
    assert.equal(beyond.body.total, 3);

    const capped = await admin.get(`${PROVIDERS}?${q}&pageSize=500`);
    assert.equal(capped.body.pageSize, 100);

    // The search also looks at the base service URL.
    const byUrl = await admin.get(`${PROVIDERS}?q=${marker.toUpperCase()}`);
    assert.deepEqual(names(byUrl), ['Alpha']);

    const none = await admin.get(`${PROVIDERS}?q=${tag()}-nothing-matches`);
    assert.deepEqual(none.body, { items: [], total: 0, page: 1, pageSize: 25 });

    for (const p of all.body.items) {
      assert.equal((await admin.del(`${PROVIDERS}/${p.id}`)).status, 204);
    }
  });

  it('search ignores case beyond ASCII (the host lower-cases it)', async () => {
    const name = `Été Σοφία ${tag()}`;
    const created = await admin.post(PROVIDERS, provider({ name }));
    assert.equal(created.status, 201, created.text);
    const upper = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(name.toUpperCase())}`);
    assert.deepEqual(upper.body.items.map((p) => p.name), [name]);
    const unaccented = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(`Ete ${name.slice(4)}`)}`);
    assert.equal(unaccented.body.total, 0, 'case only: accents still count');
    assert.equal((await admin.del(`${PROVIDERS}/${created.body.id}`)).status, 204);
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

describe('ON24 is seeded exactly once, across a restart', () => {
  it('concurrent first requests, then a restart on the same state', async () => {
    const persistDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-state-'));
    const first = await startWorker({ persistDir });
    let second;
    try {
      const c1 = client(first);
      assert.equal((await c1.signIn()).status, 200);
      const lists = await Promise.all(Array.from({ length: 10 }, () => c1.get(PROVIDERS)));
      for (const res of lists) {
        assert.equal(res.status, 200, res.text);
        assert.equal(on24Count(res.body.items), 1, res.text);
      }
      const custom = await c1.post(PROVIDERS, provider({ name: 'Survives Restart' }));
      assert.equal(custom.status, 201, custom.text);
      await first.stop();

      second = await startWorker({ persistDir, password: first.password });
      const c2 = client(second);
      assert.equal((await c2.signIn()).status, 200);
      const res = await c2.get(PROVIDERS);
      assert.equal(res.status, 200, res.text);
      assert.equal(on24Count(res.body.items), 1, res.text);
      assert.equal(res.body.total, 2, res.text);
      assert.deepEqual(
        res.body.items.find((p) => p.id === custom.body.id),
        custom.body,
      );
    } finally {
      await first.stop();
      await second?.stop();
      fs.rmSync(persistDir, { recursive: true, force: true });
    }
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

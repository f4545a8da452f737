// The Events API contract: every public route's live answers, success and error, are checked
// against the OpenAPI document the worker itself serves at /api/v1/openapi.json (status
// documented, JSON body valid against the schema with its $refs, required headers present).
//
// Requests stay well under the per-address rate limit (100 per 10 s) until the last test,
// which runs into it on purpose.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { contract } from '../support/openapi.mjs';
import { REPO_ROOT, startWorker } from '../support/server.mjs';
import { DRAFT_EVENT, MAIN_EVENT, SMALL_EVENT, seed } from '../support/seed.mjs';

const DOC_ID = 'https://convene.invalid/api/v1/openapi.json';

let server;
let data;
/** The served OpenAPI document. */
let doc;
/** `conforms` and `deref` for the served document (tests/support/openapi.mjs). */
let conforms;
let deref;

before(async () => {
  server = await startWorker();
  data = await seed(server);
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  assert.equal(res.status, 200);
  doc = await res.json();
  ({ conforms, deref } = contract(doc, DOC_ID));
});

after(async () => {
  await server?.stop();
});

/** A public API call: bearer token and the allowed origin unless told otherwise. */
async function call(method, urlPath, opts = {}) {
  const headers = {};
  if (opts.origin !== null) headers.origin = opts.origin ?? data.origin;
  if (opts.token !== null && !opts.query) headers.authorization = `Bearer ${opts.token ?? data.token}`;
  if (opts.json !== undefined || opts.raw !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  Object.assign(headers, opts.headers ?? {});
  let url = `${server.url}/api/v1${urlPath}`;
  if (opts.query) url += `${url.includes('?') ? '&' : '?'}emApplicationtoken=${encodeURIComponent(opts.token ?? data.token)}`;
  const body = opts.raw ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: conforms() fails on it */
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

const E = (id = MAIN_EVENT) => `/events/${id}`;
const T = '/events/{readableEventId}';

describe('the OpenAPI document', () => {
  it('is served as OpenAPI 3.1 and is the one in the repository', async () => {
    const res = await call('GET', '/openapi.json', { token: null, origin: null });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    conforms(res, 'GET', '/openapi.json');
    assert.equal(doc.openapi, '3.1.0');
    const file = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'openapi', 'events-v1.json'), 'utf8'));
    assert.deepEqual(doc, file, 'the worker serves openapi/events-v1.json: rebuild it (cargo xtask build)');
  });

  it('documents every public route, with both security schemes and the shared error body', () => {
    assert.deepEqual(doc.servers, [{ url: '/api/v1', description: 'This deployment' }]);
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/events/published',
      '/events/{readableEventId}',
      '/events/{readableEventId}/custom-registration-fields',
      '/events/{readableEventId}/passes',
      '/events/{readableEventId}/registrations',
      '/events/{readableEventId}/registrations/count',
      '/events/{readableEventId}/sessions',
      '/events/{readableEventId}/speakers',
      '/openapi.json',
    ]);
    assert.deepEqual(doc.security, [{ emApplicationtoken: [] }, { bearerAuth: [] }]);
    assert.deepEqual(doc.components.securitySchemes.emApplicationtoken, {
      ...doc.components.securitySchemes.emApplicationtoken,
      type: 'apiKey',
      in: 'query',
      name: 'emApplicationtoken',
    });
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
    // Every operation compiles, and every error answer uses the one error schema.
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, documented] of Object.entries(operation.responses)) {
          const { node } = deref(documented);
          const schema = node.content['application/json'].schema;
          if (Number(status) >= 400) {
            assert.deepEqual(schema, { $ref: '#/components/schemas/Error' }, `${method} ${template} ${status}`);
          }
        }
        if (template !== '/openapi.json') {
          assert.equal(operation.security, undefined, `${method} ${template} uses the default security`);
          for (const status of ['400', '401', '403', '405', '429']) {
            assert.ok(operation.responses[status], `${method} ${template} documents ${status}`);
          }
        }
      }
    }
    const post = doc.paths['/events/{readableEventId}/registrations'].post;
    for (const status of ['200', '201', '404', '409', '413', '415']) {
      assert.ok(post.responses[status], `POST registrations documents ${status}`);
    }
    assert.ok(post.parameters.some((p) => p.name === 'Idempotency-Key' && p.in === 'header'));
  });
});

describe('live answers conform to the document', () => {
  it('published events, with optional and custom fields as configured', async () => {
    const events = conforms(await call('GET', '/events/published'), 'GET', '/events/published');
    assert.deepEqual(events.map((e) => e.readableEventId), [MAIN_EVENT, SMALL_EVENT]);
    const main = events[0];
    assert.deepEqual(main.customFields, { room: 'Hall A', seats: 500, tier: 'Gold' });
    assert.equal(main.maxCapacity, 500);
    assert.equal(main.showWaitlist, true);
    // The token in the query string works the same.
    const viaQuery = await call('GET', '/events/published', { query: true });
    assert.deepEqual(conforms(viaQuery, 'GET', '/events/published'), events);
    // No Origin (a server-side caller) is allowed too, and gets no CORS header.
    const server2server = await call('GET', '/events/published', { origin: null });
    conforms(server2server, 'GET', '/events/published');
    assert.equal(server2server.headers.get('access-control-allow-origin'), null);
  });

  it('one event and each of its parts', async () => {
    const event = conforms(await call('GET', E()), 'GET', T);
    assert.equal(event.eventName, 'Spring Summit 2026');
    const small = conforms(await call('GET', E(SMALL_EVENT)), 'GET', T);
    assert.deepEqual(small.customFields, {});

    const sessions = conforms(await call('GET', `${E()}/sessions`), 'GET', `${T}/sessions`);
    assert.deepEqual(sessions.map((s) => s.name), ['Keynote', 'Workshops']);
    assert.deepEqual(sessions[0].customFields, { recorded: true, track: 'Main' });
    const speakers = conforms(await call('GET', `${E()}/speakers`), 'GET', `${T}/speakers`);
    assert.equal(speakers.length, 2);
    const passes = conforms(await call('GET', `${E()}/passes`), 'GET', `${T}/passes`);
    assert.deepEqual(passes.map((p) => p.capacity), [null, 20]);
    const fields = conforms(
      await call('GET', `${E()}/custom-registration-fields`),
      'GET',
      `${T}/custom-registration-fields`,
    );
    assert.deepEqual(fields.map((f) => f.type), ['simple_text', 'boolean', 'single_choice', 'multiple_choice']);
    const count = conforms(await call('GET', `${E()}/registrations/count`), 'GET', `${T}/registrations/count`);
    assert.equal(count.count, 0);
    // Parts of an event without any.
    for (const part of ['sessions', 'speakers', 'passes']) {
      assert.deepEqual(conforms(await call('GET', `${E(SMALL_EVENT)}/${part}`), 'GET', `${T}/${part}`), []);
    }
  });

  it('registrations: created, replayed, full, invalid', async () => {
    const url = `${E()}/registrations`;
    const R = `${T}/registrations`;
    const [meal] = data.questions.filter((q) => q.text === 'Meal');
    const attendee = {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Engines',
      passId: data.passes[1].id,
      waitlisted: false,
      sessionIds: [data.sessions[0].id],
      responses: [{ id: meal.id, value: 'Lunch' }],
    };
    const created = await call('POST', url, {
      json: { attendees: [attendee, { email: 'grace@example.com' }], hipObject: { ignored: true } },
      headers: { 'idempotency-key': 'contract-1' },
    });
    assert.equal(created.status, 201, created.text);
    const body = conforms(created, 'POST', R);
    assert.deepEqual(body.registrations.map((r) => r.status), ['confirmed', 'confirmed']);
    const replayed = await call('POST', url, {
      json: { attendees: [attendee, { email: 'grace@example.com' }] },
      headers: { 'idempotency-key': 'contract-1' },
    });
    assert.equal(replayed.status, 200, replayed.text);
    assert.deepEqual(conforms(replayed, 'POST', R), body);
    const count = conforms(await call('GET', `${url}/count`), 'GET', `${T}/registrations/count`);
    assert.equal(count.count, 2);

    // One seat, no waitlist, a required question.
    const [size] = data.questions.filter((q) => q.text === 'Company size');
    const small = `${E(SMALL_EVENT)}/registrations`;
    const answer = (email) => ({ attendees: [{ email, responses: [{ id: size.id, value: '10' }] }] });
    const unanswered = await call('POST', small, { json: { attendees: [{ email: 'x@example.com' }] } });
    assert.equal(unanswered.status, 400);
    const error = conforms(unanswered, 'POST', R).error;
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.fields.map((f) => f.field), [`attendees[0].responses.${size.id}`]);
    assert.equal((await call('POST', small, { json: answer('first@example.com') })).status, 201);
    const full = await call('POST', small, { json: answer('second@example.com') });
    assert.equal(full.status, 409);
    assert.equal(conforms(full, 'POST', R).error.code, 'conflict');

    const invalid = [
      [{ json: { attendees: [] } }, 400, 'validation_failed'],
      [{ json: { attendees: [{ email: 'not-an-email' }] } }, 400, 'validation_failed'],
      [{ json: { attendees: [{ email: 'a@example.com', sessionIds: 'nope' }] } }, 400, 'validation_failed'],
      [{ raw: '{"attendees": [' }, 400, 'bad_request'],
      [{ raw: '[]' }, 400, 'bad_request'],
      [{ json: { attendees: [{ email: 'a@example.com' }] }, contentType: 'text/plain' }, 415, 'unsupported_media_type'],
      [{ raw: JSON.stringify({ attendees: [], pad: 'x'.repeat(70 * 1024) }) }, 413, 'payload_too_large'],
    ];
    for (const [opts, status, code] of invalid) {
      const res = await call('POST', url, opts);
      assert.equal(res.status, status, `${JSON.stringify(opts).slice(0, 80)}: ${res.text}`);
      assert.equal(conforms(res, 'POST', R).error.code, code);
    }
    const draft = await call('POST', `${E(DRAFT_EVENT)}/registrations`, { json: answer('d@example.com') });
    assert.equal(draft.status, 404);
    conforms(draft, 'POST', R);
  });

  it('missing token, unknown token, foreign origin, unknown or unpublished event, wrong method', async () => {
    const cases = [
      ['GET', '/events/published', { token: null }, 400, 'bad_request', '/events/published'],
      ['GET', E(), { token: 'cvt_nope' }, 401, 'unauthorized', T],
      ['GET', E(), { token: 'cvt_nope', query: true }, 401, 'unauthorized', T],
      ['GET', `${E()}/sessions`, { origin: 'https://evil.example.com' }, 403, 'forbidden', `${T}/sessions`],
      ['GET', E(DRAFT_EVENT), {}, 404, 'not_found', T],
      ['GET', `${E('no-such-event')}/speakers`, {}, 404, 'not_found', `${T}/speakers`],
      ['GET', `${E(DRAFT_EVENT)}/registrations/count`, {}, 404, 'not_found', `${T}/registrations/count`],
      ['POST', '/events/published', { json: {} }, 405, 'method_not_allowed', '/events/published'],
      ['POST', `${E()}/passes`, { json: {} }, 405, 'method_not_allowed', `${T}/passes`],
      ['GET', `${E()}/registrations`, {}, 405, 'method_not_allowed', `${T}/registrations`],
    ];
    for (const [method, url, opts, status, code, template] of cases) {
      const res = await call(method, url, opts);
      assert.equal(res.status, status, `${method} ${url}: ${res.text}`);
      // A 405 belongs to the path, documented on its one operation.
      const documentedMethod = status === 405 ? Object.keys(doc.paths[template])[0] : method;
      assert.equal(conforms(res, documentedMethod, template).error.code, code);
    }
    // A foreign origin gets no CORS header, so a browser cannot read the answer either.
    const foreign = await call('GET', E(), { origin: 'https://evil.example.com' });
    assert.equal(foreign.status, 403, foreign.text);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  // Last: it exhausts the per-address limit of this server for 10 seconds.
  it('too many requests: 429 with Retry-After', async () => {
    // In concurrent batches, so that 150 requests land within the limit's 10 s window even
    // on a busy machine.
    let limited = null;
    for (let sent = 0; sent < 150 && !limited; sent += 30) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => call('GET', `${E()}/registrations/count`)),
      );
      for (const res of answers) {
        if (res.status === 429) limited ??= res;
        else assert.equal(res.status, 200, res.text);
      }
    }
    assert.ok(limited, 'the per-address limit answers 429 within 150 requests');
    assert.equal(conforms(limited, 'GET', `${T}/registrations/count`).error.code, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '10');
    assert.equal(limited.headers.get('access-control-allow-origin'), data.origin);
  });
});

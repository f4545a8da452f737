// The admin API contract: the OpenAPI document the worker serves to a signed-in
// administrator at /api/admin/openapi.json documents exactly the routes of the route table
// (worker/src/routes/mod.rs) with their methods, and every operation's live answers, success
// and error, conform to it (tests/support/openapi.mjs: status documented, body valid against
// the schema, required headers present). Every operation is called with success at least once.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { contract } from '../support/openapi.mjs';
import { adminRoutes, routeOf } from '../support/route-table.mjs';
import { REPO_ROOT, client, startWorker } from '../support/server.mjs';
import { seed } from '../support/seed.mjs';
import { startSim } from '../support/sim.mjs';
import { until } from '../support/webinar.mjs';

const DOC_ID = 'https://convene.invalid/api/admin/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete'];
const GOOD = { clientId: '1001', accessTokenKey: 'key-1001', accessTokenSecret: 'secret-1001' };

let sim;
let server;
let data;
/** The signed-in administrator's client (tests/support/server.mjs). */
let api;
let doc;
let conforms;
let deref;
/** `METHOD template` of every operation answered with a 2xx and checked. */
const succeeded = new Set();

before(async () => {
  sim = await startSim({ credentials: [GOOD] });
  server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
  data = await seed(server);
  api = data.admin;
  const res = await api.get('/api/admin/openapi.json');
  assert.equal(res.status, 200, res.text);
  doc = res.body;
  ({ conforms, deref } = contract(doc, DOC_ID));
});

after(async () => {
  await server?.stop();
  await sim?.stop();
});

/**
 * Calls `method url` (under /api) as the signed-in administrator (or as `opts.as`), checks
 * the answer against the document's `template` and, if given, that its status is `status`.
 */
async function check(method, template, url, { status, as = api, ...opts } = {}) {
  const res = await as.request(method, `/api${url}`, opts);
  if (status !== undefined) assert.equal(res.status, status, `${method} ${url}: ${res.text}`);
  const body = conforms(res, method, template);
  if (res.status < 300) succeeded.add(`${method} ${template}`);
  return body;
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([template, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ template, method: m.toUpperCase(), operation: item[m] })),
  );

describe('the admin OpenAPI document', () => {
  it('is served only to a signed-in administrator, and is the one in the repository', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const file = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'openapi', 'admin-v1.json'), 'utf8'));
    assert.deepEqual(doc, file, 'the worker serves openapi/admin-v1.json: rebuild it (cargo xtask build)');
    await check('GET', '/admin/openapi.json', '/admin/openapi.json', { status: 200 });
    const anonymous = client(server);
    await check('GET', '/admin/openapi.json', '/admin/openapi.json', { as: anonymous, status: 401 });
  });

  it('documents every route of the route table with its methods, and nothing else', async () => {
    assert.deepEqual(doc.servers, [{ url: '/api', description: 'This deployment' }]);
    const routes = adminRoutes(REPO_ROOT);
    const covered = new Set();
    for (const [template, item] of Object.entries(doc.paths)) {
      const route = routeOf(routes, template);
      assert.ok(route, `${template} is a route of worker/src/routes/mod.rs`);
      covered.add(route);
      const documented = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase()).sort();
      assert.deepEqual(documented, route.methods, `${template}: the methods the route accepts`);
      // The live worker agrees: a method no route takes is answered 405 with the same Allow.
      const url = template.replace(/\{[^}]+\}/g, 'x');
      const res = await api.request('PATCH', `/api${url}`, { json: {} });
      assert.equal(res.status, 405, `PATCH ${url}: ${res.text}`);
      assert.deepEqual(res.headers.get('allow')?.split(', ').sort(), route.methods, `PATCH ${url}: Allow`);
      conforms(res, documented[0], template);
    }
    const missing = routes.filter((r) => !covered.has(r)).map((r) => `/${r.path.map((s) => s ?? '{}').join('/')}`);
    assert.deepEqual(missing, [], 'routes of the table that the document does not describe');
  });

  it('gives every operation the errors its route can answer, in the one error body', () => {
    for (const { template, method, operation } of operations()) {
      const at = `${method} ${template}`;
      const statuses = Object.keys(operation.responses);
      const expected = ['405', '500'];
      if (operation.security?.length !== 0) expected.push('401');
      if (method !== 'GET') expected.push('403');
      if (template.includes('{')) expected.push('404');
      if (operation.requestBody) expected.push('400', '413', '415');
      for (const status of expected) assert.ok(statuses.includes(status), `${at} documents ${status}`);
      assert.ok(statuses.some((s) => s < '300'), `${at} documents its success`);
      for (const [status, documented] of Object.entries(operation.responses)) {
        const { node } = deref(documented);
        assert.ok(node.headers?.['X-Request-Id'], `${at} ${status} has X-Request-Id`);
        if (Number(status) >= 400) {
          assert.deepEqual(node.content['application/json'].schema, { $ref: '#/components/schemas/Error' }, `${at} ${status}`);
        }
      }
      for (const parameter of operation.parameters ?? []) {
        const { node } = deref(parameter);
        if (node.in === 'path') assert.ok(template.includes(`{${node.name}}`), `${at}: {${node.name}}`);
      }
    }
    assert.equal(doc.paths['/auth/sign-in'].post.security.length, 0);
    assert.deepEqual(doc.security, [{ sessionCookie: [] }]);
  });
});

describe('live answers conform to the admin document', () => {
  const A = '/admin';

  it('auth: session, sign-in, sign-out, and the errors of each', async () => {
    await check('GET', '/auth/session', '/auth/session', { status: 200 });
    const other = client(server);
    await check('GET', '/auth/session', '/auth/session', { as: other, status: 401 });
    const wrong = { username: 'admin', password: 'not-the-password' };
    await check('POST', '/auth/sign-in', '/auth/sign-in', { as: other, json: wrong, status: 401 });
    const error = await check('POST', '/auth/sign-in', '/auth/sign-in', { as: other, json: {}, status: 400 });
    assert.deepEqual(error.error.fields.map((f) => f.field), ['username', 'password']);
    const right = { username: 'admin', password: server.password };
    await check('POST', '/auth/sign-in', '/auth/sign-in', { as: other, json: right, origin: null, status: 403 });
    await check('POST', '/auth/sign-in', '/auth/sign-in', { as: other, json: right, status: 200 });
    assert.ok(other.cookie, 'signed in');
    await check('GET', '/auth/session', '/auth/session', { as: other, status: 200 });
    await check('POST', '/auth/sign-out', '/auth/sign-out', { as: other, status: 204 });
    await check('GET', '/auth/session', '/auth/session', { as: other, status: 401 });
  });

  it('webinar providers', async () => {
    const P = `${A}/webinar-providers`;
    const T = `${P}/{providerId}`;
    const page = await check('GET', P, `${P}?q=on&sort=updatedAt&desc=true&page=1&pageSize=5`, { status: 200 });
    assert.deepEqual(page.items.map((p) => p.id), ['on24']);
    const input = {
      name: 'Contract Webinars',
      maxDurationMinutes: 90,
      termsOfServiceUrl: 'https://webinars.example.com/terms',
      privacyPolicyUrl: 'https://webinars.example.com/privacy',
    };
    const created = await check('POST', P, P, { json: input, status: 201 });
    const again = await check('POST', P, P, { json: { ...input, name: 'contract webinars' }, status: 400 });
    assert.deepEqual(again.error.fields.map((f) => f.field), ['name']);
    await check('GET', T, `${P}/${created.id}`, { status: 200 });
    await check('PUT', T, `${P}/${created.id}`, { json: { ...input, maxDurationMinutes: 120 }, status: 200 });
    await check('PUT', T, `${P}/${created.id}`, { json: { ...input, maxDurationMinutes: '2h' }, status: 400 });
    await check('DELETE', T, `${P}/on24`, { status: 409 });
    await check('DELETE', T, `${P}/${created.id}`, { status: 204 });
    await check('GET', T, `${P}/${created.id}`, { status: 404 });
    await check('POST', P, P, { raw: '{"name": ', status: 400 });
    await check('POST', P, P, { json: input, contentType: 'text/plain', status: 415 });
    await check('POST', P, P, { raw: JSON.stringify({ ...input, pad: 'x'.repeat(70 * 1024) }), status: 413 });
    await check('POST', P, P, { json: input, origin: 'https://evil.example.com', status: 403 });
    await check('GET', P, P, { as: client(server), status: 401 });
  });

  it('webinar configurations, their checks and credentials', async () => {
    const C = `${A}/webinar-configurations`;
    const T = `${C}/{configurationId}`;
    const created = await check('POST', C, C, {
      json: { name: 'Contract account', providerId: 'on24', credentials: GOOD },
      status: 201,
    });
    assert.equal(created.credentialsSet, true);
    const invalid = await check('POST', C, C, {
      json: { name: 'Other', providerId: 'on24', credentials: { clientId: '' } },
      status: 400,
    });
    assert.ok(invalid.error.fields.some((f) => f.field === 'credentials.clientId'));
    const fresh = await check('POST', `${C}/check`, `${C}/check`, {
      json: { providerId: 'on24', credentials: GOOD },
      status: 200,
    });
    assert.equal(fresh.status, 'ok');
    await check('POST', `${C}/check`, `${C}/check`, { json: { providerId: 'nope', credentials: GOOD }, status: 400 });
    await check('GET', C, `${C}?view=all&sort=status&q=contract`, { status: 200 });
    await check('GET', T, `${C}/${created.id}`, { status: 200 });
    await check('PUT', T, `${C}/${created.id}`, { json: { name: 'Contract account 2', providerId: 'on24' }, status: 200 });
    await check('POST', `${T}/deactivate`, `${C}/${created.id}/deactivate`, { status: 200 });
    // Not before the provider's terms are accepted.
    await check('POST', `${T}/activate`, `${C}/${created.id}/activate`, { status: 409 });
    const accepted = await check('POST', `${T}/accept-terms`, `${C}/${created.id}/accept-terms`, { status: 200 });
    assert.equal(accepted.termsCurrent, true);
    await check('POST', `${T}/activate`, `${C}/${created.id}/activate`, { status: 200 });
    const stored = await check('POST', `${T}/check`, `${C}/${created.id}/check`, { contentType: null, status: 200 });
    assert.deepEqual([stored.status, stored.recorded], ['ok', true]);
    const typed = await check('POST', `${T}/check`, `${C}/${created.id}/check`, {
      json: { credentials: { ...GOOD, accessTokenSecret: 'wrong' } },
      status: 200,
    });
    assert.deepEqual([typed.status, typed.recorded], ['invalid_credentials', false]);
    const report = await check('POST', `${A}/credentials/rewrap`, `${A}/credentials/rewrap`, { status: 200 });
    assert.equal(report.alreadyCurrent, 1);
    const removed = await check('DELETE', `${T}/credentials`, `${C}/${created.id}/credentials`, { status: 200 });
    assert.equal(removed.credentialsSet, false);
    const used = await check('POST', `${A}/events`, `${A}/events`, {
      json: { name: 'Webinar', start: '2026-09-01T09:00', end: '2026-09-01T10:00', timeZone: 'UTC', format: 'webinar', webinarConfigurationId: created.id },
      status: 201,
    });
    await check('DELETE', T, `${C}/${created.id}`, { status: 409 });
    // Creating needs the integration on (no credentials now); linking an existing id sends nothing.
    const W = `${A}/events/{eventId}/webinar`;
    await check('POST', W, `${A}/events/${used.id}/webinar`, { json: {}, status: 409 });
    const linked = await check('POST', W, `${A}/events/${used.id}/webinar`, { json: { providerEventId: '2000001' }, status: 200 });
    assert.equal(linked.providerEventId, '2000001');
    await check('POST', W, `${A}/events/${used.id}/webinar`, { json: { providerEventId: 'x' }, status: 400 });
    await check('DELETE', `${A}/events/{eventId}`, `${A}/events/${used.id}`, { status: 204 });
    await check('DELETE', T, `${C}/${created.id}`, { status: 204 });
    await check('POST', `${T}/activate`, `${C}/${created.id}/activate`, { status: 404 });
  });

  it('event administration, deployment and the matching strategy', async () => {
    const E = `${A}/event-administrations`;
    const T = `${E}/{recordId}`;
    assert.deepEqual(await check('GET', `${A}/deployment`, `${A}/deployment`, { status: 200 }), { production: false });
    await check('GET', `${A}/match-strategy`, `${A}/match-strategy`, { status: 200 });
    const input = { name: 'Defaults', matchStrategy: 'email_first_and_last_name', demoPaymentConfirmation: true };
    const created = await check('POST', E, E, { json: input, status: 201 });
    await check('POST', E, E, { json: { ...input, name: 'Second' }, status: 409 });
    await check('GET', E, `${E}?view=all&q=def`, { status: 200 });
    await check('GET', T, `${E}/${created.id}`, { status: 200 });
    await check('PUT', T, `${E}/${created.id}`, { json: { ...input, matchStrategy: 'bogus' }, status: 400 });
    await check('PUT', T, `${E}/${created.id}`, { json: { ...input, matchStrategy: 'email' }, status: 200 });
    await check('POST', `${T}/deactivate`, `${E}/${created.id}/deactivate`, { status: 200 });
    await check('POST', `${T}/activate`, `${E}/${created.id}/activate`, { status: 200 });
    await check('DELETE', T, `${E}/${created.id}`, { status: 204 });
    await check('GET', T, `${E}/${created.id}`, { status: 404 });
  });

  it('events, sessions, speakers, passes and registration questions', async () => {
    const E = `${A}/events`;
    const T = `${E}/{eventId}`;
    const main = data.events.main.id;
    await check('GET', E, `${E}?q=summit&sort=name`, { status: 200 });
    const input = { name: 'Contract Day', start: '2026-10-01T09:00', end: '2026-10-01T18:00', timeZone: 'Europe/Paris' };
    const event = await check('POST', E, E, { json: input, status: 201 });
    await check('POST', E, E, { json: { ...input, start: 'tomorrow' }, status: 400 });
    await check('GET', T, `${E}/${event.id}`, { status: 200 });
    await check('PUT', T, `${E}/${event.id}`, { json: { ...input, capacity: 10, customFields: { room: 'B' } }, status: 200 });
    await check('GET', T, `${E}/nope`, { status: 404 });

    const S = `${T}/sessions`;
    await check('GET', S, `${E}/${main}/sessions`, { status: 200 });
    const session = await check('POST', S, `${E}/${event.id}/sessions`, {
      json: { name: 'Opening', start: '2026-10-01T09:00', end: '2026-10-01T10:00', customFields: { track: 'Main' } },
      status: 201,
    });
    const ST = `${S}/{sessionId}`;
    await check('PUT', ST, `${E}/${event.id}/sessions/${session.id}`, {
      json: { name: 'Opening', start: '2026-10-01T09:00', end: '2026-10-01T11:00' },
      status: 200,
    });
    await check('DELETE', ST, `${E}/${event.id}/sessions/${session.id}`, { status: 204 });

    const parts = [
      ['speakers', 'speakerId', { name: 'Speaker', title: 'CTO', customFields: { linkedin: 'x' } }],
      ['passes', 'passId', { name: 'Day pass', capacity: 5 }],
      ['registration-fields', 'questionId', { text: 'Size?', questionType: 'single_choice', choices: ['S', 'M'] }],
    ];
    for (const [collection, id, body] of parts) {
      const L = `${T}/${collection}`;
      await check('GET', L, `${E}/${main}/${collection}`, { status: 200 });
      const made = await check('POST', L, `${E}/${event.id}/${collection}`, { json: body, status: 201 });
      const one = `${L}/{${id}}`;
      await check('PUT', one, `${E}/${event.id}/${collection}/${made.id}`, { json: body, status: 200 });
      await check('PUT', one, `${E}/${event.id}/${collection}/${made.id}`, { json: { ...body, name: '', text: '' }, status: 400 });
      await check('DELETE', one, `${E}/${event.id}/${collection}/${made.id}`, { status: 204 });
      await check('DELETE', one, `${E}/${event.id}/${collection}/${made.id}`, { status: 404 });
    }
    await check('DELETE', T, `${E}/${event.id}`, { status: 204 });
  });

  it('registrations and contacts', async () => {
    const main = data.events.main.id;
    const R = `${A}/events/{eventId}/registrations`;
    const url = `${A}/events/${main}/registrations`;
    const [meal] = data.questions.filter((q) => q.text === 'Meal');
    const attendee = {
      email: 'contract@example.com',
      firstName: 'Con',
      lastName: 'Tract',
      sessionIds: [data.sessions[0].id],
      passId: data.passes[1].id,
      idempotencyKey: 'admin-contract-1',
      responses: [{ id: meal.id, value: 'Dinner' }],
    };
    const made = await check('POST', R, url, { json: attendee, status: 201 });
    assert.equal((await check('POST', R, url, { json: attendee, status: 200 })).replayed, true);
    await check('POST', R, url, { json: { email: 'nope' }, status: 400 });
    await check('GET', R, `${url}?status=confirmed&q=contract&page=1&pageSize=10`, { status: 200 });
    await check('GET', R, `${url}?status=bogus`, { status: 400 });
    const csv = await api.get(`/api${url}.csv`);
    conforms(csv, 'GET', `${R}.csv`);
    assert.equal(csv.status, 200);
    succeeded.add(`GET ${R}.csv`);
    const upcoming = await check('GET', `${A}/upcoming-events`, `${A}/upcoming-events`, { status: 200 });
    assert.ok(Array.isArray(upcoming), JSON.stringify(upcoming));
    const days = await check('GET', `${A}/events/{eventId}/registrations-per-day`, `${A}/events/${main}/registrations-per-day`, { status: 200 });
    assert.ok(days.length >= 1 && days.at(-1).confirmed >= 1, JSON.stringify(days));
    await check('GET', `${A}/events/{eventId}/registrations-per-day`, `${A}/events/nope/registrations-per-day`, { status: 404 });
    await check('DELETE', '/admin/events/{eventId}', `${A}/events/${main}`, { status: 409 });
    await check('DELETE', '/admin/events/{eventId}/passes/{passId}', `${A}/events/${main}/passes/${data.passes[1].id}`, { status: 409 });
    const cancel = `${R}/{registrationId}/cancel`;
    const cancelled = await check('POST', cancel, `${url}/${made.id}/cancel`, { status: 200 });
    assert.equal(cancelled.status, 'cancelled');
    await check('POST', cancel, `${url}/nope/cancel`, { status: 404 });

    const C = `${A}/contacts`;
    await check('GET', C, `${C}?q=contract`, { status: 200 });
    await check('GET', `${C}/{contactId}`, `${C}/${made.contactId}`, { status: 200 });
    await check('GET', `${C}/{contactId}`, `${C}/nope`, { status: 404 });
    await check('GET', `${C}/{contactId}/registrations`, `${C}/${made.contactId}/registrations`, { status: 200 });
  });

  it('the webinar integration: retries, metrics and erasure', async () => {
    const C = `${A}/webinar-configurations`;
    const T = `${C}/{configurationId}`;
    const config = await check('POST', C, C, { json: { name: 'Contract sync', providerId: 'on24', credentials: GOOD }, status: 201 });
    await check('POST', `${T}/update-metrics`, `${C}/${config.id}/update-metrics`, { status: 409 });
    await check('POST', `${T}/accept-terms`, `${C}/${config.id}/accept-terms`, { status: 200 });
    await check('POST', `${T}/activate`, `${C}/${config.id}/activate`, { status: 200 });
    const event = await check('POST', `${A}/events`, `${A}/events`, {
      json: { name: 'Contract webinar', start: '2026-06-01T09:00', end: '2026-06-01T10:00', timeZone: 'UTC', format: 'webinar', webinarConfigurationId: config.id },
      status: 201,
    });
    await check('POST', `${A}/events/{eventId}/webinar`, `${A}/events/${event.id}/webinar`, { json: {}, status: 201 });
    // The provider is down: the registration stays pending, and can be hurried.
    await sim.control('POST', 'mode', { mode: 'fail' });
    const R = `${A}/events/{eventId}/registrations`;
    const url = `${A}/events/${event.id}/registrations`;
    const made = await check('POST', R, url, { json: { email: 'sync@example.com', firstName: 'Sy', lastName: 'Nc' }, status: 201 });
    assert.equal(made.syncState, 'pending');
    const retry = `${R}/{registrationId}/retry-sync`;
    assert.equal((await check('POST', retry, `${url}/${made.id}/retry-sync`, { status: 200 })).syncState, 'pending');
    await check('POST', retry, `${url}/nope/retry-sync`, { status: 404 });
    const inPerson = data.events.main.id;
    const local = await check('POST', R, `${A}/events/${inPerson}/registrations`, { json: { email: 'local@example.com', firstName: 'Lo' }, status: 201 });
    await check('POST', retry, `${A}/events/${inPerson}/registrations/${local.id}/retry-sync`, { status: 409 });
    const retried = await check('POST', `${T}/retry-sync`, `${C}/${config.id}/retry-sync`, { status: 200 });
    assert.equal(retried.retried, 1);
    await check('POST', `${T}/retry-sync`, `${C}/nope/retry-sync`, { status: 404 });
    await sim.control('POST', 'mode', { mode: 'normal' });
    const SW = `${A}/events/{eventId}/sessions/{sessionId}/webinar`;
    const session = await check('POST', `${A}/events/{eventId}/sessions`, `${A}/events/${event.id}/sessions`, {
      json: { name: 'Contract session', start: '2026-06-01T09:00', end: '2026-06-01T09:30', webinarConfigurationId: config.id },
      status: 201,
    });
    const withWebinar = await check('POST', SW, `${A}/events/${event.id}/sessions/${session.id}/webinar`, { json: {}, status: 201 });
    assert.match(withWebinar.providerEventId, /^\d+$/);
    await check('POST', SW, `${A}/events/${event.id}/sessions/${session.id}/webinar`, { json: { providerEventId: '5' }, status: 409 });
    await check('POST', SW, `${A}/events/${event.id}/sessions/nope/webinar`, { json: {}, status: 404 });
    await check('POST', SW, `${A}/events/${event.id}/sessions/${session.id}/webinar`, { json: { providerEventId: '' }, status: 400 });
    const health = await check('GET', T, `${C}/${config.id}`, { status: 200 });
    assert.equal(health.syncCounts.failed, 0);
    const pulled = await check('POST', `${T}/update-metrics`, `${C}/${config.id}/update-metrics`, { status: 200 });
    assert.equal(pulled.serviceStatus, 'ok');
    await check('POST', `${T}/update-metrics`, `${C}/nope/update-metrics`, { status: 404 });

    const E = `${A}/contacts/{contactId}/erase`;
    const erased = await check('POST', E, `${A}/contacts/${made.contactId}/erase`, { status: 200 });
    assert.equal(erased.firstName, 'Erased');
    await check('POST', E, `${A}/contacts/nope/erase`, { status: 404 });
    const [after] = await check('GET', `${A}/contacts/{contactId}/registrations`, `${A}/contacts/${made.contactId}/registrations`, { status: 200 });
    assert.equal(after.email, erased.email);
  });

  it('custom fields and website table configurations', async () => {
    const F = `${A}/custom-fields`;
    await check('GET', F, F, { status: 200 });
    const input = { entity: 'speaker', name: 'company', label: 'Company', fieldType: 'text' };
    const field = await check('POST', F, F, { json: input, status: 201 });
    await check('POST', F, F, { json: input, status: 400 });
    await check('PUT', `${F}/{fieldId}`, `${F}/${field.id}`, { json: { ...input, label: 'Employer' }, status: 200 });
    await check('PUT', `${F}/{fieldId}`, `${F}/${field.id}`, { json: { ...input, fieldType: 'number' }, status: 409 });

    const W = `${A}/website-table-configurations`;
    await check('GET', W, W, { status: 200 });
    const table = await check('POST', W, W, { json: { name: 'Speakers 2', entity: 'speaker', fields: ['company'] }, status: 201 });
    await check('POST', W, W, { json: { name: 'Bad', entity: 'speaker', fields: ['nope'] }, status: 400 });
    await check('DELETE', `${F}/{fieldId}`, `${F}/${field.id}`, { status: 409 });
    await check('GET', `${W}/{tableId}`, `${W}/${table.id}`, { status: 200 });
    await check('PUT', `${W}/{tableId}`, `${W}/${table.id}`, { json: { name: 'Speakers 2', entity: 'speaker', fields: [] }, status: 200 });
    await check('DELETE', `${W}/{tableId}`, `${W}/${table.id}`, { status: 204 });
    await check('DELETE', `${F}/{fieldId}`, `${F}/${field.id}`, { status: 204 });
  });

  it('web applications and their tokens', async () => {
    const W = `${A}/web-applications`;
    const T = `${W}/{applicationId}`;
    await check('GET', W, W, { status: 200 });
    const issued = await check('POST', W, W, { json: { name: 'Contract site', allowedOrigins: ['https://contract.example.com'] }, status: 201 });
    await check('POST', W, W, { json: { name: 'Bad', allowedOrigins: ['http://example.com'] }, status: 400 });
    const id = issued.application.id;
    await check('GET', T, `${W}/${id}`, { status: 200 });
    await check('PUT', T, `${W}/${id}`, { json: { name: 'Contract site', allowedOrigins: ['https://contract.example.org'] }, status: 200 });
    const rotated = await check('POST', `${T}/rotate-token`, `${W}/${id}/rotate-token`, { status: 200 });
    assert.notEqual(rotated.token, issued.token);
    await check('POST', `${T}/deactivate`, `${W}/${id}/deactivate`, { status: 200 });
    await check('POST', `${T}/activate`, `${W}/${id}/activate`, { status: 200 });
    await check('DELETE', T, `${W}/${id}`, { status: 204 });
    await check('POST', `${T}/rotate-token`, `${W}/${id}/rotate-token`, { status: 404 });
  });

  it('users and their roles, and one\'s own password', async () => {
    const U = `${A}/users`;
    const T = `${U}/{userId}`;
    const password = 'correct horse battery staple';
    await check('GET', U, U, { status: 200 });
    const user = await check('POST', U, U, { json: { username: 'contract', role: 'viewer', password }, status: 201 });
    await check('POST', U, U, { json: { username: 'two words', role: 'viewer', password }, status: 400 });
    await check('GET', T, `${U}/${user.id}`, { status: 200 });
    await check('GET', T, `${U}/nope`, { status: 404 });
    await check('PUT', T, `${U}/${user.id}`, { json: { username: 'contract', role: 'event_planner' }, status: 200 });
    await check('POST', `${T}/disable`, `${U}/${user.id}/disable`, { status: 200 });
    await check('POST', `${T}/enable`, `${U}/${user.id}/enable`, { status: 200 });
    const me = (await api.get('/api/auth/session')).body;
    await check('POST', `${T}/disable`, `${U}/${me.id}/disable`, { status: 409 });
    const viewer = client(server);
    await check('POST', '/auth/sign-in', '/auth/sign-in', { as: viewer, json: { username: 'contract', password }, status: 200 });
    await check('PUT', T, `${U}/${user.id}`, { json: { username: 'contract', role: 'viewer' }, status: 200 });
    await check('GET', U, U, { as: viewer, status: 403 });
    await check('POST', '/auth/password', '/auth/password', { as: viewer, json: { currentPassword: 'no', newPassword: `${password}!` }, status: 400 });
    await check('POST', '/auth/password', '/auth/password', { as: viewer, json: { currentPassword: password, newPassword: `${password}!` }, status: 204 });
  });

  it('the audit log, its export, and the retention setting', async () => {
    const L = `${A}/audit-log`;
    const page = await check('GET', L, `${L}?pageSize=5`, { status: 200 });
    assert.ok(page.items.length > 0, 'the changes above are in the log');
    await check('GET', L, `${L}?recordType=nothing`, { status: 400 });
    const csv = await api.get(`/api${L}.csv?recordType=user`);
    conforms(csv, 'GET', `${L}.csv`);
    assert.equal(csv.status, 200, csv.text);
    succeeded.add(`GET ${L}.csv`);
    await check('GET', `${L}.csv`, `${L}.csv?from=never`, { status: 400 });
    const R = `${A}/retention`;
    await check('GET', R, R, { status: 200 });
    for (const [months, status] of [[0, 400], [24, 200], [null, 200]]) await check('PUT', R, R, { json: { months }, status });
  });

  it('webhooks, their secret, test message, delivery log and resend', async () => {
    const W = `${A}/webhooks`;
    const T = `${W}/{webhookId}`;
    const input = { url: 'http://127.0.0.1:9/contract', events: ['registration.created'] };
    await check('GET', W, W, { status: 200 });
    const issued = await check('POST', W, W, { json: input, status: 201 });
    await check('POST', W, W, { json: { ...input, events: ['nothing'] }, status: 400 });
    const id = issued.endpoint.id;
    await check('GET', T, `${W}/${id}`, { status: 200 });
    await check('PUT', T, `${W}/${id}`, { json: { ...input, description: 'Contract' }, status: 200 });
    assert.notEqual((await check('POST', `${T}/rotate-secret`, `${W}/${id}/rotate-secret`, { status: 200 })).secret, issued.secret);
    await check('POST', `${T}/test`, `${W}/${id}/test`, { status: 202 });
    // Nothing listens on port 9: the first attempt is logged as one to retry.
    const deliveries = () => check('GET', `${T}/deliveries`, `${W}/${id}/deliveries`, { status: 200 });
    const log = await until(async () => {
      const page = await deliveries();
      return page.items.length > 0 && page;
    }, 'a logged attempt');
    assert.equal(log.items[0].status, 'retrying');
    await check('POST', `${T}/deliveries/{deliveryId}/resend`, `${W}/${id}/deliveries/${log.items[0].id}/resend`, { status: 202 });
    await check('DELETE', T, `${W}/${id}`, { status: 204 });
    await check('GET', `${T}/deliveries`, `${W}/${id}/deliveries`, { status: 404 });
  });

  it('every operation was answered with success and checked', () => {
    const missed = operations()
      .map(({ template, method }) => `${method} ${template}`)
      .filter((op) => !succeeded.has(op));
    assert.deepEqual(missed, []);
  });

  // Last: it blocks sign-in from this address for the rest of the minute.
  it('too many failed sign-ins: 429 with Retry-After', async () => {
    const other = client(server);
    let limited = null;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await other.signIn('wrong');
      if (res.status === 429) limited = res;
      else assert.equal(res.status, 401, res.text);
    }
    assert.ok(limited, 'the sixth failure within a minute is refused');
    assert.equal(conforms(limited, 'POST', '/auth/sign-in').error.code, 'rate_limited');
  });
});

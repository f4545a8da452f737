// Signed webhooks against workerd (the registry's alarm, the outbox Queue) and a receiver on
// a local port: endpoints with a secret shown once and rotatable; every kind of message,
// each delivered once with a signature the receiver verifies (Standard Webhooks), including
// while the receiver is down for a while; the delivery log, "send test" and "resend"; an
// inactive endpoint sent nothing; and in production, addresses on the deployment's own
// networks refused.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertError, assertInvalidField } from '../support/errors.mjs';
import { client, must, startWorker } from '../support/server.mjs';
import { until, webinarSetup } from '../support/webinar.mjs';
import { startReceiver, verify } from '../support/webhook-receiver.mjs';

const A = '/api/admin';
const HOOKS = `${A}/webhooks`;
const ALL = ['registration.created', 'registration.cancelled', 'registration.promoted', 'registration.synced', 'contact.erased'];
const GOOD = { clientId: '7171', accessTokenKey: 'hook-key', accessTokenSecret: 'hook-secret' };

describe('webhooks', () => {
  let setup;
  let api;
  let receiver;
  let hook;

  before(async () => {
    setup = await webinarSetup({ credentials: GOOD, name: 'Hooks' });
    api = setup.api;
    receiver = await startReceiver();
  });

  after(async () => {
    await receiver?.stop();
    await setup?.stop();
  });

  const event = (fields) =>
    must(api.post(`${A}/events`, {
      name: `Hooked ${Math.random().toString(16).slice(2, 8)}`, start: '2026-06-01T09:00', end: '2026-06-01T18:00',
      timeZone: 'Europe/Paris', published: false, ...fields,
    }), 201, 'event');
  const register = (eventId, email) =>
    must(api.post(`${A}/events/${eventId}/registrations`, { email, firstName: 'Hook', lastName: 'Test' }), 201, `register ${email}`);
  const deliveries = async (id) => (await must(api.get(`${HOOKS}/${id}/deliveries?pageSize=100`), 200, 'deliveries')).items;

  it('creates an endpoint whose secret is shown once, names wrong fields, and rotates the secret', async () => {
    const wrong = await api.post(HOOKS, { url: 'not a url', events: ['registration.created', 'registration.moved'] });
    assertError(wrong, 400, 'validation_failed');
    assert.deepEqual(wrong.body.error.fields.map((f) => f.field), ['url', 'events[1]']);
    assertInvalidField(await api.post(HOOKS, { url: receiver.url, events: [] }), 'events');

    const created = await must(api.post(HOOKS, { url: receiver.url, description: 'CRM', events: ALL }), 201, 'create');
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    hook = created.endpoint;
    receiver.secret = created.secret;
    assert.deepEqual(hook.events, ALL);
    assert.equal(hook.active, true);
    const read = await must(api.get(`${HOOKS}/${hook.id}`), 200, 'get');
    assert.deepEqual(read, hook);
    const listed = await must(api.get(HOOKS), 200, 'list');
    assert.ok(listed.some((h) => h.id === hook.id));
    assert.ok(!JSON.stringify(listed).includes(created.secret.slice(6)), 'the list never shows a secret');

    // A rotation: the new secret signs from then on; the old one no longer verifies.
    const rotated = await must(api.post(`${HOOKS}/${hook.id}/rotate-secret`), 200, 'rotate');
    assert.notEqual(rotated.secret, created.secret);
    assert.match(rotated.secret, /^whsec_/);
    receiver.secret = rotated.secret;
    const test = await must(api.post(`${HOOKS}/${hook.id}/test`), 202, 'test');
    const got = await until(() => receiver.received.find((r) => r.headers['webhook-id'] === test.messageId), 'the test message');
    assert.ok(got.verified, 'signed with the rotated secret');
    assert.ok(!verify(created.secret, got.headers, got.body), 'not with the old one');
    assert.equal(JSON.parse(got.body).type, 'webhook.test');
  });

  it('tells of each registration change once, signed: created, promoted, cancelled, erased', async () => {
    const { id } = await event({ capacity: 1, waitlistAllowed: true });
    const first = await register(id, `first-${Date.now()}@example.com`);
    const second = await register(id, `second-${Date.now()}@example.com`);
    assert.equal(second.status, 'waitlisted');
    await must(api.post(`${A}/events/${id}/registrations/${first.id}/cancel`), 200, 'cancel');
    await must(api.post(`${A}/contacts/${first.contactId}/erase`), 200, 'erase');

    const about = (m) => m.data.registrationId === first.id || m.data.registrationId === second.id
      || m.data.contactId === first.contactId;
    const expected = [
      ['registration.created', first.id, 'confirmed'],
      ['registration.created', second.id, 'waitlisted'],
      ['registration.cancelled', first.id, 'cancelled'],
      ['registration.promoted', second.id, 'confirmed'],
      ['contact.erased', undefined, undefined],
    ];
    const got = await until(() => {
      const mine = receiver.delivered().filter(about);
      return mine.length >= expected.length && mine;
    }, 'five messages');
    await new Promise((r) => setTimeout(r, 1500));
    const mine = receiver.delivered().filter(about);
    assert.equal(mine.length, expected.length, `each once: ${JSON.stringify(mine.map((m) => m.type))}`);
    assert.equal(new Set(mine.map((m) => m.id)).size, mine.length, 'one id per message');
    for (const [type, registrationId, status] of expected) {
      const m = got.find((g) => g.type === type && g.data.registrationId === registrationId);
      assert.ok(m, `${type} ${registrationId}`);
      assert.equal(m.data.status, status, type);
      if (registrationId) assert.equal(m.data.eventId, id);
    }
    assert.equal(got.find((m) => m.type === 'contact.erased').data.contactId, first.contactId);
    for (const r of receiver.received) assert.ok(r.verified, `signature of ${r.headers['webhook-id']}`);
    // No personal data travels: receivers read it through the API.
    assert.ok(!receiver.received.some((r) => r.body.includes('@example.com')));
  });

  it('tells when a registration reaches the webinar provider', async () => {
    const webinar = await must(api.post(`${A}/events`, {
      name: 'Hooked webinar', start: '2026-06-01T14:30', end: '2026-06-01T15:30', timeZone: 'Europe/Paris',
      format: 'webinar', webinarConfigurationId: setup.configId, published: true,
    }), 201, 'webinar event');
    const r = await register(webinar.id, `synced-${Date.now()}@example.com`);
    const synced = await until(
      () => receiver.delivered().find((m) => m.type === 'registration.synced' && m.data.registrationId === r.id),
      'registration.synced',
    );
    assert.equal(synced.data.eventId, webinar.id);
  });

  it('keeps trying while the receiver is down, then delivers once; the log shows each attempt', async () => {
    let refused = 0;
    receiver.answer = () => (refused++ < 3 ? 503 : 204);
    const { id } = await event({});
    const r = await register(id, `outage-${Date.now()}@example.com`);
    const created = (m) => m.type === 'registration.created' && m.data.registrationId === r.id;
    const delivered = await until(() => receiver.delivered().find(created), 'delivery after the outage');
    receiver.answer = () => 204;
    const attempts = receiver.received.filter((x) => x.headers['webhook-id'] === delivered.id);
    assert.deepEqual(attempts.map((x) => x.status), [503, 503, 503, 204]);
    assert.equal(new Set(attempts.map((x) => x.headers['webhook-timestamp'])).size, 4, 'each attempt stamped anew');

    const log = (await deliveries(hook.id)).filter((d) => d.messageId === delivered.id);
    assert.deepEqual(log.map((d) => [d.attempt, d.status, d.responseCode]).reverse(), [
      [1, 'retrying', 503], [2, 'retrying', 503], [3, 'retrying', 503], [4, 'delivered', 204],
    ]);
    assert.match(log.at(-1).error, /503/);

    // Resend: the same message, the same id, once more.
    const before = receiver.received.length;
    const resent = await must(api.post(`${HOOKS}/${hook.id}/deliveries/${log[0].id}/resend`), 202, 'resend');
    assert.equal(resent.messageId, delivered.id);
    await until(() => receiver.received.slice(before).some((x) => x.headers['webhook-id'] === delivered.id), 'the resend');
    assertError(await api.post(`${HOOKS}/${hook.id}/deliveries/999999/resend`), 404, 'not_found');
  });

  it('sends nothing to an inactive endpoint, and nothing after its deletion', async () => {
    const input = { url: receiver.url, events: ALL, active: false };
    const updated = await must(api.put(`${HOOKS}/${hook.id}`, input), 200, 'deactivate');
    assert.equal(updated.active, false);
    const before = receiver.received.length;
    const { id } = await event({});
    await register(id, `quiet-${Date.now()}@example.com`);
    // A message to an active endpoint is on its way within a second or two (see above).
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(receiver.received.length, before);

    await must(api.del(`${HOOKS}/${hook.id}`), 204, 'delete');
    assertError(await api.get(`${HOOKS}/${hook.id}`), 404, 'not_found');
    assertError(await api.post(`${HOOKS}/${hook.id}/test`), 404, 'not_found');
  });
});

describe('webhooks in production', () => {
  let server;
  let api;

  before(async () => {
    server = await startWorker({ vars: { DEPLOYMENT: 'production' } });
    api = client(server);
    assert.equal((await api.signIn()).status, 200);
  });

  after(async () => {
    await server?.stop();
  });

  it('refuses plain http and addresses on private, loopback or link-local networks', async () => {
    for (const url of [
      'http://crm.example.com/hooks',
      'https://127.0.0.1/hooks',
      'https://localhost:8443/hooks',
      'https://10.1.2.3/hooks',
      'https://192.168.0.10/hooks',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hooks',
      'https://[fd12::1]/hooks',
    ]) {
      const res = await api.post(HOOKS, { url, events: ['registration.created'] });
      assertInvalidField(res, 'url');
      assert.match(res.body.error.fields[0].message, /https|public address/, url);
    }
    const ok = await must(api.post(HOOKS, { url: 'https://crm.example.com/hooks', events: ['contact.erased'] }), 201, 'public https');
    assertInvalidField(await api.put(`${HOOKS}/${ok.endpoint.id}`, { url: 'https://10.0.0.1/x', events: ['contact.erased'] }), 'url');
  });
});

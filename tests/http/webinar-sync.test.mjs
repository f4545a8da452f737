// Registrants pushed to the webinar provider through the outbox, against workerd (its
// Durable Object alarm and Queue) and the ON24 simulator: exactly once, through outages,
// lost answers, quotas, refused credentials and a restart; cancellations follow.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';

const CONFIGS = '/api/admin/webinar-configurations';
const EVENTS = '/api/admin/events';
const GOOD = { clientId: '6161', accessTokenKey: 'sync-key', accessTokenSecret: 'sync-secret' };

/** Polls `probe` until it returns a truthy value (which it returns), or fails after `ms`. */
async function until(probe, what, ms = 60_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('webinar sync', () => {
  let sim;
  let server;
  let api;
  let configId;

  const signIn = async () => {
    api = client(server);
    const res = await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password: server.password } });
    assert.equal(res.status, 200, res.text);
  };
  /** A webinar event of the configuration, with its webinar created at the provider. */
  const webinarEvent = async (name = 'Sync webinar') => {
    const res = await api.request('POST', EVENTS, {
      json: {
        name, start: '2026-06-01T14:30', end: '2026-06-01T15:30', timeZone: 'Europe/Paris',
        format: 'webinar', webinarConfigurationId: configId,
      },
    });
    assert.equal(res.status, 201, res.text);
    const created = await api.request('POST', `${EVENTS}/${res.body.id}/webinar`, { contentType: null });
    assert.equal(created.status, 201, created.text);
    return created.body;
  };
  const register = async (eventId, n) => {
    const res = await api.request('POST', `${EVENTS}/${eventId}/registrations`, {
      json: { email: `person${n}@example.com`, firstName: `First${n}`, lastName: `Last${n}`, company: 'Acme' },
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const registrations = async (eventId) =>
    (await api.request('GET', `${EVENTS}/${eventId}/registrations?pageSize=100`)).body.items;
  const allSynced = (eventId, count) => async () => {
    const items = await registrations(eventId);
    return items.length === count && items.every((r) => r.syncState === 'synced') && items;
  };
  /** The simulator's registrants of one provider event. */
  const registrants = async (providerEventId) =>
    (await sim.control('GET', 'registrants')).filter((r) => String(r.eventId) === String(providerEventId));

  before(async () => {
    sim = await startSim({ credentials: [GOOD] });
    server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
    await signIn();
    const config = await api.request('POST', CONFIGS, { json: { name: 'Sync', providerId: 'on24', credentials: GOOD } });
    configId = config.body.id;
    await api.request('POST', `${CONFIGS}/${configId}/accept-terms`);
    assert.equal((await api.request('POST', `${CONFIGS}/${configId}/activate`)).status, 200);
  });

  after(async () => {
    await server?.stop();
    await sim?.stop();
  });

  it('sends each confirmed registration once, keeps its registrant id and join link, and sends cancellations', async () => {
    const event = await webinarEvent();
    const made = [];
    for (const n of [1, 2, 3]) made.push(await register(event.id, n));
    assert.ok(made.every((r) => r.syncState === 'pending'));
    const synced = await until(allSynced(event.id, 3), 'three synced registrations');
    const held = await registrants(event.providerEventId);
    assert.deepEqual(held.map((r) => r.email).sort(), ['person1@example.com', 'person2@example.com', 'person3@example.com']);
    for (const r of synced) {
      const at = held.find((h) => h.email === r.email);
      assert.equal(r.providerRegistrantId, String(at.eventuserid));
      assert.equal(r.joinUrl, `${sim.url}/wcc/r/${event.providerEventId}/${at.eventuserid}`);
      assert.deepEqual(
        { firstname: at.fields.firstname, lastname: at.fields.lastname, company: at.fields.company },
        { firstname: r.firstName, lastname: r.lastName, company: 'Acme' },
      );
    }
    const csv = await api.request('GET', `${EVENTS}/${event.id}/registrations.csv`);
    assert.ok(csv.text.includes(synced[0].joinUrl), csv.text);

    const cancelled = await api.request('POST', `${EVENTS}/${event.id}/registrations/${made[0].id}/cancel`);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.syncState, 'pending');
    await until(async () => (await registrants(event.providerEventId)).find((r) => r.email === made[0].email)?.deleted, 'the cancellation at the provider');
    await until(allSynced(event.id, 3), 'the cancellation synced');

    const health = (await api.request('GET', `${CONFIGS}/${configId}`)).body;
    assert.ok(health.syncCounts.synced >= 3, JSON.stringify(health));
    assert.ok(health.lastSentAt, JSON.stringify(health));
  });
});

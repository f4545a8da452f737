// Registrants pushed to the webinar provider through the outbox, against workerd (its
// Durable Object alarm and Queue) and the ON24 simulator: exactly once, through outages,
// lost answers, quotas, refused credentials and a restart; cancellations follow.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';

import { newWebApplication } from '../support/seed.mjs';
import { client, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';
import { CONFIGS, until, webinarSetup } from '../support/webinar.mjs';

const EVENTS = '/api/admin/events';
const ON24 = '/api/admin/webinar-providers/on24';
const SITE = 'https://webinars.example.com';
const GOOD = { clientId: '6161', accessTokenKey: 'sync-key', accessTokenSecret: 'sync-secret' };

describe('webinar sync', () => {
  let sim;
  let server;
  let api;
  let configId;

  /** A published webinar event of the configuration: publishing creates its webinar. */
  const webinarEvent = async (name = 'Sync webinar') => {
    const res = await api.request('POST', EVENTS, {
      json: {
        name, start: '2026-06-01T14:30', end: '2026-06-01T15:30', timeZone: 'Europe/Paris',
        format: 'webinar', webinarConfigurationId: configId, published: true,
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.match(res.body.providerEventId ?? '', /^\d+$/, `created on publish: ${res.text}`);
    return res.body;
  };
  const register = async (eventId, n) => {
    const res = await api.request('POST', `${EVENTS}/${eventId}/registrations`, {
      json: { email: `person${n}@example.com`, firstName: `First${n}`, lastName: `Last${n}`, company: 'Acme' },
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const registerMany = async (eventId, count, from = 1) => {
    const made = [];
    for (let n = from; n < from + count; n += 10) {
      const batch = [];
      for (let k = n; k < Math.min(n + 10, from + count); k++) batch.push(register(eventId, k));
      made.push(...(await Promise.all(batch)));
    }
    return made;
  };
  const mode = (name, delayMs) => sim.control('POST', 'mode', delayMs ? { mode: name, delayMs } : { mode: name });
  /** Registrant calls the simulator received for `email`. */
  const postsFor = async (email) =>
    (await sim.control('GET', 'received')).filter((r) => r.path.endsWith('/registrant') && new URLSearchParams(r.body).get('email') === email);
  const registration = async (eventId, id) =>
    (await registrations(eventId)).find((r) => r.id === id);
  const registrations = async (eventId) => {
    const all = [];
    for (let page = 1; ; page++) {
      const res = await api.request('GET', `${EVENTS}/${eventId}/registrations?pageSize=100&page=${page}`);
      all.push(...res.body.items);
      if (all.length >= res.body.total || res.body.items.length === 0) return all;
    }
  };
  const allSynced = (eventId, count) => async () => {
    const items = await registrations(eventId);
    return items.length === count && items.every((r) => r.syncState === 'synced') && items;
  };
  /** The simulator's registrants of one provider event. */
  const registrants = async (providerEventId) =>
    (await sim.control('GET', 'registrants')).filter((r) => String(r.eventId) === String(providerEventId));

  let setup;
  before(async () => {
    setup = await webinarSetup({ credentials: GOOD, name: 'Sync' });
    ({ sim, server, api, configId } = setup);
  });

  beforeEach(() => mode('normal'));

  after(() => setup?.stop());

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

    // An event website: the first answer has no join link yet; a replay after the sync has it.
    const { token } = await newWebApplication(api, [SITE]);
    const publicRegister = () => fetch(`${server.url}/api/v1/events/${event.readableId}/registrations?emApplicationtoken=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE, 'idempotency-key': 'site-1' },
      body: JSON.stringify({ attendees: [{ email: 'site@example.com', firstName: 'Site', lastName: 'Visitor' }] }),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const first = await publicRegister();
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.registrations[0].joinUrl, undefined);
    await until(allSynced(event.id, 4), 'the site registration synced');
    const replay = await publicRegister();
    assert.equal(replay.status, 200, JSON.stringify(replay.body));
    assert.match(replay.body.registrations[0].joinUrl, new RegExp(`^${sim.url}/wcc/r/${event.providerEventId}/\\d+$`));

    const cancelled = await api.request('POST', `${EVENTS}/${event.id}/registrations/${made[0].id}/cancel`);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.syncState, 'pending');
    await until(async () => (await registrants(event.providerEventId)).find((r) => r.email === made[0].email)?.deleted, 'the cancellation at the provider');
    await until(allSynced(event.id, 4), 'the cancellation synced');

    const health = (await api.request('GET', `${CONFIGS}/${configId}`)).body;
    assert.ok(health.syncCounts.synced >= 3, JSON.stringify(health));
    assert.ok(health.lastSentAt, JSON.stringify(health));
  });

  it('sends a registration to the webinar of each chosen session that has one, and pulls its attendance', async () => {
    const event = await webinarEvent('Sessions webinar');
    const session = await api.request('POST', `${EVENTS}/${event.id}/sessions`, {
      json: { name: 'Deep dive', start: '2026-06-01T14:30', end: '2026-06-01T15:00', webinarConfigurationId: configId },
    });
    assert.equal(session.status, 201, session.text);
    const created = await api.request('POST', `${EVENTS}/${event.id}/sessions/${session.body.id}/webinar`, { contentType: null });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.providerEventId, /^\d+$/);
    assert.notEqual(created.body.providerEventId, event.providerEventId);
    const sent = (await sim.control('GET', 'received')).filter((r) => r.method === 'POST' && r.path === `/v2/client/${GOOD.clientId}/event`).pop();
    assert.deepEqual(
      [...new URLSearchParams(sent.body)].filter(([k]) => ['title', 'liveDuration'].includes(k)),
      [['title', 'Deep dive'], ['liveDuration', '30']],
    );

    const res = await api.request('POST', `${EVENTS}/${event.id}/registrations`, {
      json: { email: 'both@example.com', firstName: 'Bo', lastName: 'Th', sessionIds: [session.body.id] },
    });
    assert.equal(res.status, 201, res.text);
    const [r] = await until(allSynced(event.id, 1), 'synced at both webinars');
    assert.equal((await registrants(event.providerEventId)).length, 1);
    const [atSession] = await registrants(created.body.providerEventId);
    assert.equal(atSession.email, 'both@example.com');
    assert.deepEqual(r.sessionWebinars, [{
      sessionId: session.body.id,
      registrantId: String(atSession.eventuserid),
      joinUrl: `${sim.url}/wcc/r/${created.body.providerEventId}/${atSession.eventuserid}`,
      attendance: null,
    }]);

    await sim.control('POST', 'attendance', { eventId: created.body.providerEventId, email: 'both@example.com', liveminutes: 25, archiveminutes: 0 });
    const pulled = await api.request('POST', `${CONFIGS}/${configId}/update-metrics`);
    assert.equal(pulled.status, 200, pulled.text);
    const [after] = await registrations(event.id);
    assert.equal(after.sessionWebinars[0].attendance.liveMinutes, 25);
    assert.equal(after.sessionWebinars[0].attendance.attended, true);
  });

  it('sends a registration promoted from the waitlist, and none while it waits', async () => {
    const res = await api.request('POST', EVENTS, {
      json: {
        name: 'Small webinar', start: '2026-06-01T14:30', end: '2026-06-01T15:30', timeZone: 'Europe/Paris',
        format: 'webinar', webinarConfigurationId: configId, published: true, capacity: 1, waitlistAllowed: true,
      },
    });
    assert.equal(res.status, 201, res.text);
    const event = res.body;
    const first = await register(event.id, 6000);
    const second = await register(event.id, 6001);
    assert.equal(second.status, 'waitlisted');
    await until(async () => (await registration(event.id, first.id)).syncState === 'synced', 'the confirmed one synced');
    assert.equal((await postsFor(second.email)).length, 0, 'a waitlisted registration is not sent');

    const cancelled = await api.request('POST', `${EVENTS}/${event.id}/registrations/${first.id}/cancel`);
    assert.equal(cancelled.status, 200, cancelled.text);
    await until(allSynced(event.id, 2), 'the cancellation and the promoted registration synced');
    const held = await registrants(event.providerEventId);
    assert.deepEqual(held.map((r) => [r.email, r.deleted]).sort(), [[first.email, true], [second.email, false]]);
  });

  it('sends nothing while the terms are not accepted as they are now, then everything that waited', async () => {
    const event = await webinarEvent('Terms webinar');
    // The provider's privacy policy changes: acceptance is asked again before the next send.
    const on24 = (await api.request('GET', ON24)).body;
    const changed = await api.request('PUT', ON24, { json: { ...on24, privacyPolicyUrl: `${on24.privacyPolicyUrl}?v=${Date.now()}` } });
    assert.equal(changed.status, 200, changed.text);
    const r = await register(event.id, 100);
    const waiting = await until(async () => (await registration(event.id, r.id)).syncError, 'the reason it waits');
    assert.match(waiting, /integration is off/);
    assert.equal((await postsFor(r.email)).length, 0, 'nothing reaches the provider before acceptance');

    assert.equal((await api.request('POST', `${CONFIGS}/${configId}/accept-terms`)).status, 200);
    await until(allSynced(event.id, 1), 'the waiting registration synced after acceptance');
    assert.equal((await registrants(event.providerEventId)).length, 1);
  });

  it('keeps 200 registrations through an outage and sends each exactly once when the provider is back', async () => {
    const event = await webinarEvent('Outage webinar');
    await mode('fail');
    const made = await registerMany(event.id, 200, 1000);
    // The first failure of a batch stops the rest of it: wait for any attempt, not one's.
    const toProvider = `/v2/client/${GOOD.clientId}/event/${event.providerEventId}/registrant`;
    await until(async () => (await sim.control('GET', 'received')).some((r) => r.path === toProvider), 'an attempt during the outage');
    const during = await registrations(event.id);
    assert.ok(during.every((r) => r.syncState === 'pending'), 'nothing is lost or given up during the outage');
    assert.equal((await registrants(event.providerEventId)).length, 0);

    await mode('normal');
    await until(allSynced(event.id, 200), '200 synced registrations', 90_000);
    const held = await registrants(event.providerEventId);
    assert.equal(held.length, 200, 'one registrant per registration: none lost, none doubled');
    assert.equal(new Set(held.map((r) => r.email)).size, 200);
    const health = (await api.request('GET', `${CONFIGS}/${configId}`)).body;
    assert.equal(health.syncCounts.pending, 0, JSON.stringify(health.syncCounts));
    assert.equal(health.lastSyncError, 'Internal server error');
  });

  it('creates no second registrant when an answer is lost', async () => {
    const event = await webinarEvent('Lost answer webinar');
    // The provider takes longer than Convene waits (10 s): Convene retries a call that
    // did arrive.
    await mode('slow', 11_000);
    const r = await register(event.id, 2000);
    await until(async () => (await postsFor(r.email)).length > 0, 'the first call');
    await mode('normal');
    await until(allSynced(event.id, 1), 'the registration synced after the retry', 60_000);
    assert.ok((await postsFor(r.email)).length >= 2, 'the call was sent again');
    const held = await registrants(event.providerEventId);
    assert.equal(held.length, 1);
    assert.equal((await registration(event.id, r.id)).providerRegistrantId, String(held[0].eventuserid));
  });

  it('backs off when the provider is over quota', async () => {
    const event = await webinarEvent('Quota webinar');
    await mode('quota');
    const r = await register(event.id, 3000);
    const said = await until(async () => (await registration(event.id, r.id)).syncError, 'the quota answer');
    assert.match(said, /Quota exceeded/);
    const config = (await api.request('GET', `${CONFIGS}/${configId}`)).body;
    assert.equal(config.serviceStatus, 'quota_exceeded');
    // Attempts spread out (0.5–1 s, then 1–2 s, …) instead of following each other.
    await new Promise((res) => setTimeout(res, 2500));
    const attempts = (await postsFor(r.email)).length;
    assert.ok(attempts >= 1 && attempts <= 3, `${attempts} attempts in about 2.5 s`);
    await mode('normal');
    await until(allSynced(event.id, 1), 'synced once the quota is back');
    assert.equal((await api.request('GET', `${CONFIGS}/${configId}`)).body.serviceStatus, 'ok');
  });

  it('pauses on refused credentials and resumes when they are replaced', async () => {
    const event = await webinarEvent('Credentials webinar');
    await sim.control('DELETE', 'credentials');
    const r = await register(event.id, 4000);
    const said = await until(async () => (await registration(event.id, r.id)).syncError, 'the refusal');
    assert.match(said, /refused the credentials/);
    const paused = (await api.request('GET', `${CONFIGS}/${configId}`)).body;
    assert.equal(paused.serviceStatus, 'invalid_credentials');
    assert.match(paused.lastSyncError, /refused the credentials/);
    await new Promise((res) => setTimeout(res, 2000));
    assert.equal((await postsFor(r.email)).length, 1, 'paused: no second attempt with refused credentials');
    assert.equal((await registration(event.id, r.id)).syncState, 'pending');

    await sim.control('POST', 'credentials', GOOD);
    const put = await api.request('PUT', `${CONFIGS}/${configId}`, { json: { name: 'Sync', providerId: 'on24', credentials: GOOD } });
    assert.equal(put.status, 200, put.text);
    await until(allSynced(event.id, 1), 'synced after the credentials were replaced');
  });

  it('marks what the provider refuses as failed, and retries it on request', async () => {
    const event = await webinarEvent('Refused webinar');
    await mode('reject');
    const [a, b] = await registerMany(event.id, 2, 5000);
    await until(async () => (await registrations(event.id)).every((r) => r.syncState === 'failed'), 'two failed registrations');
    const failed = await registration(event.id, a.id);
    assert.equal(failed.syncError, 'Registrant rejected: the simulator is in reject mode');
    assert.equal((await api.request('GET', `${CONFIGS}/${configId}`)).body.syncCounts.failed, 2);

    await mode('normal');
    const one = await api.request('POST', `${EVENTS}/${event.id}/registrations/${a.id}/retry-sync`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.syncState, 'pending');
    await until(async () => (await registration(event.id, a.id)).syncState === 'synced', 'the retried one synced');
    assert.equal((await registration(event.id, b.id)).syncState, 'failed', 'the other waits for its own retry');
    const again = await api.request('POST', `${EVENTS}/${event.id}/registrations/${a.id}/retry-sync`);
    assert.equal(again.status, 409, again.text);
    assert.match(again.body.error.message, /nothing to send/);

    const all = await api.request('POST', `${CONFIGS}/${configId}/retry-sync`);
    assert.deepEqual(all.body, { retried: 1 });
    await until(allSynced(event.id, 2), 'both synced');
    assert.equal((await api.request('POST', `${CONFIGS}/nope/retry-sync`)).status, 404);
  });
});

describe('webinar sync across a restart', () => {
  it('loses nothing when the worker restarts in the middle of delivery', async () => {
    const sim = await startSim({ credentials: [GOOD] });
    let server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
    const { persistDir, password, vars } = server;
    try {
      let api = client(server);
      await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password } });
      const config = await api.request('POST', CONFIGS, { json: { name: 'Restart', providerId: 'on24', credentials: GOOD } });
      await api.request('POST', `${CONFIGS}/${config.body.id}/accept-terms`);
      await api.request('POST', `${CONFIGS}/${config.body.id}/activate`);
      const created = await api.request('POST', EVENTS, {
        json: {
          name: 'Restart webinar', start: '2026-06-03T10:00', end: '2026-06-03T11:00', timeZone: 'UTC',
          format: 'webinar', webinarConfigurationId: config.body.id,
        },
      });
      const event = (await api.request('POST', `${EVENTS}/${created.body.id}/webinar`, { contentType: null })).body;
      await sim.control('POST', 'mode', { mode: 'slow', delayMs: 2000 });
      for (let n = 0; n < 20; n++) {
        const res = await api.request('POST', `${EVENTS}/${event.id}/registrations`, {
          json: { email: `restart${n}@example.com`, firstName: 'R', lastName: `${n}` },
        });
        assert.equal(res.status, 201, res.text);
      }
      await until(async () => (await sim.control('GET', 'received')).some((r) => r.path.endsWith('/registrant')), 'delivery under way');
      await server.stop({ keepState: true });
      await sim.control('POST', 'mode', { mode: 'normal' });

      server = await startWorker({ persistDir, password, vars });
      api = client(server);
      await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password } });
      await until(async () => {
        const items = (await api.request('GET', `${EVENTS}/${event.id}/registrations?pageSize=100`)).body.items;
        return items.length === 20 && items.every((r) => r.syncState === 'synced');
      }, 'all 20 synced after the restart');
      const held = (await sim.control('GET', 'registrants')).filter((r) => String(r.eventId) === event.providerEventId);
      assert.equal(held.length, 20);
    } finally {
      await server.stop();
      fs.rmSync(persistDir, { recursive: true, force: true });
      await sim.stop();
    }
  });
});

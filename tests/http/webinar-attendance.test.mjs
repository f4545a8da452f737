// Attendance pulled back from the webinar provider ("Update metrics now" and the Cron
// Trigger) and a contact's erasure forwarded to it, against workerd and the ON24 simulator.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CONFIGS, until, webinarSetup } from '../support/webinar.mjs';

const EVENTS = '/api/admin/events';
const GOOD = { clientId: '7171', accessTokenKey: 'metrics-key', accessTokenSecret: 'metrics-secret' };

describe('webinar attendance and erasure', () => {
  let sim;
  let server;
  let api;
  let configId;

  /** A started webinar event (June 2026) with `emails` registered and synced. */
  const syncedWebinar = async (name, emails, start = '2026-06-01T14:30') => {
    const created = await api.request('POST', EVENTS, {
      json: {
        name, start, end: start.replace(/T\d\d/, (t) => `T${String(Number(t.slice(1)) + 1).padStart(2, '0')}`),
        timeZone: 'America/New_York', format: 'webinar', webinarConfigurationId: configId,
      },
    });
    assert.equal(created.status, 201, created.text);
    const event = (await api.request('POST', `${EVENTS}/${created.body.id}/webinar`, { contentType: null })).body;
    const made = [];
    for (const email of emails) {
      const res = await api.request('POST', `${EVENTS}/${event.id}/registrations`, { json: { email, firstName: 'Ada', lastName: 'Lovelace', company: 'Engines' } });
      assert.equal(res.status, 201, res.text);
      made.push(res.body);
    }
    await until(async () => {
      const items = (await api.request('GET', `${EVENTS}/${event.id}/registrations`)).body.items;
      return items.every((r) => r.syncState === 'synced');
    }, 'registrations synced');
    return { event, made };
  };
  const registrations = async (eventId) => (await api.request('GET', `${EVENTS}/${eventId}/registrations`)).body.items;

  let setup;
  before(async () => {
    setup = await webinarSetup({ credentials: GOOD, name: 'Metrics' });
    ({ sim, server, api, configId } = setup);
  });

  after(() => setup?.stop());

  it('"Update metrics now" records attendance and the time of the update', async () => {
    const { event } = await syncedWebinar('Metrics webinar', ['watched@example.com', 'absent@example.com']);
    await sim.control('POST', 'attendance', { eventId: event.providerEventId, email: 'watched@example.com', liveminutes: 42, archiveminutes: 3, engagementscore: 7.5 });
    await sim.control('POST', 'attendance', { eventId: event.providerEventId, email: 'absent@example.com', liveminutes: 0, archiveminutes: 0, liveviewed: 0, archiveviewed: 0 });
    const before = (await api.request('GET', `${CONFIGS}/${configId}`)).body;
    assert.equal(before.lastMetricsUpdate, null);

    const res = await api.request('POST', `${CONFIGS}/${configId}/update-metrics`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.lastMetricsUpdate, res.text);
    assert.equal(res.body.serviceStatus, 'ok');
    assert.match(res.body.statusMessage, /Attendance updated for \d+ started webinar/);
    const byEmail = Object.fromEntries((await registrations(event.id)).map((r) => [r.email, r.attendance]));
    assert.deepEqual(byEmail['watched@example.com'], { attended: true, liveMinutes: 42, archiveMinutes: 3, engagementScore: 7.5 });
    assert.deepEqual(byEmail['absent@example.com'], { attended: false, liveMinutes: 0, archiveMinutes: 0, engagementScore: 0 });
    const csv = (await api.request('GET', `${EVENTS}/${event.id}/registrations.csv`)).text;
    assert.match(csv, /watched@example\.com.*,yes,42,3,7\.5\r\n/);
    const asked = (await sim.control('GET', 'received')).filter((r) => r.path === `/v2/client/${GOOD.clientId}/event/${event.providerEventId}/attendee`);
    assert.equal(asked.length, 1);
  });

  it('does not ask about webinars that have not started', async () => {
    const { event } = await syncedWebinar('Future webinar', ['future@example.com'], '2099-01-01T10:00');
    const res = await api.request('POST', `${CONFIGS}/${configId}/update-metrics`);
    assert.equal(res.status, 200, res.text);
    const asked = (await sim.control('GET', 'received')).filter((r) => r.path.endsWith(`/event/${event.providerEventId}/attendee`));
    assert.equal(asked.length, 0);
    assert.equal((await registrations(event.id))[0].attendance, null);
  });

  it('the scheduled job pulls attendance too', async () => {
    const { event } = await syncedWebinar('Cron webinar', ['cron@example.com']);
    await sim.control('POST', 'attendance', { eventId: event.providerEventId, email: 'cron@example.com', liveminutes: 10, archiveminutes: 0 });
    const fired = await fetch(`${server.url}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`);
    assert.equal(fired.status, 200, await fired.text());
    await until(async () => (await registrations(event.id))[0].attendance?.liveMinutes === 10, 'attendance from the scheduled job');
  });

  it('a provider failure is told on the configuration, not as attendance', async () => {
    await sim.control('POST', 'mode', { mode: 'fail' });
    try {
      const res = await api.request('POST', `${CONFIGS}/${configId}/update-metrics`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.serviceStatus, 'provider_error');
      assert.match(res.body.statusMessage, /^Attendance not updated: Internal server error/);
    } finally {
      await sim.control('POST', 'mode', { mode: 'normal' });
    }
    assert.equal((await api.request('POST', `${CONFIGS}/nope/update-metrics`)).status, 404);
  });

  it('erases a contact here and at the provider', async () => {
    const { event, made } = await syncedWebinar('Erasure webinar', ['forget.me@example.com']);
    const contactId = made[0].contactId;
    const res = await api.request('POST', `/api/admin/contacts/${contactId}/erase`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.firstName, 'Erased');
    assert.equal(res.body.email, `erased-${contactId}@erased.invalid`);
    assert.ok(res.body.erasedAt);
    const [r] = await registrations(event.id);
    assert.deepEqual([r.email, r.firstName, r.lastName, r.company, r.joinUrl], [res.body.email, 'Erased', 'Erased', '', null]);

    const forgot = await until(async () => (await sim.control('GET', 'received')).find((x) => x.path === `/v2/client/${GOOD.clientId}/forget`), 'the forget call');
    assert.equal(new URLSearchParams(forgot.body).get('email'), 'forget.me@example.com');
    await until(async () => {
      const held = (await sim.control('GET', 'registrants')).filter((x) => String(x.eventId) === event.providerEventId);
      return held.length === 1 && held[0].email.endsWith('-deleted') && held[0].fields.firstname === 'deleted';
    }, 'the registrant erased at the provider');
    // The address matches nobody any more: a new registration with it is a new contact.
    const again = await api.request('POST', `${EVENTS}/${event.id}/registrations`, { json: { email: 'forget.me@example.com', firstName: 'Ada', lastName: 'L' } });
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.body.contactId, contactId);
    // Erasing again changes nothing and sends nothing more.
    assert.equal((await api.request('POST', `/api/admin/contacts/${contactId}/erase`)).status, 200);
    assert.equal((await api.request('POST', '/api/admin/contacts/nope/erase')).status, 404);
  });
});

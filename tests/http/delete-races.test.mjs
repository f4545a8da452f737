// Deleting an event, or a session, pass or question of one, while registrations arrive for
// it: the delete and a registration that refers to it never both succeed. A registration
// reads its event's context from the configuration store before the registry stores it,
// and a delete is checked in the registry before the store deletes, so without the
// registry's retirement record the two interleave: the delete's check finds nothing, the
// store deletes, and the registration is stored afterwards, orphaned.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { client, startWorker } from '../support/server.mjs';

const EVENTS = '/api/admin/events';
const tag = () => randomBytes(4).toString('hex');
/** Rounds per case: enough to hit the interleaving (8 orphans in 30 rounds without the fix). */
const ROUNDS = 30;
/** What a registration refused because what it refers to is gone may say. */
const GONE = /There is no event with id|has just been deleted|is not a (session|pass|question) of this event/;

describe('deletes racing registrations', () => {
  let server;
  let api;

  before(async () => {
    server = await startWorker();
    api = client(server);
    const res = await api.request('POST', '/api/auth/sign-in', {
      json: { username: 'admin', password: server.password },
    });
    assert.equal(res.status, 200, res.text);
  });

  after(async () => {
    await server?.stop();
  });

  const created = async (path, json) => {
    const res = await api.request('POST', path, { json });
    assert.equal(res.status, 201, `${path}: ${res.text}`);
    return res.body;
  };
  const newEvent = () =>
    created(EVENTS, {
      name: `Race ${tag()}`,
      start: '2026-06-01T09:00',
      end: '2026-06-01T18:00',
      timeZone: 'Europe/Paris',
    });
  const register = (eventId, fields = {}) =>
    api.request('POST', `${EVENTS}/${eventId}/registrations`, {
      json: { email: `race-${tag()}@example.org`, firstName: 'Ada', lastName: 'Lovelace', ...fields },
    });

  /**
   * Runs `rounds` races of a delete against two registrations that refer to what it deletes,
   * sent at once. Each registration either is stored (201, and then the delete must have
   * been refused with 409) or refused because what it refers to is gone (400, 404 or 409).
   * Returns how many deletes won, so the test can show that both outcomes happened.
   */
  async function race(setup) {
    let deletesWon = 0;
    let registrationsWon = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { remove, registrations, stillThere } = await setup();
      const [deleted, ...registered] = await Promise.all([remove(), ...registrations.map((r) => r())]);
      const stored = registered.filter((r) => r.status === 201);
      for (const r of registered) {
        assert.ok([201, 400, 404, 409].includes(r.status), `round ${round}: registration ${r.status} ${r.text}`);
        // A refusal must be for what was deleted, not for a body the API would refuse anyway.
        if (r.status !== 201) assert.match(r.text, GONE, `round ${round}: refused for another reason`);
      }
      if (deleted.status === 204) {
        deletesWon++;
        assert.equal(stored.length, 0, `round ${round}: deleted, yet registered: ${stored.map((r) => r.text)}`);
        assert.equal(await stillThere(), false, `round ${round}: deleted but still listed`);
      } else {
        assert.equal(deleted.status, 409, `round ${round}: delete ${deleted.status} ${deleted.text}`);
        assert.ok(stored.length > 0, `round ${round}: delete refused with no registration stored`);
        registrationsWon++;
        assert.equal(await stillThere(), true, `round ${round}: refused but gone`);
      }
    }
    // Both outcomes are possible; the invariant above held in every round either way.
    assert.equal(deletesWon + registrationsWon, ROUNDS);
    console.log(`# ${deletesWon} deletes won, ${registrationsWon} registrations won`);
  }

  it('an event deleted while it is registered for: never both', async () => {
    await race(async () => {
      const event = await newEvent();
      return {
        remove: () => api.request('DELETE', `${EVENTS}/${event.id}`),
        registrations: [() => register(event.id), () => register(event.id)],
        stillThere: async () => (await api.request('GET', `${EVENTS}/${event.id}`)).status === 200,
      };
    });
    // A deleted event's registrations do not exist anywhere: no contact lists one.
    const contacts = await api.request('GET', '/api/admin/contacts?pageSize=100');
    assert.equal(contacts.status, 200, contacts.text);
    const events = new Set((await api.request('GET', `${EVENTS}?pageSize=100`)).body.items.map((e) => e.id));
    for (const contact of contacts.body.items) {
      const regs = await api.request('GET', `/api/admin/contacts/${contact.id}/registrations`);
      for (const r of regs.body) assert.ok(events.has(r.eventId), `orphan registration ${r.id} of ${r.eventId}`);
    }
  });

  for (const [what, path, field] of [
    ['session', 'sessions', (id) => ({ sessionIds: [id] })],
    ['pass', 'passes', (id) => ({ passId: id })],
    ['question', 'registration-fields', (id) => ({ responses: [{ id, value: 'Tea' }] })],
  ]) {
    it(`a ${what} deleted while registrations refer to it: never both`, async () => {
      const event = await newEvent();
      const inputs = {
        sessions: { name: 'Keynote', start: '2026-06-01T09:00', end: '2026-06-01T10:00' },
        passes: { name: 'Day pass' },
        'registration-fields': { text: 'Drink?', questionType: 'simple_text' },
      };
      await race(async () => {
        const item = await created(`${EVENTS}/${event.id}/${path}`, inputs[path]);
        return {
          remove: () => api.request('DELETE', `${EVENTS}/${event.id}/${path}/${item.id}`),
          registrations: [() => register(event.id, field(item.id)), () => register(event.id, field(item.id))],
          stillThere: async () =>
            (await api.request('GET', `${EVENTS}/${event.id}/${path}`)).body.some((i) => i.id === item.id),
        };
      });
    });
  }
});

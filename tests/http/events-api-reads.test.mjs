// The public Events API (`/api/v1/`) against workerd, what it reads: website table
// configurations deciding which fields are exposed, unpublished events looking unknown, the
// read shapes and the registration count.
//
// Every public request carries its own `cf-connecting-ip` (wrangler dev passes it through),
// so each test counts against its own client rate limit and the tests stay independent.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { EVENTS, FIELDS, TABLES, SITE, OTHER_SITE, tag, newAddress, eventsApi } from '../support/events-api.mjs';

describe('the public Events API: reads', () => {
  const h = eventsApi();
  const { v1, webApp, event, created, adminRegistrations } = h;
  let server;
  let api;

  before(async () => {
    await h.start();
    ({ server, api } = h);
  });

  after(() => h.stop());

  describe('what is exposed', () => {
    let token;

    before(async () => {
      ({ token } = await webApp());
    });

    it('a custom field and an optional standard field appear only while a configuration lists them', async () => {
      const ip = newAddress();
      const fieldName = `room_${tag()}`;
      const field = await created(FIELDS, {
        entity: 'event',
        name: fieldName,
        label: 'Room',
        fieldType: 'text',
      });
      const ev = await event({ description: 'All about it', customFields: { [fieldName]: 'A1' } });
      const read = async () => {
        const one = await v1(`/events/${ev.readableId}`, { ip, token });
        assert.equal(one.status, 200, one.text);
        const all = await v1('/events/published', { ip, token });
        const listed = all.body.find((e) => e.readableEventId === ev.readableId);
        assert.deepEqual(listed, one.body, 'the list and the event agree');
        return one.body;
      };

      let seen = await read();
      assert.deepEqual(seen.customFields, {}, 'not listed: absent');
      assert.equal('description' in seen, false);
      assert.equal('maxCapacity' in seen, false);

      const table = await created(TABLES, {
        name: `Site table ${tag()}`,
        entity: 'event',
        fields: [fieldName, 'description'],
      });
      seen = await read();
      assert.deepEqual(seen.customFields, { [fieldName]: 'A1' });
      assert.equal(seen.description, 'All about it');

      const changed = await api.put(`${TABLES}/${table.id}`, {
        name: table.name,
        entity: 'event',
        fields: ['description'],
      });
      assert.equal(changed.status, 200, changed.text);
      seen = await read();
      assert.deepEqual(seen.customFields, {}, 'removed from the list: absent on the next request');
      assert.equal(seen.description, 'All about it');

      const back = await api.put(`${TABLES}/${table.id}`, {
        name: table.name,
        entity: 'event',
        fields: [fieldName],
      });
      assert.equal(back.status, 200, back.text);
      seen = await read();
      assert.deepEqual(seen.customFields, { [fieldName]: 'A1' });
      assert.equal('description' in seen, false, 'description no longer listed');

      // A field listed by a configuration cannot be deleted.
      const inUse = await api.del(`${FIELDS}/${field.id}`);
      assert.equal(inUse.status, 409);

      assert.equal((await api.del(`${TABLES}/${table.id}`)).status, 204);
      seen = await read();
      assert.deepEqual(seen.customFields, {}, 'configuration deleted: absent again');
      assert.equal('description' in seen, false);
    });

    it('a configuration for another table exposes nothing on events', async () => {
      const ip = newAddress();
      const fieldName = `level_${tag()}`;
      await created(FIELDS, { entity: 'event', name: fieldName, label: 'Level', fieldType: 'text' });
      const ev = await event({ customFields: { [fieldName]: 'Expert' } });
      const table = await created(TABLES, {
        name: `Speakers ${tag()}`,
        entity: 'speaker',
        fields: ['title'],
      });
      const one = await v1(`/events/${ev.readableId}`, { ip, token });
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(one.body.customFields, {});
      const refused = await api.post(TABLES, {
        name: `Wrong ${tag()}`,
        entity: 'session',
        fields: [fieldName],
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.fields[0].field, 'fields[0]');
      await api.del(`${TABLES}/${table.id}`);
    });
  });
  describe('unpublished events', () => {
    it('look exactly like unknown ids, for the event and every sub-route', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const hidden = await event({ published: false });
      const unknown = `no-such-event-${tag()}`;
      const routes = [
        '',
        '/sessions',
        '/speakers',
        '/passes',
        '/custom-registration-fields',
        '/registrations/count',
      ];
      const shape = (res, id) => ({
        status: res.status,
        code: res.body?.error?.code,
        message: res.body?.error?.message?.replaceAll(id, '<id>'),
        keys: Object.keys(res.body ?? {}).sort(),
        errorKeys: Object.keys(res.body?.error ?? {}).sort(),
      });
      for (const route of routes) {
        const a = await v1(`/events/${hidden.readableId}${route}`, { ip, token });
        const b = await v1(`/events/${unknown}${route}`, { ip, token });
        assert.equal(a.status, 404, `${route}: ${a.text}`);
        assert.deepEqual(shape(a, hidden.readableId), shape(b, unknown), route);
        assert.equal(a.text.includes(hidden.name), false, 'the name is not revealed');
        assert.equal(a.text.includes(hidden.id), false, 'the internal id is not revealed');
      }
      const post = (id) =>
        v1(`/events/${id}/registrations`, { ip, token, json: { attendees: [{ email: 'h@example.com' }] } });
      const a = await post(hidden.readableId);
      const b = await post(unknown);
      assert.equal(a.status, 404, a.text);
      assert.deepEqual(shape(a, hidden.readableId), shape(b, unknown));
      assert.equal((await adminRegistrations(hidden.id)).total, 0);

      // The internal id does not reach the event either.
      const byInternal = await v1(`/events/${hidden.id}`, { ip, token });
      assert.equal(byInternal.status, 404);
      const published = await v1('/events/published', { ip, token });
      assert.equal(published.body.some((e) => e.readableEventId === hidden.readableId), false);

      // Publishing makes it visible; unpublishing hides it again on the next request.
      const put = (p) => api.put(`${EVENTS}/${hidden.id}`, { ...hidden, published: p });
      assert.equal((await put(true)).status, 200);
      assert.equal((await v1(`/events/${hidden.readableId}`, { ip, token })).status, 200);
      assert.equal((await put(false)).status, 200);
      const again = await v1(`/events/${hidden.readableId}`, { ip, token });
      assert.deepEqual(shape(again, hidden.readableId), shape(b, unknown));
    });
  });
  describe('read shapes', () => {
    it('event, sessions, speakers, passes and custom registration fields', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event({ name: `Shapes ${tag()}`, capacity: 50, waitlistAllowed: true });
      const session = await created(`${EVENTS}/${ev.id}/sessions`, {
        name: 'Keynote',
        start: '2026-06-01T09:00',
        end: '2026-06-01T10:00',
      });
      const speaker = await created(`${EVENTS}/${ev.id}/speakers`, {
        name: 'Ada Lovelace',
        title: 'Analyst',
        biography: 'Wrote the first program.',
      });
      const pass = await created(`${EVENTS}/${ev.id}/passes`, { name: 'VIP', capacity: 5 });
      const question = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Meals?',
        questionType: 'multiple_choice',
        required: true,
        choices: ['Lunch', 'Dinner', 'Breakfast'],
      });
      const get = async (route) => {
        const res = await v1(`/events/${ev.readableId}${route}`, { ip, token });
        assert.equal(res.status, 200, `${route}: ${res.text}`);
        assert.match(res.headers.get('content-type'), /^application\/json/);
        return res.body;
      };

      assert.deepEqual(await get(''), {
        readableEventId: ev.readableId,
        eventName: ev.name,
        startDate: '2026-06-01T09:00',
        endDate: '2026-06-01T18:00',
        timeZone: 'Europe/Paris',
        eventFormat: ev.format,
        customFields: {},
      });
      assert.deepEqual(await get('/sessions'), [
        {
          sessionId: session.id,
          name: 'Keynote',
          startTime: '2026-06-01T09:00',
          endTime: '2026-06-01T10:00',
          customFields: {},
        },
      ]);
      assert.deepEqual(await get('/speakers'), [
        { speakerId: speaker.id, name: 'Ada Lovelace', customFields: {} },
      ]);
      assert.deepEqual(await get('/passes'), [{ passId: pass.id, name: 'VIP', customFields: {} }]);
      assert.deepEqual(await get('/custom-registration-fields'), [
        {
          customRegistrationFieldId: question.id,
          text: 'Meals?',
          type: 'multiple_choice',
          isRequired: true,
          choices: 'Lunch\nDinner\nBreakfast',
        },
      ]);

      // Optional standard fields of the other tables, when listed.
      const tables = [];
      for (const [entity, fields] of [
        ['speaker', ['title', 'biography']],
        ['pass', ['capacity']],
        ['session', ['webinar']],
        ['event', ['maxCapacity', 'showWaitlist']],
      ]) {
        tables.push(await created(TABLES, { name: `Std ${entity} ${tag()}`, entity, fields }));
      }
      try {
        const [sp] = await get('/speakers');
        assert.equal(sp.title, 'Analyst');
        assert.equal(sp.biography, 'Wrote the first program.');
        assert.equal((await get('/passes'))[0].capacity, 5);
        assert.equal((await get('/sessions'))[0].webinar, false);
        const full = await get('');
        assert.equal(full.maxCapacity, 50);
        assert.equal(full.showWaitlist, true);
      } finally {
        for (const t of tables) await api.del(`${TABLES}/${t.id}`);
      }
      assert.equal('title' in (await get('/speakers'))[0], false);
    });

    it('an unknown route is 404 and a wrong method 405', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event();
      const unknown = await v1(`/events/${ev.readableId}/tickets`, { ip, token });
      assert.equal(unknown.status, 404);
      const put = await v1(`/events/${ev.readableId}`, { ip, token, method: 'PUT', json: {} });
      assert.equal(put.status, 405);
      assert.match(put.headers.get('allow'), /GET/);
      const getRegs = await v1(`/events/${ev.readableId}/registrations`, { ip, token });
      assert.equal(getRegs.status, 405);
    });

    it('401 and 403 come before 404 and 405; 404 comes before body errors', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event();
      const wrong = `cvt_${tag()}${tag()}`;
      assert.equal((await v1(`/events/${ev.readableId}/tickets`, { ip, token: wrong })).status, 401);
      assert.equal((await v1(`/events/${ev.readableId}/registrations`, { ip, token: wrong })).status, 401);
      const foreign = await v1(`/events/${ev.readableId}/tickets`, { ip, token, origin: OTHER_SITE });
      assert.equal(foreign.status, 403, foreign.text);
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
      // An accepted credential: the 404 is reflected to the site, so its script can read it.
      const unknownRoute = await v1(`/events/${ev.readableId}/tickets`, { ip, token, origin: SITE });
      assert.equal(unknownRoute.status, 404);
      assert.equal(unknownRoute.headers.get('access-control-allow-origin'), SITE);
      const badBody = { method: 'POST', headers: { 'content-type': 'text/plain' } };
      const unknownEvent = await v1(`/events/no-such-${tag()}/registrations`, { ip, token, ...badBody });
      assert.equal(unknownEvent.status, 404, unknownEvent.text);
      const known = await v1(`/events/${ev.readableId}/registrations`, { ip, token, ...badBody });
      assert.equal(known.status, 415, known.text);
    });

    it('registrations/count counts registrations that are not cancelled, and says whether one can be made', async () => {
      const ip = newAddress();
      const { token } = await webApp();
      const ev = await event({ capacity: 2, waitlistAllowed: true });
      const count = async () => {
        const res = await v1(`/events/${ev.readableId}/registrations/count`, { ip, token });
        assert.equal(res.status, 200, res.text);
        return res.body;
      };
      assert.deepEqual(await count(), { count: 0, availability: 'open' });
      const res = await v1(`/events/${ev.readableId}/registrations`, {
        ip,
        token,
        json: {
          attendees: [
            { email: 'c1@example.com' },
            { email: 'c2@example.com' },
            { email: 'c3@example.com' },
          ],
        },
      });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(res.body.registrations.map((r) => r.status), ['confirmed', 'confirmed', 'waitlisted']);
      assert.deepEqual(await count(), { count: 3, availability: 'waitlist' }, 'waitlisted registrations count');
      const first = res.body.registrations[0].registrationId;
      const cancelled = await api.post(`${EVENTS}/${ev.id}/registrations/${first}/cancel`);
      assert.equal(cancelled.status, 200, cancelled.text);
      // The waitlisted one moved up: both seats are held.
      assert.deepEqual(await count(), { count: 2, availability: 'waitlist' });
      const closed = await api.put(`${EVENTS}/${ev.id}`, { ...ev, capacity: 2, registrationClosed: true });
      assert.equal(closed.status, 200, closed.text);
      assert.deepEqual(await count(), { count: 2, availability: 'closed' });
    });
  });
});

// The public Events API (`/api/v1/`) against workerd, registrations through the shared path:
// answers, validation, the idempotency race, capacity.
//
// Every public request carries its own `cf-connecting-ip` (wrangler dev passes it through),
// so each test counts against its own client rate limit and the tests stay independent.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { EVENTS, SITE, tag, newAddress, eventsApi } from '../support/events-api.mjs';

describe('the public Events API: registrations', () => {
  const h = eventsApi();
  const { v1, webApp, event, created, adminRegistrations } = h;
  let server;
  let api;

  before(async () => {
    await h.start();
    ({ server, api } = h);
  });

  after(() => h.stop());

  describe('registrations through the API', () => {
    let token;

    before(async () => {
      ({ token } = await webApp());
    });

    const register = (readable, json, opts = {}) =>
      v1(`/events/${readable}/registrations`, { token, json, ...opts });

    it('answers to custom registration fields are stored and shown in the admin', async () => {
      const ip = newAddress();
      const ev = await event();
      const q = async (text, questionType, required, choices = []) =>
        created(`${EVENTS}/${ev.id}/registration-fields`, { text, questionType, required, choices });
      const diet = await q('Dietary needs', 'simple_text', true);
      const vegan = await q('Vegan?', 'boolean', false);
      const size = await q('T-shirt', 'single_choice', false, ['S', 'M', 'L']);
      const meals = await q('Meals', 'multiple_choice', false, ['Lunch', 'Dinner', 'Breakfast']);

      const fields = await v1(`/events/${ev.readableId}/custom-registration-fields`, { ip, token });
      assert.deepEqual(
        fields.body.map((f) => [f.customRegistrationFieldId, f.type, f.isRequired, f.choices]),
        [
          [diet.id, 'simple_text', true, ''],
          [vegan.id, 'boolean', false, ''],
          [size.id, 'single_choice', false, 'S\nM\nL'],
          [meals.id, 'multiple_choice', false, 'Lunch\nDinner\nBreakfast'],
        ],
      );

      const responses = [
        { id: diet.id, value: 'No nuts' },
        { id: vegan.id, value: 'Yes' },
        { id: size.id, value: 'M' },
        { id: meals.id, value: 'Lunch, Breakfast' },
      ];
      const res = await register(
        ev.readableId,
        {
          attendees: [
            { email: 'ans@example.com', firstName: 'Ann', lastName: 'Swer', company: 'Acme', responses },
            { email: 'two@example.com', responses: [{ id: diet.id, value: 'None' }, { id: vegan.id, value: 'No' }] },
          ],
        },
        { ip, origin: SITE },
      );
      assert.equal(res.status, 201, res.text);
      assert.equal(res.headers.get('access-control-allow-origin'), SITE);
      assert.equal(res.body.status, 'Success');
      assert.equal(res.body.errorMessage, null);
      assert.deepEqual(res.body.registrations.map((r) => [r.email, r.status]), [
        ['ans@example.com', 'confirmed'],
        ['two@example.com', 'confirmed'],
      ]);

      const stored = await adminRegistrations(ev.id);
      assert.equal(stored.total, 2);
      const byEmail = Object.fromEntries(stored.items.map((r) => [r.email, r]));
      const ann = byEmail['ans@example.com'];
      assert.equal(ann.id, res.body.registrations[0].registrationId);
      assert.equal(ann.firstName, 'Ann');
      assert.equal(ann.company, 'Acme');
      // Stored as given, a multiple choice answer with its choices listed too.
      assert.deepEqual(ann.responses, [
        ...responses.slice(0, 3),
        { id: meals.id, value: 'Lunch, Breakfast', choices: ['Lunch', 'Breakfast'] },
      ]);
      assert.deepEqual(byEmail['two@example.com'].responses, [
        { id: diet.id, value: 'None' },
        { id: vegan.id, value: 'No' },
      ]);
    });

    it('a choice holding ", " can be answered, as joined text or as a list', async () => {
      const ip = newAddress();
      const ev = await event();
      const cities = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Cities', questionType: 'multiple_choice', required: true, choices: ['Paris, France', 'Lyon', 'Paris'],
      });
      const fields = await v1(`/events/${ev.readableId}/custom-registration-fields`, { ip, token });
      assert.equal(fields.body[0].choices, 'Paris, France\nLyon\nParis');

      const res = await register(
        ev.readableId,
        {
          attendees: [
            { email: 'joined@example.com', responses: [{ id: cities.id, value: 'Lyon, Paris, France' }] },
            { email: 'listed@example.com', responses: [{ id: cities.id, choices: ['Paris', 'Paris, France'] }] },
          ],
        },
        { ip },
      );
      assert.equal(res.status, 201, res.text);
      const stored = await adminRegistrations(ev.id);
      const byEmail = Object.fromEntries(stored.items.map((r) => [r.email, r.responses]));
      // The readable text stays; the choices are listed, in the question's order.
      assert.deepEqual(byEmail['joined@example.com'], [
        { id: cities.id, value: 'Paris, France, Lyon', choices: ['Paris, France', 'Lyon'] },
      ]);
      assert.deepEqual(byEmail['listed@example.com'], [
        { id: cities.id, value: 'Paris, France, Paris', choices: ['Paris, France', 'Paris'] },
      ]);

      // Where "France" is a choice too, "Paris, France" reads two ways: the API asks for
      // the list, and the list is taken.
      const places = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Places', questionType: 'multiple_choice', required: false, choices: ['Paris', 'France', 'Paris, France'],
      });
      const ambiguous = await register(
        ev.readableId,
        {
          attendees: [{
            email: 'which@example.com',
            responses: [{ id: cities.id, value: 'Lyon' }, { id: places.id, value: 'Paris, France' }],
          }],
        },
        { ip },
      );
      assert.equal(ambiguous.status, 400, ambiguous.text);
      assert.deepEqual(ambiguous.body.error.fields.map((f) => f.field), [`attendees[0].responses.${places.id}`]);
      assert.match(ambiguous.body.error.fields[0].message, /list them in "choices"/);
      const listed = await register(
        ev.readableId,
        {
          attendees: [{
            email: 'which@example.com',
            responses: [{ id: cities.id, value: 'Lyon' }, { id: places.id, choices: ['Paris, France'] }],
          }],
        },
        { ip },
      );
      assert.equal(listed.status, 201, listed.text);
    });

    it('invalid answers are 400 naming attendees[i].responses.<id>; no invalid attendee is stored', async () => {
      const ip = newAddress();
      const ev = await event();
      const q = async (text, questionType, required, choices = []) =>
        created(`${EVENTS}/${ev.id}/registration-fields`, { text, questionType, required, choices });
      const needed = await q('Badge name', 'simple_text', true);
      const yesNo = await q('Newsletter?', 'boolean', false);
      const one = await q('Track', 'single_choice', false, ['Dev', 'Ops']);
      const many = await q('Meals', 'multiple_choice', false, ['Lunch', 'Dinner']);

      const bad = await register(
        ev.readableId,
        {
          attendees: [
            {
              email: 'bad@example.com',
              responses: [
                { id: yesNo.id, value: 'true' },
                { id: one.id, value: 'Sales' },
                { id: many.id, value: 'Lunch,Dinner' },
                { id: 'not-a-question', value: 'x' },
              ],
            },
          ],
        },
        { ip },
      );
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.error.code, 'validation_failed');
      const named = Object.fromEntries(bad.body.error.fields.map((f) => [f.field, f.message]));
      assert.deepEqual(Object.keys(named).sort(), [
        `attendees[0].responses.${many.id}`,
        `attendees[0].responses.${needed.id}`,
        `attendees[0].responses.${one.id}`,
        `attendees[0].responses.${yesNo.id}`,
        'attendees[0].responses.not-a-question',
      ].sort());
      assert.match(named[`attendees[0].responses.${yesNo.id}`], /Yes or No/);
      assert.match(named[`attendees[0].responses.${needed.id}`], /required/);
      assert.match(named[`attendees[0].responses.${many.id}`], /", "/);

      const second = await register(
        ev.readableId,
        {
          attendees: [
            { email: 'x@example.com', responses: [{ id: needed.id, value: 'X' }] },
            { email: 'y@example.com', responses: [{ id: yesNo.id, value: 'Maybe' }, { id: needed.id, value: 'Y' }] },
          ],
        },
        { ip },
      );
      assert.equal(second.status, 400, second.text);
      assert.deepEqual(second.body.error.fields.map((f) => f.field), [`attendees[1].responses.${yesNo.id}`]);

      const emailless = await register(ev.readableId, { attendees: [{ responses: [{ id: needed.id, value: 'Z' }] }] }, { ip });
      assert.equal(emailless.status, 400);
      assert.equal(emailless.body.error.fields[0].field, 'attendees[0].email');

      const none = await register(ev.readableId, { attendees: [] }, { ip });
      assert.equal(none.status, 400);
      assert.equal(none.body.error.fields[0].field, 'attendees');

      // A value of the wrong type deep in the body is named by its path too.
      const mistyped = await register(
        ev.readableId,
        { attendees: [{ email: 'z@example.com' }, { email: 'w@example.com', responses: [{ id: needed.id, value: 7 }] }] },
        { ip },
      );
      assert.equal(mistyped.status, 400, mistyped.text);
      assert.equal(mistyped.body.error.code, 'validation_failed');
      assert.equal(mistyped.body.error.fields[0].field, 'attendees[1].responses[0].value');

      // All or none (openapi): the valid attendee 0 of the second request is not stored either.
      assert.equal((await adminRegistrations(ev.id)).total, 0);
    });

    it('attendees are registered all or none: an invalid one stores nobody; the same key then registers both', async () => {
      const ip = newAddress();
      const ev = await event();
      const yesNo = await created(`${EVENTS}/${ev.id}/registration-fields`, {
        text: 'Newsletter?',
        questionType: 'boolean',
      });
      const key = `retry-${tag()}`;
      const body = (value) => ({
        idempotencyKey: key,
        attendees: [
          { email: `first-${key}@example.com` },
          { email: `second-${key}@example.com`, responses: [{ id: yesNo.id, value }] },
          { firstName: 'No', lastName: 'Email', responses: [{ id: yesNo.id, value }] },
        ].slice(0, value === 'Maybe' ? 3 : 2),
      });
      const refused = await register(ev.readableId, body('Maybe'), { ip });
      assert.equal(refused.status, 400, refused.text);
      assert.deepEqual(refused.body.error.fields.map((f) => f.field), [
        `attendees[1].responses.${yesNo.id}`,
        'attendees[2].email',
        `attendees[2].responses.${yesNo.id}`,
      ]);
      assert.equal((await adminRegistrations(ev.id)).total, 0, 'nobody is stored');

      const retried = await register(ev.readableId, body('No'), { ip });
      assert.equal(retried.status, 201, retried.text);
      assert.equal(retried.body.registrations.length, 2);
      const again = await register(ev.readableId, body('No'), { ip });
      assert.equal(again.status, 200, 'all replayed');
      assert.deepEqual(again.body, retried.body);
      assert.equal((await adminRegistrations(ev.id)).total, 2);
    });

    it('a group is decided as a whole: seats count its earlier attendees; one refused refuses all', async () => {
      const ip = newAddress();
      const full = await event({ capacity: 2, waitlistAllowed: false });
      const three = (prefix) => ({
        attendees: [0, 1, 2].map((i) => ({ email: `${prefix}${i}-${tag()}@example.com` })),
      });
      const refused = await register(full.readableId, three('over'), { ip });
      assert.equal(refused.status, 409, refused.text);
      assert.match(refused.body.error.message, /^attendees\[2\]: .*full and has no waitlist/);
      assert.equal((await adminRegistrations(full.id)).total, 0, 'nobody is stored');
      const count = await v1(`/events/${full.readableId}/registrations/count`, { token });
      assert.deepEqual(count.body, { count: 0, availability: 'open' });

      const waiting = await event({ capacity: 2, waitlistAllowed: true });
      const res = await register(waiting.readableId, three('wait'), { ip });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual(res.body.registrations.map((r) => r.status), ['confirmed', 'confirmed', 'waitlisted']);
      assert.deepEqual(res.body.registrations.map((r) => r.waitlistPosition), [undefined, undefined, 1]);
      // A place is counted when the answer is made: a replay after a promotion says so.
      const later = { attendees: [{ email: `later-${tag()}@example.com` }], idempotencyKey: `later-${tag()}` };
      const second = await register(waiting.readableId, later, { ip });
      assert.equal(second.body.registrations[0].waitlistPosition, 2, second.text);
      const cancelled = await api.post(`${EVENTS}/${waiting.id}/registrations/${res.body.registrations[0].registrationId}/cancel`);
      assert.equal(cancelled.status, 200, cancelled.text);
      const replayed = await register(waiting.readableId, later, { ip });
      assert.equal(replayed.status, 200, replayed.text);
      assert.equal(replayed.body.registrations[0].waitlistPosition, 1, 'the first waitlisted moved up');

      const open = await event({ waitlistAllowed: true });
      const pass = await created(`${EVENTS}/${open.id}/passes`, { name: `Solo ${tag()}`, capacity: 1 });
      const withPass = await register(
        open.readableId,
        { attendees: [0, 1].map((i) => ({ email: `pass${i}-${tag()}@example.com`, passId: pass.id })) },
        { ip },
      );
      assert.equal(withPass.status, 201, withPass.text);
      assert.deepEqual(withPass.body.registrations.map((r) => r.status), ['confirmed', 'waitlisted'], 'the pass holds one');
    });

    it('10 concurrent POSTs with one idempotencyKey store one registration, all with its id', async () => {
      const ev = await event({ capacity: 100 });
      const key = `idem-${tag()}`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          register(ev.readableId, {
            idempotencyKey: key,
            attendees: [{ email: `${key}@example.com`, firstName: 'Idem' }],
          }),
        ),
      );
      for (const a of answers) assert.ok(a.status === 200 || a.status === 201, a.text);
      assert.equal(answers.filter((a) => a.status === 201).length, 1, 'one answer created it');
      const ids = new Set(answers.map((a) => a.body.registrations[0].registrationId));
      assert.equal(ids.size, 1);
      const stored = await adminRegistrations(ev.id);
      assert.equal(stored.total, 1);
      assert.equal(stored.items[0].id, [...ids][0]);

      // The Idempotency-Key header works the same way.
      const headerKey = `hdr-${tag()}`;
      const byHeader = await Promise.all(
        Array.from({ length: 5 }, () =>
          register(
            ev.readableId,
            { attendees: [{ email: `${headerKey}@example.com` }] },
            { headers: { 'idempotency-key': headerKey } },
          ),
        ),
      );
      assert.equal(new Set(byHeader.map((a) => a.body.registrations[0].registrationId)).size, 1);
      assert.equal((await adminRegistrations(ev.id)).total, 2);
    });

    it('a full event without a waitlist refuses with 409 and stores nothing more', async () => {
      const ev = await event({ capacity: 3, waitlistAllowed: false });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          register(ev.readableId, { attendees: [{ email: `seat${i}@example.com` }] }),
        ),
      );
      const accepted = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 409);
      assert.equal(accepted.length, 3, answers.map((a) => a.text).join('\n'));
      assert.equal(refused.length, 5);
      assert.equal(refused[0].body.error.code, 'conflict');
      assert.match(refused[0].body.error.message, /full and has no waitlist/);
      const stored = await adminRegistrations(ev.id);
      assert.deepEqual(
        stored.items.map((r) => r.id).sort(),
        accepted.map((a) => a.body.registrations[0].registrationId).sort(),
      );
      const count = await v1(`/events/${ev.readableId}/registrations/count`, { token });
      assert.deepEqual(count.body, { count: 3, availability: 'full' });
    });

    it('a closed event refuses new registrations with 409, replays earlier ones; administrators still register', async () => {
      const ev = await event();
      const earlier = { attendees: [{ email: `before-${tag()}@example.com` }], idempotencyKey: `before-${tag()}` };
      const made = await register(ev.readableId, earlier);
      assert.equal(made.status, 201, made.text);
      const closed = await api.put(`${EVENTS}/${ev.id}`, { ...ev, capacity: ev.capacity, registrationClosed: true });
      assert.equal(closed.status, 200, closed.text);
      const refused = await register(ev.readableId, { attendees: [{ email: `closed-${tag()}@example.com` }] });
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.error.message, 'Registration for this event is closed.');
      const replayed = await register(ev.readableId, earlier);
      assert.equal(replayed.status, 200, replayed.text);
      assert.deepEqual(replayed.body, made.body, 'the earlier registration, as first answered');
      assert.equal((await adminRegistrations(ev.id)).total, 1);
      const count = await v1(`/events/${ev.readableId}/registrations/count`, { token });
      assert.deepEqual(count.body, { count: 1, availability: 'closed' });
      const added = await api.post(`${EVENTS}/${ev.id}/registrations`, { email: `admin-${tag()}@example.com` });
      assert.equal(added.status, 201, added.text);
    });

    it('a registration needs JSON', async () => {
      const ev = await event();
      const res = await v1(`/events/${ev.readableId}/registrations`, {
        token,
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(res.status, 415);
    });
  });
});

// Seeds a running worker, through the admin API, with what the public Events API serves:
// custom fields (some exposed by website table configurations, one not), published and
// unpublished events with sessions, speakers, passes and custom registration fields, and a
// web application whose token and allowed origin the callers use.
//
// Shared by the OpenAPI contract test (tests/http/openapi.test.mjs) and the schemathesis
// runner (tests/schemathesis/run.mjs).

import { randomBytes } from 'node:crypto';

import { client } from './server.mjs';

/** The allowed origin of the seeded web application. */
export const SITE_ORIGIN = 'https://events.example.com';
/** The readable id of the main published event; also the example in the OpenAPI document. */
export const MAIN_EVENT = 'spring-summit-2026';
/** A published event with one seat and no waitlist (its second registration is a 409). */
export const SMALL_EVENT = 'small-workshop';
/** An event that exists but is not published (the public API answers 404). */
export const DRAFT_EVENT = 'draft-meetup';

const A = '/api/admin';

/**
 * A new event through the admin API (published, with a random name, unless `fields` say
 * otherwise), as the API returns it. Throws on any answer but 201.
 */
export async function newEvent(api, fields = {}) {
  const res = await api.post(`${A}/events`, {
    name: `Event ${randomBytes(4).toString('hex')}`,
    start: '2026-06-01T09:00',
    end: '2026-06-01T18:00',
    timeZone: 'Europe/Paris',
    published: true,
    ...fields,
  });
  if (res.status !== 201) throw new Error(`new event: expected 201, got ${res.status}: ${res.text}`);
  return res.body;
}

/**
 * A new web application through the admin API: `{ app, token, endpoint }` (the token is
 * only shown here). Throws on any answer but 201.
 */
export async function newWebApplication(api, allowedOrigins, name = `Site ${randomBytes(4).toString('hex')}`) {
  const res = await api.post(`${A}/web-applications`, { name, allowedOrigins });
  if (res.status !== 201) throw new Error(`new web application: expected 201, got ${res.status}: ${res.text}`);
  return { app: res.body.application, token: res.body.token, endpoint: res.body.endpoint };
}

/**
 * Signs in as the administrator and creates the data. Throws on any unexpected answer.
 * @returns {Promise<{token: string, origin: string, application: object, admin: object,
 *   events: object, sessions: object[], speakers: object[], passes: object[],
 *   questions: object[]}>}
 */
export async function seed(server) {
  const admin = client(server);
  const must = async (promise, status, what) => {
    const res = await promise;
    if (res.status !== status) {
      throw new Error(`seed: ${what}: expected ${status}, got ${res.status}: ${res.text}`);
    }
    return res.body;
  };
  await must(admin.signIn(), 200, 'sign in');

  const field = (entity, name, fieldType, choices = []) =>
    must(
      admin.post(`${A}/custom-fields`, { entity, name, label: name, fieldType, choices }),
      201,
      `custom field ${entity}.${name}`,
    );
  await field('event', 'room', 'text');
  await field('event', 'tier', 'single_choice', ['Gold', 'Silver']);
  await field('event', 'seats', 'number');
  await field('event', 'internalNote', 'text'); // never exposed
  await field('session', 'track', 'text');
  await field('session', 'recorded', 'boolean');
  await field('speaker', 'linkedin', 'text');
  await field('pass', 'opens', 'date');

  const table = (entity, fields) =>
    must(
      admin.post(`${A}/website-table-configurations`, { name: `Site ${entity}s`, entity, fields }),
      201,
      `website table configuration for ${entity}`,
    );
  await table('event', ['description', 'maxCapacity', 'showWaitlist', 'room', 'tier', 'seats']);
  await table('session', ['webinar', 'track', 'recorded']);
  await table('speaker', ['title', 'biography', 'linkedin']);
  await table('pass', ['capacity', 'opens']);

  const event = (readableId, fields) =>
    must(
      admin.post(`${A}/events`, {
        readableId,
        name: readableId.replace(/-/g, ' '),
        start: '2026-06-01T09:00',
        end: '2026-06-02T18:00',
        timeZone: 'Europe/Paris',
        ...fields,
      }),
      201,
      `event ${readableId}`,
    );
  const main = await event(MAIN_EVENT, {
    name: 'Spring Summit 2026',
    description: 'Two days of talks.',
    capacity: 500,
    waitlistAllowed: true,
    published: true,
    customFields: { room: 'Hall A', tier: 'Gold', seats: 500, internalNote: 'not public' },
  });
  const small = await event(SMALL_EVENT, {
    start: '2026-07-01T14:00',
    end: '2026-07-01T17:00',
    timeZone: 'America/New_York',
    capacity: 1,
    waitlistAllowed: false,
    published: true,
  });
  const draft = await event(DRAFT_EVENT, { published: false });

  const sessions = [];
  for (const [eventId, name, start, end, customFields] of [
    [main.id, 'Keynote', '2026-06-01T09:30', '2026-06-01T10:30', { track: 'Main', recorded: true }],
    [main.id, 'Workshops', '2026-06-01T11:00', '2026-06-01T12:30', {}],
    [draft.id, 'Hidden', '2026-06-01T10:00', '2026-06-01T11:00', {}],
  ]) {
    sessions.push(
      await must(
        admin.post(`${A}/events/${eventId}/sessions`, { name, start, end, customFields }),
        201,
        `session ${name}`,
      ),
    );
  }

  const speakers = [];
  for (const [eventId, input] of [
    [main.id, { name: 'Ada Lovelace', title: 'Analyst', biography: 'Notes.', customFields: { linkedin: 'ada' } }],
    [main.id, { name: 'Grace Hopper' }],
  ]) {
    speakers.push(await must(admin.post(`${A}/events/${eventId}/speakers`, input), 201, 'speaker'));
  }

  const passes = [];
  for (const [eventId, input] of [
    [main.id, { name: 'Standard', capacity: null }],
    [main.id, { name: 'VIP', capacity: 20, customFields: { opens: '2026-05-01' } }],
  ]) {
    passes.push(await must(admin.post(`${A}/events/${eventId}/passes`, input), 201, 'pass'));
  }

  const questions = [];
  for (const [eventId, input] of [
    [main.id, { text: 'Dietary needs', questionType: 'simple_text' }],
    [main.id, { text: 'Newsletter?', questionType: 'boolean' }],
    [main.id, { text: 'Meal', questionType: 'single_choice', choices: ['Lunch', 'Dinner'] }],
    [main.id, { text: 'Topics', questionType: 'multiple_choice', choices: ['Rust', 'Web'] }],
    [small.id, { text: 'Company size', questionType: 'simple_text', required: true }],
  ]) {
    questions.push(
      await must(admin.post(`${A}/events/${eventId}/registration-fields`, input), 201, 'question'),
    );
  }

  const issued = await must(
    admin.post(`${A}/web-applications`, {
      name: 'Events site',
      allowedOrigins: [SITE_ORIGIN],
    }),
    201,
    'web application',
  );

  return {
    token: issued.token,
    origin: SITE_ORIGIN,
    application: issued.application,
    admin,
    events: { main, small, draft },
    sessions,
    speakers,
    passes,
    questions,
  };
}

// Event administration, events, sessions, contacts and registrations against workerd,
// including the concurrency guarantees (one active record, capacity, one contact,
// idempotency).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { client, startWorker } from '../support/server.mjs';

const ADMINS = '/api/admin/event-administrations';
const EVENTS = '/api/admin/events';
const tag = () => randomBytes(4).toString('hex');

async function signIn(server) {
  const api = client(server);
  const res = await api.request('POST', '/api/auth/sign-in', {
    json: { username: 'admin', password: server.password },
  });
  assert.equal(res.status, 200);
  return api;
}

describe('events and registrations', () => {
  let server;
  let api;

  before(async () => {
    server = await startWorker();
    api = await signIn(server);
  });

  after(async () => {
    await server?.stop();
  });

  const event = async (fields = {}) => {
    const res = await api.request('POST', EVENTS, {
      json: {
        name: `Event ${tag()}`,
        start: '2026-06-01T09:00',
        end: '2026-06-01T18:00',
        timeZone: 'Europe/Paris',
        ...fields,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const register = (eventId, attendee) =>
    api.request('POST', `${EVENTS}/${eventId}/registrations`, { json: attendee });
  const registrations = async (eventId, query = '') => {
    const res = await api.request('GET', `${EVENTS}/${eventId}/registrations?pageSize=100${query}`);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const setStrategy = async (matchStrategy) => {
    const active = await api.request('GET', ADMINS);
    for (const r of active.body.items) await api.request('POST', `${ADMINS}/${r.id}/deactivate`);
    const res = await api.request('POST', ADMINS, {
      json: { name: `Strategy ${tag()}`, matchStrategy },
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };

  it('a command reaches the objects whole, in the header (small, ASCII) or the body', async () => {
    // objects.rs sends a command of at most 4096 ASCII bytes in a header, any other in the
    // body: each kind is stored and read back unchanged, and a registration on it works.
    const cases = [
      { description: 'Short and plain.' },
      { description: `${'Long. '.repeat(830)}end`.slice(0, 5000) },
      { name: `Été Σοφία ${tag()}`, description: 'Ünïcödé ✓' },
    ];
    for (const fields of cases) {
      const created = await event(fields);
      const read = await api.request('GET', `${EVENTS}/${created.id}`);
      assert.equal(read.status, 200, read.text);
      for (const [key, value] of Object.entries(fields)) assert.equal(read.body[key], value, key);
      const reg = await register(created.id, { email: `whole-${tag()}@example.org`, firstName: 'Zoë', lastName: 'Ørsted' });
      assert.equal(reg.status, 201, reg.text);
      assert.equal(reg.body.firstName, 'Zoë');
    }
  });

  it('one-line texts with a control character are refused with the field named, and nothing is stored', async () => {
    const { id } = await event({ description: 'Day one.\r\nDay two.' });
    // Inside the text: a line break at either end is trimmed away like any other whitespace.
    for (const bad of ['Ada\u0000', 'Ada\nLovelace', 'Ada\rLovelace']) {
      const reg = await register(id, { email: `ctl-${tag()}@example.org`, firstName: bad, company: bad });
      assert.equal(reg.status, 400, reg.text);
      assert.deepEqual(
        reg.body.error.fields.map((f) => [f.field, f.message]),
        [['firstName', 'must be one line without control characters'], ['company', 'must be one line without control characters']],
      );
      const named = await api.request('POST', EVENTS, {
        json: { name: `Summit ${bad}`, start: '2026-06-01T09:00', end: '2026-06-01T18:00', timeZone: 'Europe/Paris' },
      });
      assert.equal(named.status, 400, named.text);
      assert.deepEqual(named.body.error.fields.map((f) => f.field), ['name']);
    }
    const described = await api.request('POST', EVENTS, {
      json: { name: `Summit ${tag()}`, description: 'Day\u0000one', start: '2026-06-01T09:00', end: '2026-06-01T18:00', timeZone: 'Europe/Paris' },
    });
    assert.equal(described.status, 400, described.text);
    assert.deepEqual(described.body.error.fields.map((f) => f.field), ['description']);
    assert.equal((await registrations(id)).total, 0);
    const listed = await api.request('GET', `${EVENTS}?q=Summit&pageSize=100`);
    assert.equal(listed.body.total, 0, listed.text);
    assert.equal((await api.request('GET', `${EVENTS}/${id}`)).body.description, 'Day one.\r\nDay two.');
  });

  it('20 concurrent activations of different records leave exactly one active', async () => {
    const ids = [];
    for (let i = 0; i < 20; i++) {
      const created = await api.request('POST', ADMINS, { json: { name: `Admin ${i}` } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.active, true);
      // While one is active, New is refused with its name.
      const refused = await api.request('POST', ADMINS, { json: { name: `Extra ${i}` } });
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, new RegExp(`Admin ${i}`));
      await api.request('POST', `${ADMINS}/${created.body.id}/deactivate`);
      ids.push(created.body.id);
    }
    const answers = await Promise.all(
      ids.map((id) => api.request('POST', `${ADMINS}/${id}/activate`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, ...Array(19).fill(409)]);
    const winner = answers.find((a) => a.status === 200).body;
    for (const loser of answers.filter((a) => a.status === 409)) {
      assert.match(loser.body.error.message, new RegExp(winner.name));
    }
    const active = await api.request('GET', `${ADMINS}?view=active`);
    assert.deepEqual(active.body.items.map((r) => r.id), [winner.id]);
    const inactive = await api.request('GET', `${ADMINS}?view=inactive&pageSize=100`);
    assert.equal(inactive.body.total, 19);
    await api.request('POST', `${ADMINS}/${winner.id}/deactivate`);
  });

  it('50 concurrent registrations for 10 seats: 10 confirmed, the rest waitlisted, none lost', async () => {
    const { id } = await event({ capacity: 10, waitlistAllowed: true });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => register(id, { email: `wait${i}@example.com` })),
    );
    assert.ok(answers.every((a) => a.status === 201), answers.map((a) => a.text).join('\n'));
    const count = (s) => answers.filter((a) => a.body.status === s).length;
    assert.equal(count('confirmed'), 10);
    assert.equal(count('waitlisted'), 40);
    const stored = await registrations(id);
    assert.equal(stored.total, 50);
    assert.deepEqual(
      stored.items.map((r) => r.id).sort(),
      answers.map((a) => a.body.id).sort(),
      'every accepted answer is a stored registration',
    );
    assert.equal(stored.items.filter((r) => r.status === 'confirmed').length, 10);
  });

  it('without a waitlist the 41st-and-later are refused, and nothing is stored for them', async () => {
    const { id } = await event({ capacity: 10, waitlistAllowed: false });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => register(id, { email: `full${i}@example.com` })),
    );
    const accepted = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    assert.equal(accepted.length, 10);
    assert.equal(refused.length, 40);
    assert.match(refused[0].body.error.message, /full and has no waitlist/);
    const stored = await registrations(id);
    assert.deepEqual(stored.items.map((r) => r.id).sort(), accepted.map((a) => a.body.id).sort());
    const refusedContact = await api.request('GET', `/api/admin/contacts?q=${encodeURIComponent('full49@')}`);
    const accepted49 = accepted.some((a) => a.body.email === 'full49@example.com');
    assert.equal(refusedContact.body.total, accepted49 ? 1 : 0, 'a refused registration creates no contact');
  });

  it('10 concurrent registrations of one new email create one contact', async () => {
    const { id } = await event();
    const email = `same-${tag()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        register(id, { email: i % 2 ? email.toUpperCase() : ` ${email} `, firstName: 'Same' }),
      ),
    );
    assert.ok(answers.every((a) => a.status === 201));
    const contactIds = new Set(answers.map((a) => a.body.contactId));
    assert.equal(contactIds.size, 1);
    const contacts = await api.request('GET', `/api/admin/contacts?q=${encodeURIComponent(email)}`);
    assert.equal(contacts.body.total, 1);
    assert.equal(contacts.body.items[0].registrationCount, 10, 'duplicates are not merged');
    const linked = await api.request('GET', `/api/admin/contacts/${[...contactIds][0]}/registrations`);
    assert.equal(linked.body.length, 10);
  });

  it('the same idempotency key sent 10 times at once yields one registration', async () => {
    const { id } = await event({ capacity: 100 });
    const key = `key-${tag()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        register(id, { email: `idem-${key}@example.com`, idempotencyKey: key }),
      ),
    );
    assert.ok(answers.every((a) => a.status === 200 || a.status === 201));
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(answers.filter((a) => a.body.replayed).length, 9);
    assert.equal((await registrations(id)).total, 1);
  });

  it('matching follows the active strategy, with names normalized', async () => {
    const { id } = await event();
    // The contact a registration joined; two failed registrations would agree on none.
    const contactOf = async (attendee) => {
      const res = await register(id, attendee);
      assert.equal(res.status, 201, res.text);
      assert.match(res.body.contactId, /^[0-9a-f-]{36}$/, res.text);
      return res.body.contactId;
    };
    await setStrategy('first_and_last_name');
    const missing = await register(id, { email: 'x@example.com' });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.error.fields.map((f) => f.field), ['firstName', 'lastName']);
    const last = `Martin${tag()}`;
    const a = await contactOf({ email: 'one@example.com', firstName: 'Élodie', lastName: last });
    const b = await contactOf({ email: 'two@example.com', firstName: '  élodie ', lastName: last.toUpperCase() });
    assert.equal(a, b, 'same names, other email: same contact');

    await setStrategy('email_first_and_last_name');
    const c = await contactOf({ email: 'one@example.com', firstName: 'Elodie', lastName: last });
    assert.notEqual(c, a, 'Elodie is not Élodie');
    const d = await contactOf({ email: 'ONE@example.com', firstName: 'ÉLODIE', lastName: last });
    assert.equal(d, a);
    // Canonically equal spellings match: a decomposed É (E + U+0301), ß and SS.
    const e = await contactOf({ email: 'one@example.com', firstName: 'E\u0301lodie', lastName: last });
    assert.equal(e, a, 'E + combining acute is É');
    const street = `Straße${tag()}`;
    const f = await contactOf({ email: 'three@example.com', firstName: 'Ana', lastName: street });
    const g = await contactOf({ email: 'three@example.com', firstName: 'ANA', lastName: street.toUpperCase() });
    assert.equal(g, f, 'ß folds to ss');
    const strategy = await api.request('GET', '/api/admin/match-strategy');
    assert.equal(strategy.body.matchStrategy, 'email_first_and_last_name');

    const active = await api.request('GET', ADMINS);
    for (const r of active.body.items) await api.request('POST', `${ADMINS}/${r.id}/deactivate`);
    const fallback = await api.request('GET', '/api/admin/match-strategy');
    assert.equal(fallback.body.matchStrategy, 'email', 'none active: email only');
  });

  it('cancelling a confirmed registration promotes the oldest waitlisted one', async () => {
    const { id } = await event({ capacity: 2, waitlistAllowed: true });
    const made = [];
    for (const n of [1, 2, 3, 4]) made.push((await register(id, { email: `p${n}@example.com` })).body);
    assert.deepEqual(made.map((r) => r.status), ['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    const cancelled = await api.request('POST', `${EVENTS}/${id}/registrations/${made[0].id}/cancel`);
    assert.equal(cancelled.body.status, 'cancelled');
    const after = await registrations(id);
    const byEmail = Object.fromEntries(after.items.map((r) => [r.email, r.status]));
    assert.deepEqual(byEmail, {
      'p1@example.com': 'cancelled',
      'p2@example.com': 'confirmed',
      'p3@example.com': 'confirmed',
      'p4@example.com': 'waitlisted',
    });
    const waitlisted = await registrations(id, '&status=waitlisted');
    assert.deepEqual(waitlisted.items.map((r) => r.email), ['p4@example.com']);
    const searched = await registrations(id, '&q=P3%40');
    assert.deepEqual(searched.items.map((r) => r.email), ['p3@example.com']);
    const paged = await api.request('GET', `${EVENTS}/${id}/registrations?pageSize=1&page=2`);
    assert.equal(paged.body.items[0].email, 'p2@example.com');
    assert.equal(paged.body.total, 4);
  });

  it('searches registrations and contacts for long text, and takes wildcards as text', async () => {
    const { id } = await event();
    // Longer than a LIKE pattern may be in a Durable Object's SQLite (50 bytes).
    const local = `long-${'x'.repeat(60)}-${tag()}`;
    const email = `${local}@example.com`;
    const other = `other_${tag()}@example.com`;
    for (const e of [email, other]) assert.equal((await register(id, { email: e })).status, 201);
    const found = await registrations(id, `&q=${encodeURIComponent(local.toUpperCase())}`);
    assert.deepEqual(found.items.map((r) => r.email), [email]);
    const contacts = await api.request('GET', `/api/admin/contacts?q=${encodeURIComponent(local)}`);
    assert.equal(contacts.status, 200, contacts.text);
    assert.deepEqual(contacts.body.items.map((c) => c.email), [email]);
    assert.equal((await registrations(id, '&q=othe_')).total, 0);
    assert.equal((await registrations(id, '&q=%25%25')).total, 0);
    assert.deepEqual((await registrations(id, '&q=other_')).items.map((r) => r.email), [other]);
  });

  it('a pass, session or question that registrations refer to cannot be deleted; a free one can', async () => {
    const { id } = await event();
    const made = async (path, json) => {
      const res = await api.request('POST', `${EVENTS}/${id}/${path}`, { json });
      assert.equal(res.status, 201, `${path}: ${res.text}`);
      return res.body;
    };
    const pass = await made('passes', { name: 'Day pass' });
    const session = await made('sessions', { name: 'Keynote', start: '2026-06-01T09:00', end: '2026-06-01T10:00' });
    const question = await made('registration-fields', { text: 'Diet?', questionType: 'simple_text' });
    const unused = {
      passes: await made('passes', { name: 'Unused pass' }),
      sessions: await made('sessions', { name: 'Unused', start: '2026-06-01T11:00', end: '2026-06-01T12:00' }),
      'registration-fields': await made('registration-fields', { text: 'Unused?', questionType: 'boolean' }),
    };
    const held = await register(id, {
      email: `ref-${tag()}@example.com`,
      passId: pass.id,
      sessionIds: [session.id],
      responses: [{ id: question.id, value: 'None' }],
    });
    assert.equal(held.status, 201, held.text);
    // Cancelled registrations keep their history: still refused.
    const cancelled = await api.request('POST', `${EVENTS}/${id}/registrations/${held.body.id}/cancel`);
    assert.equal(cancelled.status, 200, cancelled.text);

    for (const [path, ref, words] of [
      ['passes', pass, /pass is held by 1 registration and cannot be deleted/],
      ['sessions', session, /session is chosen by 1 registration and cannot be deleted/],
      ['registration-fields', question, /question is answered by 1 registration and cannot be deleted/],
    ]) {
      const refused = await api.request('DELETE', `${EVENTS}/${id}/${path}/${ref.id}`);
      assert.equal(refused.status, 409, `${path}: ${refused.text}`);
      assert.equal(refused.body.error.code, 'conflict');
      assert.match(refused.body.error.message, words);
      const still = await api.request('GET', `${EVENTS}/${id}/${path}`);
      assert.ok(still.body.some((r) => r.id === ref.id), `${path}: still listed`);
      const free = await api.request('DELETE', `${EVENTS}/${id}/${path}/${unused[path].id}`);
      assert.equal(free.status, 204, `${path}: ${free.text}`);
    }
  });

  it('a registration is answered exactly as it is stored', async () => {
    const { id } = await event({ capacity: 1, waitlistAllowed: true });
    const pass = (await api.request('POST', `${EVENTS}/${id}/passes`, { json: { name: 'Day' } })).body;
    const question = (await api.request('POST', `${EVENTS}/${id}/registration-fields`, {
      json: { text: 'Diet?', questionType: 'simple_text' },
    })).body;
    const answers = [];
    for (const email of [' Ada@Example.com ', 'grace@example.com']) {
      const res = await register(id, {
        email,
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Engines',
        passId: pass.id,
        idempotencyKey: `answer-${tag()}`,
        responses: [{ id: question.id, value: 'Vegan' }],
      });
      assert.equal(res.status, 201, res.text);
      answers.push(res.body);
    }
    assert.deepEqual(answers.map((a) => a.status), ['confirmed', 'waitlisted']);
    const stored = await registrations(id);
    for (const answer of answers) {
      const row = stored.items.find((r) => r.id === answer.id);
      assert.deepEqual({ ...answer, replayed: false }, { ...row, replayed: false });
    }
  });

  it('exports registrations as CSV', async () => {
    const { id } = await event();
    await register(id, { email: 'csv@example.com', firstName: '=cmd()', lastName: 'Doe, Jr' });
    const res = await api.request('GET', `${EVENTS}/${id}/registrations.csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    assert.match(res.headers.get('content-disposition'), /attachment/);
    const lines = res.text.trim().split('\r\n');
    assert.equal(lines[0], 'registration_id,status,created_at,email,first_name,last_name,company,sessions,sync_state,'
      + 'sync_error,provider_registrant_id,join_url,attended,live_minutes,archive_minutes,engagement_score');
    assert.match(lines[1], /,confirmed,.*,csv@example\.com,'=cmd\(\),"Doe, Jr",,,not_required,,,,,,,$/);
  });

  it('webinar events and sessions follow their configuration and provider', async () => {
    const config = await api.request('POST', '/api/admin/webinar-configurations', {
      json: { name: `Webinars ${tag()}`, providerId: 'on24' },
    });
    const configId = config.body.id;
    await api.request('POST', `/api/admin/webinar-configurations/${configId}/accept-terms`);
    const activated = await api.request('POST', `/api/admin/webinar-configurations/${configId}/activate`);
    assert.equal(activated.status, 200, activated.text);
    const missing = await api.request('POST', EVENTS, {
      json: { name: 'Webinar', start: '2026-06-01T09:00', end: '2026-06-01T18:00', timeZone: 'UTC', format: 'webinar' },
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.fields[0].field, 'webinarConfigurationId');
    const webinar = await event({ format: 'hybrid', webinarConfigurationId: configId });
    assert.equal(webinar.readableId.startsWith('event-'), true);

    const sessions = `${EVENTS}/${webinar.id}/sessions`;
    const long = await api.request('POST', sessions, {
      json: { name: 'Marathon', start: '2026-06-01T09:00', end: '2026-06-01T13:01', webinarConfigurationId: configId },
    });
    assert.equal(long.status, 400);
    assert.equal(long.body.error.fields[0].field, 'end');
    assert.match(long.body.error.fields[0].message, /split it into several sessions/);
    const ok = await api.request('POST', sessions, {
      json: { name: 'Morning', start: '2026-06-01T09:00', end: '2026-06-01T13:00', webinarConfigurationId: configId },
    });
    assert.equal(ok.status, 201, ok.text);
    const outside = await api.request('POST', sessions, {
      json: { name: 'Late', start: '2026-06-01T17:00', end: '2026-06-01T19:00', webinarConfigurationId: configId },
    });
    assert.deepEqual(outside.body.error.fields.map((f) => f.field), ['end']);

    const registered = await register(webinar.id, { email: 'w@example.com', sessionIds: [ok.body.id] });
    assert.equal(registered.body.syncState, 'pending');
    assert.deepEqual(registered.body.sessionIds, [ok.body.id]);
    const badSession = await register(webinar.id, { email: 'w2@example.com', sessionIds: ['nope'] });
    assert.equal(badSession.body.error.fields[0].field, 'sessionIds');

    // A configuration in use can be deactivated but not deleted; new events need an active one.
    const refused = await api.request('DELETE', `/api/admin/webinar-configurations/${configId}`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, new RegExp(webinar.name));
    await api.request('POST', `/api/admin/webinar-configurations/${configId}/deactivate`);
    const inactive = await api.request('POST', EVENTS, {
      json: { name: 'W2', start: '2026-06-01T09:00', end: '2026-06-01T18:00', timeZone: 'UTC', format: 'webinar', webinarConfigurationId: configId },
    });
    assert.match(inactive.body.error.fields[0].message, /inactive/);

    // An event with registrations cannot be deleted.
    const del = await api.request('DELETE', `${EVENTS}/${webinar.id}`);
    assert.equal(del.status, 409);
  });

  it('events list searches, sorts by start and pages; readable ids stay unique', async () => {
    const name = `Sorted ${tag()}`;
    const late = await event({ name, start: '2026-09-01T09:00', end: '2026-09-01T10:00' });
    const early = await event({ name, start: '2026-07-01T09:00', end: '2026-07-01T10:00' });
    assert.notEqual(late.readableId, early.readableId);
    assert.equal(early.readableId, `${late.readableId}-2`);
    const accented = await event({ name: `Élodie's E\u0301te\u0301 ${tag()}` });
    assert.match(accented.readableId, /^elodie-s-ete-[0-9a-f]{8}$/, 'accents, either spelling, are dropped');
    const listed = await api.request('GET', `${EVENTS}?q=${encodeURIComponent(name)}`);
    assert.deepEqual(listed.body.items.map((e) => e.id), [early.id, late.id]);
    const desc = await api.request('GET', `${EVENTS}?q=${encodeURIComponent(name)}&desc=1&pageSize=1`);
    assert.deepEqual(desc.body.items.map((e) => e.id), [late.id]);
    assert.equal(desc.body.total, 2);
    const taken = await api.request('PUT', `${EVENTS}/${early.id}`, {
      json: { ...early, readableId: late.readableId },
    });
    assert.equal(taken.status, 400);
    assert.equal(taken.body.error.fields[0].field, 'readableId');
    const empty = await api.request('DELETE', `${EVENTS}/${early.id}`);
    assert.equal(empty.status, 204);
  });
});

describe('a deployment marked production', () => {
  it('refuses to enable demo payment confirmation', async () => {
    const server = await startWorker({ vars: { DEPLOYMENT: 'production' } });
    try {
      const api = await signIn(server);
      const deployment = await api.request('GET', '/api/admin/deployment');
      assert.deepEqual(deployment.body, { production: true });
      const refused = await api.request('POST', ADMINS, {
        json: { name: 'Demo', matchStrategy: 'email', demoPaymentConfirmation: true },
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.fields[0].field, 'demoPaymentConfirmation');
      assert.match(refused.body.error.fields[0].message, /production/);
      const allowed = await api.request('POST', ADMINS, {
        json: { name: 'Demo', matchStrategy: 'email', demoPaymentConfirmation: false },
      });
      assert.equal(allowed.status, 201);
      const enable = await api.request('PUT', `${ADMINS}/${allowed.body.id}`, {
        json: { name: 'Demo', matchStrategy: 'email', demoPaymentConfirmation: true },
      });
      assert.equal(enable.status, 400);
    } finally {
      await server.stop();
    }
  });
});

// The audit log against workerd: every kind of change made through the admin API is there
// with its author, record and fields, sign-ins and failed sign-ins too; no secret is in it
// (credentials, tokens, passwords, session ids: scanned in the JSON and the CSV); filters,
// paging and the CSV export; and nothing in the API edits or deletes an entry.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertError, provider } from '../support/errors.mjs';
import { client, must, startWorker } from '../support/server.mjs';
import { seed } from '../support/seed.mjs';

const A = '/api/admin';
const LOG = `${A}/audit-log`;
const CREDENTIALS = { clientId: '777', accessTokenKey: 'audit-key-secret-1', accessTokenSecret: 'audit-secret-value-1' };
const NEW_CREDENTIALS = { clientId: '777', accessTokenKey: 'audit-key-secret-2', accessTokenSecret: 'audit-secret-value-2' };
const PLANNER_PASSWORD = 'planner passphrase one';
const NEW_PASSWORD = 'planner passphrase two';

let server;
let data;
let admin;
let planner;
/** Every secret the test wrote; none may appear in the log. */
const secrets = [];

before(async () => {
  server = await startWorker();
  data = await seed(server);
  admin = data.admin;
  secrets.push(server.password, data.token, admin.cookie, ...Object.values(CREDENTIALS).slice(1), ...Object.values(NEW_CREDENTIALS).slice(1));
  secrets.push(PLANNER_PASSWORD, NEW_PASSWORD);
});

after(async () => {
  await server?.stop();
});

/** Every entry matching `query`, newest first, read page by page. */
async function entries(query = '') {
  const all = [];
  for (let page = 1; ; page += 1) {
    const body = await must(admin.get(`${LOG}?pageSize=100&page=${page}${query}`), 200, 'audit log');
    all.push(...body.items);
    if (all.length >= body.total) return all;
  }
}

describe('the audit log', () => {
  it('records every kind of change with its author, record and fields, and no secret', async () => {
    // Changes of each kind, on top of the seed's (custom fields, tables, events, sessions,
    // speakers, passes, questions, a web application).
    const configuration = await must(
      admin.post(`${A}/webinar-configurations`, { name: 'Audited', providerId: 'on24', credentials: CREDENTIALS }),
      201,
      'configuration',
    );
    await must(
      admin.put(`${A}/webinar-configurations/${configuration.id}`, { name: 'Audited', providerId: 'on24', credentials: NEW_CREDENTIALS }),
      200,
      'credentials replaced',
    );
    await must(admin.del(`${A}/webinar-configurations/${configuration.id}/credentials`), 200, 'credentials removed');
    const rotated = await must(admin.post(`${A}/web-applications/${data.application.id}/rotate-token`), 200, 'rotate');
    secrets.push(rotated.token);
    const record = await must(
      admin.post(`${A}/event-administrations`, { name: 'Audit defaults', matchStrategy: 'email' }),
      201,
      'event administration',
    );
    const acme = await must(
      admin.post(`${A}/webinar-providers`, provider({ name: 'Audit Webinars' })),
      201,
      'provider',
    );
    await must(admin.del(`${A}/webinar-providers/${acme.id}`), 204, 'provider deleted');
    const main = data.events.main;
    await must(admin.put(`${A}/events/${main.id}`, { ...main, capacity: 750 }), 200, 'event changed');
    const user = await must(admin.post(`${A}/users`, { username: 'audited-planner', role: 'event_planner', password: PLANNER_PASSWORD }), 201, 'user');
    planner = client(server);
    await must(planner.signIn(PLANNER_PASSWORD, 'audited-planner'), 200, 'planner signs in');
    secrets.push(planner.cookie);
    await must(planner.post('/api/auth/password', { currentPassword: PLANNER_PASSWORD, newPassword: NEW_PASSWORD }), 204, 'own password');
    const registration = await must(
      planner.post(`${A}/events/${main.id}/registrations`, { email: 'audited.attendee@example.com', firstName: 'Audrey', lastName: 'Attendee' }),
      201,
      'registration',
    );
    await must(planner.post(`${A}/events/${main.id}/registrations/${registration.id}/cancel`), 200, 'cancel');
    await must(planner.post(`${A}/contacts/${registration.contactId}/erase`), 200, 'erase');
    assertError(await client(server).signIn('wrong password', 'audited-planner'), 401, 'unauthorized');

    const log = await entries();
    const has = (what, match) => {
      const found = log.find(match);
      assert.ok(found, `${what} is in the log`);
      return found;
    };
    const by = (username) => (e) => e.username === username;
    for (const type of ['custom_field', 'website_table_configuration', 'event', 'session', 'speaker', 'pass', 'registration_field', 'web_application']) {
      has(`a ${type} created by admin`, (e) => e.recordType === type && e.action === 'created' && by('admin')(e));
    }
    const created = has('the configuration', (e) => e.recordType === 'webinar_configuration' && e.action === 'created');
    assert.deepEqual(created.changes.find((c) => c.field === 'credentials'), { field: 'credentials', before: null, after: null, note: 'credentials added' });
    const notes = log.flatMap((e) => e.changes.map((c) => c.note)).filter(Boolean);
    for (const note of ['credentials replaced', 'credentials removed', 'token rotated', 'password set', 'password changed']) {
      assert.ok(notes.includes(note), `"${note}" in ${JSON.stringify(notes)}`);
    }
    has('the event administration record', (e) => e.recordType === 'event_administration' && e.recordId === record.id);
    has('the provider deleted', (e) => e.recordType === 'webinar_provider' && e.action === 'deleted' && e.recordName === 'Audit Webinars');
    const capacity = has('the capacity change', (e) => e.recordType === 'event' && e.action === 'changed' && e.recordId === main.id);
    assert.deepEqual(capacity.changes.find((c) => c.field === 'capacity'), { field: 'capacity', before: 500, after: 750, note: null });
    has('the user', (e) => e.recordType === 'user' && e.action === 'created' && e.recordId === user.id);
    const registered = has('the registration', (e) => e.recordType === 'registration' && e.action === 'created' && e.recordId === registration.id);
    assert.equal(registered.username, 'audited-planner');
    assert.equal(registered.userId, user.id);
    has('the cancellation', (e) => e.recordType === 'registration' && e.action === 'changed' && e.changes.some((c) => c.after === 'cancelled'));
    has('the erasure', (e) => e.recordType === 'contact' && e.action === 'erased' && e.recordId === registration.contactId);
    has('the sign-in', (e) => e.recordType === 'sign_in' && e.action === 'signed_in' && e.userId === user.id);
    has('the failed sign-in', (e) => e.recordType === 'sign_in' && e.action === 'sign_in_failed' && e.username === 'audited-planner');
    // Newest first.
    const ids = log.map((e) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));

    const text = JSON.stringify(log) + (await admin.get(`${LOG}.csv`)).text;
    for (const secret of secrets) {
      assert.ok(secret && secret.length >= 8, 'a real secret is scanned');
      assert.equal(text.includes(secret), false, `the log holds a secret (${secret.slice(0, 4)}…)`);
    }
    for (const personal of ['audited.attendee@example.com', 'Audrey']) {
      assert.equal(text.includes(personal), false, `the log holds personal data: ${personal}`);
    }
  });

  it('filters by user, record type and day, pages, and exports the same as CSV', async () => {
    const mine = await entries('&user=AUDITED-planner');
    assert.ok(mine.length >= 4, `${mine.length} entries`);
    assert.ok(mine.every((e) => e.username === 'audited-planner'));
    const events = await must(admin.get(`${LOG}?recordType=event&pageSize=2`), 200, 'events only');
    assert.equal(events.items.length, 2);
    assert.ok(events.total > 2 && events.items.every((e) => e.recordType === 'event'));
    const page2 = await must(admin.get(`${LOG}?recordType=event&pageSize=2&page=2`), 200, 'page 2');
    assert.ok(Number(page2.items[0].id) < Number(events.items[1].id), 'page 2 follows page 1');
    const today = new Date().toISOString().slice(0, 10);
    const all = await must(admin.get(`${LOG}?pageSize=1`), 200, 'all');
    assert.equal((await must(admin.get(`${LOG}?pageSize=1&from=${today}&to=${today}`), 200, 'today')).total, all.total);
    assert.equal((await must(admin.get(`${LOG}?from=2000-01-01&to=2000-01-31`), 200, 'long ago')).total, 0);
    const bad = await admin.get(`${LOG}?recordType=everything&from=yesterday`);
    assert.deepEqual(assertError(bad, 400, 'validation_failed').fields.map((f) => [f.field, f.message]), [
      ['recordType', 'is not a record type'],
      ['from', 'must be a date YYYY-MM-DD'],
    ]);

    const csv = await admin.get(`${LOG}.csv?user=audited-planner`);
    assert.equal(csv.status, 200, csv.text);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition'), /^attachment; filename="audit-log.csv"/);
    const lines = csv.text.split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'at,user,action,recordType,recordId,recordName,changes');
    assert.equal(lines.length - 1, mine.length, 'one line per entry');
    assert.ok(lines.some((l) => l.includes(',audited-planner,changed,user,') && l.includes('password: password changed')), lines.join('\n'));
  });

  it('cannot be changed or deleted, and is for administrators only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await admin.request(method, LOG, { json: {} });
      assert.equal(res.status, 405, `${method}: ${res.text}`);
      assert.equal(res.headers.get('allow'), 'GET');
    }
    assertError(await planner.get(LOG), 403, 'forbidden');
    assertError(await planner.get(`${LOG}.csv`), 403, 'forbidden');
  });
});

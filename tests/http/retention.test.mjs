// Retention against workerd: off by default (the scheduled job erases nothing); on, the job
// erases exactly the personal data of registrations of events that ended more than the set
// months ago. A contact with no other registration is erased whole; one who also registered
// for a recent event keeps their data and that registration. The audit log says how many.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertError } from '../support/errors.mjs';
import { client, must, startWorker } from '../support/server.mjs';
import { newEvent } from '../support/seed.mjs';

const A = '/api/admin';
const ERASED = /^erased-[0-9a-f-]+@erased\.invalid$/;

let server;
let admin;

before(async () => {
  server = await startWorker();
  admin = client(server);
  assert.equal((await admin.signIn()).status, 200);
});

after(async () => {
  await server?.stop();
});

/** A local `YYYY-MM-DDTHH:MM` `days` days from now. */
function day(days, time) {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

const register = (event, email, firstName) =>
  must(admin.post(`${A}/events/${event.id}/registrations`, { email, firstName, lastName: 'Kept' }), 201, `register ${email}`);

const registrations = async (event) =>
  (await must(admin.get(`${A}/events/${event.id}/registrations?status=all&pageSize=100`), 200, 'registrations')).items;

async function runSchedule() {
  const fired = await fetch(`${server.url}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`);
  assert.equal(fired.status, 200, await fired.text());
}

const retentionEntries = async () =>
  (await must(admin.get(`${A}/audit-log?user=retention&pageSize=100`), 200, 'audit log')).items;

describe('retention', () => {
  it('erases exactly the personal data of events that ended too long ago, and says how much', async () => {
    const old = await newEvent(admin, { start: day(-100, '09:00'), end: day(-100, '18:00'), published: false });
    const recent = await newEvent(admin, { start: day(-2, '09:00'), end: day(-2, '18:00'), published: false });
    const onlyOld = await register(old, 'only-old@example.com', 'Olga');
    const bothOld = await register(old, 'both@example.com', 'Bea');
    const bothRecent = await register(recent, 'both@example.com', 'Bea');
    const onlyRecent = await register(recent, 'only-recent@example.com', 'Rita');
    assert.equal(bothOld.contactId, bothRecent.contactId, 'one contact for Bea');

    // Off by default: the job erases nothing.
    assert.deepEqual(await must(admin.get(`${A}/retention`), 200, 'setting'), { months: null });
    await runSchedule();
    assert.ok((await registrations(old)).every((r) => !ERASED.test(r.email)), 'nothing erased while off');

    assertError(await admin.put(`${A}/retention`, { months: 0 }), 400, 'validation_failed');
    assert.deepEqual(await must(admin.put(`${A}/retention`, { months: 1 }), 200, 'on'), { months: 1 });
    await runSchedule();

    const erased = await registrations(old);
    assert.equal(erased.length, 2);
    for (const r of erased) {
      assert.match(r.email, ERASED);
      assert.deepEqual([r.firstName, r.lastName, r.company], ['Erased', 'Erased', '']);
    }
    const kept = await registrations(recent);
    assert.deepEqual(kept.map((r) => r.email).sort(), ['both@example.com', 'only-recent@example.com']);
    assert.ok(kept.every((r) => r.firstName !== 'Erased'));
    const olga = await must(admin.get(`${A}/contacts/${onlyOld.contactId}`), 200, 'Olga');
    assert.ok(olga.erasedAt, 'a contact with only expired registrations is erased whole');
    assert.equal(olga.firstName, 'Erased');
    const bea = await must(admin.get(`${A}/contacts/${bothOld.contactId}`), 200, 'Bea');
    assert.equal(bea.erasedAt, null);
    assert.equal(bea.email, 'both@example.com');
    const rita = await must(admin.get(`${A}/contacts/${onlyRecent.contactId}`), 200, 'Rita');
    assert.equal(rita.email, 'only-recent@example.com');

    const [entry, ...more] = await retentionEntries();
    assert.equal(more.length, 0);
    assert.equal(entry.action, 'erased');
    assert.equal(entry.userId, null);
    assert.deepEqual(entry.changes.map((c) => [c.field, c.after]), [['registrations', 2], ['contacts', 1]]);
    assert.equal(JSON.stringify(entry).includes('example.com'), false, 'counts, not data');
    const setting = (await must(admin.get(`${A}/audit-log?recordType=retention`), 200, 'setting changes')).items;
    assert.deepEqual(setting[0].changes.map((c) => [c.field, c.before, c.after]), [['months', null, 1]]);

    // Nothing left to erase: the next run records nothing.
    await runSchedule();
    assert.equal((await retentionEntries()).length, 1);
  });
});

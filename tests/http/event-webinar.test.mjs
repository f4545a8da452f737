// An event's webinar at the provider, against workerd and the ON24 simulator: created only
// when the integration is on, after ON24's rules (nothing sent otherwise), or linked; ids
// and URLs stored on the event; a provider failure stores nothing.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CONFIGS, webinarSetup } from '../support/webinar.mjs';

const EVENTS = '/api/admin/events';
const GOOD = { clientId: '5151', accessTokenKey: 'webinar-key', accessTokenSecret: 'webinar-secret' };

describe('event webinars', () => {
  let sim;
  let server;
  let api;
  let configId;

  const creates = async () =>
    (await sim.control('GET', 'received')).filter((r) => r.method === 'POST' && r.path === `/v2/client/${GOOD.clientId}/event`);
  const event = async (changes = {}) => {
    const res = await api.request('POST', EVENTS, {
      json: {
        name: 'Launch webinar',
        start: '2026-06-01T14:30',
        end: '2026-06-01T16:00',
        timeZone: 'Europe/Paris',
        format: 'webinar',
        webinarConfigurationId: configId,
        ...changes,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const webinar = (id, json) => api.request('POST', `${EVENTS}/${id}/webinar`, json ? { json } : { contentType: null });

  let setup;
  before(async () => {
    setup = await webinarSetup({ credentials: GOOD });
    ({ sim, server, api, configId } = setup);
  });

  after(() => setup?.stop());

  it('creates the webinar at the provider and stores its id and URLs on the event', async () => {
    const e = await event();
    const res = await webinar(e.id);
    assert.equal(res.status, 201, res.text);
    assert.match(res.body.providerEventId, /^\d+$/);
    assert.match(res.body.audienceUrl, new RegExp(`^${sim.url}/wcc/e/${res.body.providerEventId}$`));
    assert.match(res.body.previewUrl, new RegExp(`^${sim.url}/wcc/p/${res.body.providerEventId}$`));
    assert.deepEqual(res.body.providerCopy, {
      title: 'Launch webinar', start: '2026-06-01T14:30', liveDuration: 90, timeZone: 'Europe/Paris',
    });

    // What the provider received: ON24's form, with the credentials as headers.
    const [sent] = await creates();
    const form = new URLSearchParams(sent.body);
    assert.equal(sent.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(sent.headers.accesstokenkey, GOOD.accessTokenKey);
    assert.deepEqual(Object.fromEntries(form), {
      title: 'Launch webinar', liveStart: '06/01/2026 02:30 PM', liveDuration: '90',
      timeZone: 'Europe/Paris', eventType: 'Webcast', languageCd: 'en',
    });
    // The provider lists it; the event page reads it back.
    const listed = await fetch(`${sim.base}/client/${GOOD.clientId}/event`, {
      headers: { accessTokenKey: GOOD.accessTokenKey, accessTokenSecret: GOOD.accessTokenSecret },
    }).then((r) => r.json());
    assert.equal(listed.events.some((x) => String(x.eventid) === res.body.providerEventId), true);
    const read = await api.request('GET', `${EVENTS}/${e.id}`);
    assert.equal(read.body.providerEventId, res.body.providerEventId);

    // Once only.
    const again = await webinar(e.id);
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /already has its webinar/);

    // A later change of title keeps what was sent: the page shows the copy differs.
    const edited = await api.request('PUT', `${EVENTS}/${e.id}`, {
      json: { ...read.body, name: 'Launch webinar, renamed' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.providerEventId, res.body.providerEventId);
    assert.equal(edited.body.providerCopy.title, 'Launch webinar');
  });

  it('links an existing provider event instead', async () => {
    const e = await event({ name: 'Linked webinar' });
    const before = (await creates()).length;
    const bad = await webinar(e.id, { providerEventId: 'abc' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.fields[0].field, 'providerEventId');
    const res = await webinar(e.id, { providerEventId: ' 1000001 ' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.providerEventId, '1000001');
    assert.equal(res.body.providerCopy, null);
    assert.equal((await creates()).length, before, 'linking sends nothing');
  });

  it('refuses a duration ON24 does not accept before anything is sent', async () => {
    const e = await event({ name: 'Odd length', end: '2026-06-01T16:35' }); // 125 minutes
    const before = (await creates()).length;
    const res = await webinar(e.id);
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.error.fields[0].field, 'end');
    assert.match(res.body.error.fields[0].message, /125 minutes.*15 to 480/);
    assert.equal((await creates()).length, before, 'the simulator received nothing');
    assert.equal((await api.request('GET', `${EVENTS}/${e.id}`)).body.providerEventId, null);
  });

  it('a provider failure is a 502 and stores nothing', async () => {
    const e = await event({ name: 'During an outage' });
    await sim.control('POST', 'mode', { mode: 'fail' });
    try {
      const res = await webinar(e.id);
      assert.equal(res.status, 502, res.text);
      assert.equal(res.body.error.code, 'provider_error');
      assert.match(res.body.error.message, /not created/);
    } finally {
      await sim.control('POST', 'mode', { mode: 'normal' });
    }
    assert.equal((await api.request('GET', `${EVENTS}/${e.id}`)).body.providerEventId, null);
    const retried = await webinar(e.id);
    assert.equal(retried.status, 201, retried.text);
  });

  it('two presses at once create one webinar', async () => {
    const e = await event({ name: 'Pressed twice' });
    const before = (await creates()).length;
    await sim.control('POST', 'mode', { mode: 'slow', delayMs: 1000 });
    try {
      const answers = await Promise.all([webinar(e.id), webinar(e.id)]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409], answers.map((a) => a.text).join('\n'));
      assert.match(answers.find((a) => a.status === 409).body.error.message, /being created|already has its webinar/);
    } finally {
      await sim.control('POST', 'mode', { mode: 'normal' });
    }
    assert.equal((await creates()).length, before + 1, 'one webinar at the provider');
  });

  it('publishing a webinar event creates its webinar', async () => {
    const e = await event({ name: 'Published webinar', published: true });
    assert.match(e.providerEventId ?? '', /^\d+$/);
    const [sent] = (await creates()).slice(-1);
    assert.equal(new URLSearchParams(sent.body).get('title'), 'Published webinar');
  });
  it('an integration that is off sends nothing and says why', async () => {
    const e = await event({ name: 'Credentials gone' });
    await api.request('DELETE', `${CONFIGS}/${configId}/credentials`);
    const before = (await creates()).length;
    const res = await webinar(e.id);
    assert.equal(res.status, 409, res.text);
    assert.match(res.body.error.message, /integration of “Webinars” is off.*No credentials/);
    assert.equal((await creates()).length, before);
    const inPerson = await event({ name: 'In person', format: 'in_person', webinarConfigurationId: null });
    const refused = await webinar(inPerson.id);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /in-person/);
  });

});

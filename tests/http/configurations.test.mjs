// Webinar configurations against workerd and the ON24 simulator: write-only credentials,
// encryption at rest, Check outcomes, removal, activation, rotation.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { client, keyring, newKey, startWorker } from '../support/server.mjs';
import { startSim } from '../support/sim.mjs';

const CONFIGS = '/api/admin/webinar-configurations';
const tag = () => randomBytes(6).toString('hex');

// Distinctive values, so finding them anywhere is meaningful.
const GOOD = {
  clientId: `77${Date.now() % 100000}`,
  accessTokenKey: `key-${tag()}`,
  accessTokenSecret: `secret-${tag()}`,
};
const BAD = { clientId: GOOD.clientId, accessTokenKey: `wrongkey-${tag()}`, accessTokenSecret: `wrongsecret-${tag()}` };
const SECRETS = [GOOD.accessTokenKey, GOOD.accessTokenSecret, BAD.accessTokenKey, BAD.accessTokenSecret];

const simCredentials = (c) => ({
  clientId: c.clientId,
  accessTokenKey: c.accessTokenKey,
  accessTokenSecret: c.accessTokenSecret,
});

/** Every file under `dir`, recursively. */
function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

async function signIn(server) {
  const api = client(server);
  const res = await api.request('POST', '/api/auth/sign-in', {
    json: { username: 'admin', password: server.password },
  });
  assert.equal(res.status, 200);
  return api;
}

describe('webinar configurations', () => {
  let sim;
  let server;
  let api;
  const seen = []; // every response text, checked for secrets at the end

  const call = async (method, route, opts) => {
    const res = await api.request(method, route, opts);
    seen.push(JSON.stringify(Object.fromEntries(res.headers)) + res.text);
    return res;
  };
  const create = async (name, credentials, providerId = 'on24') => {
    const res = await call('POST', CONFIGS, { json: { name, providerId, credentials } });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const check = (id, body) =>
    call('POST', `${CONFIGS}/${id}/check`, body ? { json: body } : { contentType: null });

  before(async () => {
    sim = await startSim({ credentials: [simCredentials(GOOD)] });
    server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
    api = await signIn(server);
  });

  after(async () => {
    await server?.stop();
    await sim?.stop();
  });

  it('creates with credentials and only says that they are set', async () => {
    const created = await create('Marketing ON24', GOOD);
    assert.equal(created.credentialsSet, true);
    assert.equal(created.serviceStatus, 'not_checked');
    assert.equal(created.providerName, 'ON24');
    assert.match(created.termsOfServiceUrl, /^https:\/\/www\.on24\.com\//);
    assert.equal(created.active, false, 'inactive until its terms are accepted');
    for (const field of ['credentials', 'clientId', 'accessTokenKey', 'accessTokenSecret']) {
      assert.equal(field in created, false, field);
    }
    const listed = await call('GET', `${CONFIGS}?view=inactive`);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items.map((c) => c.name), ['Marketing ON24']);
  });

  it('Check with good credentials is ok, and sends them as ON24 headers', async () => {
    const { id } = await create('Good account', GOOD);
    await sim.control('POST', 'reset');
    const res = await check(id);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.recorded, true);
    const received = await sim.control('GET', 'received');
    assert.equal(received.length, 1);
    assert.equal(received[0].method, 'GET');
    assert.equal(received[0].path, `/v2/client/${GOOD.clientId}/event`);
    assert.equal(received[0].headers.accesstokenkey, GOOD.accessTokenKey);
    assert.equal(received[0].headers.accesstokensecret, GOOD.accessTokenSecret);
    const stored = await call('GET', `${CONFIGS}/${id}`);
    assert.equal(stored.body.serviceStatus, 'ok');
    assert.ok(stored.body.lastCheckedAt);
  });

  it('Check with bad credentials is invalid, in the provider’s words', async () => {
    const { id } = await create('Bad account', BAD);
    const res = await check(id);
    assert.equal(res.body.status, 'invalid_credentials');
    assert.match(res.body.message, /accessToken/i);
    const stored = await call('GET', `${CONFIGS}/${id}`);
    assert.equal(stored.body.serviceStatus, 'invalid_credentials');
    assert.equal(stored.body.statusMessage, res.body.message);
  });

  it('Check with typed credentials checks them without recording', async () => {
    const { id } = await create('Typed check', BAD);
    const res = await check(id, { credentials: GOOD });
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.recorded, false);
    assert.equal((await call('GET', `${CONFIGS}/${id}`)).body.serviceStatus, 'not_checked');
    const fresh = await call('POST', `${CONFIGS}/check`, {
      json: { providerId: 'on24', credentials: GOOD },
    });
    assert.equal(fresh.body.status, 'ok');
    const unknown = await call('POST', `${CONFIGS}/check`, {
      json: { providerId: 'nope', credentials: GOOD },
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.fields[0].field, 'providerId');
  });

  it('a provider failure, a quota and a slow provider become statuses, never 500s', async () => {
    const { id } = await create('Flaky account', GOOD);
    try {
      await sim.control('POST', 'mode', { mode: 'fail' });
      let res = await check(id);
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'provider_error');
      assert.match(res.body.message, /Internal server error/);

      await sim.control('POST', 'mode', { mode: 'quota' });
      res = await check(id);
      assert.equal(res.body.status, 'quota_exceeded');
      assert.match(res.body.message, /quota/i);

      await sim.control('POST', 'mode', { mode: 'slow', delayMs: 15_000 });
      const started = Date.now();
      res = await check(id);
      const waited = Date.now() - started;
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'unreachable');
      assert.match(res.body.message, /did not answer within 5 seconds/);
      assert.ok(waited < 10_000, `Check is bounded (took ${waited} ms)`);
    } finally {
      await sim.control('POST', 'mode', { mode: 'normal' });
    }
  });

  it('removing credentials disables the integration', async () => {
    const { id } = await create('Removed', GOOD);
    const res = await call('DELETE', `${CONFIGS}/${id}/credentials`);
    assert.equal(res.status, 200);
    assert.equal(res.body.credentialsSet, false);
    assert.equal(res.body.serviceStatus, 'not_configured');
    assert.match(res.body.statusMessage, /integration is off/);
    const checked = await check(id);
    assert.equal(checked.body.status, 'not_configured');
  });

  it('updates keep credentials unless new ones are given', async () => {
    const { id } = await create('Updated', BAD);
    await check(id);
    let res = await call('PUT', `${CONFIGS}/${id}`, { json: { name: 'Updated 2', providerId: 'on24' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.credentialsSet, true);
    assert.equal(res.body.serviceStatus, 'invalid_credentials', 'status kept with the credentials');
    res = await call('PUT', `${CONFIGS}/${id}`, {
      json: { name: 'Updated 2', providerId: 'on24', credentials: GOOD },
    });
    assert.equal(res.body.serviceStatus, 'not_checked');
    assert.equal((await check(id)).body.status, 'ok');
  });

  it('validates names, providers and every credential field', async () => {
    let res = await call('POST', CONFIGS, {
      json: { name: ' ', providerId: 'zoom', credentials: { clientId: '1' } },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'validation_failed');
    const fields = res.body.error.fields.map((f) => f.field).sort();
    assert.deepEqual(fields, [
      'credentials.accessTokenKey',
      'credentials.accessTokenSecret',
      'name',
    ]);
    res = await call('POST', CONFIGS, { json: { name: 'Unknown provider', providerId: 'zoom' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.error.fields.map((f) => f.field), ['providerId']);
    const taken = await create(`Taken ${tag()}`, undefined);
    res = await call('POST', CONFIGS, { json: { name: taken.name.toLowerCase(), providerId: 'on24' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.error.fields.map((f) => f.field), ['name']);
    assert.match(res.body.error.fields[0].message, /already used/);
    res = await call('GET', `${CONFIGS}/no-such-id`);
    assert.equal(res.status, 404);
  });

  it('deactivated configurations move to the inactive view and back', async () => {
    const { id } = await create('Seasonal', undefined);
    assert.equal((await call('POST', `${CONFIGS}/${id}/accept-terms`)).status, 200);
    assert.equal((await call('POST', `${CONFIGS}/${id}/activate`)).body.active, true);
    assert.equal((await call('POST', `${CONFIGS}/${id}/deactivate`)).body.active, false);
    const active = await call('GET', CONFIGS);
    const inactive = await call('GET', `${CONFIGS}?view=inactive`);
    assert.equal(active.body.items.some((c) => c.id === id), false);
    // Every other configuration here was created inactive (its terms not accepted).
    assert.equal(inactive.body.items.some((c) => c.id === id), true);
    assert.equal(inactive.body.items.every((c) => !c.active), true);
    assert.equal((await call('POST', `${CONFIGS}/${id}/activate`)).body.active, true);
    assert.equal((await call('DELETE', `${CONFIGS}/${id}`)).status, 204);
    assert.equal((await call('GET', `${CONFIGS}/${id}`)).status, 404);
  });

  it('a provider used by a configuration cannot be deleted', async () => {
    const provider = await call('POST', '/api/admin/webinar-providers', {
      json: {
        name: `Custom ${tag()}`,
        maxDurationMinutes: 60,
        termsOfServiceUrl: 'https://custom.example/terms',
        privacyPolicyUrl: 'https://custom.example/privacy',
      },
    });
    const used = await create('Uses custom', undefined, provider.body.id);
    const refused = await call('DELETE', `/api/admin/webinar-providers/${provider.body.id}`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /Uses custom/);
    await call('DELETE', `${CONFIGS}/${used.id}`);
    const deleted = await call('DELETE', `/api/admin/webinar-providers/${provider.body.id}`);
    assert.equal(deleted.status, 204);
  });

  it('a stopped provider is unreachable, not a 500', async () => {
    const { id } = await create('Provider down', GOOD);
    await sim.stop();
    const res = await check(id);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'unreachable');
    assert.match(res.body.message, /Could not reach 127\.0\.0\.1:\d+/);
  });

  it('no response, stored value or log line contains a credential', async () => {
    // Credentials of both kinds written, checked, replaced and read, whichever tests ran before.
    const { id } = await create('Scanned', GOOD);
    await check(id);
    await check(id, { credentials: BAD });
    const replaced = await call('PUT', `${CONFIGS}/${id}`, {
      json: { name: 'Scanned', providerId: 'on24', credentials: BAD },
    });
    assert.equal(replaced.status, 200, replaced.text);
    assert.equal((await call('GET', CONFIGS)).status, 200);
    assert.equal((await call('GET', `${CONFIGS}/${id}`)).status, 200);
    assert.ok(seen.length >= 6);
    for (const text of seen) {
      for (const secret of SECRETS) assert.equal(text.includes(secret), false, `response leaks ${secret}`);
    }
    const stateFiles = files(server.persistDir);
    assert.ok(stateFiles.some((f) => f.includes(`${path.sep}do${path.sep}`)), 'Durable Object storage read');
    for (const file of stateFiles) {
      const bytes = fs.readFileSync(file);
      for (const secret of SECRETS) {
        assert.equal(bytes.includes(Buffer.from(secret)), false, `${file} contains ${secret}`);
        assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false, `${file} contains ${secret}`);
      }
    }
    const log = fs.readFileSync(server.logFile);
    for (const secret of SECRETS) assert.equal(log.includes(Buffer.from(secret)), false, `log has ${secret}`);
  });
});

describe('credentials key rotation', () => {
  it('adds a key, re-wraps every record, removes the old key; reads work throughout', async () => {
    const sim = await startSim({ credentials: [simCredentials(GOOD)] });
    const [k1, k2, k3] = [newKey(), newKey(), newKey()];
    // One password across restarts: the first sign-in made it the administrator's.
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const start = (ring, persistDir) =>
      startWorker({ persistDir, password, vars: { ON24_BASE_URL: sim.base, CREDENTIALS_KEYRING: ring } });
    let server = await start(keyring('k1', { k1 }));
    const persistDir = server.persistDir;
    try {
      let api = await signIn(server);
      const created = await api.request('POST', CONFIGS, {
        json: { name: 'Rotated', providerId: 'on24', credentials: GOOD },
      });
      const id = created.body.id;
      const checkOk = async () => {
        const res = await api.request('POST', `${CONFIGS}/${id}/check`, { contentType: null });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.status, 'ok');
      };
      await checkOk();
      await server.stop({ keepState: true });

      // 1. The new key becomes current; the old one still reads.
      server = await start(keyring('k2', { k1, k2 }), persistDir);
      api = await signIn(server);
      await checkOk();
      // 2. Re-wrap.
      let res = await api.request('POST', '/api/admin/credentials/rewrap', { contentType: null });
      assert.deepEqual(res.body, { currentKey: 'k2', rewrapped: 1, alreadyCurrent: 0, changedMeanwhile: 0 });
      res = await api.request('POST', '/api/admin/credentials/rewrap', { contentType: null });
      assert.equal(res.body.alreadyCurrent, 1, 'repeating is harmless');
      await server.stop({ keepState: true });

      // 3. The old key is gone; re-wrapped records still read.
      server = await start(keyring('k2', { k2 }), persistDir);
      api = await signIn(server);
      await checkOk();
      await server.stop({ keepState: true });

      // A keyring without the record's key gives a clear error, not garbage.
      server = await start(keyring('k3', { k3 }), persistDir);
      api = await signIn(server);
      res = await api.request('POST', `${CONFIGS}/${id}/check`, { contentType: null });
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'not_configured');
      assert.match(res.body.error.message, /key 'k2'/);
    } finally {
      await server.stop();
      await sim.stop();
      fs.rmSync(persistDir, { recursive: true, force: true });
    }
  });
});

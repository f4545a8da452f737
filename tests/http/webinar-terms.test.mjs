// The terms gate against workerd: a webinar configuration is activated, and its integration
// turned on, only after an administrator accepts the provider's current terms of service and
// privacy policy; a change of those URLs, or removed credentials, turns it off again.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { client, startWorker } from '../support/server.mjs';

const CONFIGS = '/api/admin/webinar-configurations';
const ON24 = '/api/admin/webinar-providers/on24';
const CREDENTIALS = { clientId: '4242', accessTokenKey: 'terms-key', accessTokenSecret: 'terms-secret' };

describe('webinar terms acceptance', () => {
  let server;
  let api;

  before(async () => {
    server = await startWorker({ vars: { ADMIN_USERNAME: 'terms-admin' } });
    api = client(server);
    const res = await api.request('POST', '/api/auth/sign-in', {
      json: { username: 'terms-admin', password: server.password },
    });
    assert.equal(res.status, 200, res.text);
  });

  after(async () => {
    await server?.stop();
  });

  it('activation is refused before acceptance and works after it; URL changes ask again', async () => {
    const created = await api.request('POST', CONFIGS, {
      json: { name: 'Terms gate', providerId: 'on24', credentials: CREDENTIALS },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    assert.equal(created.body.active, false, 'created inactive: its terms are not accepted');
    assert.equal(created.body.termsAcceptedAt, null);
    assert.equal(created.body.termsCurrent, false);
    assert.deepEqual(created.body.integration.on, false);
    assert.equal(created.body.integration.reason, 'terms_not_accepted');

    const refused = await api.request('POST', `${CONFIGS}/${id}/activate`);
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.body.error.message, /Accept terms/);
    assert.equal((await api.request('GET', `${CONFIGS}/${id}`)).body.active, false);

    const on24 = (await api.request('GET', ON24)).body;
    const accepted = await api.request('POST', `${CONFIGS}/${id}/accept-terms`);
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.termsAcceptedBy, 'terms-admin', 'the signed-in administrator');
    assert.ok(Date.parse(accepted.body.termsAcceptedAt) > Date.now() - 60_000);
    assert.deepEqual(accepted.body.termsAcceptedUrls, {
      termsOfService: on24.termsOfServiceUrl,
      privacyPolicy: on24.privacyPolicyUrl,
    });
    assert.equal(accepted.body.termsCurrent, true);
    assert.equal(accepted.body.integration.reason, 'inactive');

    const activated = await api.request('POST', `${CONFIGS}/${id}/activate`);
    assert.equal(activated.status, 200, activated.text);
    assert.equal(activated.body.active, true);
    assert.deepEqual(activated.body.integration, { on: true, reason: null, message: '' });

    // The provider's privacy policy moves: the acceptance no longer counts.
    const changed = await api.request('PUT', ON24, {
      json: { ...on24, privacyPolicyUrl: 'https://www.on24.com/legal/privacy-policy-2027/' },
    });
    assert.equal(changed.status, 200, changed.text);
    const stale = (await api.request('GET', `${CONFIGS}/${id}`)).body;
    assert.equal(stale.termsCurrent, false);
    assert.equal(stale.integration.on, false);
    assert.equal(stale.integration.reason, 'terms_changed');
    assert.match(stale.integration.message, /accept them again/);
    assert.equal(stale.termsAcceptedUrls.privacyPolicy, on24.privacyPolicyUrl, 'what was accepted stays shown');
    await api.request('POST', `${CONFIGS}/${id}/deactivate`);
    const again = await api.request('POST', `${CONFIGS}/${id}/activate`);
    assert.equal(again.status, 409, again.text);
    assert.match(again.body.error.message, /changed terms/);

    const reaccepted = await api.request('POST', `${CONFIGS}/${id}/accept-terms`);
    assert.equal(reaccepted.body.termsAcceptedUrls.privacyPolicy, 'https://www.on24.com/legal/privacy-policy-2027/');
    assert.equal((await api.request('POST', `${CONFIGS}/${id}/activate`)).status, 200);

    // Removing the credentials turns the integration off, saying why.
    const removed = await api.request('DELETE', `${CONFIGS}/${id}/credentials`);
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.body.active, true);
    assert.equal(removed.body.integration.on, false);
    assert.equal(removed.body.integration.reason, 'no_credentials');
    assert.match(removed.body.integration.message, /No credentials/);
  });

  it('accepting needs a session and an existing configuration', async () => {
    const missing = await api.request('POST', `${CONFIGS}/nope/accept-terms`);
    assert.equal(missing.status, 404);
    const anonymous = client(server);
    const refused = await anonymous.request('POST', `${CONFIGS}/nope/accept-terms`);
    assert.equal(refused.status, 401);
    const wrongMethod = await api.request('GET', `${CONFIGS}/nope/accept-terms`);
    assert.equal(wrongMethod.status, 405);
  });
});

// What the webinar integration's tests share: an ON24 simulator with a worker pointed at
// it, signed in, with a webinar configuration whose integration is on; and polling.

import assert from 'node:assert/strict';

import { client, startWorker } from './server.mjs';
import { startSim } from './sim.mjs';

export const CONFIGS = '/api/admin/webinar-configurations';

/**
 * Starts the simulator (knowing `credentials`) and a worker pointed at it, signs in, and
 * makes a configuration with those credentials, its provider's terms accepted, active.
 * @returns {Promise<{sim, server, api, configId: string, stop: Function}>}
 */
export async function webinarSetup({ credentials, name = 'Webinars' }) {
  const sim = await startSim({ credentials: [credentials] });
  const server = await startWorker({ vars: { ON24_BASE_URL: sim.base } });
  const api = client(server);
  const signedIn = await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password: server.password } });
  assert.equal(signedIn.status, 200, signedIn.text);
  const config = await api.request('POST', CONFIGS, { json: { name, providerId: 'on24', credentials } });
  assert.equal(config.status, 201, config.text);
  const configId = config.body.id;
  assert.equal((await api.request('POST', `${CONFIGS}/${configId}/accept-terms`)).status, 200);
  assert.equal((await api.request('POST', `${CONFIGS}/${configId}/activate`)).status, 200);
  return {
    sim, server, api, configId,
    async stop() {
      await server.stop();
      await sim.stop();
    },
  };
}

/** Polls `probe` until it returns a truthy value (which it returns), or fails after `ms`. */
export async function until(probe, what, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}

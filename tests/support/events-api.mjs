// The harness shared by the Events API's HTTP tests (`tests/http/events-api-*.test.mjs`):
// one worker per file, a signed-in admin client, and `v1`, a request to `/api/v1/` from a
// client address of its own, so each test counts against its own rate limit.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { newEvent, newWebApplication } from './seed.mjs';
import { client, startWorker } from './server.mjs';

export const EVENTS = '/api/admin/events';
export const APPS = '/api/admin/web-applications';
export const FIELDS = '/api/admin/custom-fields';
export const TABLES = '/api/admin/website-table-configurations';
export const SITE = 'https://events.example.com';
export const OTHER_SITE = 'https://evil.example.net';
export const tag = () => randomBytes(4).toString('hex');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let lastAddress = 0;
/** A client address no other test uses (198.51.100.0/24 and onwards, TEST-NET-2). */
export const newAddress = () => {
  lastAddress += 1;
  return `198.51.${100 + Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
};

/**
 * A worker to start in `before` and stop in `after`, with helpers bound to it:
 * `h.server`, `h.api` (signed in), `h.v1`, `h.webApp`, `h.event`, `h.created`,
 * `h.adminRegistrations`.
 */
export function eventsApi() {
  const h = {
    server: null,
    api: null,
    async start() {
      h.server = await startWorker();
      h.api = client(h.server);
      const signedIn = await h.api.signIn();
      assert.equal(signedIn.status, 200, signedIn.text);
    },
    async stop() {
      await h.server?.stop();
    },
    /**
     * A request to `/api/v1<path>`. Options: `token` (query `emApplicationtoken`), `bearer`,
     * `origin`, `ip` (cf-connecting-ip), `method`, `json`, `headers`.
     */
    async v1(path, opts = {}) {
      const url = new URL(`${h.server.url}/api/v1${path}`);
      if (opts.token !== undefined) url.searchParams.set('emApplicationtoken', opts.token);
      const headers = { 'cf-connecting-ip': opts.ip ?? newAddress() };
      if (opts.bearer !== undefined) headers.authorization = `Bearer ${opts.bearer}`;
      if (opts.origin !== undefined) headers.origin = opts.origin;
      if (opts.json !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, opts.headers ?? {});
      const res = await fetch(url, {
        method: opts.method ?? (opts.json === undefined ? 'GET' : 'POST'),
        headers,
        body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      });
      const text = await res.text();
      let body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, headers: res.headers, body, text };
    },
    /** A new web application: `{ app, token, endpoint }` (the token is only shown here). */
    webApp: (allowedOrigins = [SITE], name = undefined) => newWebApplication(h.api, allowedOrigins, name),
    /** A new event (published unless told otherwise), as the admin API returns it. */
    event: (fields = {}) => newEvent(h.api, fields),
    async created(path, json) {
      const res = await h.api.post(path, json);
      assert.equal(res.status, 201, `${path}: ${res.text}`);
      return res.body;
    },
    async adminRegistrations(eventId) {
      const res = await h.api.get(`${EVENTS}/${eventId}/registrations?pageSize=100`);
      assert.equal(res.status, 200, res.text);
      return res.body;
    },
  };
  return h;
}

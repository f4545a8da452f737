// Starts the real Convene worker under `wrangler dev` for HTTP tests, and a small API client.
//
// Each server gets its own loopback port, its own state directory (`--persist-to`) and its
// own administrator password, so tests never see each other's data or the developer's.
//
// The password is passed with `--var ADMIN_PASSWORD:<password>`. Checked with wrangler 4.86:
// `--var` wins over an ADMIN_PASSWORD in a `.dev.vars` file in the repository root (the
// password from `.dev.vars` is refused, the `--var` one signs in), so a developer's own
// `.dev.vars` does not break the tests. The worker reads it with `env.secret(..)`, which
// accepts a plain-text var binding.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import WebSocket from 'ws';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WRANGLER = path.join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');

/**
 * Convene's two scripts (see wrangler.toml): the API worker, first, is the one `wrangler dev`
 * serves; the objects' script runs beside it in the same workerd. `--var` reaches only the
 * first, which is where every variable and secret lives.
 */
export const SCRIPTS = [
  { config: 'wrangler.toml', built: path.join('worker', 'build', 'api', 'index.js') },
  { config: 'wrangler.objects.toml', built: path.join('worker', 'build', 'objects', 'index.js') },
];

const STARTUP_TIMEOUT_MS = 90_000;
const POLL_MS = 250;
const STOP_GRACE_MS = 10_000;

/** A free TCP port on 127.0.0.1 (the OS picks one; we release it right away). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch (e) {
    return `(could not read ${file}: ${e.message})`;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Keeps wrangler dev's inspector from loading the machine; returns a function that
 * disconnects. wrangler 4.86's inspector proxy turns on the DevTools Network domain of the
 * workerd that runs the scripts whenever it connects to it (at start, and again after a
 * reload), then posts every message the runtime sends to wrangler's node process as an HTTP
 * request of its own. Every subrequest, so every Durable Object call, sends three: under load,
 * wrangler's node process and its proxy workerd take most of a core and open connections
 * until "Too many open files". That happens in some starts and not others, and is the
 * bench's "slow mode" (docs/benchmarks.md). Production has no inspector. This connects
 * as the inspector's DevTools client and turns the Network domain (and the debugger the proxy
 * enables when a client is there) off, again whenever the runtime reconnects.
 */
export function quietInspector(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  let id = 0;
  let scheduled = false;
  // A burst of events (the proxy drains its backlog to a new client) gets one answer.
  const off = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      if (ws.readyState !== WebSocket.OPEN) return;
      for (const method of ['Network.disable', 'Debugger.disable']) {
        ws.send(JSON.stringify({ id: ++id, method }));
      }
    }, 50);
  };
  ws.on('open', off);
  ws.on('message', (data) => {
    const { method = '' } = JSON.parse(String(data));
    if (/^(Network|Debugger)\./.test(method) || method === 'Runtime.executionContextCreated') off();
  });
  // No inspector to reach (or it went away with the server): nothing to quiet.
  ws.on('error', () => {});
  return () => ws.terminate();
}

/**
 * Starts `wrangler dev` on a free loopback port and waits for GET /api/health to answer 200.
 * @returns {Promise<{url: string, port: number, persistDir: string, password: string,
 *   logFile: string, stop: () => Promise<void>}>}
 */
/** A keyring for CREDENTIALS_KEYRING: `keys` maps key ids to 32-byte hex keys. */
export function keyring(current, keys) {
  return JSON.stringify({ current, keys });
}

/** A random 256-bit key as hex. */
export function newKey() {
  return randomBytes(32).toString('hex');
}

/**
 * `vars` are extra worker vars (`--var NAME:VALUE`), e.g. ON24_BASE_URL or
 * CREDENTIALS_KEYRING; by default a fresh keyring is generated (`server.keyring`).
 */
export async function startWorker({ persistDir, password, vars = {} } = {}) {
  for (const required of [WRANGLER, ...SCRIPTS.map((s) => path.join(REPO_ROOT, s.built))]) {
    if (!fs.existsSync(required)) {
      throw new Error(`${required} is missing: run \`cargo xtask build\` first.`);
    }
  }
  // State we create is ours to remove on stop(); a persistDir passed in is the caller's.
  const ownState = !persistDir;
  persistDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'convene-state-'));
  password ??= `pw-${randomBytes(12).toString('hex')}`;
  const allVars = {
    DEPLOYMENT: 'development',
    CREDENTIALS_KEYRING: keyring('k1', { k1: newKey() }),
    // CONVENE_REGISTRY_LAYOUT=single runs a suite against the one-registry layout.
    ...(process.env.CONVENE_REGISTRY_LAYOUT ? { REGISTRY_LAYOUT: process.env.CONVENE_REGISTRY_LAYOUT } : {}),
    ...vars,
  };
  const port = await freePort();
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-log-'));
  const logFile = path.join(logDir, 'wrangler.log');
  const logFd = fs.openSync(logFile, 'a');

  const args = [
    'dev',
    ...SCRIPTS.flatMap((s) => ['-c', s.config]),
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--inspector-port', String(inspectorPort),
    '--persist-to', persistDir,
    '--var', `ADMIN_PASSWORD:${password}`,
    ...Object.entries(allVars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    '--show-interactive-dev-session=false',
    // `GET /__scheduled` runs the Cron Trigger's handler (attendance), for the tests that need it.
    '--test-scheduled',
  ];
  const child = spawn(WRANGLER, args, {
    cwd: REPO_ROOT,
    // Miniflare's placeholder `Request.cf`, not a fetch from the network at every start.
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', logFd, logFd],
    // Its own process group, so the last-resort SIGKILL also reaches workerd (by group id).
    detached: true,
  });
  fs.closeSync(logFd);
  // Set once the server answers (the inspector listens by then).
  let unquiet = () => {};

  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  // If this test process dies without stop(), do not leave a server behind.
  const killOnExit = () => {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', killOnExit);

  // The log is removed on stop() unless CONVENE_KEEP_LOGS is set or startup failed.
  let keepLog = Boolean(process.env.CONVENE_KEEP_LOGS);
  function cleanUp(keepState) {
    if (ownState && !keepState) fs.rmSync(persistDir, { recursive: true, force: true });
    if (!keepLog) fs.rmSync(logDir, { recursive: true, force: true });
  }

  /**
   * SIGINT to wrangler's PID (it stops its workerd cleanly); SIGKILL the group after 10 s.
   * `keepState` keeps a state directory this function created (for a restart on it).
   */
  async function stop({ keepState = false } = {}) {
    process.off('exit', killOnExit);
    unquiet();
    if (!exited) {
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
      let timer;
      const timeout = new Promise((r) => {
        timer = setTimeout(() => r('timeout'), STOP_GRACE_MS);
      });
      const outcome = await Promise.race([exitPromise, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exitPromise;
      }
    }
    await groupGone();
    cleanUp(keepState);
  }

  /**
   * wrangler can exit while its workerd is still shutting down; a restart on the same state
   * directory must not open it beside a live workerd. Waits for every process of the group
   * to be gone, SIGKILLing the group after the grace period.
   */
  async function groupGone() {
    const alive = () => {
      try {
        process.kill(-child.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // Bounded even if an orphaned zombie (never reaped) keeps the group id alive.
    const deadline = Date.now() + STOP_GRACE_MS;
    while (alive() && Date.now() < deadline + 2_000) {
      if (Date.now() > deadline) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone meanwhile */
        }
      }
      await sleep(50);
    }
  }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      if (ownState) fs.rmSync(persistDir, { recursive: true, force: true });
      throw new Error(
        `wrangler dev exited early (${JSON.stringify(exited)}); log ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      keepLog = true;
      await stop();
      throw new Error(
        `wrangler dev did not answer /api/health within ${STARTUP_TIMEOUT_MS / 1000} s; ` +
          `log ${logFile}:\n${tail(logFile)}`,
      );
    }
    await sleep(POLL_MS);
  }
  unquiet = quietInspector(inspectorPort);

  return { url, port, persistDir, password, vars: allVars, logFile, stop };
}

const SESSION_COOKIE = 'convene_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An API client for `server` with a one-cookie jar (`convene_session`).
 *
 * `request(method, path, opts)` resolves to `{ status, headers, body, text }` where `body` is
 * the parsed JSON (or null). Options:
 * - `json`: a value sent as JSON; `raw`: a string body sent as is;
 * - `origin`: the Origin header (default `server.url` on state-changing methods; null omits);
 * - `contentType`: default `application/json` on state-changing methods; null omits;
 * - `headers`: extra headers, applied last (`cookie` here replaces the jar's);
 * - `cookie: false`: send no cookie from the jar.
 */
/** The body of the answer `promise` gives, which must have `status` (`what` names it). */
export async function must(promise, status, what) {
  const res = await promise;
  assert.equal(res.status, status, `${what}: ${res.text}`);
  return res.body;
}

export function client(server) {
  const jar = { session: null };

  function remember(headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      jar.session = value && !expired ? value : null;
    }
  }

  async function request(method, urlPath, opts = {}) {
    const changing = STATE_CHANGING.has(method);
    const headers = {};
    const origin = opts.origin === undefined ? (changing ? server.url : null) : opts.origin;
    if (origin !== null) headers.origin = origin;
    const type =
      opts.contentType === undefined ? (changing ? 'application/json' : null) : opts.contentType;
    if (type !== null) headers['content-type'] = type;
    if (jar.session && opts.cookie !== false) headers.cookie = `${SESSION_COOKIE}=${jar.session}`;
    Object.assign(headers, opts.headers ?? {});
    let body;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.json !== undefined) body = JSON.stringify(opts.json);
    const res = await fetch(server.url + urlPath, { method, headers, body, redirect: 'manual' });
    remember(res.headers);
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON; tests look at `text` */
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  return {
    jar,
    get cookie() {
      return jar.session;
    },
    request,
    get: (p, opts) => request('GET', p, opts),
    post: (p, json, opts) => request('POST', p, { json, ...opts }),
    put: (p, json, opts) => request('PUT', p, { json, ...opts }),
    del: (p, opts) => request('DELETE', p, opts),
    signIn: (password = server.password, username = 'admin', opts) =>
      request('POST', '/api/auth/sign-in', { json: { username, password }, ...opts }),
    signOut: (opts) => request('POST', '/api/auth/sign-out', opts),
  };
}

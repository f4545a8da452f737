// Convene's benchmark (`cargo xtask bench`): Events API throughput, latency and CPU per
// request against a baseline worker, under the same conditions, in one run.
//
// 1. Starts Convene (release build, fresh state) and seeds a realistic data set.
// 2. Starts the baseline (bench/baseline/worker.js): the same routes with precomputed bodies
//    of the same size, and one KV write per registration. Neither has the static-assets
//    router in front (see ASSETS); the calibration measures it, and the least a workers-rs
//    worker costs per request (bench/rust-floor).
// 3. Loads both with wrk for a fixed duration at two concurrency levels, each at the workerd
//    that runs its scripts, past wrangler dev's reload proxy (see directUrl), with the
//    inspector's Network events off (see quietInspector in tests/support/server.mjs).
// 4. Reads the CPU time of each server's workerd processes from /proc.
// 5. Prints one table (route, concurrency, req/s, p50, p99, CPU ms/request, ratios), checks
//    that every 2xx registration is stored, runs the spike (spike.mjs), and prints the gzip
//    sizes (first-load.mjs: the SPA's).
//
// Environment: BENCH_DURATION (seconds per run, default 10), BENCH_CONTACTS (default 10000),
// BENCH_READ_CACHE_MS (Convene's PUBLIC_READ_CACHE_MS, default 0: off, the strict default),
// BENCH_ROUTES (load only these: published, event, register; comma-separated).

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { firstLoad, gzipSize, largestPageChunk } from './first-load.mjs';
import { spikeLayouts } from './spike.mjs';
import { REPO_ROOT, SCRIPTS, client, freePort, quietInspector } from '../tests/support/server.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10000);
const READ_CACHE_MS = process.env.BENCH_READ_CACHE_MS ?? '0';
// Loads only these routes (published, event, register; comma-separated), all when unset.
const ONLY = (process.env.BENCH_ROUTES ?? '').split(',').filter(Boolean);
const EVENTS = 50;
const CONCURRENCY = [10, 50];
export const ORIGIN = 'https://events.example.com';
export const WORK = path.join(REPO_ROOT, 'target', 'bench');
const WRANGLER = path.join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');
const CLK_TCK = 100; // getconf CLK_TCK on Linux

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------
// servers

/** All descendants of `pid` (wrangler -> workerd), from /proc. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      /* exited */
    }
  }
  const out = [];
  const walk = (p) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

/** CPU seconds (user + system) used so far by the workerd processes under `pid`. */
function workerdCpu(pid) {
  let ticks = 0;
  for (const p of descendants(pid)) {
    try {
      if (!fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('workerd')) continue;
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* exited */
    }
  }
  return ticks / CLK_TCK;
}

/** Loopback TCP ports on which `pid` listens, from /proc (socket inodes in its fds). */
function listeningPorts(pid) {
  const inodes = new Set();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = fs.readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
      if (m) inodes.add(m[1]);
    } catch {
      /* closed */
    }
  }
  return fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[3] === '0A' && inodes.has(f[9])) // LISTEN
    .map((f) => parseInt(f[1].split(':')[1], 16));
}

/**
 * wrangler dev answers on a proxy (its own workerd process, for reloads) that forwards every
 * request to the workerd running the scripts. That proxy is not in production, costs more
 * CPU than a read itself, and now and then holds a hundred connections to the scripts'
 * workerd, which halves throughput for the whole run (the "slow mode" in docs/benchmarks.md),
 * or leaks them until it has no file descriptor left. The bench's seeding and load go to the
 * scripts' workerd directly: the process with an inspector, on the port that answers
 * `/api/health`. `url` (through the proxy) when none is found.
 */
async function directUrl(pid, url) {
  for (const p of descendants(pid)) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes('workerd') || !cmdline.includes('--inspector-addr')) continue;
    for (const port of listeningPorts(p)) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200 && (await res.text()).includes('"ok"')) return `http://127.0.0.1:${port}`;
      } catch {
        /* not HTTP, or not the entry */
      }
    }
  }
  console.log(`no direct address found for ${url}: measuring through wrangler's proxy`);
  return url;
}

/** `configs`: wrangler config files, the served script's first. */
export async function startWrangler(configs, name, vars = {}) {
  const port = await freePort();
  const inspector = await freePort();
  const persist = fs.mkdtempSync(path.join(os.tmpdir(), `convene-bench-${name}-`));
  const log = fs.openSync(path.join(WORK, `${name}.log`), 'w');
  const args = ['dev', ...configs.flatMap((c) => ['-c', c]), '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector),
    '--persist-to', persist, '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(WRANGLER, args, {
    cwd: REPO_ROOT,
    // Miniflare's placeholder `Request.cf`, not a fetch from the network at every start.
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 360; i++) {
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      /* starting */
    }
    await sleep(250);
  }
  // Without it, some starts ran in a "slow mode" (see quietInspector).
  const unquiet = quietInspector(inspector);
  const stop = async () => {
    unquiet();
    try { process.kill(child.pid, 'SIGINT'); } catch { /* gone */ }
    await Promise.race([new Promise((r) => child.on('exit', r)), sleep(10_000)]);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    fs.rmSync(persist, { recursive: true, force: true });
  };
  // `url`: the scripts' workerd itself, past wrangler's proxy (see directUrl).
  // `releaseInspector`: for a DevTools client of one's own (bench/profile.mjs); the
  // inspector takes one at a time.
  return { url: await directUrl(child.pid, url), pid: child.pid, inspector, stop, releaseInspector: unquiet };
}

/** Writes `text` to `file` unless it holds it already (wrangler dev reloads on a change). */
function writeConfig(file, text) {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return file;
}

// The static-assets router that `[assets]` with `run_worker_first` puts in front of the API
// worker in `wrangler.toml` (the SPA and the API from one server). It is the runtime's, a
// JavaScript worker of its own before any worker with static assets; the bench's
// comparison leaves it out of both workers and its calibration measures it on both.
const ASSETS = '[assets]\ndirectory = "../../dist"\nnot_found_handling = "single-page-application"\nrun_worker_first = ["/api/*"]\n';

/**
 * Copies of Convene's wrangler configs for the bench: paths from target/bench/, rate limits
 * out of the way, and without the static-assets router unless `assets`.
 */
export function convenConfig({ assets = false } = {}) {
  return SCRIPTS.map(({ config }, i) => {
    let toml = fs.readFileSync(path.join(REPO_ROOT, config), 'utf8')
      .replace(/^main = "(.*)"$/m, 'main = "../../$1"')
      .replace('directory = "dist"', 'directory = "../../dist"')
      .replace(/limit = \d+/g, 'limit = 1000000000');
    let name = config;
    if (i === 0 && !assets) {
      toml = toml.replace(/^\[assets\][\s\S]*?(?=^\[)/m, '');
      if (toml.includes('[assets]')) throw new Error(`${config}: could not remove [assets]`);
    } else if (i === 0) {
      name = `routed-${config}`;
    }
    return writeConfig(path.join(WORK, name), toml);
  });
}

function baselineConfig(bodies, { assets = false } = {}) {
  fs.copyFileSync(path.join(REPO_ROOT, 'bench', 'baseline', 'worker.js'), path.join(WORK, 'baseline.js'));
  fs.writeFileSync(path.join(WORK, 'bodies.json'), JSON.stringify(bodies));
  return writeConfig(path.join(WORK, assets ? 'routed-baseline.toml' : 'baseline.toml'), [
    'name = "convene-baseline"',
    'main = "baseline.js"',
    'compatibility_date = "2026-04-01"',
    assets ? ASSETS : '',
    '[[kv_namespaces]]',
    'binding = "KV"',
    'id = "00000000000000000000000000000001"',
    '[[durable_objects.bindings]]',
    'name = "HOP"',
    'class_name = "Hop"',
    '[[migrations]]',
    'tag = "v1"',
    'new_sqlite_classes = ["Hop"]',
    '',
  ].join('\n'));
}

/** bench/rust-floor, built by `cargo xtask bench`: the least a workers-rs worker does. */
function floorConfig() {
  return writeConfig(path.join(WORK, 'rust-floor.toml'), [
    'name = "rust-floor"',
    'main = "../../bench/rust-floor/build/index.js"',
    'compatibility_date = "2026-04-01"',
    '',
  ].join('\n'));
}

// ---------------------------------------------------------------------------------------
// seeding

async function pool(items, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export async function seed(server) {
  const api = client(server);
  const ok = async (res, what) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.body;
  };
  await ok(await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password: server.password } }), 'sign in');
  for (const [entity, name, fieldType] of [['event', 'room', 'text'], ['event', 'level', 'single_choice'], ['session', 'track', 'text'], ['speaker', 'company', 'text'], ['pass', 'perks', 'text']]) {
    await ok(await api.request('POST', '/api/admin/custom-fields', {
      json: { entity, name, label: name, fieldType, choices: fieldType === 'single_choice' ? ['Beginner', 'Advanced'] : [] },
    }), 'custom field');
  }
  await ok(await api.request('POST', '/api/admin/website-table-configurations', { json: { name: 'Site events', entity: 'event', fields: ['room', 'level', 'description', 'maxCapacity'] } }), 'table');
  await ok(await api.request('POST', '/api/admin/website-table-configurations', { json: { name: 'Site sessions', entity: 'session', fields: ['track'] } }), 'table');
  const app = await ok(await api.request('POST', '/api/admin/web-applications', { json: { name: 'Bench site', allowedOrigins: [ORIGIN] } }), 'web app');
  const events = [];
  for (let i = 0; i < EVENTS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const event = await ok(await api.request('POST', '/api/admin/events', {
      json: {
        name: `Conference ${i + 1}: building for the edge`,
        description: 'A day of talks and workshops. '.repeat(8),
        start: `2027-0${1 + (i % 9)}-${day}T09:00`, end: `2027-0${1 + (i % 9)}-${day}T18:00`,
        timeZone: 'Europe/Paris', published: true, waitlistAllowed: true,
        customFields: { room: `Hall ${i % 5}`, level: i % 2 ? 'Advanced' : 'Beginner' },
      },
    }), 'event');
    events.push(event);
    for (let s = 0; s < 3; s++) {
      await ok(await api.request('POST', `/api/admin/events/${event.id}/sessions`, {
        json: { name: `Session ${s + 1}`, start: event.start.replace('09:00', `1${s}:00`), end: event.start.replace('09:00', `1${s}:45`), customFields: { track: `Track ${s}` } },
      }), 'session');
    }
    for (let s = 0; s < 2; s++) {
      await ok(await api.request('POST', `/api/admin/events/${event.id}/speakers`, { json: { name: `Speaker ${s + 1}`, title: 'Engineer', customFields: { company: 'Example' } } }), 'speaker');
      await ok(await api.request('POST', `/api/admin/events/${event.id}/passes`, { json: { name: s ? 'VIP' : 'Standard', capacity: s ? 100 : null, customFields: { perks: 'Coffee' } } }), 'pass');
    }
  }
  // A webinar event: each registration also writes its outbox record (sent to no provider
  // here: the configuration has no credentials, so its deliveries wait).
  const config = await ok(await api.request('POST', '/api/admin/webinar-configurations', { json: { name: 'Bench webinars', providerId: 'on24' } }), 'configuration');
  await ok(await api.request('POST', `/api/admin/webinar-configurations/${config.id}/accept-terms`), 'accept terms');
  await ok(await api.request('POST', `/api/admin/webinar-configurations/${config.id}/activate`), 'activate');
  const webinarEvent = await ok(await api.request('POST', '/api/admin/events', {
    json: {
      name: 'Webinar: building for the edge', start: '2027-02-01T09:00', end: '2027-02-01T10:00',
      timeZone: 'Europe/Paris', published: true, format: 'webinar', webinarConfigurationId: config.id,
    },
  }), 'webinar event');
  // 10,000 contacts, registered to the events round-robin.
  const people = Array.from({ length: CONTACTS }, (_, i) => i);
  await pool(people, 16, async (i) => {
    await ok(await api.request('POST', `/api/admin/events/${events[i % EVENTS].id}/registrations`, {
      json: { email: `contact${i}@example.org`, firstName: `First${i}`, lastName: `Last${i}` },
    }), 'registration');
  });
  return { api, token: app.token, target: events[0], loadEvent: events[1], webinarEvent };
}

// ---------------------------------------------------------------------------------------
// load

export function wrk(url, concurrency, script) {
  const args = ['-t2', `-c${concurrency}`, `-d${DURATION}s`, '--latency', '-H', `Origin: ${ORIGIN}`];
  if (script) args.push('-s', script);
  args.push(url);
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const num = (re) => Number((out.match(re) ?? [])[1] ?? NaN);
  const ms = (label) => {
    const m = out.match(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm'));
    if (!m) return NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  };
  const requests = num(/(\d+) requests in/);
  const errors = num(/Non-2xx or 3xx responses: (\d+)/) || 0;
  const socket = (out.match(/Socket errors: (.*)/) ?? [])[1];
  return { rps: num(/Requests\/sec:\s+([\d.]+)/), p50: ms('50'), p99: ms('99'), requests, errors, socket, raw: out };
}

export function measure(server, url, concurrency, script) {
  const before = workerdCpu(server.pid);
  const result = wrk(url, concurrency, script);
  const cpu = workerdCpu(server.pid) - before;
  return { ...result, cpuMs: (cpu * 1000) / result.requests };
}

// ---------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(WORK, { recursive: true });
  console.log(`bench: ${os.cpus().length} cores, ${DURATION} s per run, ${CONTACTS} contacts, ${EVENTS} events, read cache ${READ_CACHE_MS} ms`);
  const password = 'bench-password';
  const convene = await startWrangler(convenConfig(), 'convene', { ADMIN_PASSWORD: password, ...CONVENE_VARS });
  convene.password = password;
  let baseline;
  try {
    const started = Date.now();
    const { api, token, target, loadEvent, webinarEvent } = await seed(convene);
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const q = `?emApplicationtoken=${token}`;
    const routes = [
      { key: 'published', name: 'GET events/published', path: '/api/v1/events/published' },
      { key: 'event', name: 'GET events/{id}', path: `/api/v1/events/${target.readableId}` },
      { key: 'register', name: 'POST events/{id}/registrations', path: `/api/v1/events/${loadEvent.readableId}/registrations`, script: path.join(REPO_ROOT, 'bench', 'post.lua') },
      // The same into a webinar event: with the outbox record, and its delivery's bookkeeping
      // (the whole workerd's CPU is counted).
      { key: 'register-webinar', name: 'POST registrations (webinar)', path: `/api/v1/events/${webinarEvent.readableId}/registrations`, script: path.join(REPO_ROOT, 'bench', 'post.lua') },
    ];
    // Precomputed bodies of the same size for the baseline.
    const reads = {};
    for (const r of routes.filter((r) => !r.script)) {
      const res = await fetch(`${convene.url}${r.path}${q}`, { headers: { origin: ORIGIN } });
      reads[r.path] = await res.text();
      r.bytes = reads[r.path].length;
    }
    const sample = await fetch(`${convene.url}${routes[2].path}${q}`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ attendees: [{ email: 'sample@example.com', firstName: 'S', lastName: 'S' }] }),
    });
    const registration = await sample.text();
    reads['/api/health'] = await (await fetch(`${convene.url}/api/health`)).text();
    baseline = await startWrangler([baselineConfig({ reads, registration })], 'baseline');

    // Registrations stored in the two events the load registers into.
    const total = async () => {
      let n = 0;
      for (const e of [loadEvent, webinarEvent]) {
        const count = () => api.request('GET', `/api/admin/events/${e.id}/registrations?pageSize=1`);
        // wrk's load can leave the client's kept-alive socket closed: retry once on a new one.
        n += (await count().catch(() => sleep(500).then(count))).body.total;
      }
      return n;
    };
    const before = await total();
    const rows = [];
    let accepted = 0;
    for (const r of routes.filter((r) => ONLY.length === 0 || ONLY.includes(r.key))) {
      for (const c of CONCURRENCY) {
        const ours = measure(convene, `${convene.url}${r.path}${q}`, c, r.script);
        const base = measure(baseline, `${baseline.url}${r.path}`, c, r.script);
        if (r.script) accepted += ours.requests - ours.errors;
        rows.push({ route: r.name, c, ours, base });
        console.log(`  ${r.name} c=${c}: ${ours.rps.toFixed(0)} vs ${base.rps.toFixed(0)} req/s`);
      }
    }
    const stored = (await total()) - before;

    const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
    const webinarCpu = (c) => {
      const [plain, webinar] = ['POST events/{id}/registrations', 'POST registrations (webinar)'].map((name) => rows.find((r) => r.route === name && r.c === c));
      return plain && webinar ? webinar.ours.cpuMs / plain.ours.cpuMs : NaN;
    };
    console.log('\nroute                           |  c | Convene req/s   p50 ms   p99 ms  CPU ms/req | baseline req/s   p50 ms   p99 ms  CPU ms/req | req/s ratio  CPU ratio | errors');
    console.log('-'.repeat(170));
    for (const { route, c, ours, base } of rows) {
      console.log(
        `${route.padEnd(31)} | ${String(c).padStart(2)} | ${f(ours.rps, 0).padStart(13)} ${f(ours.p50, 2).padStart(8)} ${f(ours.p99, 2).padStart(8)} ${f(ours.cpuMs, 3).padStart(11)} | ` +
        `${f(base.rps, 0).padStart(14)} ${f(base.p50, 2).padStart(8)} ${f(base.p99, 2).padStart(8)} ${f(base.cpuMs, 3).padStart(11)} | ` +
        `${f(ours.rps / base.rps, 2).padStart(11)} ${f(ours.cpuMs / base.cpuMs, 2).padStart(10)} | ${ours.errors}${ours.socket ? ` (${ours.socket})` : ''}` +
        `${base.errors || base.socket ? `; baseline ${base.errors}${base.socket ? ` (${base.socket})` : ''}` : ''}`,
      );
    }
    for (const c of CONCURRENCY) {
      console.log(`registration CPU with the webinar outbox, c=${c}: ${f(webinarCpu(c), 2)}x the registration without (budget 1.10x)`);
    }
    console.log(`\nbodies: events/published ${routes[0].bytes} B, events/{id} ${routes[1].bytes} B`);

    // Calibration: each worker's fixed cost per request, and the runtime's own cost of the
    // one Durable Object round trip every Convene read makes (its consistency: a change
    // shows on the next request).
    const calibration = [
      ['Convene GET /api/health (no I/O)', convene, '/api/health'],
      ['baseline GET /api/health', baseline, '/api/health'],
      ['baseline GET events/{id}, direct', baseline, routes[1].path],
      ['baseline GET events/{id}, via one Durable Object', baseline, `/hop${routes[1].path}`],
      ['Convene GET events/{id}, through its object', convene, `${routes[1].path}${q}`],
    ].map(([what, server, p]) => ({ what, ...measure(server, `${server.url}${p}`, CONCURRENCY[0]) }));
    // What a read can cost at best under Convene's consistency rule is the runtime's own read
    // through one object: Convene's read against it, measured one after the other.
    const [hop, read] = calibration.slice(3, 5);
    // Each on a server of its own, started now: the static-assets router's cost (each
    // worker's health again, with `[assets]` and `run_worker_first` as `wrangler.toml` serves
    // Convene), and the least a workers-rs worker costs (bench/rust-floor).
    const others = [
      ['Convene GET /api/health, behind the assets router', () => startWrangler(convenConfig({ assets: true }), 'convene-routed', CONVENE_VARS)],
      ['baseline GET /api/health, behind the assets router', () => startWrangler([baselineConfig({ reads, registration }, { assets: true })], 'baseline-routed')],
      ['minimal workers-rs worker, the same answer', () => startWrangler([floorConfig()], 'rust-floor')],
    ];
    for (const [what, start] of others) {
      const server = await start();
      try {
        calibration.push({ what, ...measure(server, `${server.url}/api/health`, CONCURRENCY[0]) });
      } finally {
        await server.stop();
      }
    }
    console.log(`\ncalibration, c=${CONCURRENCY[0]}                              |   req/s   p50 ms  CPU ms/req | errors`);
    for (const m of calibration) {
      console.log(`${m.what.padEnd(52)} | ${f(m.rps, 0).padStart(7)} ${f(m.p50, 2).padStart(8)} ${f(m.cpuMs, 3).padStart(11)} | ${m.errors}`);
    }
    console.log(`Convene's read against the runtime's own read through one Durable Object: req/s ${f(read.rps / hop.rps, 2)}x, CPU ${f(read.cpuMs / hop.cpuMs, 2)}x`);
    // wrk stops counting at the deadline while up to `concurrency` requests per run are
    // still in flight: the server completes and stores those too, unseen by wrk. So every
    // 2xx must be stored (stored >= accepted), and the surplus is bounded by those.
    const inFlight = CONCURRENCY.reduce((a, b) => a + b, 0) * routes.filter((r) => r.script).length;
    const surplus = stored - accepted;
    const verdict = surplus < 0 ? `LOST ${-surplus}` : surplus <= inFlight ? 'none lost' : `UNEXPLAINED SURPLUS ${surplus}`;
    console.log(`registrations answered 2xx: ${accepted}, stored: ${stored} (at most ${inFlight} in flight at the deadlines) -> ${verdict}`);
    if (verdict !== 'none lost') process.exitCode = 1;
    const startSpike = (name, vars) => startWrangler(convenConfig(), name, { ...CONVENE_VARS, ...vars });
    if (!(await spikeLayouts(startSpike, ORIGIN))) process.exitCode = 1;
    const scripts = SCRIPTS.map(({ config, built }) => ({
      name: config,
      sizes: ['index_bg.wasm', 'index.js'].map((f) => gzipSize(fs.readFileSync(path.join(REPO_ROOT, path.dirname(built), f)))),
    }));
    for (const { name, sizes } of scripts) {
      sizeLine(`worker script of ${name}`, { wasm: sizes[0], js: sizes[1] }, 300);
    }
    const [first, chunk] = [await firstLoad(), largestPageChunk()];
    sizeLine(`SPA first load (${first.files.length} files)`, first.parts, 250);
    sizeLine(`SPA largest page chunk (${chunk.file})`, { wasm: chunk.bytes }, 60);
    const widget = ['convene_widget_bg.wasm', 'convene-registration.js'].map((f) => gzipSize(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'widget', f))));
    sizeLine('registration widget', { wasm: widget[0], script: widget[1] }, 35);
  } finally {
    await baseline?.stop();
    await convene.stop();
  }
}

/** Prints a download's gzip size, its parts and its budget; a size over budget fails the
 * bench (its exit code), after every line is printed. */
function sizeLine(what, parts, budgetKb) {
  const kb = (n) => (n / 1024).toFixed(1);
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const detail = Object.entries(parts).map(([part, n]) => `${part} ${kb(n)}`).join(' + ');
  const verdict = total > budgetKb * 1024 ? 'OVER BUDGET' : 'ok';
  console.log(`${what} gzip: ${kb(total)} KB (${detail}); budget ${budgetKb} KB: ${verdict}`);
  if (verdict !== 'ok') process.exitCode = 1;
}

export const CONVENE_VARS = {
  DEPLOYMENT: 'development',
  CREDENTIALS_KEYRING: JSON.stringify({ current: 'k1', keys: { k1: '11'.repeat(32) } }),
  PUBLIC_READ_CACHE_MS: READ_CACHE_MS,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

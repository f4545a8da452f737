// A CPU profile of Convene under load, from the worker isolate's V8 inspector: where the
// CPU time of one Events API route goes. Not part of the bench's figures (the profiler
// itself costs CPU); it says *why* the bench's figures are what they are.
//
//   node --experimental-websocket bench/profile.mjs [published|event|register]
//
// Starts Convene like the bench (fresh state, seeded; BENCH_CONTACTS defaults to 200 here;
// BENCH_READ_CACHE_MS as in the bench),
// profiles every inspector target while wrk loads the route for BENCH_DURATION seconds
// (default 10) at 10 connections, prints the functions with the most self time, and writes
// target/bench/<route>-<n>.cpuprofile (open it in Chrome DevTools' Performance panel).
// Wasm functions have names only in a build that keeps the names section:
// `CONVENE_WASM_NAMES=1 cargo xtask build`.

import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../tests/support/server.mjs';

process.env.BENCH_CONTACTS ??= '200';
const { CONVENE_VARS, WORK, convenConfig, seed, startWrangler, wrk } = await import('./run.mjs');

const ROUTE = process.argv[2] ?? 'event';
if (typeof WebSocket === 'undefined') {
  console.error('Run with `node --experimental-websocket` (Node 20) or Node 22+.');
  process.exit(2);
}

/** One inspector session: `send(method, params)` resolves to the result. */
function session(url) {
  // The inspector proxy accepts a local Origin only.
  const ws = new WebSocket(url, { headers: { origin: 'http://127.0.0.1' } });
  let next = 1;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(JSON.stringify(msg.error)));
    else p.resolve(msg.result);
  };
  const open = new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  return {
    async send(method, params = {}) {
      await open;
      const id = next++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    close: () => ws.close(),
  };
}

/**
 * Self time per function, in ms, from a V8 CPU profile. A function without a name (the
 * bundled glue is minified) is shown with the start of its source, from `source(scriptId)`.
 */
async function selfTimes(profile, source) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totals = new Map();
  for (const [id, us] of dt) {
    const { functionName, url, scriptId, lineNumber, columnNumber } = byId.get(id).callFrame;
    let name = functionName;
    if (!name && url) {
      const line = (await source(scriptId)).split('\n')[lineNumber] ?? '';
      name = `(anonymous ${lineNumber + 1}:${columnNumber}: ${line.slice(columnNumber, columnNumber + 70).trim()})`;
    }
    name = `${name || '(anonymous)'} ${url ? `[${path.basename(url)}]` : ''}`.trim();
    totals.set(name, (totals.get(name) ?? 0) + us / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

fs.mkdirSync(WORK, { recursive: true });
const password = 'bench-password';
const convene = await startWrangler(convenConfig(), 'convene', { ADMIN_PASSWORD: password, ...CONVENE_VARS });
convene.password = password;
try {
  const { token, target, loadEvent } = await seed(convene);
  const q = `?emApplicationtoken=${token}`;
  const routes = {
    published: ['/api/v1/events/published'],
    event: [`/api/v1/events/${target.readableId}`],
    register: [`/api/v1/events/${loadEvent.readableId}/registrations`, path.join(REPO_ROOT, 'bench', 'post.lua')],
  };
  const [route, script] = routes[ROUTE] ?? (() => { throw new Error(`unknown route ${ROUTE}`); })();
  convene.releaseInspector();
  await new Promise((r) => setTimeout(r, 200));
  const targets = await (await fetch(`http://127.0.0.1:${convene.inspector}/json`)).json();
  const sessions = targets.map((t) => ({ title: t.title, s: session(t.webSocketDebuggerUrl) }));
  for (const { s } of sessions) {
    await s.send('Debugger.enable');
    // Off, as in the bench (see quietInspector in tests/support/server.mjs).
    await s.send('Network.disable');
    await s.send('Profiler.enable');
    await s.send('Profiler.setSamplingInterval', { interval: 100 });
    await s.send('Profiler.start');
  }
  const load = wrk(`${convene.url}${route}${q}`, 10, script);
  console.log(`${ROUTE}: ${load.requests} requests, ${load.rps.toFixed(0)} req/s, errors ${load.errors}`);
  for (const [n, { title, s }] of sessions.entries()) {
    const { profile } = await s.send('Profiler.stop');
    const sources = new Map();
    const source = async (scriptId) => {
      if (!sources.has(scriptId)) {
        sources.set(scriptId, await s.send('Debugger.getScriptSource', { scriptId }).then((r) => r.scriptSource ?? '', () => ''));
      }
      return sources.get(scriptId);
    };
    const rows = await selfTimes(profile, source);
    s.close();
    const file = path.join(WORK, `${ROUTE}-${n}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    // The scripts the anonymous functions above point into, to read them in context.
    for (const [id, text] of sources) fs.writeFileSync(path.join(WORK, `${ROUTE}-${n}-script-${id}.js`), text);
    const total = rows.reduce((a, [, ms]) => a + ms, 0);
    const idle = rows.filter(([name]) => /^\((idle|program|garbage collector)\)/.test(name));
    console.log(`\n${title}: ${file}\nsampled ${total.toFixed(0)} ms; per request (excluding idle): ${((total - (idle.find(([n]) => n === '(idle)')?.[1] ?? 0)) / load.requests).toFixed(3)} ms`);
    for (const [name, ms] of rows.slice(0, 40)) {
      console.log(`${((ms / load.requests) * 1000).toFixed(1).padStart(8)} µs/req  ${name.slice(0, 140)}`);
    }
  }
} finally {
  await convene.stop();
}

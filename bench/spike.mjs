// The bench's spike run: registration opening, many clients at once, through the public
// Events API. Each run prints one line:
//
//   spike: <attempts> attempts, <confirmed>/<capacity> confirmed, <oversold> oversold,
//          <stranded> stranded, p99 <ms> ms (<what>)
//
// - oversold: confirmed beyond the capacity (must be 0; the bench fails otherwise);
// - stranded: seats left unsold although more attempts than seats were made and refused
//   as full (must be 0: a seat held back somewhere is a seat not sold);
// - with a waitlist (the third run of each setup), every attempt beyond the seats is
//   waitlisted: all of them are stored by the event's one object.
//
// Environment: BENCH_SPIKE_CLIENTS (concurrent clients, default 200), BENCH_SPIKE_ATTEMPTS
// (default 4000), BENCH_SPIKE_CAPACITY (seats in all, default 1000).

import { client } from '../tests/support/server.mjs';

const CLIENTS = Number(process.env.BENCH_SPIKE_CLIENTS ?? 200);
const ATTEMPTS = Number(process.env.BENCH_SPIKE_ATTEMPTS ?? 4000);
const CAPACITY = Number(process.env.BENCH_SPIKE_CAPACITY ?? 1000);
/** The "many events" run spreads the same attempts and seats over this many events. */
const MANY = 20;

/** Creates `count` published events sharing `capacity` seats, with or without a waitlist. */
async function cappedEvents(api, label, count, capacity, waitlistAllowed = false) {
  const events = [];
  for (let i = 0; i < count; i++) {
    const res = await api.request('POST', '/api/admin/events', {
      json: {
        name: `Spike ${label} ${i + 1}`, start: '2027-05-01T09:00', end: '2027-05-01T18:00',
        timeZone: 'Europe/Paris', published: true, waitlistAllowed,
        capacity: Math.floor(capacity / count) + (i < capacity % count ? 1 : 0),
      },
    });
    if (res.status !== 201) throw new Error(`spike event: ${res.status} ${res.text}`);
    events.push(res.body);
  }
  return events;
}

/** Sends `ATTEMPTS` registrations, one new person each, round-robin over `events`, from
 * `CLIENTS` clients at once; answers each attempt's status and the latencies in ms. */
async function load(url, token, origin, events) {
  const statuses = new Map();
  const latencies = [];
  let next = 0;
  const salt = Math.random().toString(36).slice(2, 8);
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < ATTEMPTS) {
      const i = next++;
      const event = events[i % events.length];
      const started = performance.now();
      let status;
      try {
        const res = await fetch(`${url}/api/v1/events/${event.readableId}/registrations?emApplicationtoken=${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ attendees: [{ email: `spike-${salt}-${i}@example.com`, firstName: 'Spike', lastName: `Client${i}` }] }),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch (e) {
        status = `network (${e.cause?.code ?? e.message})`;
      }
      latencies.push(performance.now() - started);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }));
  return { statuses, latencies };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One spike run into `events`; prints its line and answers whether it held. */
async function spike(server, api, token, origin, what, events) {
  const started = performance.now();
  const { statuses, latencies } = await load(server.url, token, origin, events);
  const rate = ATTEMPTS / ((performance.now() - started) / 1000);
  let confirmed = 0;
  let capacity = 0;
  let stranded = 0;
  let oversold = 0;
  let waitlisted = 0;
  const total = async (event, status) => {
    const res = await api.request('GET', `/api/admin/events/${event.id}/registrations?status=${status}&pageSize=1`);
    if (res.status !== 200) throw new Error(`spike count: ${res.status} ${res.text}`);
    return res.body.total;
  };
  for (const event of events) {
    const n = await total(event, 'confirmed');
    if (event.waitlistAllowed) waitlisted += await total(event, 'waitlisted');
    confirmed += n;
    capacity += event.capacity;
    oversold += Math.max(0, n - event.capacity);
    // Every event got more attempts than seats: any seat left unsold is stranded.
    stranded += Math.max(0, event.capacity - n);
  }
  const answered = [...statuses].map(([s, n]) => `${n}x ${s}`).join(', ');
  const accepted = statuses.get(201) ?? 0;
  const queued = waitlisted ? `, ${waitlisted} waitlisted` : '';
  console.log(
    `spike: ${ATTEMPTS} attempts, ${confirmed}/${capacity} confirmed${queued}, ${oversold} oversold, ${stranded} stranded, ` +
    `p99 ${percentile(latencies, 99).toFixed(0)} ms (${what}; ${CLIENTS} clients, ${rate.toFixed(0)} attempts/s; answers: ${answered})`,
  );
  return oversold === 0 && stranded === 0 && accepted === confirmed + waitlisted;
}

/**
 * The spike runs on a fresh Convene started by `start(vars)` with `setup`'s variables: one
 * capped event, one capped event with a waitlist, then the same attempts and seats over
 * many events. Answers whether every run held.
 */
export async function spikeRuns(start, origin, setup) {
  if (ATTEMPTS < CAPACITY * 2) throw new Error('BENCH_SPIKE_ATTEMPTS must be at least twice BENCH_SPIKE_CAPACITY');
  const password = 'spike-password';
  const server = await started(() => start({ ...setup.vars, ADMIN_PASSWORD: password }));
  try {
    const api = client(server);
    const signedIn = await api.request('POST', '/api/auth/sign-in', { json: { username: 'admin', password } });
    if (signedIn.status !== 200) throw new Error(`spike sign-in: ${signedIn.status} ${signedIn.text}`);
    const app = await api.request('POST', '/api/admin/web-applications', { json: { name: 'Spike site', allowedOrigins: [origin] } });
    if (app.status !== 201) throw new Error(`spike web application: ${app.status} ${app.text}`);
    return await spikeOn(server, api, app.body.token, origin, setup.what);
  } finally {
    await server.stop();
  }
}

/**
 * A server from `start()` that answers. A port picked free can be taken before wrangler
 * binds it (by a port-0 bind of its own helper processes): then wrangler exits, and a new
 * start picks other ports.
 */
async function started(start) {
  for (let attempt = 1; ; attempt++) {
    const server = await start();
    try {
      const res = await fetch(`${server.url}/api/health`);
      await res.arrayBuffer();
      if (res.ok) return server;
    } catch {
      /* not listening */
    }
    await server.stop();
    if (attempt === 3) throw new Error('the spike server did not start in three attempts');
  }
}

/**
 * The setups compared in one run: the default (an object per event, every registration
 * reading its event from the configuration store), the same with the public read cache on
 * (the store asked once per window: no object on every registration's path), and the one
 * registry object.
 */
const SETUPS = [
  { name: 'per-event', what: 'an object per event', vars: { REGISTRY_LAYOUT: 'per-event', PUBLIC_READ_CACHE_MS: '0' } },
  { name: 'per-event-cached', what: 'an object per event, events read once a second', vars: { REGISTRY_LAYOUT: 'per-event', PUBLIC_READ_CACHE_MS: '1000' } },
  { name: 'single', what: 'one registry object', vars: { REGISTRY_LAYOUT: 'single', PUBLIC_READ_CACHE_MS: '0' } },
];

/** The spike runs in each setup, each on a server of its own started now with
 * `start(name, vars)`; answers whether every run held. */
export async function spikeLayouts(start, origin) {
  let held = true;
  for (const setup of SETUPS) {
    held = (await spikeRuns((vars) => start(`convene-spike-${setup.name}`, vars), origin, setup)) && held;
  }
  return held;
}

async function spikeOn(server, api, token, origin, what) {
  const one = await cappedEvents(api, 'hot', 1, CAPACITY);
  const many = await cappedEvents(api, 'many', MANY, CAPACITY);
  const queue = await cappedEvents(api, 'waitlist', 1, CAPACITY, true);
  const held = [
    await spike(server, api, token, origin, `one capped event, ${what}`, one),
    await spike(server, api, token, origin, `one capped event with a waitlist, ${what}`, queue),
    await spike(server, api, token, origin, `${MANY} capped events at once, ${what}`, many),
  ];
  return held.every(Boolean);
}

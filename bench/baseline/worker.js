// The baseline: the practical ceiling of the Workers runtime on this machine for Convene's
// public routes. Reads answer precomputed bodies of the same size as Convene's; a
// registration does one KV write. `bench/run.mjs` writes `bodies.json` beside a copy of
// this file before starting it.
//
// Calibration routes (not Convene's): `/hop/<path>` answers the same body through one
// round trip to a Durable Object that holds it in memory, the runtime's own cost of the
// strongly consistent read Convene makes per request; `/api/health` answers Convene's
// health body, to compare the two workers' fixed cost per request.
import { DurableObject } from 'cloudflare:workers';
import bodies from './bodies.json';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function read(pathname) {
  const body = bodies.reads[pathname];
  if (body === undefined) return new Response('{"error":"not found"}', { status: 404, headers: JSON_TYPE });
  return new Response(body, { headers: JSON_TYPE });
}

export class Hop extends DurableObject {
  async fetch(request) {
    return read(new URL(request.url).pathname);
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === 'POST') {
      const body = await request.text();
      await env.KV.put(`registration:${crypto.randomUUID()}`, body);
      return new Response(bodies.registration, { status: 201, headers: JSON_TYPE });
    }
    if (url.pathname.startsWith('/hop/')) {
      const stub = env.HOP.get(env.HOP.idFromName('hop'));
      return stub.fetch(`https://hop${url.pathname.slice('/hop'.length)}`);
    }
    return read(url.pathname);
  },
};

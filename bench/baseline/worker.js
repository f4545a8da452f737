// The baseline: the practical ceiling of the Workers runtime on this machine for Convene's
// public routes. Reads answer precomputed bodies of the same size as Convene's; a
// registration does one KV write. `bench/run.mjs` writes `bodies.json` beside a copy of
// this file before starting it.
import bodies from './bodies.json';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === 'POST') {
      const body = await request.text();
      await env.KV.put(`registration:${crypto.randomUUID()}`, body);
      return new Response(bodies.registration, { status: 201, headers: JSON_TYPE });
    }
    const body = bodies.reads[url.pathname];
    if (body === undefined) return new Response('{"error":"not found"}', { status: 404, headers: JSON_TYPE });
    return new Response(body, { headers: JSON_TYPE });
  },
};

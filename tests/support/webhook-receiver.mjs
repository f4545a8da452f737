// A webhook receiver on a free loopback port, and the Standard Webhooks signature check,
// written from the convention, not from Convene's code.

import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

/**
 * Starts a receiver. `answer()` gives the status it answers (204 unless replaced);
 * `received` holds every request `{ headers, body, status, verified }`, `verified` saying
 * whether its signature checks out with `secret` as it was when the request came.
 */
export async function startReceiver() {
  const receiver = { received: [], secret: null, answer: () => 204 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const status = receiver.answer();
      receiver.received.push({ headers: req.headers, body, status, verified: verify(receiver.secret, req.headers, body) });
      res.writeHead(status).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${server.address().port}/hooks`;
  receiver.stop = () => new Promise((resolve) => server.close(resolve));
  /** The requests that carried message `id` (the `webhook-id` header). */
  receiver.withId = (id) => receiver.received.filter((r) => r.headers['webhook-id'] === id);
  /** The messages answered 2xx, parsed, with their id. */
  receiver.delivered = () =>
    receiver.received.filter((r) => r.status < 300).map((r) => ({ id: r.headers['webhook-id'], ...JSON.parse(r.body) }));
  return receiver;
}

/**
 * Whether `headers` carry a Standard Webhooks signature of `body` by `secret` (`whsec_`
 * and the key in base64), stamped within five minutes.
 */
export function verify(secret, headers, body) {
  if (!secret) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest();
  const age = Math.abs(Date.now() / 1000 - Number(headers['webhook-timestamp']));
  return (
    age < 300 &&
    (headers['webhook-signature'] ?? '').split(' ').some((s) => {
      const [version, sig] = s.split(',');
      const given = Buffer.from(sig ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    })
  );
}

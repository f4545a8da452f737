// The error contract as tests check it: every error answer is JSON with a stable code, a
// message and a request id; and a valid webinar provider body, the record these checks
// are made with.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every error: the status, the JSON error shape with `code`, a message, a request id. */
export function assertError(res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.ok(res.body && typeof res.body.error === 'object', `error body: ${res.text}`);
  assert.equal(res.body.error.code, code, res.text);
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0, 'error message is not empty');
  assert.match(res.headers.get('x-request-id') ?? '', UUID, 'x-request-id header');
  return res.body.error;
}

export function assertInvalidField(res, field) {
  const error = assertError(res, 400, 'validation_failed');
  const fields = (error.fields ?? []).map((f) => f.field);
  assert.deepEqual(fields, [field], res.text);
  assert.ok(error.fields[0].message.length > 0);
}

/** A valid provider body; `over` replaces fields. */
export function provider(over = {}) {
  return {
    name: `Acme ${randomBytes(4).toString('hex')}`,
    baseServiceUrl: 'https://api.acme.example/v1',
    maxDurationMinutes: 90,
    termsOfServiceUrl: 'https://acme.example/terms',
    privacyPolicyUrl: 'https://acme.example/privacy',
    ...over,
  };
}

// Prepares the schemathesis run against the admin API (tests/schemathesis/run.mjs): the
// document as the worker serves it to the signed-in administrator, with the ids of real
// records as the examples of its path parameters, so that the examples and coverage phases
// read, change and delete seeded records instead of only meeting 404s, and the run's
// password in the sign-in example. The records the seed
// does not make (a webinar configuration with credentials, an event administration record,
// a registration and its contact, a second user) are made here.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const A = '/api/admin';

/**
 * Writes the document to `<workDir>/admin-v1.json`; resolves to `{ schemaFile, cookie }`
 * (`cookie`: the `Cookie` header value of the seeded administrator's session).
 */
export async function adminRun(server, data, workDir) {
  const api = data.admin;
  const must = async (promise, status, what) => {
    const res = await promise;
    assert.equal(res.status, status, `${what}: ${res.text}`);
    return res.body;
  };
  const doc = await must(api.get(`${A}/openapi.json`), 200, 'the admin document');
  const configuration = await must(
    api.post(`${A}/webinar-configurations`, {
      name: 'Schemathesis account',
      providerId: 'on24',
      credentials: { clientId: '1', accessTokenKey: 'key', accessTokenSecret: 'secret' },
    }),
    201,
    'webinar configuration',
  );
  const record = await must(
    api.post(`${A}/event-administrations`, { name: 'Schemathesis defaults', matchStrategy: 'email' }),
    201,
    'event administration record',
  );
  const event = data.events.main.id;
  const registration = await must(
    api.post(`${A}/events/${event}/registrations`, { email: 'schemathesis@example.com' }),
    201,
    'registration',
  );
  // A user other than the run's own administrator, whom the run may change and disable.
  const user = await must(
    api.post(`${A}/users`, { username: 'schemathesis-viewer', role: 'viewer', password: 'schemathesis password' }),
    201,
    'user',
  );
  const [field] = await must(api.get(`${A}/custom-fields`), 200, 'custom fields');
  const [table] = await must(api.get(`${A}/website-table-configurations`), 200, 'tables');
  const examples = {
    configurationId: configuration.id,
    recordId: record.id,
    eventId: event,
    sessionId: data.sessions[0].id,
    speakerId: data.speakers[0].id,
    passId: data.passes[0].id,
    questionId: data.questions[0].id,
    registrationId: registration.id,
    contactId: registration.contactId,
    fieldId: field.id,
    tableId: table.id,
    applicationId: data.application.id,
    userId: user.id,
  };
  for (const [name, example] of Object.entries(examples)) {
    const parameter = doc.components.parameters[name];
    assert.ok(parameter?.in === 'path', `the admin document's path parameter ${name}`);
    parameter.example = example;
  }
  // Its example signs in for real (a new session beside the run's own).
  doc.components.schemas.SignInRequest.examples = [{ username: 'admin', password: server.password }];
  const schemaFile = path.join(workDir, 'admin-v1.json');
  fs.writeFileSync(schemaFile, JSON.stringify(doc, null, 2));
  return { schemaFile, cookie: `convene_session=${api.cookie}` };
}

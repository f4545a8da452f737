// Runs schemathesis against a live worker: starts `wrangler dev` (tests/support/server.mjs),
// seeds data and a web application through the admin API (tests/support/seed.mjs), then lets
// schemathesis generate requests for every operation of each served OpenAPI document and
// checks that no answer is a 5xx and every answer conforms to the document (status, content
// type, headers, body schema). Two runs, one after the other on the same worker:
//
// - events: the public Events API (/api/v1/openapi.json) with the application's token and
//   allowed origin. Requests are paced at 9 a second to stay under the per-address rate
//   limit, so request count is time: about 350 requests in about 40 s.
// - admin: the admin API (/api/admin/openapi.json, tests/schemathesis/admin.mjs) with the
//   seeded administrator's session cookie and the site's own Origin, not paced (only
//   sign-in is rate limited). Sign-out is left out: it would end the session.
//
//   node tests/schemathesis/run.mjs            (cargo xtask test runs this)
//
// Phases: examples (the documents' examples: the seeded event `spring-summit-2026`, the
// seeded records' ids), coverage (boundary and invalid values of every parameter and body
// field, other methods) and fuzzing (random cases).
//
// Environment:
//   SCHEMATHESIS_APIS          which runs, comma-separated (default `events,admin`)
//   SCHEMATHESIS_MAX_EXAMPLES  fuzzing cases per operation of the Events API (default 10);
//                              each 10 more add about 9 s (8 operations)
//   SCHEMATHESIS_ADMIN_MAX_EXAMPLES  the same for the admin API (default 5; 73 operations,
//                              about 3,300 requests in about 30 s, most of them from the
//                              coverage phase; 10 took 38 s, 60 took 93 s)
//   SCHEMATHESIS_SEED          the random seed (default: a fixed one, so runs repeat; set
//                              `random` for a new one each run)
//   SCHEMATHESIS_BIN           the schemathesis executable (default: the venv cargo xtask
//                              installs, target/schemathesis-venv/bin/schemathesis)
//   SCHEMATHESIS_ARGS          extra arguments for both runs, split on spaces (e.g.
//                              `--phases fuzzing`)
//
// Exits with 0 when every run found no failures, else with the first failing run's code.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, startWorker } from '../support/server.mjs';
import { seed } from '../support/seed.mjs';
import { adminRun } from './admin.mjs';

const BIN =
  process.env.SCHEMATHESIS_BIN ??
  path.join(REPO_ROOT, 'target', 'schemathesis-venv', 'bin', 'schemathesis');
const APIS = (process.env.SCHEMATHESIS_APIS ?? 'events,admin').split(',').map((a) => a.trim());
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '10';
const ADMIN_MAX_EXAMPLES = process.env.SCHEMATHESIS_ADMIN_MAX_EXAMPLES ?? '5';
const SEED = process.env.SCHEMATHESIS_SEED ?? '20261125';
const EXTRA = (process.env.SCHEMATHESIS_ARGS ?? '').split(' ').filter(Boolean);
// The Events API allows 100 requests per 10 s per client address; stay under it so the run
// tests the API rather than its rate limiter (a 429 would still conform to the document).
const RATE = '9/s';
// Where the worker's ON24 calls go (a webinar configuration's check): a closed local port, so
// they fail at once as "unreachable" instead of leaving the machine.
const ON24_UNREACHABLE = 'http://127.0.0.1:9';
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
].join(',');

for (const api of APIS) {
  if (!['events', 'admin'].includes(api)) {
    console.error(`SCHEMATHESIS_APIS: unknown ${api} (events, admin)`);
    process.exit(2);
  }
}
if (!fs.existsSync(BIN)) {
  console.error(`${BIN} is missing: cargo xtask test installs it (or set SCHEMATHESIS_BIN).`);
  process.exit(2);
}

// schemathesis keeps its crash cache (.schemathesis/, for `schemathesis replay`) and reports
// in the directory it runs in: target/schemathesis/, not the repository root.
const workDir = path.join(REPO_ROOT, 'target', 'schemathesis');

/** Runs schemathesis on `schema` (a URL or a file) with `args`; resolves to its exit code. */
function schemathesis(name, schema, args) {
  const all = [
    'run',
    schema,
    ...args,
    '--checks', CHECKS,
    '--workers', '1',
    '--request-timeout', '10',
    '--generation-with-security-parameters', 'false',
    '--report', 'junit',
    '--report-dir', path.join(workDir, `report-${name}`),
    '--no-color',
    ...(SEED === 'random' ? [] : ['--seed', SEED]),
    ...EXTRA,
  ];
  return new Promise((resolve) => {
    const child = spawn(BIN, all, {
      cwd: workDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.on('error', (e) => {
      console.error(`could not start ${BIN}: ${e.message}`);
      resolve(2);
    });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
}

const server = await startWorker({ vars: { ON24_BASE_URL: ON24_UNREACHABLE } });
const codes = [];
try {
  fs.mkdirSync(workDir, { recursive: true });
  const data = await seed(server);
  if (APIS.includes('events')) {
    console.log(`schemathesis against ${server.url}/api/v1 (max examples ${MAX_EXAMPLES}, seed ${SEED})`);
    codes.push(
      await schemathesis('events', `${server.url}/api/v1/openapi.json`, [
        '--url', `${server.url}/api/v1`,
        '--header', `Authorization: Bearer ${data.token}`,
        '--header', `Origin: ${data.origin}`,
        '--max-examples', MAX_EXAMPLES,
        '--rate-limit', RATE,
      ]),
    );
  }
  if (APIS.includes('admin')) {
    const { schemaFile, cookie } = await adminRun(server, data, workDir);
    console.log(`schemathesis against ${server.url}/api (admin; max examples ${ADMIN_MAX_EXAMPLES}, seed ${SEED})`);
    codes.push(
      await schemathesis('admin', schemaFile, [
        '--url', `${server.url}/api`,
        '--header', `Cookie: ${cookie}`,
        '--header', `Origin: ${server.url}`,
        '--exclude-path', '/auth/sign-out',
        '--max-examples', ADMIN_MAX_EXAMPLES,
      ]),
    );
  }
} catch (e) {
  console.error(e);
  codes.push(1);
} finally {
  await server.stop();
}
process.exit(codes.find((c) => c !== 0) ?? 0);

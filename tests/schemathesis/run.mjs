// Runs schemathesis against a live worker: starts `wrangler dev` (tests/support/server.mjs),
// seeds data and a web application through the admin API (tests/support/seed.mjs), then lets
// schemathesis generate requests for every operation of the served OpenAPI document, with
// the application's token and allowed origin, and checks that no answer is a 5xx and every
// answer conforms to the document (status, content type, headers, body schema).
//
//   node tests/schemathesis/run.mjs            (cargo xtask test runs this)
//
// Phases: examples (the document's examples, e.g. the seeded event `spring-summit-2026`),
// coverage (boundary and invalid values of every parameter and body field, other methods;
// about 280 requests whatever the settings) and fuzzing (random cases). Requests are paced
// at 9 a second to stay under the per-address rate limit, so request count is time: the
// default run makes about 350 requests in about 40 s.
//
// Environment:
//   SCHEMATHESIS_MAX_EXAMPLES  fuzzing cases per operation (default 10); raise it to run
//                              longer: each 10 more add about 9 s (8 operations)
//   SCHEMATHESIS_SEED          the random seed (default: a fixed one, so runs repeat; set
//                              `random` for a new one each run)
//   SCHEMATHESIS_BIN           the schemathesis executable (default: the venv cargo xtask
//                              installs, target/schemathesis-venv/bin/schemathesis)
//   SCHEMATHESIS_ARGS          extra arguments, split on spaces (e.g. `--phases fuzzing`)
//
// Exits with schemathesis's exit code (0: no failures).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, startWorker } from '../support/server.mjs';
import { seed } from '../support/seed.mjs';

const BIN =
  process.env.SCHEMATHESIS_BIN ??
  path.join(REPO_ROOT, 'target', 'schemathesis-venv', 'bin', 'schemathesis');
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '10';
const SEED = process.env.SCHEMATHESIS_SEED ?? '20261125';
const EXTRA = (process.env.SCHEMATHESIS_ARGS ?? '').split(' ').filter(Boolean);
// The Events API allows 100 requests per 10 s per client address; stay under it so the run
// tests the API rather than its rate limiter (a 429 would still conform to the document).
const RATE = '9/s';

if (!fs.existsSync(BIN)) {
  console.error(`${BIN} is missing: cargo xtask test installs it (or set SCHEMATHESIS_BIN).`);
  process.exit(2);
}

const server = await startWorker();
let code = 1;
try {
  const { token, origin } = await seed(server);
  // schemathesis keeps its crash cache (.schemathesis/, for `schemathesis replay`) and
  // reports in the directory it runs in: target/schemathesis/, not the repository root.
  const workDir = path.join(REPO_ROOT, 'target', 'schemathesis');
  fs.mkdirSync(workDir, { recursive: true });
  const args = [
    'run',
    `${server.url}/api/v1/openapi.json`,
    '--url', `${server.url}/api/v1`,
    '--header', `Authorization: Bearer ${token}`,
    '--header', `Origin: ${origin}`,
    '--checks',
    [
      'not_a_server_error',
      'status_code_conformance',
      'content_type_conformance',
      'response_headers_conformance',
      'response_schema_conformance',
    ].join(','),
    '--max-examples', MAX_EXAMPLES,
    '--rate-limit', RATE,
    '--workers', '1',
    '--request-timeout', '10',
    '--generation-with-security-parameters', 'false',
    '--report', 'junit',
    '--report-dir', path.join(workDir, 'report'),
    '--no-color',
    ...(SEED === 'random' ? [] : ['--seed', SEED]),
    ...EXTRA,
  ];
  console.log(`schemathesis against ${server.url}/api/v1 (max examples ${MAX_EXAMPLES}, seed ${SEED})`);
  code = await new Promise((resolve) => {
    const child = spawn(BIN, args, {
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
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await server.stop();
}
process.exit(code);

// Starts the ON24 simulator (sim/on24, built by `cargo xtask test`) on a free loopback port.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

import { REPO_ROOT } from './server.mjs';

const BINARY = path.join(REPO_ROOT, 'target', 'debug', 'on24-sim');

/**
 * @returns {Promise<{url: string, base: string, control: Function, stop: Function}>}
 *   `base` is the ON24 API base (`…/v2`) to give the worker as ON24_BASE_URL.
 */
export async function startSim({ credentials = [] } = {}) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build -p on24-sim\` first.`);
  }
  const child = spawn(BINARY, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('on24-sim did not start in 10 s')), 10_000);
    lines.on('line', (line) => {
      const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`on24-sim exited (${code})`)));
  });

  async function control(method, route, body) {
    const res = await fetch(`${url}/__control/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sim control ${method} ${route}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  for (const c of credentials) await control('POST', 'credentials', c);

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  }

  return { url, base: `${url}/v2`, control, stop };
}

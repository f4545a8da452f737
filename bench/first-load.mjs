// The admin SPA's download sizes, as `cargo xtask bench` budgets them (README, Budgets):
// - the first load: everything the browser fetches from Convene's origin to show the
//   sign-in page and then, signed in, the Settings overview (HTML, scripts, style sheet,
//   every WASM piece), measured in Chromium, each response gzipped as a CDN would serve it;
// - the largest page chunk: the biggest `split_*.wasm` that `cargo xtask build` cut out
//   (a lazily loaded page's own code; the small chunks it shares with other pages come
//   beside it).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { launchBrowser } from '../tests/support/browser.mjs';
import { REPO_ROOT, startWorker } from '../tests/support/server.mjs';

/** Gzip bytes of `bytes`, at the level a CDN serves static files with. */
export const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/** The part of the first load a response is: html, js, css or wasm. */
function kind(pathname) {
  const ext = path.extname(pathname);
  return { '.js': 'js', '.css': 'css', '.wasm': 'wasm' }[ext] ?? 'html';
}

/** Gzip bytes of the first load by kind, and the files fetched. */
export async function firstLoad() {
  const server = await startWorker();
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    const bodies = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === server.url && !url.pathname.startsWith('/api/')) {
        bodies.push(response.body().then((body) => ({ path: url.pathname, body })));
      }
    });
    await page.goto(`${server.url}/sign-in`);
    await page.fill('#password', server.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.waitForLoadState('networkidle');
    const parts = { html: 0, js: 0, css: 0, wasm: 0 };
    const files = [];
    for (const { path: pathname, body } of await Promise.all(bodies)) {
      parts[kind(pathname)] += gzipSize(body);
      files.push(pathname);
    }
    return { parts, files };
  } finally {
    await context.close();
    await server.stop();
  }
}

/** The largest lazily loaded page chunk of the build (`dist/pkg/<version>/`): its file name
 * and gzip bytes. */
export function largestPageChunk() {
  const pkg = path.join(REPO_ROOT, 'dist', 'pkg');
  const [version] = fs.readdirSync(pkg);
  const dir = path.join(pkg, version);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('split_') && f.endsWith('.wasm'))
    .map((file) => ({ file, bytes: gzipSize(fs.readFileSync(path.join(dir, file))) }))
    .reduce((a, b) => (b.bytes > a.bytes ? b : a), { file: 'none', bytes: 0 });
}

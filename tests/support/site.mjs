// An event website for browser tests: HTML pages served from a loopback origin of their
// own, so the page's requests to the worker are cross-origin, as on a real site.

import http from 'node:http';

/**
 * Serves `pages[path]()` (read on every request: a page may hold a token issued only once
 * the site's origin is known) on a free loopback port; other paths are 404. A page is its
 * HTML, or `{ body, headers }` to add response headers (a Content-Security-Policy).
 * Resolves to `{ origin, close }`.
 */
export async function serveSite(pages) {
  const srv = http.createServer((req, res) => {
    const page = pages[req.url];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    const served = page();
    const { body, headers } = typeof served === 'string' ? { body: served, headers: {} } : served;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${srv.address().port}`,
    close: () =>
      new Promise((resolve) => {
        srv.closeAllConnections();
        srv.close(resolve);
      }),
  };
}

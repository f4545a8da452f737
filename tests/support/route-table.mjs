// Reads the worker's route table (worker/src/routes/mod.rs) for the admin API's contract
// test: which paths under /api/auth/ and /api/admin/ exist and which methods each accepts,
// so that the OpenAPI document can be compared with the code rather than with a list kept
// by hand.
//
// An arm is a slice pattern (`["events", id, "sessions"] => match method {`): string
// literals are fixed segments, identifiers match any segment. Its methods are those of the
// `allow(&[...])` that answers the others with 405. Two arms name their segments in code,
// and are expanded here from it: the per-event collections (`if custom::kind(collection)
// .is_some()`, the names `custom::kind` accepts) and the web application actions (the
// literals of `(_, "rotate-token" | ...) => Err(allow(&[...]))`).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROUTES = path.join('worker', 'src', 'routes');

/** An arm: `segments` (each `{ literal }` or `{ any: name }`) and its `methods`. */
function parseArm(patternText, body) {
  const segments = patternText.split(',').map((t) => t.trim()).filter(Boolean).map((t) => {
    const literal = t.match(/^"([^"]*)"$/);
    return literal ? { literal: literal[1] } : { any: t };
  });
  const allow = body.match(/allow\(&\[([^\]]*)\]\)/);
  assert.ok(allow, `the arm [${patternText}] answers other methods with allow(&[...])`);
  const methods = [...allow[1].matchAll(/"([A-Z]+)"/g)].map((m) => m[1]).sort();
  return { segments, methods, body };
}

/** The names `custom::kind` accepts (`"speakers" => Some(..)`). */
function customKinds(root) {
  const source = fs.readFileSync(path.join(root, ROUTES, 'custom.rs'), 'utf8');
  const kind = source.match(/pub fn kind\([^)]*\)[^{]*\{([\s\S]*?)\n\}/);
  assert.ok(kind, 'routes/custom.rs has `pub fn kind`');
  const names = [...kind[1].matchAll(/"([^"]+)"\s*=>\s*Some/g)].map((m) => m[1]);
  assert.ok(names.length > 0, 'custom::kind names its collections');
  return names;
}

/**
 * Every route under /api/auth/ and /api/admin/: `{ path: ['admin', 'events', null], methods }`
 * (null for a segment that is any value), in the table's order.
 */
export function adminRoutes(root) {
  const source = fs.readFileSync(path.join(root, ROUTES, 'mod.rs'), 'utf8');
  const armStart = /^\s*\[([^\]\n]*)\](\s+if\s+[^\n]*?)?\s*=>/gm;
  const starts = [...source.matchAll(armStart)];
  assert.ok(starts.length > 20, `found the route table's arms in ${ROUTES}/mod.rs`);
  const routes = [];
  for (const [i, match] of starts.entries()) {
    const end = i + 1 < starts.length ? starts[i + 1].index : source.length;
    const body = source.slice(match.index + match[0].length, end);
    if (match[1].includes('..')) continue; // `["api", "admin", rest @ ..]`: the admin table itself
    const arm = parseArm(match[1], body);
    let segments = arm.segments;
    if (segments[0].literal === 'api') segments = segments.slice(1);
    else segments = [{ literal: 'admin' }, ...segments];
    if (!['auth', 'admin'].includes(segments[0].literal)) continue; // /api/health
    // Expand the segments the code names.
    const guard = match[2] ?? '';
    const kinds = guard.match(/custom::kind\((\w+)\)/);
    const actions = body.match(/match \(method, \*(\w+)\)/);
    const expand = (name, values) =>
      values.map((v) => segments.map((s) => (s.any === name ? { literal: v } : s)));
    let variants = [segments];
    let methods = arm.methods;
    if (kinds) {
      variants = expand(kinds[1], customKinds(root));
    } else if (actions) {
      const line = body.match(/\(_,\s*((?:"[^"]+"\s*\|?\s*)+)\)\s*=>\s*Err\(allow/);
      assert.ok(line, 'the web application actions are listed in one `(_, "a" | "b") => Err(allow(..))`');
      variants = expand(actions[1], [...line[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    } else {
      assert.equal(guard, '', `an arm guard the route table reader does not know: ${guard}`);
    }
    for (const variant of variants) {
      routes.push({ path: variant.map((s) => s.literal ?? null), methods });
    }
  }
  return routes;
}

/**
 * The route a document path template (`/admin/events/{eventId}/sessions`) takes: the first
 * in table order whose segments match, a `{parameter}` only where the route takes any value.
 */
export function routeOf(routes, template) {
  const parts = template.split('/').slice(1).map((p) => (/^\{.+\}$/.test(p) ? null : p));
  return routes.find(
    (r) =>
      r.path.length === parts.length &&
      r.path.every((segment, i) => segment === null || segment === parts[i]),
  );
}

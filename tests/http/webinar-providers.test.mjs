// HTTP integration tests of the webinar providers' admin routes, against the real worker
// under `wrangler dev`: ON24 seeded once (across a restart too), create, read, list,
// update, delete, validation, search, sort and paging. One server for the file; the restart
// test starts its own two.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { UUID, assertError, assertInvalidField, provider } from '../support/errors.mjs';
import { client, startWorker } from '../support/server.mjs';

const PROVIDERS = '/api/admin/webinar-providers';

let server;
/** Signed in as the administrator for the whole file. */
let admin;

before(async () => {
  server = await startWorker();
  admin = client(server);
  const res = await admin.signIn();
  assert.equal(res.status, 200, res.text);
});

after(async () => {
  await server?.stop();
});

const tag = () => randomBytes(4).toString('hex');

const on24Count = (items) => items.filter((p) => p.name.trim().toLowerCase() === 'on24').length;

describe('webinar providers', () => {
  it('ON24 is seeded once with its defaults', async () => {
    const res = await admin.get(PROVIDERS);
    assert.equal(res.status, 200, res.text);
    assert.equal(on24Count(res.body.items), 1, res.text);
    const on24 = res.body.items.find((p) => p.name === 'ON24');
    assert.ok(on24, res.text);
    assert.equal(on24.id, 'on24');
    assert.equal(on24.builtIn, true);
    assert.equal(on24.baseServiceUrl, '');
    assert.equal(on24.maxDurationMinutes, 240);
    for (const key of ['termsOfServiceUrl', 'privacyPolicyUrl']) {
      assert.equal(new URL(on24[key]).protocol, 'https:', key);
    }
    assert.ok(!Number.isNaN(Date.parse(on24.createdAt)), on24.createdAt);

    const one = await admin.get(`${PROVIDERS}/on24`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, on24);
  });

  it('create, read, list, update, delete', async () => {
    const name = `Acme CRUD ${tag()}`;
    const created = await admin.post(PROVIDERS, provider({ name: `  ${name}  ` }));
    assert.equal(created.status, 201, created.text);
    const p = created.body;
    assert.match(p.id, UUID);
    assert.equal(p.name, name, 'name is trimmed');
    assert.equal(p.builtIn, false);
    assert.equal(p.maxDurationMinutes, 90);
    assert.equal(p.baseServiceUrl, 'https://api.acme.example/v1');
    assert.equal(p.createdAt, p.updatedAt);

    const got = await admin.get(`${PROVIDERS}/${p.id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.body, p);

    const list = await admin.get(`${PROVIDERS}?pageSize=100`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.find((x) => x.id === p.id),
      p,
    );

    await new Promise((r) => setTimeout(r, 5)); // timestamps have millisecond resolution
    const renamed = `${name} Renamed`;
    const updated = await admin.put(
      `${PROVIDERS}/${p.id}`,
      provider({ name: `\t${renamed} `, maxDurationMinutes: 1440, baseServiceUrl: '' }),
    );
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.id, p.id);
    assert.equal(updated.body.name, renamed, 'name is trimmed');
    assert.equal(updated.body.maxDurationMinutes, 1440);
    assert.equal(updated.body.baseServiceUrl, '');
    assert.equal(updated.body.builtIn, false);
    assert.equal(updated.body.createdAt, p.createdAt);
    assert.notEqual(updated.body.updatedAt, p.updatedAt, 'updatedAt changes');
    assert.ok(Date.parse(updated.body.updatedAt) > Date.parse(p.updatedAt));
    assert.deepEqual((await admin.get(`${PROVIDERS}/${p.id}`)).body, updated.body);

    const deleted = await admin.del(`${PROVIDERS}/${p.id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(deleted.text, '');
    assertError(await admin.get(`${PROVIDERS}/${p.id}`), 404, 'not_found');
    assertError(await admin.del(`${PROVIDERS}/${p.id}`), 404, 'not_found');
  });

  describe('invalid input is 400 validation_failed naming the field', () => {
    const cases = [
      ['empty name', { name: '' }, 'name'],
      ['blank name', { name: '   \t ' }, 'name'],
      ['101-character name', { name: 'x'.repeat(101) }, 'name'],
      ['name of another provider in other case', { name: 'on24' }, 'name'],
      ['name given as a number', { name: 5 }, 'name'],
      ['http terms URL', { termsOfServiceUrl: 'http://acme.example/terms' }, 'termsOfServiceUrl'],
      ['javascript: privacy URL', { privacyPolicyUrl: 'javascript:alert(1)' }, 'privacyPolicyUrl'],
      ['duration 0', { maxDurationMinutes: 0 }, 'maxDurationMinutes'],
      ['duration 1441', { maxDurationMinutes: 1441 }, 'maxDurationMinutes'],
      ['duration 12.5', { maxDurationMinutes: 12.5 }, 'maxDurationMinutes'],
      ['duration "sixty"', { maxDurationMinutes: 'sixty' }, 'maxDurationMinutes'],
      ['http base URL', { baseServiceUrl: 'http://api.acme.example' }, 'baseServiceUrl'],
      ['non-ASCII base URL', { baseServiceUrl: 'https://bücher.example/v1' }, 'baseServiceUrl'],
    ];
    for (const [label, over, field] of cases) {
      it(label, async () => {
        const body = provider(over);
        assertInvalidField(await admin.post(PROVIDERS, body), field);
        // Nothing was created under that name.
        if (typeof body.name === 'string' && body.name.trim() && body.name !== 'on24') {
          const found = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(body.name)}`);
          assert.equal(found.body.total, 0, found.text);
        }
      });
    }

    it('an update is checked the same way (and may keep its own name)', async () => {
      const created = await admin.post(PROVIDERS, provider());
      assert.equal(created.status, 201, created.text);
      const url = `${PROVIDERS}/${created.body.id}`;
      assertInvalidField(await admin.put(url, provider({ name: 'ON24' })), 'name');
      assertInvalidField(
        await admin.put(url, provider({ name: created.body.name, maxDurationMinutes: null })),
        'maxDurationMinutes',
      );
      const same = await admin.put(url, provider({ name: created.body.name.toUpperCase() }));
      assert.equal(same.status, 200, same.text);
      assert.equal((await admin.del(url)).status, 204);
    });
  });

  it('an unknown provider id is 404 not_found for GET, PUT and DELETE', async () => {
    const url = `${PROVIDERS}/00000000-0000-4000-8000-000000000000`;
    assertError(await admin.get(url), 404, 'not_found');
    assertError(await admin.put(url, provider()), 404, 'not_found');
    assertError(await admin.del(url), 404, 'not_found');
  });

  it('ON24 cannot be deleted (409 conflict) but can be edited', async () => {
    const error = assertError(await admin.del(`${PROVIDERS}/on24`), 409, 'conflict');
    assert.match(error.message, /ON24/);
    const before = (await admin.get(`${PROVIDERS}/on24`)).body;
    assert.equal(before.builtIn, true);

    const edited = await admin.put(`${PROVIDERS}/on24`, {
      ...provider(),
      name: 'ON24',
      baseServiceUrl: '',
      maxDurationMinutes: 300,
      termsOfServiceUrl: before.termsOfServiceUrl,
      privacyPolicyUrl: before.privacyPolicyUrl,
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.maxDurationMinutes, 300);
    assert.equal(edited.body.builtIn, true, 'still built in after an edit');
    const restored = await admin.put(`${PROVIDERS}/on24`, {
      name: before.name,
      baseServiceUrl: before.baseServiceUrl,
      maxDurationMinutes: before.maxDurationMinutes,
      termsOfServiceUrl: before.termsOfServiceUrl,
      privacyPolicyUrl: before.privacyPolicyUrl,
    });
    assert.equal(restored.status, 200, restored.text);
    assert.equal(restored.body.maxDurationMinutes, 240);
  });

  it('search, sort and paging', async () => {
    const prefix = `Sortable ${tag()}`;
    const marker = `marker-${tag()}`;
    for (const [suffix, minutes, base] of [
      ['Gamma', 120, ''],
      ['Alpha', 30, `https://${marker}.example/api`],
      ['Beta', 600, ''],
    ]) {
      const res = await admin.post(
        PROVIDERS,
        provider({ name: `${prefix} ${suffix}`, maxDurationMinutes: minutes, baseServiceUrl: base }),
      );
      assert.equal(res.status, 201, res.text);
    }
    const names = (res) => res.body.items.map((p) => p.name.slice(prefix.length + 1));
    const q = `q=${encodeURIComponent(prefix.toLowerCase())}`;

    const all = await admin.get(`${PROVIDERS}?${q}`);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(Object.keys(all.body).sort(), ['items', 'page', 'pageSize', 'total']);
    assert.equal(all.body.total, 3);
    assert.equal(all.body.page, 1);
    assert.equal(all.body.pageSize, 25);
    assert.deepEqual(names(all), ['Alpha', 'Beta', 'Gamma'], 'default sort is by name');

    const byDuration = await admin.get(`${PROVIDERS}?${q}&sort=maxDurationMinutes&desc=1`);
    assert.deepEqual(names(byDuration), ['Beta', 'Gamma', 'Alpha']);
    const byDurationAsc = await admin.get(`${PROVIDERS}?${q}&sort=maxDurationMinutes`);
    assert.deepEqual(names(byDurationAsc), ['Alpha', 'Gamma', 'Beta']);

    const page2 = await admin.get(`${PROVIDERS}?${q}&page=2&pageSize=1`);
    assert.equal(page2.status, 200);
    assert.deepEqual(
      { total: page2.body.total, page: page2.body.page, pageSize: page2.body.pageSize },
      { total: 3, page: 2, pageSize: 1 },
    );
    assert.deepEqual(names(page2), ['Beta']);

    const beyond = await admin.get(`${PROVIDERS}?${q}&page=9&pageSize=1`);
    assert.deepEqual(beyond.body.items, []);
    assert.equal(beyond.body.total, 3);

    const capped = await admin.get(`${PROVIDERS}?${q}&pageSize=500`);
    assert.equal(capped.body.pageSize, 100);

    // The search also looks at the base service URL.
    const byUrl = await admin.get(`${PROVIDERS}?q=${marker.toUpperCase()}`);
    assert.deepEqual(names(byUrl), ['Alpha']);

    const none = await admin.get(`${PROVIDERS}?q=${tag()}-nothing-matches`);
    assert.deepEqual(none.body, { items: [], total: 0, page: 1, pageSize: 25 });

    for (const p of all.body.items) {
      assert.equal((await admin.del(`${PROVIDERS}/${p.id}`)).status, 204);
    }
  });

  it('search ignores case beyond ASCII (the host lower-cases it)', async () => {
    const name = `Été Σοφία ${tag()}`;
    const created = await admin.post(PROVIDERS, provider({ name }));
    assert.equal(created.status, 201, created.text);
    const upper = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(name.toUpperCase())}`);
    assert.deepEqual(upper.body.items.map((p) => p.name), [name]);
    const unaccented = await admin.get(`${PROVIDERS}?q=${encodeURIComponent(`Ete ${name.slice(4)}`)}`);
    assert.equal(unaccented.body.total, 0, 'case only: accents still count');
    assert.equal((await admin.del(`${PROVIDERS}/${created.body.id}`)).status, 204);
  });
});

describe('ON24 is seeded exactly once, across a restart', () => {
  it('concurrent first requests, then a restart on the same state', async () => {
    const persistDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-state-'));
    const first = await startWorker({ persistDir });
    let second;
    try {
      const c1 = client(first);
      assert.equal((await c1.signIn()).status, 200);
      const lists = await Promise.all(Array.from({ length: 10 }, () => c1.get(PROVIDERS)));
      for (const res of lists) {
        assert.equal(res.status, 200, res.text);
        assert.equal(on24Count(res.body.items), 1, res.text);
      }
      const custom = await c1.post(PROVIDERS, provider({ name: 'Survives Restart' }));
      assert.equal(custom.status, 201, custom.text);
      await first.stop();

      second = await startWorker({ persistDir, password: first.password });
      const c2 = client(second);
      assert.equal((await c2.signIn()).status, 200);
      const res = await c2.get(PROVIDERS);
      assert.equal(res.status, 200, res.text);
      assert.equal(on24Count(res.body.items), 1, res.text);
      assert.equal(res.body.total, 2, res.text);
      assert.deepEqual(
        res.body.items.find((p) => p.id === custom.body.id),
        custom.body,
      );
    } finally {
      await first.stop();
      await second?.stop();
      fs.rmSync(persistDir, { recursive: true, force: true });
    }
  });
});

// Checks live answers against an OpenAPI 3.1 document: shared by the contract tests of the
// public Events API (tests/http/openapi.test.mjs) and of the admin API
// (tests/http/openapi-admin.test.mjs).

import assert from 'node:assert/strict';

import Ajv2020 from 'ajv/dist/2020.js';

/** A JSON pointer fragment for `tokens`, escaped for a URI. */
const pointer = (tokens) =>
  '#' + tokens.map((t) => '/' + encodeURIComponent(String(t).replace(/~/g, '~0').replace(/\//g, '~1'))).join('');

/**
 * The checks for one document. `id` is any absolute URI to register the document under (its
 * schemas are compiled by reference to it, so their `$ref`s resolve).
 *
 * `conforms(res, method, template)` asserts that `res` ({ status, headers, body, text }) is
 * what the document says `method template` answers with that status: the status is
 * documented, the content type and body (JSON parsed, any other type as text) are valid
 * against its schema, a response documented without content has an empty body, and every
 * required response header is present and valid. Returns the parsed body.
 *
 * `deref(node)` follows a local `$ref`: `{ node, tokens }` (`tokens` null if there was none).
 */
export function contract(doc, id) {
  // OpenAPI's own keywords (example, ...) are not JSON Schema: strict mode off.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, id);
  const validators = new Map();

  function deref(node) {
    let tokens = null;
    while (node && node.$ref) {
      assert.match(node.$ref, /^#\//, `only local $refs: ${node.$ref}`);
      tokens = node.$ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
      node = tokens.reduce((n, t) => n?.[t], doc);
      assert.ok(node, `unresolved ${tokens.join('/')}`);
    }
    return { node, tokens };
  }

  function validatorAt(tokens) {
    const key = pointer(tokens);
    if (!validators.has(key)) validators.set(key, ajv.compile({ $ref: id + key }));
    return validators.get(key);
  }

  function conforms(res, method, template) {
    const operation = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is documented`);
    const documented = operation.responses[String(res.status)];
    assert.ok(
      documented,
      `${method} ${template} answered ${res.status}, which is not documented (${res.text})`,
    );
    const { node: response, tokens } = deref(documented);
    const base = tokens ?? ['paths', template, method.toLowerCase(), 'responses', String(res.status)];
    const [mediaType] = Object.keys(response.content ?? {});
    if (mediaType === undefined) {
      assert.equal(res.text, '', `${method} ${template} ${res.status} has no body`);
    } else {
      const type = res.headers.get('content-type') ?? '';
      assert.ok(type.startsWith(mediaType), `${res.status} is ${mediaType}, not ${type}`);
      const validate = validatorAt([...base, 'content', mediaType, 'schema']);
      const valid = validate(mediaType === 'application/json' ? res.body : res.text);
      assert.ok(
        valid,
        `${method} ${template} ${res.status}: the body breaks the schema:\n` +
          `${JSON.stringify(validate.errors, null, 2)}\nbody: ${res.text}`,
      );
    }
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const { node: spec, tokens: headerTokens } = deref(header);
      const value = res.headers.get(name);
      if (value === null) {
        assert.ok(!spec.required, `${res.status} carries the required header ${name}`);
        continue;
      }
      const parsed = spec.schema?.type === 'integer' ? Number(value) : value;
      const schemaAt = headerTokens
        ? [...headerTokens, 'schema']
        : [...base, 'headers', name, 'schema'];
      const check = validatorAt(schemaAt);
      assert.ok(check(parsed), `header ${name}: ${value}: ${JSON.stringify(check.errors)}`);
    }
    return res.body;
  }

  return { conforms, deref };
}

// Checks an AsyncAPI document (make test-contracts; usage: node check.mjs <asyncapi.yaml>), printing every finding
// and exiting non-zero on any error:
//   1. @asyncapi/parser parses it with every $ref resolved (the JSON Schemas of config/schemas included) and its
//      ruleset applied: any diagnostic of error severity fails. Payloads in
//      application/schema+json;version=draft-2020-12 (the format of config/schemas, which the parser does not know)
//      are checked against the JSON Schema 2020-12 meta-schema by the schema parser registered below.
//   2. Every channel has at least one example message, every example's payload and headers are valid against the
//      schemas its message declares, and every message's Kafka key schema has examples that are valid against it
//      (AsyncAPI 3.0 message examples have no place for the key); the JSON Schema files are read as they are on disk.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DiagnosticSeverity, Parser, fromFile } from '@asyncapi/parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

const DRAFT_2020_12 = 'application/schema+json;version=draft-2020-12';

function newAjv() {
  // Unknown keywords and formats fail (a misspelt keyword would otherwise check nothing); ajv's style rules that
  // valid 2020-12 schemas of config/schemas break (const without a type, a one-item prefixItems with open items,
  // if/then requiring a property defined beside them) do not.
  const ajv = new Ajv2020({
    allErrors: true, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false,
  });
  addFormats(ajv);
  // The integer formats of the AsyncAPI (OpenAPI) vocabulary, used by the inline header schemas.
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  return ajv;
}

/** The schema format of config/schemas: each payload schema must be a valid JSON Schema 2020-12. */
const jsonSchema202012 = {
  getMimeTypes: () => [DRAFT_2020_12],
  async validate(input) {
    const ajv = newAjv();
    if (ajv.validateSchema(input.data)) {
      return [];
    }
    return ajv.errors.map((e) => ({ message: `not a JSON Schema 2020-12: ${e.instancePath} ${e.message}`, path: input.path }));
  },
  async parse(input) {
    return input.data;
  },
};

const file = process.argv[2];
if (!file) {
  console.error('usage: node check.mjs <asyncapi.yaml>');
  process.exit(2);
}
const path = resolve(file);
const severities = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

// 1. The parser.
const parser = new Parser({ schemaParsers: [jsonSchema202012] });
const { document, diagnostics } = await fromFile(parser, path).parse();
for (const d of diagnostics) {
  const where = d.path && d.path.length ? d.path.join('.') : '(document)';
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  console.log(`${severities[d.severity] ?? d.severity} ${d.code} at ${where} (${d.source ?? path}${line}): ${d.message}`);
}
const parserErrors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
if (parserErrors > 0 || !document) {
  console.error(`${path}: ${parserErrors} error(s) from @asyncapi/parser`);
  process.exit(1);
}

// 2. The examples, against the document as written (its YAML, the schema files read from disk by their $id).
const raw = parseYaml(readFileSync(path, 'utf8'), { maxAliasCount: -1 });
const ajv = newAjv();
const loadedFiles = new Map();
const problems = [];

function pointer(root, fragment) {
  return fragment.replace(/^#\/?/, '').split('/').filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, part) => (node === undefined ? undefined : node[part]), root);
}

/** A schema file referenced from the document: added to ajv under its $id, which the rewritten $ref names. */
function schemaFileId(relative) {
  const absolute = resolve(dirname(path), relative);
  if (!loadedFiles.has(absolute)) {
    const schema = JSON.parse(readFileSync(absolute, 'utf8'));
    if (!schema.$id) {
      throw new Error(`${absolute} has no $id`);
    }
    for (const sibling of referencedFiles(schema)) {
      schemaFileId(resolve(dirname(absolute), sibling));
    }
    if (!ajv.getSchema(schema.$id)) {
      ajv.addSchema(schema);
    }
    loadedFiles.set(absolute, schema.$id);
  }
  return loadedFiles.get(absolute);
}

function referencedFiles(node, found = new Set()) {
  if (Array.isArray(node)) {
    node.forEach((item) => referencedFiles(item, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        found.add(value.split('#')[0]);
      } else {
        referencedFiles(value, found);
      }
    }
  }
  return found;
}

/** A node of the document with its local $refs inlined and its file $refs pointed at the files' $ids. */
function resolved(node, seen = []) {
  if (Array.isArray(node)) {
    return node.map((item) => resolved(item, seen));
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  if (typeof node.$ref === 'string') {
    if (node.$ref.startsWith('#')) {
      if (seen.includes(node.$ref)) {
        throw new Error(`circular $ref ${node.$ref}`);
      }
      const target = pointer(raw, node.$ref);
      if (target === undefined) {
        throw new Error(`dangling $ref ${node.$ref}`);
      }
      return resolved(target, [...seen, node.$ref]);
    }
    const [relative, fragment] = node.$ref.split('#');
    return { $ref: schemaFileId(relative) + (fragment ? `#${fragment}` : '') };
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolved(value, seen)]));
}

function check(what, schema, value) {
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    problems.push(`${what}: its schema does not compile: ${e.message}`);
    return;
  }
  if (!validate(value)) {
    for (const e of validate.errors) {
      problems.push(`${what}: ${e.instancePath || '(root)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`);
    }
  }
}

let examples = 0;
for (const [channelId, channel] of Object.entries(raw.channels ?? {})) {
  let channelExamples = 0;
  for (const [messageId, reference] of Object.entries(channel.messages ?? {})) {
    let message;
    try {
      message = resolved(reference);
    } catch (e) {
      problems.push(`channel ${channelId}, message ${messageId}: ${e.message}`);
      continue;
    }
    const payload = message.payload && message.payload.schemaFormat ? message.payload.schema : message.payload;
    const key = message.bindings?.kafka?.key;
    if (key) {
      const keyExamples = key.examples ?? pointer(key, '#/allOf/0')?.examples ?? [];
      if (keyExamples.length === 0) {
        problems.push(`channel ${channelId}, message ${messageId}: its Kafka key schema has no examples`);
      }
      keyExamples.forEach((value) => check(`channel ${channelId}, message ${messageId}, key example ${value}`, key, value));
    }
    for (const [index, example] of (message.examples ?? []).entries()) {
      const what = `channel ${channelId}, message ${messageId}, example ${example.name ?? index}`;
      channelExamples++;
      examples++;
      if (!('payload' in example)) {
        problems.push(`${what}: has no payload`);
      } else if (payload === undefined) {
        problems.push(`${what}: its message has no payload schema`);
      } else {
        check(`${what}, payload`, payload, example.payload);
      }
      if (message.headers) {
        check(`${what}, headers`, message.headers, example.headers ?? {});
      } else if (example.headers) {
        problems.push(`${what}: has headers, its message declares none`);
      }
    }
  }
  if (channelExamples === 0) {
    problems.push(`channel ${channelId}: no message has an example`);
  }
}

for (const problem of problems) {
  console.log(`error example ${problem}`);
}
if (problems.length > 0) {
  console.error(`${path}: ${problems.length} error(s) in the examples`);
  process.exit(1);
}
console.log(`${path}: valid AsyncAPI ${document.version()}: ${document.channels().length} channels, `
  + `${document.operations().length} operations, ${document.messages().length} messages, ${examples} examples valid `
  + `against their key, header and value schemas (${diagnostics.length} parser notes, none an error)`);

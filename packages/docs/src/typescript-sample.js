// The TypeScript sample of an operation, generated from its example as a call through @feishu-hire/client: the
// method of its resource's namespace (`client.externalInterviews.create({...})`, named by the spec's resource model,
// as the client's generator names it), or `client.request(<operation constant>, {...})` for an operation of no
// resource. The body is the operation's first request example, the ids and filters its parameters' examples; enum
// values are written as the client's constants (`ParticipateStatus.Participated`). A spec's own TypeScript sample
// wins (see docs-view.js). The docs tests compile every sample against the built client.
import { clientMethodsOf, deref, filterKey } from '@feishu-hire/spec/model';

/** The label of the TypeScript samples (the spec's and the generated). */
export const TYPESCRIPT_LABEL = 'TypeScript (@feishu-hire/client)';

/** How errors name an operation: `operation <operationId> (<METHOD> <path>)`. */
const named = (op) => `operation ${op.operationId} (${op.method} ${op.path})`;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const COMPONENT = '#/components/schemas/';

/** A string as a single-quoted TypeScript literal. */
const quote = (text) => `'${JSON.stringify(text).slice(1, -1).replaceAll("\\'", "'").replaceAll("'", "\\'")}'`;

/**
 * Writes values as TypeScript: objects one property a line, keys bare where they can be, enum values of a component
 * with `x-enum-varnames` as the client's constant (`Conclusion.Pass`), whose name it adds to `imports`.
 */
class LiteralWriter {
  constructor(doc, imports) {
    this.doc = doc;
    this.imports = imports;
  }

  /** `value` as TypeScript, indented by `indent`, read along `schema` (a node of the spec, refs followed here). */
  write(value, schema, indent = '') {
    const constant = this.enumConstant(value, schema);
    if (constant) return constant;
    const node = this.resolve(schema);
    if (Array.isArray(value)) {
      const items = value.map((item) => this.write(item, node.items, `${indent}  `));
      return items.every((item) => !item.includes('\n')) && items.join(', ').length < 60 ? `[${items.join(', ')}]` : `[\n${items.map((i) => `${indent}  ${i},\n`).join('')}${indent}]`;
    }
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).map(([key, item]) => `${IDENTIFIER.test(key) ? key : quote(key)}: ${this.write(item, node.properties?.[key], `${indent}  `)}`);
      if (entries.length === 0) return '{}';
      if (entries.every((e) => !e.includes('\n')) && entries.join(', ').length < 60) return `{ ${entries.join(', ')} }`;
      return `{\n${entries.map((e) => `${indent}  ${e},\n`).join('')}${indent}}`;
    }
    return typeof value === 'string' ? quote(value) : JSON.stringify(value);
  }

  /** The client's constant for an enum value (`ParticipateStatus.Participated`), or undefined. */
  enumConstant(value, schema) {
    const ref = typeof schema?.$ref === 'string' && schema.$ref.startsWith(COMPONENT) ? schema.$ref.slice(COMPONENT.length) : undefined;
    const node = this.resolve(schema);
    const index = Array.isArray(node.enum) ? node.enum.indexOf(value) : -1;
    const name = node['x-enum-varnames']?.[index];
    if (!ref || index < 0 || !name) return ref && node.$ref ? this.enumConstant(value, node) : undefined;
    this.imports.add(ref);
    return `${ref}.${name}`;
  }

  /** A schema with its refs followed and its allOf parts' properties merged. */
  resolve(schema) {
    const node = deref(this.doc, schema ?? {});
    if (!node.allOf) return node;
    const parts = node.allOf.map((part) => this.resolve(part));
    return { ...node, properties: Object.assign({}, ...parts.map((p) => p.properties), node.properties) };
  }
}

/** The example of a parameter; throws naming the operation when it has none. */
function exampleOf(op, param) {
  const value = param?.example ?? param?.schema?.example ?? param?.schema?.examples?.[0];
  if (value === undefined) throw new Error(`docsView: ${named(op)}: ${param?.in ?? 'path'} parameter ${param?.name} has no example to build the TypeScript sample from`);
  return value;
}

/** The first request example of an operation; throws naming it when it has a body but no example. */
function bodyExample(op) {
  if (!op.requestBody) return undefined;
  const [example] = Object.values(op.requestBody.examples);
  if (example === undefined && op.requestBody.required) throw new Error(`docsView: ${named(op)} has a request body but no example to build the TypeScript sample from`);
  return example;
}

/** The filter object of a list call, from the examples: the id list of the request example, else the parent's example. */
function listFilter(op, body) {
  const filters = Object.entries(op.resource.filters ?? {});
  const valueOf = ([, f]) => (f.in === 'body' ? body?.[f.name] : op.parameters.query.find((p) => p.name === f.name)?.example);
  // Of two filters (exactly one is sent), the one the request example shows, else the one with a parameter example.
  const shown = (entry) => (entry[1].in === 'body' ? 0 : 1);
  const given = filters.filter((entry) => valueOf(entry) !== undefined).sort((a, b) => shown(a) - shown(b));
  const chosen = filters.length === 2 ? given.slice(0, 1) : filters;
  if (filters.length === 2 && chosen.length === 0) throw new Error(`docsView: ${named(op)}: no example gives a value of its filters (${filters.map(([, f]) => f.name).join(', ')}) to build the TypeScript sample from`);
  return Object.fromEntries(chosen.map((entry) => {
    const [kind, f] = entry;
    const value = valueOf(entry) ?? (f.in === 'query' ? exampleOf(op, op.parameters.query.find((p) => p.name === f.name)) : undefined);
    if (value === undefined) throw new Error(`docsView: ${named(op)}: its request example has no ${f.name} (x-feishu-filters.${kind}) to build the TypeScript sample from`);
    return [filterKey(kind, f), value];
  }));
}

/** The call of the namespace method `method` (a `clientMethodsOf` entry) for `op`, with its example arguments. */
function namespaceCall(op, resource, method, write) {
  const target = `client.${resource.namespace}.${method.method}`;
  const id = () => quote(String(exampleOf(op, op.parameters.path.find((p) => p.name === resource.idParameter))));
  const body = () => write(bodyExample(op), op.requestBody?.schema);
  switch (method.method) {
    case 'create':
      return `const created = await ${target}(${body()});\nconsole.log(created);\n`;
    case 'update':
    case 'patch':
      return `const stored = await ${target}(${id()}, ${body()});\nconsole.log(stored);\n`;
    case 'delete':
      return `await ${target}(${id()});\n`;
    case 'get':
      return `const record = await ${target}(${id()});\nconsole.log(record);\n`;
    default: {
      const filter = write(listFilter(op, bodyExample(op)), undefined);
      if (resource.paged) return `// Every page: the client follows page_token for you.\nfor await (const item of ${target}(${filter})) {\n  console.log(item);\n}\n`;
      return `const items = await ${target}(${filter});\nconsole.log(items);\n`;
    }
  }
}

/** `client.request(<constant>, { path, query, body })` from the required parameters' examples and the request example. */
function requestCall(op, write, imports) {
  imports.add(op.operationId);
  const input = {};
  for (const where of ['path', 'query']) {
    const required = op.parameters[where].filter((p) => p.required);
    if (required.length) input[where] = Object.fromEntries(required.map((p) => [p.name, exampleOf(op, p)]));
  }
  const body = bodyExample(op);
  if (body !== undefined) input.body = body;
  const args = Object.keys(input).length ? `, ${write(input, { type: 'object', properties: { body: op.requestBody?.schema } })}` : '';
  return `const data = await client.request(${op.operationId}${args});\nconsole.log(data);\n`;
}

/** The method of its resource's namespace that calls `op` (its role's; a list's `list`, not `get` or `listPage`). */
function methodOf(op, resource, operations) {
  return clientMethodsOf(resource, operations).find((m) => m.operationId === op.operationId && !m.byIds && !m.page && !m.fullOverwrite);
}

/**
 * The generated TypeScript sample of `op` (of the model of `doc`), a program: imports, a client from the app's
 * credentials, the call with the operation's examples. Throws naming the operation when an example it needs is missing.
 */
export function typescriptSample(doc, op, operations, resources) {
  const imports = new Set();
  const writer = new LiteralWriter(doc, imports);
  const write = (value, schema, indent) => writer.write(value, schema, indent);
  const resource = resources.find((r) => r.name === op.resource?.name);
  const method = resource && methodOf(op, resource, operations);
  const call = method ? namespaceCall(op, resource, method, write) : requestCall(op, write, imports);
  const names = ['createHireClient', ...imports].sort();
  return [
    `import { ${names.join(', ')} } from '@feishu-hire/client';`,
    '',
    "// A self-built app's credentials; the client fetches and refreshes the tenant_access_token itself.",
    'const client = createHireClient({',
    '  auth: { appId: process.env.FEISHU_APP_ID!, appSecret: process.env.FEISHU_APP_SECRET! },',
    '});',
    '',
    call,
  ].join('\n');
}

// The spec as the page renders it, built from @feishu-hire/spec's operations model: every operation's description
// also states its rate limit and holds its error table (Redoc shows neither vendor extension), and every operation
// gets a curl sample generated from the model unless the spec has its own, and a TypeScript sample generated from its
// example through the client's namespaces (src/typescript-sample.js) unless the spec has its own. The landing (info description) opens with a list of every operation, grouped as the
// sidebar groups them, linking to each; the spec's cautions (blockquotes that open with a bold sentence) become
// warning callouts; an overwriting operation's warning points to the client's way around the overwrite.
import { expandPath, operationsOf } from '@feishu-hire/spec/operations';
import { clientMethodsOf, resourcesOf } from '@feishu-hire/spec/model';
import { TYPESCRIPT_LABEL, typescriptSample } from './typescript-sample.js';

/** The x-codeSamples language every operation has a sample in: the spec's, or one generated from its example. */
export const REQUIRED_SAMPLE_LANG = 'TypeScript';
/** Label of the curl sample (the spec's own, or the generated one). */
export const CURL_LABEL = 'curl';
/** Heading of the error table in each operation's description. */
export const ERRORS_HEADING = '### Errors (错误码)';

const PERIOD_ZH = Object.freeze({ second: '秒', minute: '分钟', hour: '小时' });
const BASIS_TEXT = Object.freeze({ source: 'stated by the source', assumption: 'an assumption' });

/** The sentence stating an operation's rate limit (`op.rateLimit`) and what it rests on. */
export function rateLimitText({ requests, per, basis }) {
  if (basis === 'unknown') return 'Rate limit (接口频率限制): No source states a rate limit for this endpoint.';
  return `Rate limit (接口频率限制): ${requests} requests/${per} (${requests} 次/${PERIOD_ZH[per]}), ${BASIS_TEXT[basis]}.`;
}

/** One markdown table cell: on one line, pipes escaped. */
const cell = (value) => String(value).replace(/\s+/g, ' ').trim().replaceAll('|', '\\|');

/** The markdown error table (HTTP | code | msg | meaning | what to do) of an operation's `errorCodes`. */
export function errorTable(entries) {
  if (entries.length === 0) return 'This operation names no error codes.';
  const rows = entries.map((e) => {
    const meaning = e.basis === 'assumption' ? `${e.meaning} (Assumption: no source used here states this code.)` : e.meaning;
    return `| ${[e.http_status, e.code, e.msg, meaning, e.action].map(cell).join(' | ')} |`;
  });
  return ['| HTTP | code | msg | meaning | what to do |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The description with the operation's rate limit and error table appended (once). */
function describedWith(description = '', op) {
  const added = `\n\n${rateLimitText(op.rateLimit)}\n\n${ERRORS_HEADING}\n\n${errorTable(op.errorCodes)}\n`;
  // Already there as the view wrote it (its cells spaced: see spacedCells).
  return description.includes(spacedCells(added)) ? description : `${description.trimEnd()}${added}`;
}

/** How errors name an operation: `operation <operationId> (<METHOD> <path>)`. */
const named = (op) => `operation ${op.operationId} (${op.method} ${op.path})`;

/** A string as one single-quoted shell word. */
const shellQuote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The example value of a required parameter; throws naming the operation when it has none. */
function exampleOf(op, param) {
  const value = param.example ?? param.schema.example ?? param.schema.examples?.[0];
  if (value === undefined) {
    throw new Error(`docsView: ${named(op)}: ${param.in} parameter ${param.name} has no example to build the curl sample from`);
  }
  return value;
}

/**
 * `[name, example]` of the required parameters (a required one without an example is an error). Optional ones stay
 * out of the sample, which is the smallest request that works: an optional example may not suit a first request (the
 * batch query's `page_token` example is a token of another query). The page lists them with their examples.
 */
function examplesOf(op, params) {
  return params.filter((p) => p.required).map((p) => [p.name, exampleOf(op, p)]);
}

/** The example URL of an operation: required path and query parameters' examples in the path and the query. */
function exampleUrl(serverUrl, op) {
  const path = expandPath(op.path, Object.fromEntries(examplesOf(op, op.parameters.path)));
  const query = new URLSearchParams(examplesOf(op, op.parameters.query).map(([name, value]) => [name, String(value)])).toString();
  return `${serverUrl.replace(/\/$/, '')}${path}${query ? `?${query}` : ''}`;
}

/** The first request example of an operation with a body; throws naming the operation when there is none. */
function exampleBody(op) {
  const [example] = Object.values(op.requestBody.examples);
  if (example === undefined) throw new Error(`docsView: ${named(op)} has a request body but no example to build the curl sample from`);
  return example;
}

/** The shell variable a bearer token is read from, named after the scheme's bearerFormat (`$TENANT_ACCESS_TOKEN`). */
const tokenVariable = (scheme) => (scheme.bearerFormat ?? 'token').toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** A curl command for the operation, from the model: method, example URL, required headers and the first request example. */
export function curlSample(serverUrl, op) {
  const parts = [`curl -X ${op.method} ${shellQuote(exampleUrl(serverUrl, op))}`];
  const bearer = op.security.find((s) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer');
  if (bearer) parts.push(`-H "Authorization: Bearer $${tokenVariable(bearer)}"`);
  for (const [name, value] of examplesOf(op, op.parameters.header)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (op.requestBody) {
    parts.push(`-H ${shellQuote(`Content-Type: ${op.requestBody.mediaType}`)}`);
    parts.push(`-d ${shellQuote(JSON.stringify(exampleBody(op), null, 2).replaceAll('\n', '\n  '))}`);
  }
  return `${parts.join(' \\\n  ')}\n`;
}

/**
 * The operation's x-codeSamples for the page: its own, a generated curl first when it has none, and its TypeScript
 * sample generated by `typescript()` when it has none.
 */
function codeSamplesOf(serverUrl, op, typescript) {
  const own = op.extensions['x-codeSamples'] ?? [];
  const samples = own.some((s) => s.lang === REQUIRED_SAMPLE_LANG) ? own : [...own, { lang: REQUIRED_SAMPLE_LANG, label: TYPESCRIPT_LABEL, source: typescript() }];
  if (samples.some((s) => s.label === CURL_LABEL)) return samples;
  return [{ lang: 'Shell', label: CURL_LABEL, source: curlSample(serverUrl, op) }, ...samples];
}

/** The operation object of the view that the model's `op` was read from (the path item must not be a $ref). */
function operationNode(view, op) {
  const node = view.paths[op.path]?.[op.method.toLowerCase()];
  if (!node) throw new Error(`docsView: path item ${op.path} is a $ref; build the page from the bundled spec`);
  return node;
}

/** Class of the warning callouts (styled in template.hbs). */
export const CALLOUT_CLASS = 'warning-callout';
/** A blockquote's first line when it opens with a bold sentence: one of the spec's cautions. */
const CAUTION = /^> ?\*\*/;

/**
 * The description with every caution of the spec (a blockquote whose first line opens with a bold sentence, like
 * `> **Warning — full overwrite.** …`) turned into a warning callout: a `<div class="warning-callout" role="note">`
 * around the same markdown, so Redoc renders it as markdown inside a box the page styles as a warning (a plain
 * blockquote renders as a grey quote). `extra(body)` gives HTML to append inside the callout of that markdown body.
 */
export function withCallouts(description = '', extra = () => '') {
  const lines = description.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (!CAUTION.test(lines[i]) || (i > 0 && lines[i - 1].startsWith('>'))) {
      out.push(lines[i]);
      continue;
    }
    const body = [];
    for (; i < lines.length && lines[i].startsWith('>'); i++) body.push(lines[i].replace(/^> ?/, ''));
    i--;
    const added = extra(body.join('\n'));
    out.push(`<div class="${CALLOUT_CLASS}" role="note">`, '', ...body, '', ...(added ? [added, ''] : []), '</div>');
  }
  return out.join('\n');
}

/** Where the published client README is read (npm shows the package's README, GitHub-style heading anchors). */
export const CLIENT_README_URL = 'https://www.npmjs.com/package/@feishu-hire/client';

/** The client README's sections the pointer links: headings of packages/client/README.md and their GitHub anchors. */
export const CLIENT_README_SECTIONS = Object.freeze({
  patch: Object.freeze({ heading: 'patch(id, changes)', anchor: 'patchid-changes' }),
  sync: Object.freeze({ heading: 'Sync: sync<Records>(client, parentId, records, options)', anchor: 'sync-syncrecordsclient-parentid-records-options' }),
});

/**
 * Where the client gets around the full overwrite of `op`, from the model: its namespace's `patch` (where it reads a
 * record) and its resource's `sync`, each with the `name` the client exports, the `call` the page shows (tests
 * compile it against the client) and the README `section`; `key`, the records' key. Undefined when it has neither.
 */
export function clientAlternativesOf(op, resources, operations) {
  const resource = op.resource?.role === 'update' && op.resource.overwrite === 'full' ? resources.find((r) => r.name === op.resource.name) : undefined;
  if (!resource) return undefined;
  const methods = clientMethodsOf(resource, operations);
  const patch = methods.find((m) => m.method === 'patch' && m.fullOverwrite);
  const sync = methods.find((m) => m.sync);
  if (!patch && !sync) return undefined;
  const name = `client.${resource.namespace}.patch`;
  return Object.freeze({
    key: resource.idempotency?.key,
    ...(patch ? { patch: Object.freeze({ name, call: `${name}(id, changes)`, section: CLIENT_README_SECTIONS.patch }) } : {}),
    ...(sync ? { sync: Object.freeze({ name: sync.functionName, call: `${sync.functionName}(client, ${sync.parentArgument}, ${sync.recordsArgument})`, section: CLIENT_README_SECTIONS.sync }) } : {}),
  });
}
/** Class of the pointer paragraph. */
const POINTER_CLASS = 'overwrite-alternatives';

/** A link to a section of the client README. */
const readmeLink = ({ heading, anchor }) => `<a href="${CLIENT_README_URL}#${anchor}">${heading.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</a>`;

/** The HTML paragraph (English, so `lang="en"`) pointing from an overwrite warning to the client's patch and sync. */
export function overwritePointer({ patch, sync, key }) {
  const ways = [
    ...(patch ? [`<code>${patch.call}</code> reads the record, sets your changes on it and writes it back whole`] : []),
    ...(sync ? [`<code>${sync.call}</code> makes one parent's records on Feishu match your system's list, keyed by <code>${key}</code>`] : []),
  ];
  return (
    `<p class="${POINTER_CLASS}" lang="en"><strong>Changing a few fields, or mirroring another system?</strong> ` +
    `<code>@feishu-hire/client</code> sends the complete record for you: ${ways.join('; ')}. ` +
    `Client README: ${[patch, sync].filter(Boolean).map((a) => readmeLink(a.section)).join(', ')}.</p>`
  );
}

/** The lead of the caution that warns (`**Warning …`), which gets the pointer. */
const WARNING_LEAD = /^\*\*Warning\b/;

/** Whether a description already shows a warning as a callout (the docs view's own output). */
const hasWarningCallout = (description) => description.includes(`<div class="${CALLOUT_CLASS}" role="note">\n\n**Warning`);

/**
 * The description of an operation as the page shows it: cautions as callouts. An overwriting operation
 * (`x-feishu-overwrite: full`) must warn of it (a caution that opens with `**Warning`): throws naming it otherwise.
 * Where the client has alternatives for it, the pointer to them goes inside that warning (the first).
 */
function withOperationCallouts(description = '', op, alternatives) {
  if (op.extensions['x-feishu-overwrite'] !== 'full' || hasWarningCallout(description)) return withCallouts(description);
  let warned = false;
  const shown = withCallouts(description, (body) => {
    if (warned || !WARNING_LEAD.test(body)) return '';
    warned = true;
    return alternatives ? overwritePointer(alternatives) : '';
  });
  if (!warned) throw new Error(`docsView: ${named(op)} overwrites (x-feishu-overwrite: full) but its description has no warning (> **Warning …) to show as a warning callout`);
  return shown;
}

/** Redoc's route slug of a tag or an operationId (slugify's defaults, lowercased), as its sidebar links use. */
const slug = (text) => String(text).replace(/[^\w\s$*+~.()'"!\-:@]+/g, '').trim().replace(/\s+/g, '-').toLowerCase();
/** The page's link to an operation: `#/<tag>/<operationId>`, as Redoc routes it. */
export const operationAnchor = (op) => `#/${slug(op.tags[0])}/${slug(op.operationId)}`;

/**
 * The sidebar's groups: `[{ name, operations }]`, from the spec's x-tagGroups (each tag's operations in document
 * order), or one group per tag without them. Throws naming an operation the sidebar would not show.
 */
export function operationGroups(doc, ops) {
  const tagNames = (doc.tags ?? []).map((t) => t.name);
  const display = (name) => doc.tags?.find((t) => t.name === name)?.['x-displayName'] ?? name;
  const groups = doc['x-tagGroups'] ?? [...new Set([...tagNames, ...ops.map((op) => op.tags[0])])].map((name) => ({ name: display(name), tags: [name] }));
  for (const op of ops) {
    if (op.tags.length === 0) throw new Error(`docsView: ${named(op)} has no tag, so the page would not list it`);
    if (!groups.some((g) => g.tags.includes(op.tags[0]))) throw new Error(`docsView: ${named(op)}: its tag ${op.tags[0]} is in no x-tagGroups entry, so the page would not show it`);
  }
  return groups.map((g) => ({ name: g.name, operations: g.tags.flatMap((tag) => ops.filter((op) => op.tags[0] === tag)) })).filter((g) => g.operations.length > 0);
}

/** Heading of the list of operations that opens the landing. */
export const TOC_HEADING = 'Operations (接口列表)';
/**
 * Classes of the landing's list (styled in template.hbs): the list, each group's path (the part its operations'
 * paths share), each operation's method, and the rest of its path after the group's.
 */
export const TOC_CLASSES = Object.freeze({ toc: 'operations-toc', groupPath: 'toc-group-path', method: 'toc-method', pathRest: 'toc-path-rest' });
/** What the rest of an operation's path opens with on the landing: it continues its group's path. */
export const PATH_REST_MARK = '…';

/** Text as markdown link text (brackets and backslashes escaped). */
const linkText = (text) => text.replace(/[[\]\\]/g, '\\$&');

/** The leading path segments every path of `paths` shares, as a path (`/open-apis/hire/v1/external_interviews`). */
export function sharedPath(paths) {
  const [first, ...others] = paths.map((p) => p.split('/'));
  let length = 0;
  while (length < first.length && others.every((segments) => segments[length] === first[length])) length++;
  return first.slice(0, length).join('/');
}

/** One operation of the landing's list: its method, its linked summary (the full request as the title), the rest of its path. */
function tocEntry(op, groupPath) {
  const rest = op.path.slice(groupPath.length);
  const method = `<span class="${TOC_CLASSES.method}" data-method="${op.method.toLowerCase()}">${op.method}</span>`;
  const link = `[${linkText(op.summary ?? op.operationId)}](${operationAnchor(op)} "${op.method} ${op.path}")`;
  return `  - ${method} ${link}${rest ? ` <code class="${TOC_CLASSES.pathRest}">${PATH_REST_MARK}${rest}</code>` : ''}`;
}

/**
 * The landing's list of every operation, grouped as the sidebar groups them, each linked to its section. Compact, so
 * that the whole family fits the first screen in two columns: a group shows the path its operations share, each
 * operation its method and what its path adds to the group's.
 */
export function operationsToc(doc, ops) {
  const items = operationGroups(doc, ops).flatMap((g) => {
    const groupPath = sharedPath(g.operations.map((op) => op.path));
    return [`- **${g.name}** <code class="${TOC_CLASSES.groupPath}">${groupPath}</code>`, ...g.operations.map((op) => tocEntry(op, groupPath))];
  });
  return [`<nav class="${TOC_CLASSES.toc}" aria-label="${TOC_HEADING}">`, '', `**${TOC_HEADING}**`, '', ...items, '', '</nav>'].join('\n');
}

/** The info description as the landing shows it: the list of operations first, then the spec's, cautions as callouts. */
function landingDescription(doc, ops) {
  const description = doc.info?.description ?? '';
  if (description.includes(`<nav class="${TOC_CLASSES.toc}"`)) return description;
  return `${operationsToc(doc, ops)}\n\n${withCallouts(description)}`;
}

/** A line that starts a markdown block of its own (heading, list item, table row, quote, fence, HTML, indented code). */
const BLOCK_START = /^(?:#|[-*+] |\d+[.)] |\||>|```|~~~|<| {2,}|\t)/;

/** Whether `line` is text that continues a paragraph (for a quote line, the text after its `>`). */
const paragraphText = (line) => line.trim() !== '' && !BLOCK_START.test(line);

/** A table's delimiter row (`|---|:--:|`). */
const DELIMITER_ROW = /^\|[\s:|-]+\|?\s*$/;

/**
 * The markdown with every table cell ending in a no-break space: Redoc's search joins a row's cells with nothing
 * between them, which ran a cell's last word into the next cell's first ("changed.42999991400request"); a cell's
 * trailing no-break space keeps them apart there and shows as nothing on the page. Fenced code is left as it is.
 */
export function spacedCells(markdown = '') {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || !line.startsWith('|') || DELIMITER_ROW.test(line)) return line;
    // The entity, not the character: the markdown parser trims a cell's raw text (a no-break space too) before it
    // decodes entities.
    return line.replace(/(\S)(?<!&nbsp;) \|/g, '$1&nbsp; |');
  }).join('\n');
}

/**
 * The markdown with each paragraph's soft line breaks turned into spaces: a wrapped line and the next are joined
 * with one space (inside a quote too). Redoc's search drops soft line breaks from its snippets, which ran the last
 * word of a line into the first of the next ("becomesof"); the rendered page is the same either way. Fenced code,
 * tables, lists, headings, HTML and hard breaks (two trailing spaces or a backslash) are left as they are.
 */
export function unwrapped(markdown = '') {
  const out = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    const previous = out.at(-1);
    const quoted = /^> ?/.exec(line)?.[0];
    const text = quoted ? line.slice(quoted.length) : line;
    const continues = !fenced && previous !== undefined && !/( {2}|\\)$/.test(previous) &&
      (quoted ? /^>/.test(previous) && paragraphText(previous.replace(/^> ?/, '')) : paragraphText(previous)) && paragraphText(text);
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (continues) out[out.length - 1] = `${previous.trimEnd()} ${text.trimStart()}`;
    else out.push(line);
  }
  return out.join('\n');
}

/**
 * The spec as the page renders it: a copy whose landing opens with every operation, linked; whose every operation
 * states its rate limit and error table in its description and has a curl and a TypeScript sample; whose cautions are
 * warning callouts (the update's pointing to the client's patch and sync). Running it on its own output is a no-op.
 */
export function docsView(openapi) {
  const view = structuredClone(openapi);
  const serverUrl = view.servers?.[0]?.url;
  if (!serverUrl) throw new Error('docsView: the spec has no servers[0].url to build curl samples with');
  const ops = operationsOf(view);
  const resources = resourcesOf(view, ops);
  const problems = [];
  for (const op of ops) {
    try {
      const node = operationNode(view, op);
      node.description = spacedCells(unwrapped(describedWith(withOperationCallouts(node.description, op, clientAlternativesOf(op, resources, ops)), op)));
      node['x-codeSamples'] = codeSamplesOf(serverUrl, op, () => typescriptSample(view, op, ops, resources));
    } catch (error) {
      problems.push(error.message);
    }
  }
  // Every operation the page cannot show, in one error.
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length) throw new Error(`docsView: ${problems.length} operations cannot be shown:\n- ${problems.join('\n- ')}`);
  for (const tag of view.tags ?? []) if (tag.description) tag.description = spacedCells(unwrapped(withCallouts(tag.description)));
  view.info = { ...view.info, description: spacedCells(unwrapped(landingDescription(view, ops))) };
  return view;
}

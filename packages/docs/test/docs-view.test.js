// docsView: the spec as the page renders it, for every operation of the model (rate limit, error table, code samples).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationsOf, resourcesOf } from '@feishu-hire/spec/model';
import { FIXTURE_OPERATION_ID, specWithGetOperation } from '../../spec/test/fixtures/fixture-specs.js';
import {
  spacedCells,
  CALLOUT_CLASS,
  clientAlternativesOf,
  CLIENT_README_URL,
  curlSample,
  docsView,
  ERRORS_HEADING,
  errorTable,
  operationAnchor,
  operationGroups,
  operationsToc,
  overwritePointer,
  rateLimitText,
  sharedPath,
  TOC_HEADING,
  unwrapped,
  withCallouts,
} from '../src/docs-view.js';
import { codeSample, openapi, operationIn, operations, tokenOperation, update } from './helpers.js';

/** The client's alternatives to the full overwrite of `op` in the bundled spec (see clientAlternativesOf). */
const alternativesOf = (op) => clientAlternativesOf(op, resourcesOf(openapi, operationsOf(openapi)), operationsOf(openapi));

const SERVER = openapi.servers[0].url;
/** The bold sentence that opens the spec's caution on the landing (a blockquote of its info description). */
const landingCaution = openapi.info.description.match(/^> \*\*(.+?)\*\*/m)[1];

describe('rateLimitText', () => {
  it('states the limit and its basis, or that no source states one', () => {
    expect(rateLimitText(update.rateLimit)).toBe('Rate limit (接口频率限制): 10 requests/second (10 次/秒), stated by the source.');
    expect(rateLimitText({ requests: 5, per: 'second', basis: 'assumption' })).toBe('Rate limit (接口频率限制): 5 requests/second (5 次/秒), an assumption.');
    expect(rateLimitText({ requests: 100, per: 'minute', basis: 'source' })).toBe('Rate limit (接口频率限制): 100 requests/minute (100 次/分钟), stated by the source.');
    expect(rateLimitText(tokenOperation.rateLimit)).toBe('Rate limit (接口频率限制): No source states a rate limit for this endpoint.');
  });
});

describe('errorTable', () => {
  it('has one row per error code: HTTP | code | msg | meaning | what to do, assumptions marked, pipes escaped', () => {
    const lines = errorTable(update.errorCodes).split('\n');
    expect(lines.slice(0, 2)).toEqual(['| HTTP | code | msg | meaning | what to do |', '|---|---|---|---|---|']);
    expect(lines).toHaveLength(2 + update.errorCodes.length);
    expect(lines[2]).toMatch(/^\| 500 \| 1002001 \| 系统异常 \| System error \(系统异常\)\. \| Locate the problem /);
    expect(lines.find((l) => l.includes('| 99991661 |'))).toContain('(Assumption: no source used here states this code.)');
    const piped = { http_status: 400, code: 1, msg: 'a|b', meaning: 'two\nlines', action: 'x', basis: 'source' };
    expect(errorTable([piped]).split('\n')[2]).toBe('| 400 | 1 | a\\|b | two lines | x |');
    expect(errorTable([])).toBe('This operation names no error codes.');
  });
});

describe('curlSample', () => {
  it('builds the token request from the model: method, URL, Content-Type and the first request example', () => {
    expect(curlSample(SERVER, tokenOperation)).toBe(
      "curl -X POST 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal' \\\n" +
        "  -H 'Content-Type: application/json; charset=utf-8' \\\n" +
        `  -d '{\n    "app_id": "cli_slkdjalasdkjasd",\n    "app_secret": "dskLLdkasdjlasdKK"\n  }'\n`,
    );
  });

  it("puts required path and query parameters' examples in the URL and the bearer token in Authorization", () => {
    const curl = curlSample(`${SERVER}/`, update);
    expect(curl).toMatch(/^curl -X PUT 'https:\/\/open\.feishu\.cn\/open-apis\/hire\/v1\/external_interviews\/6960663240925956660' \\\n/);
    expect(curl).toContain(`  -H "Authorization: Bearer $TENANT_ACCESS_TOKEN" \\\n`);
    const fixture = operationsOf(specWithGetOperation()).find((op) => op.operationId === FIXTURE_OPERATION_ID);
    expect(fixture.parameters.query.map((p) => [p.name, p.required])).toEqual([['external_interview_id', true], ['page_size', false]]);
    expect(curlSample(SERVER, fixture)).toBe(
      "curl -X GET 'https://open.feishu.cn/open-apis/hire/v1/fixture_interview_notes?external_interview_id=6960663240925956660' \\\n" +
        `  -H "Authorization: Bearer $TENANT_ACCESS_TOKEN"\n`,
    );
  });

  it("leaves optional parameters out: the batch query's page_token example is another query's token", () => {
    const batchQuery = operations.find((op) => op.operationId === 'batchQueryExternalInterviews');
    expect(batchQuery.parameters.query.map((p) => [p.name, p.required])).toEqual([['external_application_id', false], ['page_size', false], ['page_token', false]]);
    expect(curlSample(SERVER, batchQuery)).toMatch(/^curl -X POST 'https:\/\/open\.feishu\.cn\/open-apis\/hire\/v1\/external_interviews\/batch_query' \\\n/);
  });

  it("quotes single quotes of the body for the shell, and names the operation when a required example is missing", () => {
    const op = { ...tokenOperation, requestBody: { ...tokenOperation.requestBody, examples: { a: { app_id: "it's" } } } };
    expect(curlSample(SERVER, op)).toContain(`"app_id": "it'\\''s"`);
    expect(() => curlSample(SERVER, { ...op, requestBody: { ...op.requestBody, examples: {} } })).toThrow(
      'docsView: operation getTenantAccessToken (POST /open-apis/auth/v3/tenant_access_token/internal) has a request body but no example',
    );
    const noExample = { ...update.parameters.path[0], example: undefined, schema: {} };
    expect(() => curlSample(SERVER, { ...update, parameters: { ...update.parameters, path: [noExample] } })).toThrow(
      'path parameter external_interview_id has no example',
    );
  });
});

const CALLOUT_OPEN = `<div class="${CALLOUT_CLASS}" role="note">`;

describe('withCallouts', () => {
  const text = [
    'Intro.',
    '',
    '> **Warning — full overwrite.** The body replaces',
    '> the stored interview.',
    '>',
    '> Send it complete.',
    '',
    '> A plain quote stays a quote.',
    '',
    '> **Idempotency.** Send `external_id`.',
    'After.',
  ].join('\n');

  it('turns each blockquote that opens with a bold sentence into a warning callout around the same markdown', () => {
    expect(withCallouts(text)).toBe(
      [
        'Intro.',
        '',
        CALLOUT_OPEN,
        '',
        '**Warning — full overwrite.** The body replaces',
        'the stored interview.',
        '',
        'Send it complete.',
        '',
        '</div>',
        '',
        '> A plain quote stays a quote.',
        '',
        CALLOUT_OPEN,
        '',
        '**Idempotency.** Send `external_id`.',
        '',
        '</div>',
        'After.',
      ].join('\n'),
    );
  });

  it('appends what extra(body) gives inside that callout, and changes nothing the second time', () => {
    const shown = withCallouts(text, (body) => (body.startsWith('**Warning') ? '<p>pointer</p>' : ''));
    expect(shown).toContain('Send it complete.\n\n<p>pointer</p>\n\n</div>');
    expect(shown.match(/<p>pointer<\/p>/g)).toHaveLength(1);
    expect(withCallouts(shown)).toBe(shown);
    expect(withCallouts('')).toBe('');
  });
});

describe("the update's overwrite warning", () => {
  const description = operationIn(docsView(openapi), update).description;
  const callout = description.slice(description.indexOf(CALLOUT_OPEN), description.indexOf('</div>') + 6);

  it("is a callout holding the spec's warning and, in English, the pointer to the client's patch and sync", () => {
    expect(update.extensions['x-feishu-overwrite']).toBe('full');
    expect(description).not.toMatch(/^> \*\*Warning/m);
    expect(callout).toContain('**Warning — full overwrite (该接口会对原面试以及面试评价内容进行全量覆盖更新).**');
    const alternatives = alternativesOf(update);
    const pointer = overwritePointer(alternatives);
    expect(callout).toContain(`${pointer}\n\n</div>`);
    expect(description.match(/class="overwrite-alternatives"/g)).toHaveLength(1);
    expect(pointer).toMatch(/^<p class="overwrite-alternatives" lang="en">/);
    expect(pointer).toContain('<code>client.externalInterviews.patch(id, changes)</code>');
    expect(pointer).toContain('<code>syncInterviews(client, externalApplicationId, interviews)</code>');
    expect(pointer).toContain(`<a href="${CLIENT_README_URL}#patchid-changes">patch(id, changes)</a>`);
    expect(pointer).toContain(`<a href="${CLIENT_README_URL}#sync-syncrecordsclient-parentid-records-options">Sync: sync&lt;Records&gt;(client, parentId, records, options)</a>`);
  });

  it("links sections the client README has: each anchor is the GitHub slug of one of its headings", () => {
    const readme = readFileSync(new URL('../../client/README.md', import.meta.url), 'utf8');
    /** GitHub's (and npm's) heading anchor: lowercase, punctuation but hyphens dropped, spaces to hyphens. */
    const slug = (heading) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const headings = [...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1].replaceAll('`', ''));
    const linked = operations.flatMap((op) => [alternativesOf(op)?.patch, alternativesOf(op)?.sync]).filter(Boolean);
    expect(linked.length).toBeGreaterThan(2);
    for (const { name, section } of linked) {
      expect(headings, `${name}: a heading "${section.heading}"`).toContain(section.heading);
      expect(slug(section.heading), name).toBe(section.anchor);
    }
  });

  it('fails the build, naming the operation, when an overwriting operation the client has alternatives for has no warning', () => {
    const spec = structuredClone(openapi);
    const node = operationIn(spec, update);
    node.description = node.description.replace('> **Warning', '> **Note');
    expect(() => docsView(spec)).toThrow(
      'docsView: operation updateExternalInterview (PUT /open-apis/hire/v1/external_interviews/{external_interview_id}) overwrites (x-feishu-overwrite: full) but its description has no warning',
    );
  });
});

describe('the overwrite warnings', () => {
  const overwriting = operations.filter((op) => op.extensions['x-feishu-overwrite'] === 'full');
  const view = docsView(openapi);

  it('every overwriting operation (x-feishu-overwrite: full) shows its warning as a callout, no longer as a quote', () => {
    expect(overwriting.length).toBeGreaterThan(1);
    for (const op of overwriting) {
      const warning = operationIn(openapi, op).description.match(/^> (\*\*Warning\b.+?\*\*)/m)?.[1];
      expect(warning, `${op.operationId}: the spec's warning`).toBeDefined();
      const description = operationIn(view, op).description;
      expect(description, op.operationId).toContain(`${CALLOUT_OPEN}\n\n${warning}`);
      expect(description, op.operationId).not.toMatch(/^> \*\*Warning/m);
      expect(description.includes('class="overwrite-alternatives"'), op.operationId).toBe(alternativesOf(op) !== undefined);
    }
  });

  it('fails the build naming every overwriting operation without a warning, whether or not the client has alternatives for it', () => {
    const spec = structuredClone(openapi);
    for (const op of overwriting) operationIn(spec, op).description = operationIn(spec, op).description.replace('> **Warning', '> **Note');
    const message = (op) => `- docsView: ${`operation ${op.operationId} (${op.method} ${op.path})`} overwrites (x-feishu-overwrite: full) but its description has no warning`;
    let error;
    try {
      docsView(spec);
    } catch (e) {
      error = e;
    }
    expect(error?.message).toMatch(new RegExp(`^docsView: ${overwriting.length} operations cannot be shown:`));
    for (const op of overwriting) expect(error.message).toContain(message(op));
  });
});

describe('the list of operations on the landing', () => {
  it('groups every operation as the x-tagGroups do, in their order (the resources before authentication), each group in its tags\' and the document\'s order', () => {
    const groups = operationGroups(openapi, operations);
    const tagGroups = openapi['x-tagGroups'];
    expect(groups.map((g) => g.name)).toEqual(tagGroups.map((g) => g.name));
    expect(groups.flatMap((g) => g.operations)).toHaveLength(operations.length);
    expect(new Set(groups.flatMap((g) => g.operations))).toEqual(new Set(operations));
    for (const [i, group] of groups.entries()) {
      const order = (op) => [tagGroups[i].tags.indexOf(op.tags[0]), operations.indexOf(op)];
      const orders = group.operations.map(order);
      expect(orders.every(([tag]) => tag >= 0), group.name).toBe(true);
      expect(orders, group.name).toEqual([...orders].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    }
    expect(groups.at(-1).operations.every((op) => !op.resource)).toBe(true);
  });

  it('links each operation to its section, as Redoc routes it (#/<tag>/<operationId>, lowercased)', () => {
    expect(operationAnchor(update)).toBe('#/external_interview/updateexternalinterview');
    expect(operationAnchor(tokenOperation)).toBe('#/auth/gettenantaccesstoken');
    const toc = operationsToc(openapi, operations);
    expect(toc.split('\n').slice(0, 3)).toEqual([`<nav class="operations-toc" aria-label="${TOC_HEADING}">`, '', `**${TOC_HEADING}**`]);
    expect(toc).toContain(
      '- **Hire · External interviews (外部面试)** <code class="toc-group-path">/open-apis/hire/v1/external_interviews</code>\n' +
        '  - <span class="toc-method" data-method="post">POST</span> [Create external interview (创建外部面试)](#/external_interview/createexternalinterview "POST /open-apis/hire/v1/external_interviews")\n' +
        '  - <span class="toc-method" data-method="post">POST</span> [Batch query external interviews (查询外部面试列表)](#/external_interview/batchqueryexternalinterviews "POST /open-apis/hire/v1/external_interviews/batch_query") <code class="toc-path-rest">…/batch_query</code>\n',
    );
    for (const op of operations) expect(toc).toContain(`](${operationAnchor(op)} "${op.method} ${op.path}")`);
    expect(toc.endsWith('\n\n</nav>')).toBe(true);
  });

  it('shows a group\'s shared path once and, for each operation, what its path adds to it', () => {
    expect(sharedPath(['/a/b/c', '/a/b/c/{id}', '/a/b/c/batch_query'])).toBe('/a/b/c');
    expect(sharedPath(['/a/bc', '/a/bd'])).toBe('/a');
    expect(sharedPath(['/a/b/{id}'])).toBe('/a/b/{id}');
    const toc = operationsToc(openapi, operations);
    for (const group of operationGroups(openapi, operations)) {
      const groupPath = sharedPath(group.operations.map((op) => op.path));
      expect(toc, group.name).toContain(`- **${group.name}** <code class="toc-group-path">${groupPath}</code>\n`);
      for (const op of group.operations) {
        const line = toc.split('\n').find((l) => l.includes(`](${operationAnchor(op)} `));
        const rest = line.match(/<code class="toc-path-rest">…([^<]*)<\/code>$/)?.[1] ?? '';
        expect(`${groupPath}${rest}`, op.operationId).toBe(op.path);
        expect(line, op.operationId).toMatch(new RegExp(`^  - <span class="toc-method" data-method="${op.method.toLowerCase()}">${op.method}</span> \\[`));
      }
    }
  });

  it('without x-tagGroups, groups by tag; an operation whose tag is in no group, or that has none, fails naming it', () => {
    const { 'x-tagGroups': _, ...noGroups } = openapi;
    const tagged = openapi.tags.filter((t) => operations.some((op) => op.tags[0] === t.name));
    expect(operationGroups(noGroups, operations).map((g) => g.name)).toEqual(tagged.map((t) => t['x-displayName'] ?? t.name));
    expect(operationGroups(noGroups, operations).map((g) => g.operations)).toEqual(tagged.map((t) => operations.filter((op) => op.tags[0] === t.name)));
    const spec = specWithGetOperation();
    const fixture = operationsOf(spec).find((op) => op.operationId === FIXTURE_OPERATION_ID);
    expect(operationGroups(spec, operationsOf(spec)).flatMap((g) => g.operations.map((op) => op.operationId))).toContain(FIXTURE_OPERATION_ID);
    expect(() => operationGroups(spec, [{ ...fixture, tags: ['notes'] }])).toThrow(
      `docsView: operation ${FIXTURE_OPERATION_ID} (GET /open-apis/hire/v1/fixture_interview_notes): its tag notes is in no x-tagGroups entry`,
    );
    expect(() => operationGroups(spec, [{ ...fixture, tags: [] }])).toThrow(`docsView: operation ${FIXTURE_OPERATION_ID} (GET /open-apis/hire/v1/fixture_interview_notes) has no tag`);
  });
});

describe('spacedCells (every table cell ends in a no-break space: search snippets keep the cells of a row apart)', () => {
  it('ends each cell of a header or body row with &nbsp;, and leaves delimiter rows, fenced code and other lines as they are', () => {
    expect(spacedCells('| HTTP | code |\n|---|:--:|\n| 429 | a\\|b |')).toBe('| HTTP&nbsp; | code&nbsp; |\n|---|:--:|\n| 429&nbsp; | a\\|b&nbsp; |');
    const untouched = ['```\n| a | b |\n```', 'text | with a pipe |', '> | quoted | row |'];
    for (const block of untouched) expect(spacedCells(block), block).toBe(block);
  });

  it('is a no-op on its own output', () => {
    const once = spacedCells('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(spacedCells(once)).toBe(once);
  });
});

describe('unwrapped (soft line breaks of a paragraph become spaces: search snippets keep their words apart)', () => {
  it('joins the wrapped lines of a paragraph and of a quote, and leaves every other block as it is', () => {
    expect(unwrapped('No source says what becomes\nof its assessments.\n\nNext paragraph\nhere.')).toBe('No source says what becomes of its assessments.\n\nNext paragraph here.');
    expect(unwrapped('> **Warning.** It replaces\n> the whole interview.')).toBe('> **Warning.** It replaces the whole interview.');
    const blocks = ['| a | b |\n|---|---|\n| 1 | 2 |', '- one\n- two', '1. one\n2. two', '```\nconst a = 1;\nconst b = 2;\n```',
      '# Heading\ntext', 'hard  \nbreak', 'back\\\nslash', '<div class="x">\n\ninside\n\n</div>', 'code:\n\n    indented\n    code'];
    for (const block of blocks) expect(unwrapped(block), block).toBe(block);
  });

  it('leaves no soft line break in the descriptions the page renders, and changes nothing the second time', () => {
    const view = docsView(openapi);
    for (const op of operationsOf(view)) {
      const { description } = view.paths[op.path][op.method.toLowerCase()];
      const outsideCode = description.replace(/```[\s\S]*?```/g, '');
      const lines = outsideCode.split('\n');
      const joined = lines.filter((line, i) => i > 0 && lines[i - 1].trim() && !/( {2}|\\)$/.test(lines[i - 1]) &&
        !/^(?:#|[-*+] |\d+[.)] |\||>|<| {2,})/.test(lines[i - 1]) && line.trim() && !/^(?:#|[-*+] |\d+[.)] |\||>|<| {2,})/.test(line));
      expect(joined, op.operationId).toEqual([]);
      expect(unwrapped(description)).toBe(description);
    }
  });
});

describe('docsView', () => {
  it('adds the list of operations and callouts, to every operation its rate limit, error table and a curl sample where it has none; nothing else changes', () => {
    const before = structuredClone(openapi);
    const view = docsView(openapi);
    expect(openapi).toEqual(before); // the input is not touched
    expect(operations.length).toBeGreaterThan(1);
    expect(view.info.description).toBe(spacedCells(unwrapped(`${operationsToc(openapi, operations)}\n\n${withCallouts(openapi.info.description)}`)));
    expect(view.info.description).toContain(`${CALLOUT_OPEN}\n\n**${landingCaution}**`);
    view.info.description = openapi.info.description;
    for (const op of operations) {
      const original = operationIn(openapi, op);
      const shown = operationIn(view, op);
      const alternatives = alternativesOf(op);
      const withPointer = alternatives ? (body) => (body.startsWith('**Warning') ? overwritePointer(alternatives) : '') : undefined;
      expect(shown.description.startsWith(spacedCells(unwrapped(withCallouts(original.description, withPointer))).trimEnd())).toBe(true);
      expect(shown.description).toContain(spacedCells(`\n\n${rateLimitText(op.rateLimit)}\n\n${ERRORS_HEADING}\n\n${errorTable(op.errorCodes)}\n`));
      for (const { code } of op.errorCodes) expect(shown.description).toContain(`| ${code}&nbsp; |`);
      expect(shown['x-codeSamples'].map((s) => [s.lang, s.label])).toEqual([['Shell', 'curl'], ['TypeScript', 'TypeScript (@feishu-hire/client)']]);
      shown.description = original.description;
      shown['x-codeSamples'] = original['x-codeSamples'];
    }
    for (const tag of view.tags ?? []) {
      const original = openapi.tags.find((t) => t.name === tag.name);
      if (original.description) expect(tag.description).toBe(unwrapped(withCallouts(original.description)));
      tag.description = original.description;
    }
    expect(view).toEqual(openapi);
  });

  it("keeps the update's own curl sample and generates the token endpoint's from the model", () => {
    const view = docsView(openapi);
    expect(operationIn(view, update)['x-codeSamples']).toEqual(operationIn(openapi, update)['x-codeSamples']);
    expect(codeSample('curl', operationIn(view, tokenOperation)).source).toBe(curlSample(SERVER, tokenOperation));
  });

  it('adds everything once when run on its own output', () => {
    const once = docsView(openapi);
    expect(docsView(once)).toEqual(once);
  });

  it('generates the TypeScript sample of an operation that has none (see typescript-sample.test.js)', () => {
    const spec = specWithGetOperation();
    const fixture = operationsOf(spec).find((op) => op.operationId === FIXTURE_OPERATION_ID);
    operationIn(spec, fixture)['x-codeSamples'] = [codeSample('curl', operationIn(openapi, update))];
    const samples = operationIn(docsView(spec), fixture)['x-codeSamples'];
    expect(samples.map((s) => [s.lang, s.label])).toEqual([['Shell', 'curl'], ['TypeScript', 'TypeScript (@feishu-hire/client)']]);
    expect(samples[1].source).toContain(`client.request(${FIXTURE_OPERATION_ID}, `);
  });

  it('names what is missing when the spec has no server or the model rejects it', () => {
    expect(() => docsView({ ...openapi, servers: [] })).toThrow('docsView: the spec has no servers[0].url to build curl samples with');
    expect(() => docsView({ ...openapi, 'x-feishu-error-codes': undefined })).toThrow('x-feishu-error-codes');
  });
});

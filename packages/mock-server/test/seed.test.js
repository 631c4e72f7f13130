// Seeding (interviews option, JSON seed file) and option validation: clear errors naming the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationById, resources } from '@feishu-hire/spec/model';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_INTERVIEWS, startMockServer } from '../src/index.js';
import { call, fetchToken, seedWithParents, withoutIds } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'feishu-hire-mock-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `content` (a value serialised as JSON, or a raw string) to a temporary seed file. */
function seedFile(name, content) {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const interview = (id, extra = {}) => ({ id, external_application_id: `app-${id}`, ...extra });
/** A seed of nothing but the applications the interviews of `ids` name (a seed holds the parents its records name). */
const applicationsOf = (ids) => seedWithParents(operationById('updateExternalInterview').resource.name, ids.map((id) => interview(id).external_application_id), {});

describe('seeding', () => {
  it('loads a seed file holding an array, serves its interviews and keeps given assessment ids', async () => {
    const seeded = interview('1001', {
      participate_status: 3,
      interview_assessments: [{ id: '42', username: '李四', conclusion: 3 }, { username: '王五' }],
    });
    const mock = await startMockServer({ seed: applicationsOf(['1001', '1002']), seedFile: seedFile('array.json', [seeded, interview('1002')]) });
    try {
      expect(mock.store.list().map((i) => i.id)).toEqual(['1001', '1002']);
      const stored = mock.store.get('1001');
      expect(stored.interview_assessments[0].id).toBe('42');
      expect(stored.interview_assessments[1].id).toMatch(/^\d{19}$/);
      expect(withoutIds(stored)).toEqual(withoutIds(seeded));
      expect(mock.store.has(DEFAULT_INTERVIEWS[0].id)).toBe(false); // a seed replaces the default interview

      const token = await fetchToken(mock);
      const { json } = await call(mock, '/open-apis/hire/v1/external_interviews/1002', {
        token,
        body: { external_application_id: 'app-1002', participate_status: 2 },
      });
      expect(json.data.external_interview).toEqual({ id: '1002', external_application_id: 'app-1002', participate_status: 2, interview_assessments: [] });
    } finally {
      await mock.close();
    }
  });

  it('loads {"interviews": [...]} and adds the interviews option; reset() restores the seed', async () => {
    const mock = await startMockServer({ seed: applicationsOf(['1', '2', '3']), interviews: [interview('1')], seedFile: seedFile('object.json', { interviews: [interview('2')] }) });
    try {
      expect(mock.store.list().map((i) => i.id)).toEqual(['1', '2']);
      mock.store.delete('1');
      mock.store.set(interview('3'));
      mock.store.reset();
      expect(mock.store.list().map((i) => i.id)).toEqual(['1', '2']);
    } finally {
      await mock.close();
    }
  });

  it('loads the bundled example seed file (examples/interviews.json): two interviews of one application, one of another', async () => {
    const mock = await startMockServer({ seedFile: fileURLToPath(new URL('../examples/interviews.json', import.meta.url)) });
    await mock.close();
    expect(mock.store.list().map((i) => [i.id, i.interview_assessments.length])).toEqual([
      ['6960663240925956660', 1],
      ['6960663240925956662', 1],
      ['6960663240925956661', 0],
    ]);
    expect(mock.store.list({ externalApplicationId: '6960663240925956437' }).map((i) => i.external_id)).toEqual(['ats-interview-1024', 'ats-interview-1025']);
    const [assessment] = mock.store.get('6960663240925956662').interview_assessments;
    expect(assessment).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), external_id: 'ats-assessment-2049', external_interview_id: '6960663240925956662' });
  });

  it('an empty interviews array gives an empty store', async () => {
    const mock = await startMockServer({ interviews: [] });
    await mock.close();
    expect(mock.store.list()).toEqual([]);
  });

  it.each([
    ['a bad enum', [interview('1', { participate_status: 4 })], 'interviews[0].participate_status must be one of 1, 2, 3'],
    ['a missing id', [interview('1'), { external_application_id: 'x' }], 'interviews[1].id is required'],
    ['a wrong type', [interview('1', { begin_time: 'soon' })], 'interviews[0].begin_time must be of type integer'],
    [
      'a bad nested value',
      [interview('1', { interview_assessments: [{ assessment_dimension_list: [{ assessment_type: 0 }] }] })],
      'interviews[0].interview_assessments[0].assessment_dimension_list[0].assessment_type must be one of 1, 2, 3, 4',
    ],
    ['a duplicate id', [interview('1'), interview('1')], 'interviews[1].id "1" is a duplicate'],
    ['a key that is no resource', { items: [] }, `items is not a resource of the spec (it has ${resources.map((r) => r.name).join(', ')})`],
    ['interviews not a list', { interviews: 3 }, 'interviews must be an array'],
    ['not an object', 42, 'expected an object {"<resource>": [records], ...}'],
  ])('a seed file with %s is rejected naming the field', async (name, content, message) => {
    const file = seedFile(`${name.replaceAll(' ', '-')}.json`, content);
    await expect(startMockServer({ seedFile: file })).rejects.toThrow(`Invalid seed file ${file}: ${message}`);
  });

  it('a seed file that is not JSON or does not exist is rejected clearly', async () => {
    const broken = seedFile('broken.json', '[{"id": ');
    await expect(startMockServer({ seedFile: broken })).rejects.toThrow(new RegExp(`^Invalid seed file ${broken}: not valid JSON \\(`));
    const missing = join(dir, 'missing.json');
    await expect(startMockServer({ seedFile: missing })).rejects.toThrow(`Cannot read seed file ${missing}: ENOENT`);
  });
});

describe('option validation', () => {
  it.each([
    [{ port: -1 }, 'options.port must be >= 0'],
    [{ port: 'auto' }, 'options.port must be of type integer'],
    [{ tokenTtlSeconds: 0 }, 'options.tokenTtlSeconds must be >= 1'],
    [{ tokenTtlSeconds: 7201 }, 'options.tokenTtlSeconds must be <= 7200'],
    [{ rateLimitPerSecond: 1.5 }, 'options.rateLimitPerSecond must be of type integer'],
    [{ rateLimitPerSecond: true }, 'options.rateLimitPerSecond must be of type integer'],
    [{ apps: [] }, 'options.apps must NOT have fewer than 1 items'],
    [{ apps: [{ appId: 'a' }] }, 'options.apps[0].appSecret is required'],
    [{ tokens: [''] }, 'options.tokens[0] must NOT have fewer than 1 characters'],
    [{ tokens: [7] }, 'options.tokens[0] must be of type string'],
    [{ tokens: [{ appId: 'cli_a' }] }, 'options.tokens[0].token is required'],
    [{ tokens: [{ token: 't-a', app: 'cli_a' }] }, 'options.tokens[0].app is not an allowed field'],
    [{ interviews: [{ id: '1' }] }, 'interviews[0].external_application_id is required'],
    [{ maxBodyBytes: 0 }, 'options.maxBodyBytes must be >= 1'],
    [{ rateLimit: 5 }, 'options.rateLimit is not an allowed field'],
    [{ now: 5 }, 'options.now must be a function'],
  ])('%j -> a TypeError naming the option', async (options, message) => {
    await expect(startMockServer(options)).rejects.toThrow(`Invalid mock server options: ${message}`);
  });
});

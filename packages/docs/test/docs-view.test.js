// docsView: the spec as the page renders it (the error table copied into the operation description).
import { describe, expect, it } from 'vitest';
import { docsView, OPERATION_PATH } from '../src/docs-view.js';
import { openapi, operation } from './helpers.js';

const table = openapi.components.schemas.ErrorResponse.description.split('\n').filter((l) => l.startsWith('|')).join('\n');

describe('docsView', () => {
  it('adds the error table of ErrorResponse to the operation description, and changes nothing else', () => {
    const before = structuredClone(openapi);
    const view = docsView(openapi);
    expect(openapi).toEqual(before); // the input is not touched
    const described = view.paths[OPERATION_PATH].put.description;
    expect(described.startsWith(operation.description)).toBe(true);
    expect(described).toContain(`### Errors (错误码)\n\n${table}\n`);
    for (const code of ['1002001', '1002002', '99991400', '99991663']) expect(described).toContain(`| ${code} |`);
    view.paths[OPERATION_PATH].put.description = operation.description;
    expect(view).toEqual(openapi);
  });

  it('adds the table once when run on its own output', () => {
    const once = docsView(openapi);
    expect(docsView(once)).toEqual(once);
  });

  it('names what is missing when the spec has no such operation or no error table', () => {
    expect(() => docsView({ paths: {} })).toThrow(`docsView: the spec has no operation "PUT ${OPERATION_PATH}"`);
    const noTable = structuredClone(openapi);
    noTable.components.schemas.ErrorResponse.description = 'no table';
    expect(() => docsView(noTable)).toThrow('docsView: components.schemas.ErrorResponse.description has no markdown error table');
  });
});

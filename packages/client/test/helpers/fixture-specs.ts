// The spec package's fixture specs (test data: the bundled spec plus fixture operations). They are JavaScript without
// declarations, so they are loaded by URL and typed here.
const url = new URL('../../../spec/test/fixtures/fixture-specs.js', import.meta.url).href;

/** `specWithGetOperation()` and the fixture GET's path and operationId, from packages/spec/test/fixtures. */
export const fixtureSpecs = (await import(url)) as {
  FIXTURE_PATH: string;
  FIXTURE_OPERATION_ID: string;
  specWithGetOperation(): Record<string, any>;
};

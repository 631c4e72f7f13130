// Run as a child process with --expose-gc: prints the heap the mock's store takes per stored record, as JSON
// {records, bytes, perRecord}. argv[2]: how many records (of one resource, the spec's create example each).
import { operationById } from '@feishu-hire/spec/model';
import { DEFAULT_LIMITS, startMockServer } from '@feishu-hire/mock-server';

const count = Number(process.argv[2] ?? 100_000);
const create = operationById('createExternalInterview');
const example = Object.values(create.requestBody.examples)[0];
const resource = create.resource.name;

/** The heap in use after a full collection. */
function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const mock = await startMockServer({ seed: {}, parentChecks: false, limits: { ...DEFAULT_LIMITS, records: count } });
const records = mock.store.resource(resource);
const before = heapUsed();
for (let i = 0; i < count; i += 1) records.set({ ...example, id: `7${String(i).padStart(18, '0')}`, external_id: `bench-${i}` });
const after = heapUsed();
await mock.close();
process.stdout.write(`${JSON.stringify({ records: records.count(), bytes: after - before, perRecord: (after - before) / count })}\n`);

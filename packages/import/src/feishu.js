// The one place the import calls Feishu: a resource's create, list (under a parent, or by ids), update or patch and
// delete, through the client's core (`client.request` with the model's operations: the client's token, per-operation
// rate limiters from the spec and retries). Each answer comes with its x-tt-logid. Nothing names a resource.
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { createHireCore, createMemoryRateLimiter, HireApiError, HireConnectionError, HireTimeoutError, operationFromModel } from '@feishu-hire/client';
import { errorCodeFor, isReadOnly } from '@feishu-hire/spec/model';

/** The call in progress in this async context: its onResponse hook records the log id there. */
const calls = new AsyncLocalStorage();
/** Attempts of a read (list) whose outcome was unknown; a read may be repeated, and the client repeats only a GET. */
const READ_ATTEMPTS = 8;

/**
 * `limiter` with each job bound to the async context of its call, so that the log id of an answer reaches the call
 * whatever engine runs the job (Bottleneck runs queued jobs from its own context).
 */
function boundLimiter(limiter) {
  return { schedule: (key, perSecond, fn, signal) => limiter.schedule(key, perSecond, AsyncResource.bind(fn), signal) };
}

/**
 * Runs the call's `beforeSend` just before each attempt of it is sent (after its rate-limiter slot: a journal intent
 * is then written for what is really about to go out), and records the x-tt-logid of every answer on the call.
 */
const hooks = {
  async onRequest(info) {
    const call = calls.getStore();
    if (call?.beforeSend && info.operationId === call.operationId) await call.beforeSend();
  },
  onResponse(info) {
    const call = calls.getStore();
    if (call) call.logId = info.headers.get('x-tt-logid') ?? call.logId;
  },
};

/** Whether `error` leaves the outcome of a write unknown: it may or may not have been applied. */
export function outcomeUnknown(operation, error) {
  if (error instanceof HireConnectionError || error instanceof HireTimeoutError) return true;
  const systemError = errorCodeFor(operation, 'system_error')?.code;
  return error instanceof HireApiError && (error.status >= 500 || error.code === systemError);
}

/** Whether nothing listens at the base URL (the client has already retried): a run cannot start, and says so at once. */
const refused = (error) => error instanceof HireConnectionError && /ECONNREFUSED/.test(`${error.message} ${/** @type {any} */ (error.cause)?.message ?? ''}`);

/** Runs a read, repeating it while its outcome is unknown (a few times, with a short backoff). */
async function read(operation, run) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= READ_ATTEMPTS || !isReadOnly(operation) || !outcomeUnknown(operation, error) || refused(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

/** Puts filter `{ in, name }` = `value` into a request input. */
function withFilter(input, filter, value) {
  if (filter.in === 'query') input.query = { ...input.query, [filter.name]: value };
  else input.body = { ...input.body, [filter.name]: value };
  return input;
}

/**
 * A connection to Feishu for the import. `options`: `baseUrl`, `auth` (token, token function or `{ appId, appSecret }`),
 * `appId`, `rateLimit` (the client's: default each operation's limit from the spec), `limiter` (default one of its
 * own), `timeoutMs`, `retry`.
 */
export function createFeishu(options) {
  const { limiter = createMemoryRateLimiter(), ...rest } = options;
  const core = createHireCore({ ...rest, limiter: boundLimiter(limiter), hooks });
  const operations = new Map();
  const clientOperation = (op) => operations.get(op.operationId) ?? operations.set(op.operationId, operationFromModel(op)).get(op.operationId);

  /** Calls `op` with `input` (`beforeSend()` before each attempt is sent): `{ data, logId }`; a HireError carries its own `logId`. */
  const call = (op, input, beforeSend) => {
    const slot = { logId: undefined, operationId: op.operationId, beforeSend };
    return calls.run(slot, async () => ({ data: await core.request(clientOperation(op), input), logId: slot.logId }));
  };

  /** Every item of a list call with `input`, page after page. */
  async function* pages(listing, input) {
    let pageToken;
    do {
      const query = { ...input.query, ...(listing.pageSize ? { page_size: listing.pageSize, page_token: pageToken } : {}) };
      const { data } = await read(listing.operation, () => call(listing.operation, { ...input, query }));
      yield* data?.[listing.itemsKey] ?? [];
      pageToken = data?.has_more ? data.page_token : undefined;
    } while (pageToken);
  }

  const recordOf = (resource, data) => (resource.recordKey ? data?.[resource.recordKey] : undefined);
  const byId = (resource, id) => ({ path: { [resource.idParameter]: id } });
  const listInput = (listing) => (listing.operation.requestBody?.required ? { body: {} } : {});

  return {
    /** Creates a record: `{ id, record, logId }` (`record` when the answer holds one); `beforeSend` as for update. */
    async create(resource, body, beforeSend) {
      const { data, logId } = /** @type {{ data: any, logId: string | undefined }} */ (await call(resource.create, { body }, beforeSend));
      const record = recordOf(resource, data);
      return { id: record?.id ?? data?.id, record, logId };
    },
    /** Every record of `resource` under parent `parentId` (every record when the resource has no parent). */
    list(resource, parentId) {
      const { listing } = resource;
      const input = listInput(listing);
      return pages(listing, listing.parent ? withFilter(input, listing.parent, parentId) : input);
    },
    /** The records of `resource` with these Feishu ids (those that exist). */
    byIds(resource, ids) {
      const { listing } = resource;
      return pages(listing, withFilter(listInput(listing), listing.ids, ids));
    },
    /** Writes `body` over record `id` with the resource's update (or patch): `{ record, logId }`; `beforeSend()` runs before each attempt is sent. */
    async update(resource, id, body, beforeSend) {
      const { data, logId } = await call(resource.update, { ...byId(resource, id), body }, beforeSend);
      return { record: recordOf(resource, data), logId };
    },
    /** Deletes record `id`: `{ logId }`; `beforeSend()` runs before each attempt is sent. */
    async remove(resource, id, beforeSend) {
      const { logId } = await call(resource.delete, byId(resource, id), beforeSend);
      return { logId };
    },
  };
}

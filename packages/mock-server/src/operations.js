// The one handler table: what the mock does for each operation of the spec, once the request is authenticated,
// rate-limited and validated. A handler gets the request's context and returns the `data` of the success
// envelope, or a Reply (ctx.reply) for another answer; it throws ctx.reject(role, detail) to fail.
import { operationById } from '@feishu-hire/spec/model';
import { decodePageToken, encodePageToken, fingerprintOf } from './page-token.js';

/** Path of Feishu's self-built-app token endpoint (operation getTenantAccessToken of the spec). */
export const TOKEN_PATH = operationById('getTenantAccessToken').path;

/** POST tenant_access_token/internal: issues a token for configured app credentials. */
function getTenantAccessToken({ body, config, tokens, reject, reply }) {
  if (!config.apps.some((a) => a.appId === body.app_id && a.appSecret === body.app_secret)) throw reject('app_secret_invalid');
  return reply(200, { code: 0, msg: 'ok', tenant_access_token: tokens.issue(), expire: config.tokenTtlSeconds });
}

/** "external_interview_id not found (...)": what update and delete answer for an id the store does not hold. */
const notFound = (id) => `external_interview_id not found (path.external_interview_id = ${JSON.stringify(id)})`;

/** "body.external_id ... already used": what create answers for an external_id a create used within 24 hours. */
const externalIdTaken = (key) => `body.external_id ${JSON.stringify(key)} was already used by a create within the last 24 hours (同一 external_id 24小时内仅可创建一次)`;

/** POST external_interviews: stores the body as a new interview; an external_id taken within 24 hours is refused. */
function createExternalInterview({ body, store, reject }) {
  const external_interview = store.create(body);
  if (!external_interview) throw reject('invalid_parameter', externalIdTaken(body.external_id));
  return { external_interview };
}

/**
 * The store filter of a batch query: the id list alone when sent (the page says the other conditions are then
 * ignored), else the external_application_id. An empty list or id counts as not sent; with neither it is refused.
 */
function queryFilter({ query, body, reject }) {
  const ids = body?.external_interview_id_list;
  if (ids?.length) return { ids: [...new Set(ids)].sort() };
  if (query.external_application_id) return { externalApplicationId: query.external_application_id };
  throw reject('invalid_parameter', 'query.external_application_id or body.external_interview_id_list is required (the query needs one of them)');
}

/** What batch query answers for a page_token it cannot read or that another query issued. */
const BAD_PAGE_TOKEN = 'query.page_token is not a page_token of this query (send data.page_token unchanged, with the same conditions)';

/** The default of the operation's `page_size` query parameter in the spec (10 when it gives none). */
const defaultPageSize = (operation) => operation.parameters.query.find((p) => p.name === 'page_size')?.schema.default ?? 10;

/** POST external_interviews/batch_query: one page of the matching interviews, in creation order. */
function batchQueryExternalInterviews(ctx) {
  const { operation, query, store, reject } = ctx;
  const filter = queryFilter(ctx);
  const fingerprint = fingerprintOf([filter.ids ?? null, filter.externalApplicationId ?? null]);
  const cursor = query.page_token === undefined ? 0 : decodePageToken(query.page_token, fingerprint);
  if (cursor === undefined) throw reject('invalid_parameter', BAD_PAGE_TOKEN);
  const size = query.page_size ?? defaultPageSize(operation);
  const { items, next } = store.page(filter, { cursor, size });
  return next === undefined ? { items, has_more: false } : { items, page_token: encodePageToken(next, fingerprint), has_more: true };
}

/** PUT external_interviews/{external_interview_id}: the full overwrite; an unknown id is an invalid parameter. */
function updateExternalInterview({ path, body, store, reject }) {
  const external_interview = store.update(path.external_interview_id, body);
  if (!external_interview) throw reject('invalid_parameter', notFound(path.external_interview_id));
  return { external_interview };
}

/** DELETE external_interviews/{external_interview_id}: removes the interview; an unknown id is answered as update does. */
function deleteExternalInterview({ path, store, reject }) {
  if (!store.delete(path.external_interview_id)) throw reject('invalid_parameter', notFound(path.external_interview_id));
  return {};
}

/** The built-in handlers, by operationId. */
export const operationHandlers = Object.freeze({
  getTenantAccessToken,
  createExternalInterview,
  batchQueryExternalInterviews,
  updateExternalInterview,
  deleteExternalInterview,
});

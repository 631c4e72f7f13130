// The hand-written handlers, by operationId: the exceptions to the default handler of each role (roles.js), for
// behaviour no metadata states. Each says why it is written by hand. A handler gets the request's context and returns
// the `data` of the success envelope, or a Reply (ctx.reply) for another answer; it throws ctx.reject(role, detail).
import { operationById } from '@feishu-hire/spec/model';

/** Path of Feishu's self-built-app token endpoint (operation getTenantAccessToken of the spec). */
export const TOKEN_PATH = operationById('getTenantAccessToken').path;

/**
 * POST tenant_access_token/internal: the app's current token (a new one when it has 30 minutes or less left).
 * By hand because it is no resource (no record is stored; it checks credentials against the `apps` option) and its
 * answer is not the `{ code, msg, data }` envelope but the token fields beside `code` and `msg`.
 */
function getTenantAccessToken({ body, config, tokens, reject, reply }) {
  if (!config.apps.some((a) => a.appId === body.app_id && a.appSecret === body.app_secret)) throw reject('app_secret_invalid');
  const { token, expire } = tokens.grant(body.app_id);
  return reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire });
}

/** The hand-written handlers, by operationId. */
export const operationHandlers = Object.freeze({ getTenantAccessToken });

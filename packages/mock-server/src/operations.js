// The one handler table: what the mock does for each operation of the spec, once the request is authenticated,
// rate-limited and validated. A handler gets the request's context and returns the `data` of the success
// envelope, or a Reply (ctx.reply) for another answer; it throws ctx.reject(role, detail) to fail.
import { operationById } from '@feishu-hire/spec/model';

/** Path of Feishu's self-built-app token endpoint (operation getTenantAccessToken of the spec). */
export const TOKEN_PATH = operationById('getTenantAccessToken').path;

/** POST tenant_access_token/internal: the app's current token (a new one when it has 30 minutes or less left). */
function getTenantAccessToken({ body, config, tokens, reject, reply }) {
  if (!config.apps.some((a) => a.appId === body.app_id && a.appSecret === body.app_secret)) throw reject('app_secret_invalid');
  const { token, expire } = tokens.grant(body.app_id);
  return reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire });
}

/** PUT external_interviews/{external_interview_id}: the full overwrite; an unknown id is an invalid parameter. */
function updateExternalInterview({ path, body, store, reject }) {
  const id = path.external_interview_id;
  const external_interview = store.update(id, body);
  if (!external_interview) throw reject('invalid_parameter', `external_interview_id not found (path.external_interview_id = ${JSON.stringify(id)})`);
  return { external_interview };
}

/** The built-in handlers, by operationId. */
export const operationHandlers = Object.freeze({ getTenantAccessToken, updateExternalInterview });

import { HireApiError } from './errors.js';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (and drops its timer then). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return abortable(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() => clearTimeout(timer));
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Drops a timer's hold on a Node process (a no-op elsewhere). */
export const unref = (timer: ReturnType<typeof setTimeout>): void => void (timer as { unref?: () => void }).unref?.();

// Characters a token or secret is made of: an occurrence next to one of them is part of another word, not the secret.
const VALUE_CHAR = /[\w-]/;

/**
 * Replaces every secret that stands as a whole value in `text` with `***`. Why whole values: a short token replaced
 * as a substring would mask letters of unrelated words (token `ab` in `about`) and tell where it occurs.
 */
export function redact(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    if (!secret) continue;
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      const end = at + secret.length;
      if (VALUE_CHAR.test(text[at - 1] ?? '') || VALUE_CHAR.test(text[end] ?? '')) continue;
      text = text.slice(0, at) + '***' + text.slice(end);
    }
  }
  return text;
}

/** The HireApiError for a response whose body (`text`, and `body` parsed from it if JSON) is not a success envelope. */
export function toApiError(response: Pick<Response, 'status' | 'statusText' | 'headers'>, body: unknown, text: string, secrets: readonly string[]): HireApiError {
  const envelope = body && typeof body === 'object' ? (body as { code?: unknown; msg?: unknown }) : {};
  const isEnvelope = typeof envelope.code === 'number' && envelope.code !== 0;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = redact(value, secrets)));
  const reset = parseFloat(headers['x-ogw-ratelimit-reset']!);
  return new HireApiError({
    code: isEnvelope ? (envelope.code as number) : -1,
    msg: redact(
      typeof envelope.msg === 'string' && isEnvelope ? envelope.msg : `HTTP ${response.status} ${response.statusText}: not a Feishu {code, msg} envelope`,
      secrets,
    ),
    status: response.status,
    logId: headers['x-tt-logid'],
    rateLimitResetSeconds: Number.isFinite(reset) && reset >= 0 ? reset : undefined,
    headers,
    rawBody: redact(text, secrets),
  });
}

/** Throws a TypeError naming the option unless `value` is a positive number (an integer if `integer`). */
export function checkPositive(name: string, value: unknown, integer = false): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new TypeError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

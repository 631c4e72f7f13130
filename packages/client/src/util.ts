import { HireApiError } from './errors.js';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (and drops its timer then). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Replaces every secret found in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) if (secret) text = text.split(secret).join('***');
  return text;
}

/** The HireApiError for a response whose body (parsed JSON, if any) is not a success envelope. */
export function toApiError(response: Response, body: unknown, secrets: readonly string[]): HireApiError {
  const envelope = body && typeof body === 'object' ? (body as { code?: unknown; msg?: unknown }) : {};
  const isEnvelope = typeof envelope.code === 'number' && envelope.code !== 0;
  const reset = Number.parseFloat(response.headers.get('x-ogw-ratelimit-reset') ?? '');
  return new HireApiError({
    code: isEnvelope ? (envelope.code as number) : -1,
    msg: redact(
      typeof envelope.msg === 'string' && isEnvelope ? envelope.msg : `unexpected response (HTTP ${response.status} ${response.statusText}), not a Feishu {code, msg} envelope`,
      secrets,
    ),
    status: response.status,
    logId: response.headers.get('x-tt-logid') ?? undefined,
    rateLimitResetSeconds: Number.isFinite(reset) && reset >= 0 ? reset : undefined,
  });
}

/** Throws a TypeError naming the option unless `value` is a positive number (an integer if `integer`). */
export function checkPositive(name: string, value: unknown, integer = false): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new TypeError(`${name.includes(':') ? name : `createHireClient: ${name}`} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

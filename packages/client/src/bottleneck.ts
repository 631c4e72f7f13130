// `@feishu-hire/client/bottleneck`: a HireRateLimiter over Bottleneck (an optional peer dependency), whose Redis
// clustering shares one app's quota between processes and hosts, as @octokit/plugin-throttling does. Its own entry
// point, so that apps that do not use it bundle none of it.
import BottleneckDefault from 'bottleneck';
import type { HireRateLimiter } from './limiter.js';

type BottleneckClass = typeof BottleneckDefault;

/** Options of bottleneckRateLimiter. */
export interface BottleneckRateLimiterOptions {
  /**
   * The Redis connection the counts live in, shared by every process that must share the quota:
   * `new Bottleneck.IORedisConnection({ client: new Redis(url) })` (ioredis) or `new Bottleneck.RedisConnection(...)`.
   * Without it the counts stay in this process (Bottleneck's local datastore).
   */
  connection?: BottleneckDefault.IORedisConnection | BottleneckDefault.RedisConnection | undefined;
  /** Prefix of the limiters' ids in Redis (default `'feishu-hire'`): processes share a quota when they use the same one. */
  id?: string | undefined;
  /**
   * How long a slot may stay taken before Bottleneck frees it, in ms (default 120000): a slot of a process that died
   * mid-call comes back after this. Keep it above the client's `timeoutMs` plus one second.
   */
  expirationMs?: number | undefined;
  /** The Bottleneck class to use (default: the installed `bottleneck`). */
  Bottleneck?: BottleneckClass | undefined;
}

/** A HireRateLimiter whose counts Bottleneck keeps; `disconnect()` stops its limiters (not a `connection` you gave). */
export interface BottleneckRateLimiter extends HireRateLimiter {
  /** Stops every Bottleneck limiter made so far; call it before a process ends so that Redis clients let it exit. */
  disconnect(): Promise<void>;
}

/**
 * A rate limiter over Bottleneck: one Bottleneck limiter per key and rate with `maxConcurrent` = `ceil(perSecond)`,
 * each job holding its slot from the start of the call until one window after its response. With a Redis
 * `connection`, every process and host using the same Redis and `id` shares each key's quota.
 *
 * ```ts
 * import Bottleneck from 'bottleneck';
 * import Redis from 'ioredis';
 * const connection = new Bottleneck.IORedisConnection({ client: new Redis(process.env.REDIS_URL) });
 * const client = createHireClient({ auth, limiter: bottleneckRateLimiter({ connection }) });
 * ```
 */
export function bottleneckRateLimiter(options: BottleneckRateLimiterOptions = {}): BottleneckRateLimiter {
  const { connection, id = 'feishu-hire', expirationMs = 120_000, Bottleneck = BottleneckDefault } = options;
  const limiters = new Map<string, BottleneckDefault>();

  return {
    schedule(key, perSecond, fn, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const name = `${perSecond} ${key}`;
      const slots = Math.ceil(perSecond);
      const windowMs = (1000 * slots) / perSecond;
      let limiter = limiters.get(name);
      if (!limiter) {
        // Why maxConcurrent and a held slot, not Bottleneck's reservoir: the gateway counts arrivals per window, so a
        // slot is reused one window after its *response* (see createLimiter); a reservoir refilled on a timer of its
        // own would drift from the gateway's windows. `timeout` lets Redis forget an idle key.
        limiter = new Bottleneck({ id: `${id}:${name}`, maxConcurrent: slots, connection: connection ?? null, datastore: connection ? 'redis' : 'local', timeout: 10 * 60_000 });
        limiters.set(name, limiter);
      }
      return new Promise((resolve, reject) => {
        // Bottleneck cannot drop a queued job: an aborted caller is answered now, and its job frees the slot at once.
        const onAbort = () => reject(signal!.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        limiter
          .schedule({ expiration: expirationMs }, async () => {
            signal?.removeEventListener('abort', onAbort);
            if (signal?.aborted) return;
            const result = fn();
            result.then(resolve, reject);
            await result.catch(() => {});
            await new Promise((done) => setTimeout(done, windowMs));
          })
          // An expired job (its process too slow or gone) only means the slot was freed; the call settles through fn.
          .catch(() => {});
      });
    },
    async disconnect() {
      await Promise.all([...limiters.values()].map((limiter) => limiter.disconnect(false)));
      limiters.clear();
    },
  };
}

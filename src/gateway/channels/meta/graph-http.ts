import { z } from 'zod';
import { reason, type Log } from '../../log';

/**
 * One HTTP call to Meta's Graph API with retries. Every operation ends in an outcome, never a throw: a channel
 * records a failure on the message instead of crashing the send loop.
 */
export type GraphFailure = {
  ok: false;
  /** True when the same call may succeed later (network, timeout, 5xx, 429, a transient Graph code). */
  retryable: boolean;
  /** Readable, safe to store and show: never holds the access token. */
  error: string;
  /** Graph's `error.code` (131047, 190...), null when there was no Graph error body. */
  code: number | null;
  /** Set when Meta documents no way to do this (e.g. an emoji Instagram cannot send): no request was made. */
  unsupported?: true;
};

export type SendOutcome = { ok: true; providerMessageId: string | null } | GraphFailure;

export interface GraphHttpOptions {
  base?: string;
  version?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, with jitter, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  random?: () => number;
  log: Log;
}

export const DEFAULT_GRAPH_BASE = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v21.0';

/**
 * Codes Graph documents as temporary even when the HTTP status is 4xx (graph-api/guides/error-handling:
 * 1 unknown, 2 service, 4/17/32/613 throttling, 341 app limit; WhatsApp error-codes: 80007 and 130429 rate limits,
 * 131016 service unavailable, 131056 pair rate limit). Not retried at once, but the caller may try again later.
 */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80007, 130429, 131016, 131056]);

// Graph's error body (graph-api/guides/error-handling; WhatsApp adds error_data.details, support/error-codes).
const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().optional(),
    error_subcode: z.coerce.number().optional(),
    error_user_msg: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).optional().catch(undefined),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export type JsonResult = { ok: true; json: unknown } | GraphFailure;
export type BytesResult = { ok: true; bytes: Buffer; contentType: string | null } | GraphFailure;

export interface GraphHttp {
  readonly base: string;
  readonly version: string;
  /** `path` is relative to `{base}/{version}` (e.g. `/123/messages`) or an absolute URL already checked by the caller. */
  /** A FormData body goes as multipart/form-data (media uploads); anything else as JSON. */
  json(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<JsonResult>;
  /**
   * Downloads a file with the bearer, refusing more than `maxBytes` (checked on the header and while reading).
   * `timeoutMs` overrides the client's for the whole download: 100 MB does not arrive in 10 s on every link.
   */
  bytes(url: string, token: string, maxBytes: number, timeoutMs?: number): Promise<BytesResult>;
  /** Strips the token from text bound for a log or an error (belt and braces: it is only ever sent in a header). */
  redact(text: string, token: string): string;
  log: Log;
}

class TooLarge extends Error {}

export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const base = (options.base ?? DEFAULT_GRAPH_BASE).replace(/\/+$/, '');
  const version = options.version ?? DEFAULT_GRAPH_VERSION;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const doFetch = options.fetch ?? fetch;
  const random = options.random ?? Math.random;
  const log = options.log;

  const redact = (text: string, token: string) => (token ? text.split(token).join('[token]') : text);

  /** What a log line may show of a URL: never its query (a signed media link, a token echoed in `paging.next`). */
  const where = (method: string, url: string) => {
    const u = new URL(url);
    return `${method} ${u.origin === base ? '' : u.origin}${u.pathname}`;
  };

  const backoff = (attempt: number) => {
    const exp = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
    return Math.round(exp / 2 + (random() * exp) / 2); // "equal jitter": never 0, never above the cap
  };

  /** A failed attempt also carries Graph's fbtrace_id: worth a log line for Meta support, noise in a stored error. */
  type Try<T> = { done: T } | { failure: GraphFailure; retry: boolean; retryAfter?: string | null; trace?: string };

  /** One attempt: `read` turns a 2xx response into the result (and may throw TooLarge). */
  async function once<T>(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    body: unknown,
    read: (res: Response) => Promise<T>,
    timeout: number,
  ): Promise<Try<T>> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          // A form sets its own multipart content type, boundary included.
          ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
        redirect: 'error', // a redirect would carry the bearer to wherever Location points
      });
    } catch (error) {
      return { failure: networkFailure(error, timeout), retry: true };
    }
    if (res.ok) {
      try {
        return { done: await read(res) };
      } catch (error) {
        if (error instanceof TooLarge) {
          return { failure: { ok: false, retryable: false, error: error.message, code: null }, retry: false };
        }
        // The body did not arrive in time or the connection broke mid-way: as retryable as a failed connect.
        return { failure: networkFailure(error, timeout), retry: true };
      }
    }
    const { failure, trace } = await httpFailure(res);
    const retry = res.status === 429 || res.status >= 500;
    return {
      failure: { ...failure, retryable: retry || failure.retryable },
      retry,
      retryAfter: res.headers.get('retry-after'),
      trace,
    };
  }

  /** Runs a request up to `maxAttempts` times; every failure ends as one log line and a GraphFailure. */
  async function attempt<T>(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    body: unknown,
    read: (res: Response) => Promise<T>,
    timeout = timeoutMs,
  ): Promise<T | GraphFailure> {
    const label = where(method, url);
    for (let n = 1; ; n++) {
      const result = await once(method, url, token, body, read, timeout);
      if ('done' in result) return result.done;
      const failure = { ...result.failure, error: redact(result.failure.error, token) };
      const asked = parseRetryAfter(result.retryAfter ?? null);
      const why = result.trace ? `${failure.error} [fbtrace_id ${redact(result.trace, token)}]` : failure.error;
      // Retrying before the time Meta asked for only earns another 429; waiting longer than the cap would block
      // the send loop, so the caller gets a retryable failure and decides when to come back.
      if (!result.retry || n >= maxAttempts || (asked !== null && asked > maxBackoffMs)) {
        log(`graph: ${label} failed: ${why}`);
        return failure;
      }
      const delay = asked ?? backoff(n);
      log(`graph: ${label} attempt ${n}/${maxAttempts} failed (${why}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  }

  function networkFailure(error: unknown, timeout: number): GraphFailure {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const text = timedOut ? `Graph API did not answer within ${timeout} ms` : `${reason(error)}${cause}`;
    return { ok: false, retryable: true, error: text, code: null };
  }

  return {
    base,
    version,
    redact,
    log,
    json(method, path, token, body) {
      const url = /^https?:\/\//.test(path) ? path : `${base}/${version}${path}`;
      return attempt(method, url, token, body, async (res): Promise<JsonResult> => {
        const text = await res.text();
        try {
          return { ok: true, json: text ? JSON.parse(text) : null };
        } catch {
          return { ok: true, json: null }; // the caller decides what a 2xx without JSON means for it
        }
      });
    },
    bytes(url, token, maxBytes, downloadTimeoutMs = timeoutMs) {
      const read = async (res: Response): Promise<BytesResult> => {
        const declared = Number(res.headers.get('content-length'));
        if (Number.isFinite(declared) && declared > maxBytes) {
          await res.body?.cancel();
          throw new TooLarge(`media is ${declared} bytes, more than the ${maxBytes} allowed`);
        }
        const chunks: Buffer[] = [];
        let total = 0;
        if (res.body) {
          const reader = res.body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            total += value.byteLength;
            if (total > maxBytes) {
              await reader.cancel();
              throw new TooLarge(`media is more than the ${maxBytes} bytes allowed`);
            }
            chunks.push(Buffer.from(value));
          }
        }
        return { ok: true, bytes: Buffer.concat(chunks, total), contentType: res.headers.get('content-type') };
      };
      return attempt('GET', url, token, undefined, read, downloadTimeoutMs);
    },
  };
}

/** Turns a non-2xx answer into readable text, preferring Graph's own words: "(#131047) Re-engagement message: ...". */
async function httpFailure(res: Response): Promise<{ failure: GraphFailure; trace?: string }> {
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = GraphErrorSchema.safeParse(json);
  if (!parsed.success) {
    const what = json === undefined ? 'a non-JSON body' : 'a body that is not a Graph error';
    return {
      failure: { ok: false, retryable: false, error: `Graph API answered HTTP ${res.status} with ${what}`, code: null },
    };
  }
  const e = parsed.data.error;
  const code = e.code ?? null;
  let message = e.message?.trim() || e.error_user_msg?.trim() || `HTTP ${res.status}`;
  // WhatsApp messages already start with "(#code)"; Messenger's OAuth errors often do not.
  if (code !== null && !message.startsWith('(#')) message = `(#${code}) ${message}`;
  const details = e.error_data?.details?.trim();
  if (details && !message.includes(details)) message = `${message}: ${details}`;
  const transient = e.is_transient === true || (code !== null && TRANSIENT_CODES.has(code));
  return { failure: { ok: false, retryable: transient, error: message, code }, trace: e.fbtrace_id };
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

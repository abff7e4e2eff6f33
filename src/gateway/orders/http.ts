import { sourceFailure, type SourceFailure, type SourceResult } from './source';

/**
 * JSON over fetch for the shop sources. Every call ends in a SourceResult, never a throw, so a broken shop shows in
 * the Orders panel instead of crashing a socket handler. Nothing here logs: the messages it builds name the method,
 * the host and the path, never the query string (WooCommerce's fallback puts the key there) nor a header.
 */

export type FetchLike = typeof fetch;

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON when set. */
  body?: unknown;
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; `undefined` when it was empty or not JSON (a proxy's HTML page, a truncated reply). */
  json: unknown;
}

/** Where a request went, fit for a message: "GET shop.example/wp-json/wc/v3/orders" (no query, no credentials). */
export function describe(request: Pick<JsonRequest, 'method' | 'url'>): string {
  try {
    const url = new URL(request.url);
    return `${request.method} ${url.host}${url.pathname}`;
  } catch {
    return request.method;
  }
}

/** One request; network failures become 'unreachable', an abort (the guard's timeout or the caller) 'timeout'. */
export async function requestJson(
  doFetch: FetchLike,
  request: JsonRequest,
  signal: AbortSignal,
): Promise<SourceResult<JsonAnswer>> {
  if (signal.aborted) return abortedFailure();
  let res: Response;
  try {
    res = await doFetch(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      // A redirect would carry the credentials to wherever Location points (an http:// downgrade, another host).
      redirect: 'error',
    });
  } catch (error) {
    return signal.aborted ? abortedFailure() : networkFailure(error, request);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    return signal.aborted ? abortedFailure() : networkFailure(error, request);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { ok: true, value: { status: res.status, headers: res.headers, json } };
}

function abortedFailure(): SourceFailure {
  return sourceFailure('timeout', 'the shop did not answer in time', true);
}

function networkFailure(error: unknown, request: JsonRequest): SourceFailure {
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND...) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  const text = error instanceof Error ? error.message : String(error);
  return sourceFailure('unreachable', `${describe(request)} failed: ${cause ?? text}`, true);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** What one attempt decided: a final result, or "wait this long and try again" with the failure to report if not. */
export type Attempt<T> = { done: SourceResult<T> } | { retryInMs: number; failure: SourceFailure };

export interface RetryPolicy {
  /** Retries after the first attempt (rate limits only); 3 by default. */
  maxRetries?: number;
  /** A shop asking for a longer wait than this gets its failure returned at once; 10 s by default. */
  maxWaitMs?: number;
}

/**
 * Runs `attempt` until it is done, retrying only when the shop said when to come back (HTTP 429 + Retry-After,
 * Shopify's THROTTLED cost). The waits are bounded by the signal: an abort during a wait ends the call as 'timeout'.
 */
export async function withRetries<T>(
  attempt: () => Promise<Attempt<T>>,
  signal: AbortSignal,
  policy: RetryPolicy = {},
): Promise<SourceResult<T>> {
  const maxRetries = policy.maxRetries ?? 3;
  const maxWaitMs = policy.maxWaitMs ?? 10_000;
  for (let retries = 0; ; retries++) {
    const result = await attempt();
    if ('done' in result) return result.done;
    if (retries >= maxRetries || result.retryInMs > maxWaitMs) return result.failure;
    const slept = await sleep(result.retryInMs, signal);
    if (!slept) return abortedFailure();
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The failure for an HTTP status no source handles specially; `what` names the shop ("Shopify", "WooCommerce"). */
export function statusFailure(status: number, what: string, detail: string | null): SourceFailure {
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    return sourceFailure('unauthorized', `${what} refused the credentials (HTTP ${status})${suffix}`);
  }
  if (status === 429) return sourceFailure('rate_limited', `${what} is rate limiting this shop${suffix}`, true);
  if (status >= 500) return sourceFailure('unreachable', `${what} answered HTTP ${status}${suffix}`, true);
  return sourceFailure('refused', `${what} answered HTTP ${status}${suffix}`);
}

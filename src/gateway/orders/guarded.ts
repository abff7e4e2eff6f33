import type { Address, ShopOrder } from '../../core';
import { sourceFailure, type CustomerQuery, type OrderSource, type SourceFailure, type SourceResult } from './source';

/**
 * Wraps a shop so a slow or busy one never holds the inbox: every call is cut after `timeoutMs`, lookups are
 * cached for `cacheTtlMs` and identical lookups in flight share one request. An action (cancel, new address)
 * empties the cache, since any cached lookup may show the order it changed.
 */

export interface GuardOptions {
  /** 4000 by default: the Orders panel would rather say "the shop did not answer" than spin. */
  timeoutMs?: number;
  /** 30000 by default; 0 disables the cache (lookups in flight are still shared). */
  cacheTtlMs?: number;
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export function guardSource(source: OrderSource, options: GuardOptions = {}): OrderSource {
  const timeoutMs = options.timeoutMs ?? 4000;
  const cacheTtlMs = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<SourceResult<unknown>>>();
  // Bumped by every action: a lookup that started before it must not put its (now stale) answer in the cache.
  let generation = 0;

  const seconds = (ms: number) => `${Math.round(ms / 100) / 10}`.replace(/\.0$/, '');
  const timedOut = (): SourceFailure =>
    sourceFailure('timeout', `the shop did not answer within ${seconds(timeoutMs)} s`, true);

  /**
   * Runs one call under its own timeout. The call gets a signal that aborts at the deadline; the result is
   * decided there too, so a source that ignores its signal still cannot hold the caller.
   */
  async function bounded<T>(call: (signal: AbortSignal) => Promise<SourceResult<T>>): Promise<SourceResult<T>> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<SourceFailure>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new DOMException('the shop did not answer in time', 'TimeoutError'));
        resolve(timedOut());
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([call(controller.signal).catch(thrown), deadline]);
      // A source that noticed the abort first reports its own 'timeout'; ours says how long we waited.
      return controller.signal.aborted && !result.ok && result.reason === 'timeout' ? timedOut() : result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The caller's own signal ends its wait (not the shared request, which other callers may still want). */
  function untilAborted<T>(work: Promise<SourceResult<T>>, outer: AbortSignal): Promise<SourceResult<T>> {
    if (outer.aborted) return Promise.resolve(sourceFailure('timeout', 'the lookup was cancelled', true));
    return new Promise((resolve) => {
      const onAbort = () => resolve(sourceFailure('timeout', 'the lookup was cancelled', true));
      outer.addEventListener('abort', onAbort, { once: true });
      void work.then((result) => {
        outer.removeEventListener('abort', onAbort);
        resolve(result);
      });
    });
  }

  function lookup<T>(
    key: string,
    outer: AbortSignal,
    call: (signal: AbortSignal) => Promise<SourceResult<T>>,
  ): Promise<SourceResult<T>> {
    if (outer.aborted) return Promise.resolve(sourceFailure('timeout', 'the lookup was cancelled', true));
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now()) return Promise.resolve({ ok: true, value: hit.value as T });
    if (hit) cache.delete(key);
    let shared = inFlight.get(key) as Promise<SourceResult<T>> | undefined;
    if (!shared) {
      const startedIn = generation;
      shared = bounded(call).then((result) => {
        inFlight.delete(key);
        if (result.ok && cacheTtlMs > 0 && startedIn === generation) {
          cache.set(key, { value: result.value, expiresAt: now() + cacheTtlMs });
        }
        return result;
      });
      inFlight.set(key, shared as Promise<SourceResult<unknown>>);
    }
    return untilAborted(shared, outer);
  }

  async function act(
    outer: AbortSignal,
    call: (signal: AbortSignal) => Promise<SourceResult<ShopOrder>>,
  ): Promise<SourceResult<ShopOrder>> {
    try {
      return await untilAborted(
        bounded((signal) => call(AbortSignal.any([signal, outer]))),
        outer,
      );
    } finally {
      // Even a failed or timed-out action may have changed the order: drop everything and start afresh.
      generation++;
      cache.clear();
      inFlight.clear();
    }
  }

  return {
    kind: source.kind,
    abilities: source.abilities,
    byNumber(number: string, signal: AbortSignal) {
      const wanted = number.trim().replace(/^#/, '');
      return lookup(`number:${wanted}`, signal, (s) => source.byNumber(wanted, s));
    },
    byCustomer(query: CustomerQuery, signal: AbortSignal, limit = 10) {
      const email = query.email?.trim().toLowerCase() || null;
      const phone = query.phone?.trim() || null;
      const key = `customer:${JSON.stringify([email, phone, limit])}`;
      return lookup(key, signal, (s) => source.byCustomer({ email, phone }, s, limit));
    },
    cancel(orderId: string, signal: AbortSignal) {
      return act(signal, (s) => source.cancel(orderId, s));
    },
    updateShippingAddress(orderId: string, address: Address, signal: AbortSignal) {
      return act(signal, (s) => source.updateShippingAddress(orderId, address, s));
    },
  };
}

/** A source that throws breaks its promise; the panel still gets an answer it can show. */
function thrown(error: unknown): SourceFailure {
  const message = error instanceof Error ? error.message : String(error);
  return sourceFailure('bad_response', `the shop source failed: ${message}`);
}

// `--diagnose`: where the gateway's time goes, measured inside the gateway process. Off by default because the
// wrappers cost a little on every statement and request, which would blur the figures they help explain.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { parseEnvelope } from '../../../src/gateway/channels/meta/envelope';
import { signBody, verifySignature } from '../../../src/gateway/channels/meta/signature';
import { SECRET } from '../../../tests/fakes/meta-webhook';
import { summarize, type Latency } from './stats';

export interface LockFigures {
  /** Top-level statements (webhook insert, processor reads and marks, API reads): wait for the lock, then run. */
  statements: Record<
    string,
    { count: number; waitP50: number; waitP99: number; waitMax: number; runP50: number; runP99: number }
  >;
  /** store.write transactions (processing one update, replies): how long each held the lock. */
  transactions: { count: number; holdP50: number; holdP99: number; holdMax: number; holdTotalMs: number };
}

type LockSample = { label: string; wait: number; run: number };

/** "INSERT webhook_deliveries", "SELECT threads"…: enough to tell the ack path from processing and the API. */
function statementLabel(text: unknown): string {
  const sql = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  const table = /\b(?:INTO|FROM|UPDATE)\s+(\w+)/i.exec(sql)?.[1] ?? '?';
  return `${sql.split(' ')[0]?.toUpperCase() ?? '?'} ${table}`;
}

/**
 * Wraps PGlite's lock so each caller's wait and run time can be read. All statements and transactions share that
 * one lock, so a webhook insert waits for whatever processing holds it: this shows how long, and behind what.
 */
export function instrumentPglite() {
  const samples: LockSample[] = [];
  const context = new AsyncLocalStorage<string>();
  const proto = PGlite.prototype as unknown as {
    query(...args: unknown[]): Promise<unknown>;
    transaction(...args: unknown[]): Promise<unknown>;
    _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  };
  const query = proto.query;
  const transaction = proto.transaction;
  const exclusive = proto._runExclusiveTransaction;
  proto.query = function (this: unknown, ...args: unknown[]) {
    return context.run(statementLabel(args[0]), () => query.apply(this, args));
  };
  proto.transaction = function (this: unknown, ...args: unknown[]) {
    return context.run('transaction', () => transaction.apply(this, args));
  };
  proto._runExclusiveTransaction = function <T>(this: unknown, fn: () => Promise<T>): Promise<T> {
    const label = context.getStore() ?? 'other';
    const asked = performance.now();
    return exclusive.call(this, async () => {
      const started = performance.now();
      try {
        return await fn();
      } finally {
        samples.push({ label, wait: started - asked, run: performance.now() - started });
      }
    }) as Promise<T>;
  };
  return {
    reset: () => (samples.length = 0),
    figures: () => lockFigures(samples),
  };
}

function lockFigures(samples: LockSample[]): LockFigures {
  const byLabel = new Map<string, LockSample[]>();
  for (const s of samples) {
    const list = byLabel.get(s.label) ?? [];
    list.push(s);
    byLabel.set(s.label, list);
  }
  const statements: LockFigures['statements'] = {};
  let tx: LockSample[] = [];
  for (const [label, list] of byLabel) {
    if (label === 'transaction') {
      tx = list;
      continue;
    }
    const wait = summarize(list.map((s) => s.wait));
    const run = summarize(list.map((s) => s.run));
    statements[label] = {
      count: list.length,
      waitP50: wait.p50,
      waitP99: wait.p99,
      waitMax: wait.max,
      runP50: run.p50,
      runP99: run.p99,
    };
  }
  const hold = summarize(tx.map((s) => s.run));
  return {
    statements,
    transactions: {
      count: tx.length,
      holdP50: hold.p50,
      holdP99: hold.p99,
      holdMax: hold.max,
      holdTotalMs: tx.reduce((sum, s) => sum + s.run, 0),
    },
  };
}

/**
 * Times every request inside the gateway, from the HTTP server's 'request' event (headers parsed) to the end of the
 * answer. Whatever the sender saw beyond that was spent before the gateway's event loop read the request.
 */
export function timeRequestHandling() {
  const handling: number[] = [];
  const proto = Server.prototype as unknown as { emit(event: string | symbol, ...args: unknown[]): boolean };
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const started = performance.now();
      (args[1] as ServerResponse).once('finish', () => handling.push(performance.now() - started));
    }
    return emit.apply(this, [event, ...args]);
  };
  return {
    reset: () => (handling.length = 0),
    figures: (): Latency => summarize(handling.splice(0)),
  };
}

/** The ack path's pure-CPU steps on a typical body, one at a time, in µs. */
export function stepCosts(body: Buffer): Record<string, number> {
  const signature = signBody(body, SECRET);
  const rounds = 3000;
  const time = (fn: () => void) => {
    for (let i = 0; i < 200; i++) fn(); // warm-up: let V8 optimise before timing
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) fn();
    return ((performance.now() - t0) / rounds) * 1000;
  };
  const text = body.toString('utf8');
  const json = JSON.parse(text) as unknown;
  return {
    'verify signature (HMAC-SHA256)': time(() => verifySignature(body, signature, SECRET)),
    'JSON.parse': time(() => JSON.parse(text)),
    'envelope check (zod)': time(() => parseEnvelope('whatsapp', json)),
  };
}

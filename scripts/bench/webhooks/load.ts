// The senders. Each request is timed from the moment it was due, not from when the sender got round to it, so a
// stalled gateway shows as latency instead of silently slowing the load down (no coordinated omission).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Prepared } from './bodies';

/** A request still unanswered after this long is abandoned and counted as an error. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Answer {
  ok: boolean;
  /** performance.now() at the 200 (or the error). */
  doneAt: number;
  wroteAt: number;
  error?: string;
  duplicate?: boolean;
  /** The request opened a new connection (no idle keep-alive socket was free): TCP connect time, in ms. */
  connectMs?: number;
}

export interface RunResult {
  items: Prepared[];
  answers: Answer[];
  /** performance.now() when each request was due (open loop) or taken (closed loop). */
  due: number[];
  startPerf: number;
  /** Date.now() at the first send and at the last answer, to compare with the store's received_at/processed_at. */
  startEpoch: number;
  endEpoch: number;
  maxInFlight: number;
}

/** One webhook POST, as Meta makes it; never rejects, so that an error is an answer to count. */
function post(agent: Agent, url: URL, item: Prepared): Promise<Answer> {
  const wroteAt = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let connectMs: number | undefined;
    const finish = (answer: Omit<Answer, 'wroteAt' | 'doneAt'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, wroteAt, doneAt: performance.now(), ...(connectMs !== undefined && { connectMs }) });
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/webhooks/whatsapp',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': item.body.length,
          'x-hub-signature-256': item.signature,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) {
            finish({ ok: true, duplicate: /"duplicate":\s*true/.test(text) });
          } else finish({ ok: false, error: `${res.statusCode ?? 0} ${text.slice(0, 120)}` });
        });
        res.on('error', (error) => finish({ ok: false, error: error.message }));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (error) =>
      finish({ ok: false, error: `${error.message}${req.reusedSocket ? ' (on a reused keep-alive socket)' : ''}` }),
    );
    // Only a request that opens a connection sees 'connect': connection set-up is reported apart from the rest.
    req.on('socket', (socket) => {
      if (socket.connecting) {
        const asked = performance.now();
        socket.once('connect', () => (connectMs = performance.now() - asked));
      }
    });
    req.end(item.body);
  });
}

/** Keep-alive, and enough sockets that a slow gateway makes the sender open connections rather than queue. */
const newAgent = () => new Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });

/** Sends `items` on a fixed schedule whatever the answers (open loop): a slow answer cannot delay the next send. */
export async function openLoop(url: URL, items: Prepared[], rate: number): Promise<RunResult> {
  const agent = newAgent();
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  const startEpoch = Date.now() + 20;
  const answers: Answer[] = new Array<Answer>(items.length);
  const due: number[] = new Array<number>(items.length);
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let done = 0;
  await new Promise<void>((resolve) => {
    const fire = (i: number) => {
      const item = items[i];
      if (!item) return;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      void post(agent, url, item).then((answer) => {
        answers[i] = answer;
        inFlight -= 1;
        done += 1;
        if (done === items.length) resolve();
      });
    };
    // A late timer sends everything that fell due meanwhile at once, so the schedule catches up instead of drifting.
    const tick = () => {
      const now = performance.now();
      while (next < items.length && start + next * interval <= now) {
        due[next] = start + next * interval;
        fire(next);
        next += 1;
      }
      if (next < items.length) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const endEpoch = Date.now();
  agent.destroy();
  return { items, answers, due, startPerf: start, startEpoch, endEpoch, maxInFlight };
}

/**
 * `concurrency` senders, each sending its next body as soon as the previous one is answered (closed loop), for
 * `seconds` or until `next` has nothing more.
 */
export async function closedLoop(
  url: URL,
  next: () => Prepared | null,
  concurrency: number,
  seconds: number,
): Promise<RunResult> {
  const agent = newAgent();
  const items: Prepared[] = [];
  const answers: Answer[] = [];
  const due: number[] = [];
  const startEpoch = Date.now();
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const item = next();
        if (!item) return;
        const i = items.push(item) - 1;
        due[i] = performance.now();
        answers[i] = await post(agent, url, item);
      }
    }),
  );
  const endEpoch = Date.now();
  agent.destroy();
  return { items, answers, due, startPerf: start, startEpoch, endEpoch, maxInFlight: concurrency };
}

/** Every item once, `concurrency` at a time, however long it takes (the priming, which is not timed). */
export function closedLoopOver(url: URL, items: Prepared[], concurrency: number): Promise<RunResult> {
  let next = 0;
  return closedLoop(url, () => items[next++] ?? null, Math.min(concurrency, items.length), Infinity);
}

// Processing: the 200 only promises the body is stored; turning it into inbox rows happens afterwards. Whether that
// keeps up (backlog, drain, lag) is read from webhook_deliveries' received_at/processed_at after the run.
import type { Answer, RunResult } from './load';
import { summarize, type Latency } from './stats';

export interface DrainFigures {
  /** Webhooks stored during the phase. */
  webhooks: number;
  /** Of those, customer messages (the rest are statuses). */
  messages: number;
  /** Stored but not processed yet when the phase's last answer came back. */
  backlogAtEnd: number;
  /** From the phase's last answer until `channels.idle()`: every stored body applied. */
  drainMs: number;
  /** Webhooks processed per second, phase start → idle (processing runs while acknowledgements go on). */
  processedPerSec: number;
  /** Customer messages stored in the inbox per second over the same window. */
  messagesPerSec: number;
  /** Per webhook, from its insert (received_at) to the end of its processing (processed_at). */
  lag: Latency;
}

/** One row of webhook_deliveries, times in epoch ms (the gateway's clock, the same machine's as the sender's). */
export interface StoredDelivery {
  received_at: number;
  processed_at: number | null;
  kind: 'message' | 'status';
}

/** A 200 that stored a body: one the gateway marked {"duplicate": true} stored nothing new. */
const storedBody = (a: Answer) => a.ok && !a.duplicate;

/**
 * Splits the stored bodies by the run that sent them. Runs never overlap (each one's answers all came back before
 * the next began), so the store's rows are, in id order, the first run's, then the next one's.
 */
export function deliveriesByRun(runs: RunResult[], deliveries: StoredDelivery[]): Map<RunResult, StoredDelivery[]> {
  const slices = new Map<RunResult, StoredDelivery[]>();
  let offset = 0;
  for (const run of runs) {
    const stored = run.answers.filter(storedBody).length;
    slices.set(run, deliveries.slice(offset, offset + stored));
    offset += stored;
  }
  return slices;
}

/** How processing kept up with one run, whose bodies were all processed at `idleAt` (epoch ms). */
export function drainFigures(run: RunResult, mine: StoredDelivery[], idleAt: number): DrainFigures {
  const lag = mine.map((d) => (d.processed_at ?? NaN) - d.received_at);
  const windowS = (idleAt - run.startEpoch) / 1000;
  const messages = mine.filter((d) => d.kind === 'message').length;
  return {
    webhooks: mine.length,
    messages,
    backlogAtEnd: mine.filter((d) => d.processed_at === null || d.processed_at > run.endEpoch).length,
    drainMs: Math.max(0, idleAt - run.endEpoch),
    processedPerSec: mine.length / windowS,
    messagesPerSec: messages / windowS,
    lag: summarize(lag),
  };
}

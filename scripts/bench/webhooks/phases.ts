// One timed phase's figures: what the sender saw, next to what the gateway, the machine and processing were doing
// at the time, so that a slow phase can be told apart from a busy machine or a processing backlog.
import type { ChildPhase } from './gateway-process';
import type { RunResult } from './load';
import type { MachineFigures } from './machine';
import type { DrainFigures } from './processing';
import { summarize, type Latency } from './stats';

/** The gateway process over the phase, as it reported it, with its CPU per accepted webhook. */
export interface GatewayLoad extends Pick<ChildPhase, 'eventLoopDelay' | 'lock' | 'handling'> {
  /** CPU time (user + system) of the gateway process over the phase, per accepted webhook. */
  cpuMsPerWebhook: number;
  /** CPU time / wall time: 1 = one core busy all the time (PGlite runs on the gateway's main thread). */
  cpuShare: number;
}

export interface PhaseFigures {
  label: string;
  /** The whole phase's requests: accepted (200) and errors (anything else, timeouts and socket errors included). */
  sent: number;
  accepted: number;
  errors: number;
  errorSamples: string[];
  /** Accepted answers per second, first send → last answer. */
  acceptedPerSec: number;
  /** Open loop: from the time each request was due to its 200 (queueing in the sender and gateway included). */
  latency: Latency;
  /** From the moment the request was handed to the socket to its 200. */
  latencyFromWrite: Latency;
  /** Requests that had to open a new connection, and how long the TCP connect took. */
  newConnections: number;
  connect: Latency;
  /** Answers slower than 1 s, and how many of those had opened a new connection. */
  slowerThan1s: number;
  slowerThan1sOnNewConnection: number;
  maxInFlight: number;
  gateway: GatewayLoad;
  machine: MachineFigures;
  drain: DrainFigures;
}

export interface OpenLoopFigures extends PhaseFigures {
  targetRate: number;
  seconds: number;
  /** Requests sent per second (the schedule held?). */
  sendRate: number;
  /** How late the sender wrote each request against its schedule, in ms. */
  senderLateness: Latency;
  /** Latency by second of the schedule: does it build up (too little capacity) or spike (a stall)? */
  perSecond: Array<{ second: number; p50: number; p99: number; max: number }>;
}

export interface CapacityFigures extends PhaseFigures {
  concurrency: number;
  seconds: number;
}

/** What the phase measured besides the sender's own answers. */
export interface PhaseContext {
  load: ChildPhase;
  machine: MachineFigures;
  drain: DrainFigures;
}

/** Each request's latency from when it was due (open loop) or taken (closed loop) to its answer. */
const fromDue = (run: RunResult): number[] => run.answers.map((a, i) => a.doneAt - (run.due[i] ?? a.wroteAt));

export function phaseFigures(label: string, run: RunResult, { load, machine, drain }: PhaseContext): PhaseFigures {
  const ok = run.answers.filter((a) => a.ok);
  const errors = run.answers.filter((a) => !a.ok);
  const latencies = fromDue(run);
  const slower = run.answers.filter((_, i) => (latencies[i] ?? 0) > 1000);
  return {
    label,
    sent: run.answers.length,
    accepted: ok.length,
    errors: errors.length,
    errorSamples: [...new Set(errors.map((a) => a.error ?? '?'))].slice(0, 5),
    acceptedPerSec: ok.length / ((Math.max(...run.answers.map((a) => a.doneAt)) - run.startPerf) / 1000),
    latency: summarize(latencies),
    latencyFromWrite: summarize(run.answers.map((a) => a.doneAt - a.wroteAt)),
    newConnections: run.answers.filter((a) => a.connectMs !== undefined).length,
    slowerThan1s: slower.length,
    slowerThan1sOnNewConnection: slower.filter((a) => a.connectMs !== undefined).length,
    connect: summarize(run.answers.flatMap((a) => (a.connectMs === undefined ? [] : [a.connectMs]))),
    maxInFlight: run.maxInFlight,
    gateway: {
      cpuMsPerWebhook: load.cpuMs / Math.max(1, ok.length),
      cpuShare: load.cpuMs / load.wallMs,
      eventLoopDelay: load.eventLoopDelay,
      ...(load.lock && { lock: load.lock }),
      ...(load.handling && { handling: load.handling }),
    },
    machine,
    drain,
  };
}

/** The open loop's figures: did the sender hold its schedule, and did latency build up over the seconds? */
export function openLoopFigures(run: RunResult, rate: number, seconds: number, context: PhaseContext): OpenLoopFigures {
  const lastSend = Math.max(...run.answers.map((a) => a.wroteAt));
  const latencies = fromDue(run);
  return {
    ...phaseFigures(`open loop ${rate}/s × ${seconds} s`, run, context),
    targetRate: rate,
    seconds,
    sendRate: (run.items.length - 1) / ((lastSend - run.startPerf) / 1000),
    senderLateness: summarize(run.answers.map((a, i) => a.wroteAt - (run.due[i] ?? a.wroteAt))),
    perSecond: Array.from({ length: Math.ceil(seconds) }, (_, second) => {
      const l = summarize(latencies.slice(second * rate, (second + 1) * rate));
      return { second, p50: l.p50, p99: l.p99, max: l.max };
    }),
  };
}

export function capacityFigures(
  run: RunResult,
  concurrency: number,
  seconds: number,
  context: PhaseContext,
): CapacityFigures {
  return {
    ...phaseFigures(`capacity: ${concurrency} senders × ${seconds} s`, run, context),
    concurrency,
    seconds,
  };
}

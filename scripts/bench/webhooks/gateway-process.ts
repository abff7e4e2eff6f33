// The gateway under test runs in a child process: its own event loop, as in production, so that the sender's work
// never shows up as gateway latency (and the other way round). This file is the parent's side and the protocol
// both sides speak over the IPC channel; gateway-child.ts is the child's side.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ChannelsConfig } from '../../../src/gateway/channels/meta/config';
import type { LockFigures } from './diagnose';
import type { Latency, LoopDelay } from './stats';

/** Handed to the child in an environment variable (the child reads it before anything else). */
export const CHILD_CONFIG_ENV = 'COMPTOIR_WEBHOOK_BENCH';

export interface ChildConfig {
  dataDir: string;
  adminToken: string;
  channels: ChannelsConfig;
  diagnose: boolean;
}

/**
 * What the parent can ask: start and end a phase's measurement, wait until every stored body is processed (the
 * answer is the child's Date.now() then), measure the ack steps, read the gateway's log, close.
 */
export type ChildOp = 'phase-start' | 'phase-end' | 'idle' | 'close' | 'step-costs' | 'logs';
export type ChildRequest = { id: number; op: ChildOp; arg?: unknown };
export type ChildReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The gateway process over one phase ('phase-end'). */
export interface ChildPhase {
  /** CPU time (user + system) and wall time of the phase, in ms. */
  cpuMs: number;
  wallMs: number;
  /** How late the gateway's event loop ran timers (blocked by synchronous work, PGlite's included), in ms. */
  eventLoopDelay: LoopDelay;
  /** `--diagnose` only: PGlite's lock (all statements and transactions share it), by caller. */
  lock?: LockFigures;
  /**
   * `--diagnose` only: inside the gateway, from the HTTP server's 'request' event (headers parsed) to the end of
   * the answer. The rest of the sender's latency was spent before the gateway's event loop read the request.
   */
  handling?: Latency;
}

/** The gateway's log lines (kept out of the bench's output), shown only when the check fails. */
export interface GatewayLogs {
  lines: number;
  samples: string[];
}

export interface GatewayProcess {
  url: URL;
  call<T>(op: ChildOp, arg?: unknown): Promise<T>;
  logs(): Promise<GatewayLogs>;
  exited: Promise<number | null>;
  kill(): void;
}

/** Starts the gateway process and resolves once it listens; `cpuProfileDir` gets a V8 CPU profile of it. */
export async function spawnGateway(config: ChildConfig, cpuProfileDir?: string): Promise<GatewayProcess> {
  // The parent's execArgv carries tsx's loader, so the child can run TypeScript too.
  const execArgv = [...process.execArgv];
  if (cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`);
  const child = fork(join(__dirname, 'gateway-child.ts'), [], {
    execArgv,
    env: { ...process.env, [CHILD_CONFIG_ENV]: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const url = await new Promise<URL>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the gateway process exited (${code}) before it was ready`));
    child.once('exit', onExit);
    child.on('message', (raw) => {
      const message = raw as { ready?: string } & Partial<ChildReply>;
      if (message.ready) {
        child.off('exit', onExit);
        resolve(new URL(message.ready));
        return;
      }
      const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
      if (!waiter || message.id === undefined) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve((message as { value: unknown }).value);
      else waiter.reject(new Error((message as { error: string }).error));
    });
  });
  // A crashed gateway fails every call still waiting instead of hanging the bench.
  void exited.then((code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the gateway process exited (${code})`));
    pending.clear();
  });
  const call = <T>(op: ChildOp, arg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, op, arg } satisfies ChildRequest);
    });
  return {
    url,
    call,
    logs: () => call('logs'),
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

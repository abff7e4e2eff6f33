// Webhook acknowledgement: how fast a gateway answers Meta's POSTs (signature check, envelope check, durable insert
// into webhook_deliveries, then the 200), how many it accepts per second, and how long processing takes to turn the
// stored bodies into inbox messages. Method and figures: docs/performance.md, "Webhook acknowledgement".
//
// Part of `npm run bench`, or alone: `npx tsx scripts/bench/webhooks [options]`, which also writes
// test-results/bench-webhooks.json. Options:
//   --quick                  10 s open loop and 5 s capacity phase instead of 30 s and 15 s
//   --rate=200 --seconds=30  the open loop's rate and duration
//   --concurrency=32 --capacity-seconds=15
//   --diagnose               also measure PGlite's lock, the time spent inside the gateway, the ack steps' CPU
//   --cpu-prof-dir=DIR       write a V8 CPU profile of the gateway process
//
// The gateway runs in a child process (gateway-process.ts); this process only sends. The steps: priming.ts, then
// an open loop and a capacity phase (load.ts), then the store check (check.ts), which fails the bench.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraphApi } from '../../../tests/fakes/graph-api';
import { channelsFor } from '../../../tests/fakes/meta-webhook';
import { BodyFactory, StatusStream, type Prepared } from './bodies';
import { Acknowledged, assertConsistent, checkStore, type WebhookCheck } from './check';
import { spawnGateway, type ChildPhase, type GatewayProcess } from './gateway-process';
import { closedLoop, openLoop, type RunResult } from './load';
import { watchMachine, type MachineFigures } from './machine';
import { capacityFigures, openLoopFigures, type CapacityFigures, type OpenLoopFigures } from './phases';
import { prime } from './priming';
import { deliveriesByRun, drainFigures } from './processing';
import { formatWebhookFigures } from './report';

export { formatWebhookFigures };
export type { WebhookCheck } from './check';
export type { CapacityFigures, OpenLoopFigures, PhaseFigures } from './phases';

export interface WebhookFigures {
  quick: boolean;
  cores: number;
  node: string;
  /** 1-, 5- and 15-minute load averages when the bench started (others' work on the machine). */
  loadAvgAtStart: number[];
  customers: number;
  statusShare: number;
  bodyBytes: { message: number; status: number };
  primed: { messages: number; threads: number; replies: number };
  openLoop: OpenLoopFigures;
  capacity: CapacityFigures;
  check: WebhookCheck;
  /** `--diagnose` only: the ack path's pure-CPU steps, measured in the gateway process on a typical body. */
  stepCostsUs?: Record<string, number>;
}

export interface WebhookBenchOptions {
  quick?: boolean;
  /** Open-loop rate, webhooks per second (default 200). */
  rate?: number;
  /** Open-loop duration (default 30 s, quick 10 s). */
  seconds?: number;
  /** Closed-loop senders for the capacity phase (default 32). */
  concurrency?: number;
  /** Capacity phase duration (default 15 s, quick 5 s). */
  capacitySeconds?: number;
  /** Distinct customers writing (default 500). */
  customers?: number;
  /** Share of status webhooks (default 0.3). */
  statusShare?: number;
  /** Instrument PGlite's lock and measure the ack steps in the gateway (costs a little; off by default). */
  diagnose?: boolean;
  /** Writes a V8 CPU profile of the gateway process into this folder. */
  cpuProfileDir?: string;
  log?: (line: string) => void;
}

/** A timed phase: the gateway's and the machine's figures bracket the sending, then processing is waited for. */
async function timedPhase(
  gateway: GatewayProcess,
  send: () => Promise<RunResult>,
): Promise<{ run: RunResult; load: ChildPhase; machine: MachineFigures; idleAt: number }> {
  await gateway.call('phase-start');
  const machineOf = watchMachine();
  const run = await send();
  const machine = machineOf();
  const load = await gateway.call<ChildPhase>('phase-end');
  const idleAt = await gateway.call<number>('idle');
  return { run, load, machine, idleAt };
}

/** Average body size of one kind, in bytes. */
function averageBytes(items: Prepared[], kind: Prepared['kind']): number {
  const list = items.filter((i) => i.kind === kind);
  return Math.round(list.reduce((s, i) => s + i.body.length, 0) / Math.max(1, list.length));
}

export async function benchWebhooks(options: WebhookBenchOptions = {}): Promise<WebhookFigures> {
  const quick = options.quick ?? false;
  const rate = options.rate ?? 200;
  const seconds = options.seconds ?? (quick ? 10 : 30);
  const concurrency = options.concurrency ?? 32;
  const capacitySeconds = options.capacitySeconds ?? (quick ? 5 : 15);
  const customerCount = options.customers ?? 500;
  const statusShare = options.statusShare ?? 0.3;
  const log = options.log ?? (() => {});
  const loadAvgAtStart = loadavg();

  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-webhooks-'));
  const graph = await startFakeGraphApi();
  const adminToken = randomBytes(24).toString('base64url');
  const channels = channelsFor(graph);
  const factory = new BodyFactory(customerCount, channels.whatsapp);
  let gateway: GatewayProcess | null = null;
  try {
    const diagnose = options.diagnose ?? false;
    gateway = await spawnGateway({ dataDir, adminToken, channels, diagnose }, options.cpuProfileDir);
    const url = gateway.url;
    const acked = new Acknowledged();

    // 1. Priming, with replies enough for the statuses of the open loop and of a capacity phase at up to 800/s
    //    (beyond that, statuses repeat "read", as Meta's resends do).
    const openCount = Math.round(rate * seconds);
    const statusesNeeded = Math.ceil(statusShare * (openCount + capacitySeconds * 800));
    const primed = await prime({ gateway, adminToken, factory, acked, statusesNeeded, log });
    const statuses = new StatusStream(primed.replies);
    const nextBody = () =>
      factory.share() < statusShare ? statuses.next(factory) : factory.message(factory.pickCustomer());

    // 2. Open loop at a fixed rate, bodies built and signed beforehand.
    const openItems = Array.from({ length: openCount }, nextBody);
    log(`  open loop: ${rate}/s for ${seconds} s (${openCount} webhooks)…`);
    const open = await timedPhase(gateway, () => openLoop(url, openItems, rate));
    acked.record(open.run);

    // 3. Capacity: closed loop, as many as the gateway takes (bodies built as they go: the count is not known).
    log(`  capacity: ${concurrency} senders for ${capacitySeconds} s…`);
    const capacity = await timedPhase(gateway, () => closedLoop(url, nextBody, concurrency, capacitySeconds));
    acked.record(capacity.run);

    const stepCostsUs = diagnose
      ? await gateway.call<Record<string, number>>('step-costs', openItems[0]?.body.toString('utf8'))
      : undefined;
    const logs = await gateway.logs();
    await gateway.call('close');
    await gateway.exited;
    gateway = null;

    // 4. What the store holds, read after the gateway closed.
    const { check, deliveries } = await checkStore(dataDir, acked);
    const byRun = deliveriesByRun([primed.run, open.run, capacity.run], deliveries);
    const context = (phase: typeof open) => ({
      load: phase.load,
      machine: phase.machine,
      drain: drainFigures(phase.run, byRun.get(phase.run) ?? [], phase.idleAt),
    });
    const figures: WebhookFigures = {
      quick,
      cores: cpus().length,
      node: process.version,
      loadAvgAtStart,
      customers: customerCount,
      statusShare,
      bodyBytes: { message: averageBytes(openItems, 'message'), status: averageBytes(openItems, 'status') },
      primed: { messages: primed.customers, threads: primed.threads, replies: primed.replies.length },
      openLoop: openLoopFigures(open.run, rate, seconds, context(open)),
      capacity: capacityFigures(capacity.run, concurrency, capacitySeconds, context(capacity)),
      check,
      ...(stepCostsUs && { stepCostsUs }),
    };
    assertConsistent(check, logs);
    return figures;
  } finally {
    gateway?.kill();
    await graph.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench alone, with its own options; also writes the raw figures to test-results/bench-webhooks.json. */
async function main(): Promise<void> {
  const argv = process.argv;
  const quick = argv.includes('--quick');
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const number = (name: string) => (value(name) === undefined ? undefined : Number(value(name)));
  console.log(`Webhook acknowledgement, ${cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}`);
  const figures = await benchWebhooks({
    quick,
    diagnose: argv.includes('--diagnose'),
    rate: number('rate'),
    seconds: number('seconds'),
    concurrency: number('concurrency'),
    capacitySeconds: number('capacity-seconds'),
    cpuProfileDir: value('cpu-prof-dir'),
    log: (line) => console.log(line),
  });
  console.log(formatWebhookFigures(figures));
  const out = join(__dirname, '..', '..', '..', 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bench-webhooks.json'),
    JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2),
  );
  console.log('\nRaw figures: test-results/bench-webhooks.json');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

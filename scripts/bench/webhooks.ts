// Webhook acknowledgement: how fast a gateway answers Meta's POSTs (signature check, envelope check, durable insert
// into webhook_deliveries, then the 200), how many it accepts per second, and how long processing takes to turn the
// stored bodies into inbox messages. Method and figures: docs/performance.md, "Webhook acknowledgement".
//
// Part of `npm run bench`, or alone: `npx tsx scripts/bench/webhooks.ts [options]`, which also writes
// test-results/bench-webhooks.json. Options:
//   --quick                  10 s open loop and 5 s capacity phase instead of 30 s and 15 s
//   --rate=200 --seconds=30  the open loop's rate and duration
//   --concurrency=32 --capacity-seconds=15
//   --diagnose               also measure PGlite's lock, the time spent inside the gateway, the ack steps' CPU
//   --cpu-prof-dir=DIR       write a V8 CPU profile of the gateway process
//   --what-if=yield          simulate a processor that yields to the event loop before each store transaction
//
// The gateway runs in a child process (its own event loop, as in production); this process only sends. Bodies are
// built and signed before the timed phases, so the sender does little more than write them to sockets.
import { fork, type ChildProcess } from 'node:child_process';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request, Server, type ServerResponse } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { startGateway } from '../../src/gateway';
import type { ChannelsConfig } from '../../src/gateway/channels/meta/config';
import { parseEnvelope } from '../../src/gateway/channels/meta/envelope';
import { signBody, verifySignature } from '../../src/gateway/channels/meta/signature';
import { openStore } from '../../src/gateway/store/store';
import { startFakeGraphApi } from '../../tests/fakes/graph-api';
import { channelsFor, SECRET } from '../../tests/fakes/meta-webhook';

const CHILD_FLAG = '--webhook-bench-gateway';
const WEBHOOKS_DIR = '/work/shared/data/whatsapp-webhooks';
const INTENTS_CSV = '/work/shared/data/bitext/intents-v11.csv';
/** The WhatsApp number of the shop, as `channelsFor` configures it. */
const PHONE_NUMBER_ID = '1098765432';
const WABA_ID = '2233445566';
const DISPLAY_NUMBER = '33184250000';
const REQUEST_TIMEOUT_MS = 30_000;

// --- Figures --------------------------------------------------------------------------------------------------

export interface Latency {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface GatewayLoad {
  /** CPU time (user + system) of the gateway process over the phase, per accepted webhook. */
  cpuMsPerWebhook: number;
  /** CPU time / wall time: 1 = one core busy all the time (PGlite runs on the gateway's main thread). */
  cpuShare: number;
  /** How late the gateway's event loop ran timers (blocked by synchronous work, PGlite's included), in ms. */
  eventLoopDelay: { p50: number; p99: number; max: number };
  /** `--diagnose` only: PGlite's lock (all statements and transactions share it), by caller. */
  lock?: LockFigures;
  /**
   * `--diagnose` only: inside the gateway, from the HTTP server's 'request' event (headers parsed) to the end of
   * the answer. The rest of the sender's latency was spent before the gateway's event loop read the request.
   */
  handling?: Latency;
}

export interface LockFigures {
  /** Top-level statements (webhook insert, processor reads and marks, API reads): wait for the lock, then run. */
  statements: Record<
    string,
    { count: number; waitP50: number; waitP99: number; waitMax: number; runP50: number; runP99: number }
  >;
  /** store.write transactions (processing one update, replies): how long each held the lock. */
  transactions: { count: number; holdP50: number; holdP99: number; holdMax: number; holdTotalMs: number };
}

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

export interface MachineFigures {
  /** Share of all cores busy (every process on the machine, this bench included), from /proc/stat. */
  busyShare: number | null;
  /** Share of the time some runnable task waited for a CPU (/proc/pressure/cpu "some"): contention. */
  cpuPressure: number | null;
  /** The sending process: CPU time / wall time, and how late its timers ran (p99, ms). */
  senderCpuShare: number;
  senderLoopDelayP99: number;
  /**
   * TCP counters of the network namespace (/proc/net/netstat) over the phase: connections dropped because the
   * listening socket's accept queue was full, and SYNs sent again (a dropped connection is retried after 1, 3, 7 s).
   */
  listenOverflows: number | null;
  synRetransmits: number | null;
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

export interface WebhookCheck {
  /** Unique customer message ids acknowledged with a 200. */
  messagesAcked: number;
  /** Customer messages in the inbox (provider whatsapp-cloud, direction in). */
  messagesStored: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  deliveriesStored: number;
  deliveriesAcked: number;
  unprocessed: number;
  processingErrors: number;
  contacts: number;
  customersWhoWrote: number;
  threads: number;
  replies: number;
  repliesWithWrongStatus: number;
  heldStatuses: number;
}

export interface WebhookFigures {
  quick: boolean;
  /** A simulated gateway change (see WebhookBenchOptions.whatIf), or null for the gateway as it is. */
  whatIf: string | null;
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
  /**
   * Simulates a proposed gateway change inside the bench's gateway process, without touching the gateway's code:
   * `yield` lets the event loop run (setImmediate) before every store transaction, as a processor that yields
   * between updates would.
   */
  whatIf?: 'yield';
  log?: (line: string) => void;
}

// --- Small helpers ----------------------------------------------------------------------------------------------

function summarize(values: number[]): Latency {
  if (values.length === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** A small seeded generator (xorshift32), so each run sends the same mix. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MachineSample {
  at: number;
  tcp: Record<string, number>;
  busy: number | null;
  total: number | null;
  pressureUs: number | null;
  cpu: NodeJS.CpuUsage;
}

function readMachine(): MachineSample {
  let busy: number | null = null;
  let total: number | null = null;
  let pressureUs: number | null = null;
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    busy = total - (fields[3] ?? 0) - (fields[4] ?? 0);
  } catch {
    // not Linux
  }
  try {
    const some = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    pressureUs = some ? Number(some[1]) : null;
  } catch {
    // no PSI
  }
  const tcp: Record<string, number> = {};
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = (lines[i] ?? '').split(/\s+/);
      const values = (lines[i + 1] ?? '').split(/\s+/);
      names.forEach((name, j) => {
        if (j > 0) tcp[name] = Number(values[j]);
      });
    }
  } catch {
    // not Linux
  }
  return { at: performance.now(), tcp, busy, total, pressureUs, cpu: process.cpuUsage() };
}

function tcpDelta(first: MachineSample, last: MachineSample, name: string): number | null {
  const a = first.tcp[name];
  const b = last.tcp[name];
  return a === undefined || b === undefined ? null : b - a;
}

/** Watches the machine and this (sending) process over one phase. */
function watchMachine(): () => MachineFigures {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const first = readMachine();
  return () => {
    const last = readMachine();
    delay.disable();
    const wallMs = last.at - first.at;
    const cpu = process.cpuUsage(first.cpu);
    return {
      busyShare:
        first.busy !== null && last.busy !== null && first.total !== null && last.total !== null
          ? (last.busy - first.busy) / Math.max(1, last.total - first.total)
          : null,
      cpuPressure:
        first.pressureUs !== null && last.pressureUs !== null
          ? (last.pressureUs - first.pressureUs) / 1000 / wallMs
          : null,
      senderCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
      senderLoopDelayP99: delay.percentile(99) / 1e6,
      listenOverflows: tcpDelta(first, last, 'ListenOverflows'),
      synRetransmits: tcpDelta(first, last, 'TCPSynRetrans'),
    };
  };
}

// --- Realistic bodies -------------------------------------------------------------------------------------------

interface Customer {
  waId: string;
  name: string;
}

interface Prepared {
  body: Buffer;
  signature: string;
  kind: 'message' | 'status';
  /** The customer message's wamid, or the status's target and status. */
  messageId?: string;
  customer?: number;
  status?: { target: string; status: 'sent' | 'delivered' | 'read' };
}

const FIRST = [
  'Camille',
  'Léa',
  'Hugo',
  'Lucas',
  'Chloé',
  'Inès',
  'Nathan',
  'Manon',
  'Yanis',
  'Emma',
  'Jules',
  'Sarah',
  'Louis',
  'Zoé',
  'Adam',
  'Lina',
  'Maël',
  'Jade',
  'Tom',
  'Alice',
  'Noah',
  'Rose',
  'Ethan',
  'Mila',
  'Sofia',
  'Olivia',
  'James',
  'Amir',
  'Fatou',
  'Mehdi',
  'Anaïs',
  'Kevin',
  'Julie',
  'Thomas',
  'Priya',
  'Diego',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Smith',
  'Nguyen',
  'Diallo',
  'Haddad',
  'Rossi',
  'Costa',
  'Müller',
  'Kowalski',
];
const FALLBACK_TEXTS = [
  'Bonjour, ma commande {{Order Number}} n’est toujours pas arrivée, pouvez-vous vérifier ?',
  'Hi, I would like to change the delivery address of order {{Order Number}}',
  'Est-ce que je peux être remboursé de {{Refund Amount}} {{Currency Symbol}} ?',
  'merci !',
  'ok',
  'Where is my parcel?',
];

/** Customer requests of an online shop (Bitext, real wording with typos), placeholders filled in. */
function customerTexts(): string[] {
  if (!existsSync(INTENTS_CSV)) return FALLBACK_TEXTS;
  const lines = readFileSync(INTENTS_CSV, 'utf8').split('\n').slice(1);
  const texts: string[] = [];
  for (const line of lines) {
    if (!line) continue;
    let text: string;
    if (line.startsWith('"')) {
      let i = 1;
      text = '';
      while (i < line.length) {
        const c = line[i];
        if (c === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (c === '"') break;
        else {
          text += c;
          i += 1;
        }
      }
    } else text = line.slice(0, line.indexOf(','));
    texts.push(text);
  }
  return texts.length > 0 ? texts : FALLBACK_TEXTS;
}

function fillPlaceholders(text: string, random: () => number): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => {
    switch (name) {
      case 'Order Number':
        return `#${100_000 + Math.floor(random() * 900_000)}`;
      case 'Refund Amount':
        return String(5 + Math.floor(random() * 300));
      case 'Currency Symbol':
        return '€';
      case 'Person Name':
        return FIRST[Math.floor(random() * FIRST.length)] ?? 'Léa';
      case 'Invoice Number':
        return `FA-${2026_0000 + Math.floor(random() * 9999)}`;
      case 'Delivery City':
        return ['Lyon', 'Lille', 'Nantes', 'Bordeaux', 'Marseille'][Math.floor(random() * 5)] ?? 'Lyon';
      case 'Delivery Country':
        return ['France', 'Belgique', 'Suisse', 'Canada'][Math.floor(random() * 4)] ?? 'France';
      default:
        return ['Premium', 'Standard', 'Pro'][Math.floor(random() * 3)] ?? 'Standard';
    }
  });
}

function readTemplate(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(WEBHOOKS_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** Builds WhatsApp Cloud API bodies shaped like the real ones in /work/shared/data/whatsapp-webhooks. */
class BodyFactory {
  private readonly random = seeded(20_261_121);
  private readonly texts = customerTexts();
  private readonly textTemplate = readTemplate('message__text.json');
  private readonly statusTemplates = {
    sent: readTemplate('message_status__sent.json'),
    delivered: readTemplate('message_status__delivered.json'),
    read: readTemplate('message_status__read.json'),
  };
  private readonly ids = new Set<string>();
  private counter = 0;
  readonly customers: Customer[];
  /** Cumulative weights: a few customers write a lot, most write a little (Zipf-like, s = 0.8). */
  private readonly cdf: number[];

  constructor(customers: number) {
    this.customers = Array.from({ length: customers }, (_, i) => ({
      waId: `33${6 + (i % 2)}${String(10_000_000 + i * 7919).slice(-8)}`,
      name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    }));
    let total = 0;
    this.cdf = this.customers.map((_, i) => (total += 1 / (i + 1) ** 0.8));
    this.cdf = this.cdf.map((c) => c / total);
  }

  pickCustomer(): number {
    const u = this.random();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cdf[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A wamid like Meta's (base64 of the number and a unique part), never repeated in a run. */
  private wamid(waId: string): string {
    for (;;) {
      const unique = Buffer.concat([Buffer.from(`${waId}\u0015\u0002\u0000\u0012\u0018\u0014`), randomBytes(10)]);
      const id = `wamid.${unique.toString('base64')}${(this.counter++).toString(36)}`;
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  private value(template: Record<string, unknown>): Record<string, unknown> {
    const copy = structuredClone(template) as {
      entry: Array<{ id: string; changes: Array<{ value: Record<string, unknown> }> }>;
    };
    const entry = copy.entry[0];
    const change = entry?.changes[0];
    if (!entry || !change) throw new Error('unexpected template shape');
    entry.id = WABA_ID;
    change.value.metadata = { display_phone_number: DISPLAY_NUMBER, phone_number_id: PHONE_NUMBER_ID };
    return copy as unknown as Record<string, unknown>;
  }

  private sign(object: unknown): { body: Buffer; signature: string } {
    const body = Buffer.from(JSON.stringify(object));
    return { body, signature: signBody(body, SECRET) };
  }

  message(customerIndex: number): Prepared {
    const customer = this.customers[customerIndex];
    if (!customer) throw new Error(`no customer ${customerIndex}`);
    const id = this.wamid(customer.waId);
    const object = this.value(this.textTemplate) as {
      entry: Array<{ changes: Array<{ value: Record<string, unknown> }> }>;
    };
    const value = object.entry[0]?.changes[0]?.value ?? {};
    const raw = this.texts[Math.floor(this.random() * this.texts.length)] ?? 'bonjour';
    value.contacts = [{ profile: { name: customer.name }, wa_id: customer.waId }];
    value.messages = [
      {
        from: customer.waId,
        id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        text: { body: fillPlaceholders(raw, this.random) },
        type: 'text',
      },
    ];
    return { ...this.sign(object), kind: 'message', messageId: id, customer: customerIndex };
  }

  status(target: string, customer: Customer, status: 'sent' | 'delivered' | 'read'): Prepared {
    const object = this.value(this.statusTemplates[status]) as {
      entry: Array<{ changes: Array<{ value: Record<string, unknown> }> }>;
    };
    const value = object.entry[0]?.changes[0]?.value ?? {};
    const conversation = randomBytes(16).toString('hex');
    const item: Record<string, unknown> = {
      id: target,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: customer.waId,
      conversation: {
        id: conversation,
        ...(status === 'sent' && { expiration_timestamp: String(Math.floor(Date.now() / 1000) + 86_400) }),
        origin: { type: 'service' },
      },
      pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
    };
    value.contacts = [{ profile: { name: customer.name }, wa_id: customer.waId }];
    value.statuses = [item];
    return { ...this.sign(object), kind: 'status', status: { target, status } };
  }

  share(): number {
    return this.random();
  }
}

/**
 * Status webhooks for the agents' replies, in the order Meta sends them: sent, delivered, read for each reply.
 * When every reply has had its three, Meta's duplicates ("read" again) follow, as it does resend.
 */
class StatusStream {
  private index = 0;
  constructor(private readonly replies: Array<{ wamid: string; customer: number }>) {}
  next(factory: BodyFactory): Prepared {
    const n = this.replies.length;
    const round = Math.floor(this.index / n);
    const reply = this.replies[this.index % n];
    this.index += 1;
    if (!reply) throw new Error('no replies to send statuses for');
    const status = round === 0 ? 'sent' : round === 1 ? 'delivered' : 'read';
    const customer = factory.customers[reply.customer];
    if (!customer) throw new Error('no such customer');
    return factory.status(reply.wamid, customer, status);
  }
}

// --- Sending ----------------------------------------------------------------------------------------------------

interface Answer {
  ok: boolean;
  /** performance.now() at the 200 (or the error). */
  doneAt: number;
  wroteAt: number;
  error?: string;
  duplicate?: boolean;
  /** The request opened a new connection (no idle keep-alive socket was free): TCP connect time, in ms. */
  connectMs?: number;
}

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
    req.on('socket', (socket) => {
      if (socket.connecting) {
        const asked = performance.now();
        socket.once('connect', () => (connectMs = performance.now() - asked));
      }
    });
    req.end(item.body);
  });
}

const newAgent = () => new Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });

interface RunResult {
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

/** Sends `items` on a fixed schedule whatever the answers (open loop): a slow answer cannot delay the next send. */
async function openLoop(url: URL, items: Prepared[], rate: number): Promise<RunResult> {
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
async function closedLoop(
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

// --- The gateway in its own process -------------------------------------------------------------------------------

interface ChildConfig {
  dataDir: string;
  adminToken: string;
  channels: ChannelsConfig;
  diagnose: boolean;
  whatIf: WebhookBenchOptions['whatIf'] | null;
}

type ChildRequest = {
  id: number;
  op: 'phase-start' | 'phase-end' | 'idle' | 'close' | 'step-costs' | 'logs';
  arg?: unknown;
};
type ChildReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

interface GatewayProcess {
  url: URL;
  call<T>(op: ChildRequest['op'], arg?: unknown): Promise<T>;
  logs(): Promise<{ lines: number; samples: string[] }>;
  exited: Promise<number | null>;
  kill(): void;
}

async function spawnGateway(config: ChildConfig, cpuProfileDir?: string): Promise<GatewayProcess> {
  const execArgv = [...process.execArgv];
  if (cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`);
  const child: ChildProcess = fork(__filename, [CHILD_FLAG], {
    execArgv,
    env: { ...process.env, COMPTOIR_WEBHOOK_BENCH: JSON.stringify(config) },
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
  void exited.then((code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the gateway process exited (${code})`));
    pending.clear();
  });
  const call = <T>(op: ChildRequest['op'], arg?: unknown) =>
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

/** Wraps PGlite's lock so each caller's wait and run time can be read (diagnose mode, gateway process only). */
function instrumentPglite() {
  type Sample = { label: string; wait: number; run: number };
  const samples: Sample[] = [];
  const context = new AsyncLocalStorage<string>();
  const proto = PGlite.prototype as unknown as {
    query(...args: unknown[]): Promise<unknown>;
    transaction(...args: unknown[]): Promise<unknown>;
    _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  };
  const query = proto.query;
  const transaction = proto.transaction;
  const exclusive = proto._runExclusiveTransaction;
  const labelOf = (text: unknown): string => {
    const sql = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
    const table = /\b(?:INTO|FROM|UPDATE)\s+(\w+)/i.exec(sql)?.[1] ?? '?';
    return `${sql.split(' ')[0]?.toUpperCase() ?? '?'} ${table}`;
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    return context.run(labelOf(args[0]), () => query.apply(this, args));
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
    figures(): LockFigures {
      const byLabel = new Map<string, Sample[]>();
      for (const s of samples) {
        const list = byLabel.get(s.label) ?? [];
        list.push(s);
        byLabel.set(s.label, list);
      }
      const statements: LockFigures['statements'] = {};
      let tx: Sample[] = [];
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
    },
  };
}

/** The ack path's CPU steps on a typical body, one at a time (diagnose mode). */
function stepCosts(body: Buffer): Record<string, number> {
  const signature = signBody(body, SECRET);
  const rounds = 3000;
  const time = (fn: () => void) => {
    for (let i = 0; i < 200; i++) fn();
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

async function runGatewayChild(): Promise<void> {
  const config = JSON.parse(process.env.COMPTOIR_WEBHOOK_BENCH ?? '{}') as ChildConfig;
  const lock = config.diagnose ? instrumentPglite() : null;
  const handling: number[] = [];
  if (config.diagnose) {
    const proto = Server.prototype as unknown as { emit(event: string | symbol, ...args: unknown[]): boolean };
    const emit = proto.emit;
    proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') {
        const started = performance.now();
        (args[1] as ServerResponse).once('finish', () => handling.push(performance.now() - started));
      }
      return emit.apply(this, [event, ...args]);
    };
  }
  if (config.whatIf === 'yield') {
    const proto = PGlite.prototype as unknown as { transaction(...args: unknown[]): Promise<unknown> };
    const transaction = proto.transaction;
    proto.transaction = async function (this: unknown, ...args: unknown[]) {
      await new Promise((resolve) => setImmediate(resolve));
      return transaction.apply(this, args);
    };
  }
  let logLines = 0;
  const logSamples: string[] = [];
  const gateway = await startGateway({
    dataDir: config.dataDir,
    port: 0,
    demo: false,
    simulate: false,
    adminToken: config.adminToken,
    channels: config.channels,
    log: (line) => {
      logLines += 1;
      if (logSamples.length < 20) logSamples.push(line);
    },
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let cpuAt = process.cpuUsage();
  let wallAt = performance.now();
  const send = (reply: ChildReply) => process.send?.(reply);
  process.on('message', (raw) => {
    const { id, op, arg } = raw as ChildRequest;
    void (async () => {
      switch (op) {
        case 'phase-start':
          delay.reset();
          delay.enable();
          lock?.reset();
          handling.length = 0;
          cpuAt = process.cpuUsage();
          wallAt = performance.now();
          return null;
        case 'phase-end': {
          delay.disable();
          const cpu = process.cpuUsage(cpuAt);
          return {
            cpuMs: (cpu.user + cpu.system) / 1000,
            wallMs: performance.now() - wallAt,
            eventLoopDelay: {
              p50: delay.percentile(50) / 1e6,
              p99: delay.percentile(99) / 1e6,
              max: delay.max / 1e6,
            },
            lock: lock?.figures(),
            handling: config.diagnose ? summarize(handling.splice(0)) : undefined,
          };
        }
        case 'logs':
          return { lines: logLines, samples: logSamples };
        case 'idle':
          await gateway.channels.idle();
          return Date.now();
        case 'step-costs':
          return stepCosts(Buffer.from(arg as string));
        case 'close':
          await gateway.close();
          setImmediate(() => process.exit(0));
          return null;
      }
    })().then(
      (value) => send({ id, ok: true, value }),
      (error: unknown) => send({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.send?.({ ready: gateway.url });
}

// --- The benchmark ------------------------------------------------------------------------------------------------

async function api<T>(base: URL, token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, base), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function inBatches<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await fn(item);
      }
    }),
  );
}

interface PhaseWindow {
  run: RunResult;
  idleAt: number;
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
  const factory = new BodyFactory(customerCount);
  let gateway: GatewayProcess | null = null;
  try {
    gateway = await spawnGateway(
      {
        dataDir,
        adminToken,
        channels: channelsFor(graph),
        diagnose: options.diagnose ?? false,
        whatIf: options.whatIf ?? null,
      },
      options.cpuProfileDir,
    );
    const url = gateway.url;

    /** Every customer message acknowledged, with its customer; every status acknowledged. */
    const ackedMessages = new Map<string, number>();
    const erroredMessages = new Set<string>();
    const expectedStatus = new Map<string, number>();
    const rank = { sent: 1, delivered: 2, read: 3 } as const;
    let deliveriesAcked = 0;
    const record = (run: RunResult) => {
      run.answers.forEach((answer, i) => {
        const item = run.items[i];
        if (!item) return;
        if (answer.ok && !answer.duplicate) deliveriesAcked += 1;
        if (item.kind === 'message' && item.messageId !== undefined && item.customer !== undefined) {
          if (answer.ok) ackedMessages.set(item.messageId, item.customer);
          else erroredMessages.add(item.messageId);
        }
        if (item.kind === 'status' && item.status && answer.ok) {
          const r = rank[item.status.status];
          if (r > (expectedStatus.get(item.status.target) ?? 0)) expectedStatus.set(item.status.target, r);
        }
      });
    };

    // 1. Priming (not timed): 60% of the customers have written once and an agent answered them, so the load
    //    continues existing conversations as well as opening new ones, and statuses have replies to point at.
    const primedCount = Math.round(customerCount * 0.6);
    const order = Array.from({ length: customerCount }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(factory.share() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const primedCustomers = order.slice(0, primedCount);
    log(`  priming: ${primedCount} customers write, agents answer…`);
    const primeItems = primedCustomers.map((c) => factory.message(c));
    const primeRun = await closedLoopOver(url, primeItems, 8);
    record(primeRun);
    if (primeRun.answers.some((a) => !a.ok)) throw new Error('priming webhooks were refused');
    await gateway.call('idle');

    const openCount = Math.round(rate * seconds);
    const statusesNeeded = Math.ceil(statusShare * (openCount + capacitySeconds * 800));
    const repliesWanted = Math.min(Math.ceil(statusesNeeded / 3), primedCount * 2);
    const { threads } = await api<{ threads: Array<{ id: string }> }>(url, adminToken, '/api/threads');
    const threadOfCustomer = new Map<number, string>();
    await inBatches(threads, 8, async (thread) => {
      const { messages } = await api<{ messages: Array<{ providerMessageId: string | null; direction: string }> }>(
        url,
        adminToken,
        `/api/threads/${encodeURIComponent(thread.id)}/messages`,
      );
      const inbound = messages.find((m) => m.direction === 'in' && m.providerMessageId);
      const customer = inbound?.providerMessageId ? ackedMessages.get(inbound.providerMessageId) : undefined;
      if (customer !== undefined) threadOfCustomer.set(customer, thread.id);
    });
    if (threadOfCustomer.size !== primedCount) {
      throw new Error(`priming: ${threadOfCustomer.size} threads for ${primedCount} customers`);
    }
    const replyTargets = Array.from({ length: repliesWanted }, (_, i) => primedCustomers[i % primedCount] ?? 0);
    const agentReplies = [
      'Bonjour, je regarde votre commande tout de suite.',
      'Hello! Your parcel left our warehouse this morning, here is the tracking link: https://track.example.com/8842',
      'Merci pour votre message, le remboursement a été lancé, comptez 3 à 5 jours ouvrés.',
      'Could you send me the order number so I can check?',
    ];
    await inBatches(replyTargets, 8, async (customer) => {
      const threadId = threadOfCustomer.get(customer) ?? '';
      await api(url, adminToken, `/api/threads/${encodeURIComponent(threadId)}/messages`, {
        text: agentReplies[customer % agentReplies.length],
      });
    });
    // Replies go out to the fake Graph API in the background; wait until each has the provider's wamid.
    const replies: Array<{ wamid: string; customer: number }> = [];
    const deadline = Date.now() + 120_000;
    for (;;) {
      replies.length = 0;
      let waiting = 0;
      await inBatches([...threadOfCustomer], 8, async ([customer, threadId]) => {
        const { messages } = await api<{ messages: Array<{ providerMessageId: string | null; direction: string }> }>(
          url,
          adminToken,
          `/api/threads/${encodeURIComponent(threadId)}/messages`,
        );
        for (const m of messages) {
          if (m.direction !== 'out') continue;
          if (m.providerMessageId) replies.push({ wamid: m.providerMessageId, customer });
          else waiting += 1;
        }
      });
      if (waiting === 0 && replies.length === repliesWanted) break;
      if (Date.now() > deadline) throw new Error(`priming: ${waiting} replies never reached the fake Graph API`);
      await sleep(500);
    }
    // Interleave customers so consecutive statuses do not all hit one thread.
    replies.sort((a, b) => (a.wamid < b.wamid ? -1 : 1));
    const statuses = new StatusStream(replies);
    const nextBody = () =>
      factory.share() < statusShare ? statuses.next(factory) : factory.message(factory.pickCustomer());
    await gateway.call('idle');

    // 2. Open loop at a fixed rate.
    const openItems = Array.from({ length: openCount }, nextBody);
    log(`  open loop: ${rate}/s for ${seconds} s (${openCount} webhooks)…`);
    await gateway.call('phase-start');
    let machineOf = watchMachine();
    const openRun = await openLoop(url, openItems, rate);
    const openMachine = machineOf();
    const openLoad = await gateway.call<ChildPhase>('phase-end');
    const openIdle = await gateway.call<number>('idle');
    record(openRun);

    // 3. Capacity: closed loop, as many as the gateway takes.
    log(`  capacity: ${concurrency} senders for ${capacitySeconds} s…`);
    await gateway.call('phase-start');
    machineOf = watchMachine();
    const capacityRun = await closedLoop(url, nextBody, concurrency, capacitySeconds);
    const capacityMachine = machineOf();
    const capacityLoad = await gateway.call<ChildPhase>('phase-end');
    const capacityIdle = await gateway.call<number>('idle');
    record(capacityRun);

    const stepCostsUs = options.diagnose
      ? await gateway.call<Record<string, number>>('step-costs', openItems[0]?.body.toString('utf8'))
      : undefined;
    const logs = await gateway.logs();
    await gateway.call('close');
    await gateway.exited;
    gateway = null;

    // 4. What the store holds, read after the gateway closed.
    const store = await openStore({ dataDir, now: Date.now, log: () => {} });
    let check: WebhookCheck;
    let deliveries: Array<{ received_at: number; processed_at: number | null; kind: string }>;
    try {
      const sql = store.sql;
      const stored = await sql.query<{ provider_message_id: string }>(
        `SELECT provider_message_id FROM messages WHERE provider = 'whatsapp-cloud' AND direction = 'in'`,
      );
      const storedIds = new Map<string, number>();
      for (const row of stored)
        storedIds.set(row.provider_message_id, (storedIds.get(row.provider_message_id) ?? 0) + 1);
      const lost = [...ackedMessages.keys()].filter((id) => !storedIds.has(id)).length;
      const duplicated = [...storedIds.values()].filter((n) => n > 1).length;
      // A request that timed out in the sender may still have been stored: that is not unexpected.
      const unexpected = [...storedIds.keys()].filter(
        (id) => !ackedMessages.has(id) && !erroredMessages.has(id),
      ).length;
      const out = await sql.query<{ provider_message_id: string | null; status: string }>(
        `SELECT provider_message_id, status FROM messages WHERE direction = 'out'`,
      );
      const names = ['pending', 'sent', 'delivered', 'read'];
      const repliesWithWrongStatus = out.filter((m) => {
        const expected = names[Math.max(1, expectedStatus.get(m.provider_message_id ?? '') ?? 1)];
        return m.status !== expected;
      }).length;
      const count = async (query: string) => Number((await sql.query<{ n: number }>(query))[0]?.n ?? 0);
      deliveries = (
        await sql.query<{ received_at: number; processed_at: number | null; body: string }>(
          'SELECT received_at, processed_at, body FROM webhook_deliveries ORDER BY id',
        )
      ).map((d) => ({
        received_at: Number(d.received_at),
        processed_at: d.processed_at === null ? null : Number(d.processed_at),
        kind: d.body.includes('"statuses":') ? 'status' : 'message',
      }));
      check = {
        messagesAcked: ackedMessages.size,
        messagesStored: stored.length,
        lost,
        duplicated,
        unexpected,
        deliveriesStored: deliveries.length,
        deliveriesAcked,
        unprocessed: deliveries.filter((d) => d.processed_at === null).length,
        processingErrors: await count('SELECT count(*) AS n FROM webhook_deliveries WHERE error IS NOT NULL'),
        contacts: await count(`SELECT count(*) AS n FROM contacts WHERE channel = 'whatsapp'`),
        customersWhoWrote: new Set(ackedMessages.values()).size,
        threads: await count('SELECT count(*) AS n FROM threads'),
        replies: out.length,
        repliesWithWrongStatus,
        heldStatuses: await count('SELECT count(*) AS n FROM early_statuses'),
      };
    } finally {
      await store.close();
    }

    // Phases never overlap (each one's answers all came back before the next began), so the store's rows are, in
    // id order: the priming's, the open loop's, the capacity phase's.
    const storedBy = (run: RunResult) => run.answers.filter((a) => a.ok && !a.duplicate).length;
    const slices = new Map<RunResult, typeof deliveries>();
    let offset = 0;
    for (const run of [primeRun, openRun, capacityRun]) {
      slices.set(run, deliveries.slice(offset, offset + storedBy(run)));
      offset += storedBy(run);
    }
    const drainOf = ({ run, idleAt }: PhaseWindow): DrainFigures => {
      const mine = slices.get(run) ?? [];
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
    };
    const phase = (
      label: string,
      run: RunResult,
      load: ChildPhase,
      machine: MachineFigures,
      idleAt: number,
    ): PhaseFigures => {
      const ok = run.answers.filter((a) => a.ok);
      const errors = run.answers.filter((a) => !a.ok);
      const samples = [...new Set(errors.map((a) => a.error ?? '?'))].slice(0, 5);
      return {
        label,
        sent: run.answers.length,
        accepted: ok.length,
        errors: errors.length,
        errorSamples: samples,
        acceptedPerSec: ok.length / ((Math.max(...run.answers.map((a) => a.doneAt)) - run.startPerf) / 1000),
        latency: summarize(run.answers.map((a, i) => a.doneAt - (run.due[i] ?? a.wroteAt))),
        latencyFromWrite: summarize(run.answers.map((a) => a.doneAt - a.wroteAt)),
        newConnections: run.answers.filter((a) => a.connectMs !== undefined).length,
        slowerThan1s: run.answers.filter((a, i) => a.doneAt - (run.due[i] ?? a.wroteAt) > 1000).length,
        slowerThan1sOnNewConnection: run.answers.filter(
          (a, i) => a.doneAt - (run.due[i] ?? a.wroteAt) > 1000 && a.connectMs !== undefined,
        ).length,
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
        drain: drainOf({ run, idleAt }),
      };
    };
    const lastSend = Math.max(...openRun.answers.map((a) => a.wroteAt));
    const openLoopFigures: OpenLoopFigures = {
      ...phase(`open loop ${rate}/s × ${seconds} s`, openRun, openLoad, openMachine, openIdle),
      targetRate: rate,
      seconds,
      sendRate: (openCount - 1) / ((lastSend - openRun.startPerf) / 1000),
      senderLateness: summarize(openRun.answers.map((a, i) => a.wroteAt - (openRun.due[i] ?? a.wroteAt))),
      perSecond: Array.from({ length: Math.ceil(seconds) }, (_, second) => {
        const lo = second * rate;
        const l = summarize(
          openRun.answers.slice(lo, lo + rate).map((a, j) => a.doneAt - (openRun.due[lo + j] ?? a.wroteAt)),
        );
        return { second, p50: l.p50, p99: l.p99, max: l.max };
      }),
    };
    const capacityFigures: CapacityFigures = {
      ...phase(
        `capacity: ${concurrency} senders × ${capacitySeconds} s`,
        capacityRun,
        capacityLoad,
        capacityMachine,
        capacityIdle,
      ),
      concurrency,
      seconds: capacitySeconds,
    };
    const avg = (kind: Prepared['kind']) => {
      const list = openItems.filter((i) => i.kind === kind);
      return Math.round(list.reduce((s, i) => s + i.body.length, 0) / Math.max(1, list.length));
    };
    const figures: WebhookFigures = {
      quick,
      whatIf: options.whatIf ?? null,
      cores: cpus().length,
      node: process.version,
      loadAvgAtStart,
      customers: customerCount,
      statusShare,
      bodyBytes: { message: avg('message'), status: avg('status') },
      primed: { messages: primedCount, threads: threadOfCustomer.size, replies: replies.length },
      openLoop: openLoopFigures,
      capacity: capacityFigures,
      check,
      ...(stepCostsUs && { stepCostsUs }),
    };
    assertConsistent(figures, logs);
    return figures;
  } finally {
    gateway?.kill();
    await graph.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ChildPhase {
  cpuMs: number;
  wallMs: number;
  eventLoopDelay: { p50: number; p99: number; max: number };
  lock?: LockFigures;
  handling?: Latency;
}

/** The priming sends: every item once, `concurrency` at a time. */
function closedLoopOver(url: URL, items: Prepared[], concurrency: number): Promise<RunResult> {
  let next = 0;
  return closedLoop(url, () => items[next++] ?? null, Math.min(concurrency, items.length), Infinity);
}

/** Fails loudly when a webhook was lost, duplicated or not processed: the figures would mean nothing. */
export function assertConsistent(f: WebhookFigures, logs: { lines: number; samples: string[] }): void {
  const c = f.check;
  const problems: string[] = [];
  if (c.lost > 0) problems.push(`${c.lost} acknowledged messages are not in the inbox`);
  if (c.duplicated > 0) problems.push(`${c.duplicated} messages are stored more than once`);
  if (c.unexpected > 0) problems.push(`${c.unexpected} stored messages were never sent`);
  if (c.messagesStored < c.messagesAcked) problems.push(`${c.messagesStored} stored < ${c.messagesAcked} acknowledged`);
  if (c.deliveriesStored < c.deliveriesAcked) {
    problems.push(`${c.deliveriesStored} webhook bodies stored < ${c.deliveriesAcked} acknowledged`);
  }
  if (c.unprocessed > 0) problems.push(`${c.unprocessed} stored webhooks were never processed`);
  if (c.processingErrors > 0) problems.push(`${c.processingErrors} webhooks failed processing`);
  if (c.contacts !== c.customersWhoWrote || c.threads !== c.customersWhoWrote) {
    problems.push(`${c.contacts} contacts and ${c.threads} threads for ${c.customersWhoWrote} customers`);
  }
  if (c.repliesWithWrongStatus > 0) problems.push(`${c.repliesWithWrongStatus} replies do not have their last status`);
  if (c.heldStatuses > 0) problems.push(`${c.heldStatuses} statuses were held for unknown messages`);
  if (problems.length > 0) {
    throw new Error(
      `webhook bench: the store does not match what was acknowledged:\n  - ${problems.join('\n  - ')}\n` +
        `gateway log (${logs.lines} lines), first ones:\n  ${logs.samples.join('\n  ')}`,
    );
  }
}

// --- Report -------------------------------------------------------------------------------------------------------

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const msCell = (x: number) => (Number.isFinite(x) ? (x < 10 ? `${x.toFixed(1)} ms` : `${f0(x)} ms`) : '–');
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

export function formatWebhookFigures(f: WebhookFigures): string {
  const lines: string[] = [];
  const o = f.openLoop;
  const c = f.capacity;
  if (f.whatIf) lines.push(`  WHAT-IF RUN: simulated gateway change "${f.whatIf}" (not the gateway as it is)`);
  lines.push(
    `  WhatsApp bodies signed with the app secret: ${Math.round((1 - f.statusShare) * 100)}% text messages ` +
      `(${f.bodyBytes.message} B) from ${f.customers} customers, ${Math.round(f.statusShare * 100)}% statuses ` +
      `(${f.bodyBytes.status} B); primed with ${f.primed.threads} conversations and ${f.primed.replies} replies; ` +
      `${f.cores} cores, load average at start ${f.loadAvgAtStart.map((x) => x.toFixed(2)).join(' / ')}`,
  );
  const head =
    `  ${pad('phase', 34)}${lpad('sent', 7)}${lpad('errors', 8)}${lpad('accepted/s', 12)}` +
    `${lpad('p50', 10)}${lpad('p90', 10)}${lpad('p99', 10)}${lpad('max', 10)}`;
  lines.push('', head);
  for (const p of [o, c]) {
    lines.push(
      `  ${pad(p.label, 34)}${lpad(f0(p.sent), 7)}${lpad(f0(p.errors), 8)}${lpad(f1(p.acceptedPerSec), 12)}` +
        `${lpad(msCell(p.latency.p50), 10)}${lpad(msCell(p.latency.p90), 10)}${lpad(msCell(p.latency.p99), 10)}` +
        `${lpad(msCell(p.latency.max), 10)}`,
    );
  }
  const verdict = o.latency.p99 < 250 && o.errors === 0 && o.acceptedPerSec >= o.targetRate * 0.98 ? '✔' : '✘';
  lines.push(
    `  open loop: target p99 < 250 ms at ${o.targetRate}/s → ${msCell(o.latency.p99)} ${verdict}; ` +
      `sent at ${f1(o.sendRate)}/s (sender late p99 ${msCell(o.senderLateness.p99)}), ` +
      `up to ${o.maxInFlight} in flight; latency from the socket write p99 ${msCell(o.latencyFromWrite.p99)}`,
  );
  for (const p of [o, c]) {
    const m = p.machine;
    lines.push(
      `  ${p.label}: ${f0(p.slowerThan1s)} answers > 1 s (${f0(p.slowerThan1sOnNewConnection)} on a new ` +
        `connection); ${f0(p.newConnections)} new connections (connect p99 ${msCell(p.connect.p99)}, ` +
        `max ${msCell(p.connect.max)}); TCP accept-queue overflows ${m.listenOverflows ?? '–'}, ` +
        `SYN retransmits ${m.synRetransmits ?? '–'} (whole network namespace)`,
    );
  }
  for (const p of [o, c]) {
    if (p.errorSamples.length > 0) lines.push(`  ${p.label} errors: ${p.errorSamples.join(' | ')}`);
  }
  lines.push(
    '',
    `  ${pad('during', 34)}${lpad('gateway CPU', 12)}${lpad('per webhook', 12)}${lpad('loop delay', 12)}` +
      `${lpad('max', 10)}${lpad('machine busy', 14)}${lpad('CPU pressure', 14)}${lpad('sender CPU', 12)}` +
      `${lpad('sender late', 13)}`,
  );
  const share = (x: number | null) => (x === null || !Number.isFinite(x) ? '–' : `${Math.round(x * 100)}%`);
  for (const p of [o, c]) {
    lines.push(
      `  ${pad(p.label, 34)}${lpad(share(p.gateway.cpuShare), 12)}${lpad(msCell(p.gateway.cpuMsPerWebhook), 12)}` +
        `${lpad(msCell(p.gateway.eventLoopDelay.p99), 12)}${lpad(msCell(p.gateway.eventLoopDelay.max), 10)}` +
        `${lpad(share(p.machine.busyShare), 14)}${lpad(share(p.machine.cpuPressure), 14)}` +
        `${lpad(share(p.machine.senderCpuShare), 12)}${lpad(msCell(p.machine.senderLoopDelayP99), 13)}`,
    );
  }
  lines.push(
    "  (gateway CPU: one core = 100%; loop delay: p99 lateness of the gateway's timers; machine busy: all cores, all " +
      "processes; CPU pressure: time some task waited for a core; sender late: p99 lateness of the sender's timers)",
  );
  lines.push(
    '',
    `  ${pad('processing after', 34)}${lpad('stored', 8)}${lpad('backlog', 9)}${lpad('drain', 10)}` +
      `${lpad('processed/s', 13)}${lpad('messages/s', 12)}${lpad('lag p50', 10)}${lpad('lag p99', 10)}`,
  );
  for (const p of [o, c]) {
    const d = p.drain;
    lines.push(
      `  ${pad(p.label, 34)}${lpad(f0(d.webhooks), 8)}${lpad(f0(d.backlogAtEnd), 9)}${lpad(msCell(d.drainMs), 10)}` +
        `${lpad(f1(d.processedPerSec), 13)}${lpad(f1(d.messagesPerSec), 12)}${lpad(msCell(d.lag.p50), 10)}` +
        `${lpad(msCell(d.lag.p99), 10)}`,
    );
  }
  const k = f.check;
  lines.push(
    '',
    `  check: ${f0(k.messagesAcked)} messages acknowledged, ${f0(k.messagesStored)} in the inbox (${k.lost} lost, ` +
      `${k.duplicated} duplicated, ${k.unexpected} unexpected); ${f0(k.deliveriesStored)} bodies stored ` +
      `(${f0(k.deliveriesAcked)} acknowledged), ${k.unprocessed} unprocessed, ${k.processingErrors} failed; ` +
      `${k.contacts} contacts and ${k.threads} threads for ${k.customersWhoWrote} customers; ${k.replies} replies, ` +
      `${k.repliesWithWrongStatus} without their last status; ${k.heldStatuses} statuses held`,
  );
  for (const p of [o, c]) {
    const lock = p.gateway.lock;
    if (!lock) continue;
    lines.push('', `  PGlite lock during ${p.label}:`);
    for (const [label, s] of Object.entries(lock.statements).sort((a, b) => b[1].count - a[1].count)) {
      lines.push(
        `    ${pad(label, 30)}${lpad(f0(s.count), 7)} × wait p50 ${msCell(s.waitP50)} p99 ${msCell(s.waitP99)} ` +
          `max ${msCell(s.waitMax)}; run p50 ${msCell(s.runP50)} p99 ${msCell(s.runP99)}`,
      );
    }
    const t = lock.transactions;
    lines.push(
      `    ${pad('store.write transactions', 30)}${lpad(f0(t.count), 7)} × hold p50 ${msCell(t.holdP50)} ` +
        `p99 ${msCell(t.holdP99)} max ${msCell(t.holdMax)}; ${f0(t.holdTotalMs)} ms held in all`,
    );
  }
  for (const p of [o, c]) {
    const h = p.gateway.handling;
    if (h) {
      lines.push(
        `  ${p.label}: inside the gateway (request parsed → answer sent) p50 ${msCell(h.p50)} p99 ${msCell(h.p99)} ` +
          `max ${msCell(h.max)}; seen by the sender p50 ${msCell(p.latency.p50)} p99 ${msCell(p.latency.p99)}`,
      );
    }
  }
  if (o.gateway.handling) {
    lines.push(
      `  open loop p99 by second: ${o.perSecond.map((x) => (Number.isFinite(x.p99) ? Math.round(x.p99) : '–')).join(' ')}`,
    );
  }
  if (f.stepCostsUs) {
    lines.push(
      '',
      `  ack steps on one body (gateway process, µs): ${Object.entries(f.stepCostsUs)
        .map(([k2, v]) => `${k2} ${v.toFixed(1)}`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const diagnose = process.argv.includes('--diagnose');
  const profileArg = process.argv.find((a) => a.startsWith('--cpu-prof-dir='));
  const number = (name: string) => {
    const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
    return arg ? Number(arg.slice(name.length + 3)) : undefined;
  };
  console.log(`Webhook acknowledgement, ${cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}`);
  const figures = await benchWebhooks({
    quick,
    diagnose,
    rate: number('rate'),
    seconds: number('seconds'),
    concurrency: number('concurrency'),
    capacitySeconds: number('capacity-seconds'),
    cpuProfileDir: profileArg?.slice('--cpu-prof-dir='.length),
    whatIf: process.argv.includes('--what-if=yield') ? 'yield' : undefined,
    log: (line) => console.log(line),
  });
  console.log(formatWebhookFigures(figures));
  const out = join(__dirname, '..', '..', 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bench-webhooks.json'),
    JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2),
  );
  console.log('\nRaw figures: test-results/bench-webhooks.json');
}

if (require.main === module) {
  if (process.argv.includes(CHILD_FLAG)) {
    runGatewayChild().catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
  } else {
    main().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
  }
}

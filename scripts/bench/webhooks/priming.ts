// Priming (not timed): a shop mid-day, not an empty one. Part of the customers have written once and an agent
// answered them, so the load continues existing conversations as well as opening new ones, and the status
// webhooks point at real replies that went out through the Graph API.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BodyFactory } from './bodies';
import type { Acknowledged } from './check';
import type { GatewayProcess } from './gateway-process';
import { closedLoopOver, type RunResult } from './load';

/** Share of the customers who have already written when the timed phases start. */
const PRIMED_SHARE = 0.6;

const AGENT_REPLIES = [
  'Bonjour, je regarde votre commande tout de suite.',
  'Hello! Your parcel left our warehouse this morning, here is the tracking link: https://track.example.com/8842',
  'Merci pour votre message, le remboursement a été lancé, comptez 3 à 5 jours ouvrés.',
  'Could you send me the order number so I can check?',
];

export interface Primed {
  run: RunResult;
  customers: number;
  threads: number;
  /** The agents' replies, with the wamid the (fake) Graph API gave each: what status webhooks point at. */
  replies: Array<{ wamid: string; customer: number }>;
}

type ThreadMessage = { providerMessageId: string | null; direction: string };

/** The gateway's REST API, as the desktop app calls it. */
async function api<T>(base: URL, token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, base), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** `fn` over `items`, `concurrency` at a time: fast enough, without flooding the gateway with API calls. */
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

/** Who primes the gateway, and with what. */
interface PrimingContext {
  gateway: GatewayProcess;
  adminToken: string;
  factory: BodyFactory;
  acked: Acknowledged;
  log: (line: string) => void;
}

/** A thread's messages through the REST API. */
async function messagesOf({ gateway, adminToken }: PrimingContext, threadId: string): Promise<ThreadMessage[]> {
  const path = `/api/threads/${encodeURIComponent(threadId)}/messages`;
  return (await api<{ messages: ThreadMessage[] }>(gateway.url, adminToken, path)).messages;
}

/** A random share of the customers (the seeded shuffle) write their first message. */
async function firstMessages(ctx: PrimingContext): Promise<{ run: RunResult; customers: number[] }> {
  const { factory } = ctx;
  const customerCount = factory.customers.length;
  const primedCount = Math.round(customerCount * PRIMED_SHARE);
  const order = Array.from({ length: customerCount }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(factory.share() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const customers = order.slice(0, primedCount);
  ctx.log(`  priming: ${primedCount} customers write, agents answer…`);
  const bodies = customers.map((c) => factory.message(c));
  const run = await closedLoopOver(ctx.gateway.url, bodies, 8);
  ctx.acked.record(run);
  if (run.answers.some((a) => !a.ok)) throw new Error('priming webhooks were refused');
  await ctx.gateway.call('idle');
  return { run, customers };
}

/** Each primed customer's thread, found by the message they sent. */
async function threadsOf(ctx: PrimingContext, customers: number[]): Promise<Map<number, string>> {
  const { threads } = await api<{ threads: Array<{ id: string }> }>(ctx.gateway.url, ctx.adminToken, '/api/threads');
  const threadOfCustomer = new Map<number, string>();
  await inBatches(threads, 8, async (thread) => {
    const inbound = (await messagesOf(ctx, thread.id)).find((m) => m.direction === 'in' && m.providerMessageId);
    const customer = inbound?.providerMessageId ? ctx.acked.messages.get(inbound.providerMessageId) : undefined;
    if (customer !== undefined) threadOfCustomer.set(customer, thread.id);
  });
  if (threadOfCustomer.size !== customers.length) {
    throw new Error(`priming: ${threadOfCustomer.size} threads for ${customers.length} customers`);
  }
  return threadOfCustomer;
}

/**
 * Replies go out to the fake Graph API in the background: waits until each of the `wanted` replies has the
 * provider's wamid, which is what the status webhooks must point at.
 */
async function replyWamids(
  ctx: PrimingContext,
  threadOfCustomer: Map<number, string>,
  wanted: number,
): Promise<Primed['replies']> {
  const replies: Primed['replies'] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    replies.length = 0;
    let waiting = 0;
    await inBatches([...threadOfCustomer], 8, async ([customer, threadId]) => {
      for (const m of await messagesOf(ctx, threadId)) {
        if (m.direction !== 'out') continue;
        if (m.providerMessageId) replies.push({ wamid: m.providerMessageId, customer });
        else waiting += 1;
      }
    });
    if (waiting === 0 && replies.length === wanted) break;
    if (Date.now() > deadline) throw new Error(`priming: ${waiting} replies never reached the fake Graph API`);
    await sleep(500);
  }
  // Interleave customers so consecutive statuses do not all hit one thread.
  return replies.sort((a, b) => (a.wamid < b.wamid ? -1 : 1));
}

/**
 * Primes the gateway: customers write, agents answer, until every reply has its wamid. `statusesNeeded`: how many
 * status webhooks the timed phases may send (three per reply, so that most replies go sent → delivered → read).
 */
export async function prime(ctx: PrimingContext & { statusesNeeded: number }): Promise<Primed> {
  const { run, customers } = await firstMessages(ctx);
  const threadOfCustomer = await threadsOf(ctx, customers);
  const repliesWanted = Math.min(Math.ceil(ctx.statusesNeeded / 3), customers.length * 2);
  const replyTargets = Array.from({ length: repliesWanted }, (_, i) => customers[i % customers.length] ?? 0);
  await inBatches(replyTargets, 8, async (customer) => {
    const threadId = threadOfCustomer.get(customer) ?? '';
    await api(ctx.gateway.url, ctx.adminToken, `/api/threads/${encodeURIComponent(threadId)}/messages`, {
      text: AGENT_REPLIES[customer % AGENT_REPLIES.length],
    });
  });
  const replies = await replyWamids(ctx, threadOfCustomer, repliesWanted);
  await ctx.gateway.call('idle');
  return { run, customers: customers.length, threads: threadOfCustomer.size, replies };
}

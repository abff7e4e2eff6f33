// Runs in headless Chromium: how fast the sync engine's apply path writes a replay into IndexedDB, compared
// with raw Dexie bulkPut of the same messages into the same schema, in the same run.
import { outboundMessageId, type Message, type SyncEvent, type Thread } from '../../../src/core';
import { ComptoirDb } from '../../../src/renderer/db/schema';
import { applyEvents } from '../../../src/renderer/sync/apply';
import { createSyncEngine } from '../../../src/renderer/sync/engine';

interface Options {
  messages: number;
  threads: number;
  pageSize: number;
}

/**
 * A replay as the gateway sends it: message events, and (withThreads) after each one the thread summary it
 * updated. `pages` holds, per gateway page, the rows a raw writer would put: the same data, no sync engine.
 */
function replay({ messages, threads, pageSize }: Options, withThreads: boolean) {
  const start = Date.UTC(2026, 0, 1);
  const events: SyncEvent[] = [];
  const pages: Array<{ messages: Message[]; threads: Thread[] }> = [];
  let seq = 0;
  for (let i = 0; i < messages; i += 1) {
    const t = i % threads;
    const inbound = i % 3 !== 2;
    const ts = start + i * 1000;
    const text = inbound
      ? `Bonjour, ma commande #${1000 + (i % 9000)} n'est toujours pas arrivée, pouvez-vous vérifier ? (${i})`
      : `Hello! Your order ships tomorrow; here is the tracking link https://track.example.com/${i}`;
    const clientId = `c${i.toString().padStart(8, '0')}`;
    const message: Message = {
      id: inbound ? `m_${i}` : outboundMessageId(clientId),
      threadId: `t_${t}`,
      direction: inbound ? 'in' : 'out',
      author: inbound ? { kind: 'customer', contactId: `c_${t}` } : { kind: 'agent', agentId: 'agent_owner' },
      text,
      ts,
      status: inbound ? 'delivered' : 'read',
      error: null,
      provider: 'sandbox',
      providerMessageId: inbound ? `sb_${i}` : null,
      clientId: inbound ? null : clientId,
    };
    const pageIndex = Math.floor(seq / pageSize);
    const page = (pages[pageIndex] ??= { messages: [], threads: [] });
    page.messages.push(message);
    events.push({ seq: (seq += 1), at: ts, actor: 'system', type: 'message.added', message });
    if (withThreads) {
      const thread: Thread = {
        id: `t_${t}`,
        contactId: `c_${t}`,
        channel: 'whatsapp',
        status: 'open',
        assigneeId: null,
        createdAt: start,
        lastMessageAt: ts,
        lastMessagePreview: text.slice(0, 140),
        lastMessageDirection: message.direction,
        unreadCount: inbound ? 1 : 0,
        lastInboundAt: ts,
      };
      page.threads.push(thread);
      events.push({ seq: (seq += 1), at: ts, actor: 'system', type: 'thread.upserted', thread });
    }
  }
  return { events, pages };
}

async function fresh(name: string): Promise<ComptoirDb> {
  await ComptoirDb.delete(name);
  const db = new ComptoirDb(name);
  await db.open();
  return db;
}

async function rawBulkPut(pages: Array<{ messages: Message[]; threads: Thread[] }>): Promise<number> {
  const db = await fresh('bench-raw');
  const t0 = performance.now();
  for (const page of pages) {
    await db.transaction('rw', db.messages, db.threads, async () => {
      await db.messages.bulkPut(page.messages);
      if (page.threads.length > 0) await db.threads.bulkPut(page.threads);
    });
  }
  const ms = performance.now() - t0;
  db.close();
  await ComptoirDb.delete('bench-raw');
  return ms;
}

async function syncApply(events: SyncEvent[], pageSize: number): Promise<{ ms: number; stored: number }> {
  const db = await fresh('bench-apply');
  let cursor = 0;
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += pageSize) {
    cursor = await applyEvents(db, events.slice(i, i + pageSize), cursor);
  }
  const ms = performance.now() - t0;
  const stored = await db.messages.count();
  db.close();
  await ComptoirDb.delete('bench-apply');
  return { ms, stored };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function compare(options: Options & { rounds: number }, withThreads: boolean) {
  const { events, pages } = replay(options, withThreads);
  const raw: number[] = [];
  const apply: number[] = [];
  let stored = 0;
  // Alternate the two so neither always runs on a warmer (or more fragmented) browser profile.
  for (let r = 0; r < options.rounds; r += 1) {
    raw.push(await rawBulkPut(pages));
    const result = await syncApply(events, options.pageSize);
    apply.push(result.ms);
    stored = result.stored;
  }
  const rawPerSec = options.messages / (median(raw) / 1000);
  const applyPerSec = options.messages / (median(apply) / 1000);
  if (stored !== options.messages) throw new Error(`apply stored ${stored} of ${options.messages} messages`);
  return {
    label: withThreads ? 'message + thread events' : 'message events',
    messages: options.messages,
    events: events.length,
    rawMs: raw,
    applyMs: apply,
    rawPerSec,
    applyPerSec,
    ratio: applyPerSec / rawPerSec,
  };
}

async function run(options: Options & { rounds: number }) {
  return { messagesOnly: await compare(options, false), withThreads: await compare(options, true) };
}

/**
 * The sync engine alone (no UI) replaying a real gateway's log into a fresh replica: the whole path from the
 * gateway's store through socket.io, parsing and the apply, until the engine reports it is caught up.
 */
async function gatewayReplay(gatewayUrl: string, token: string): Promise<{ ms: number; messages: number }> {
  const db = await fresh('bench-engine');
  const t0 = performance.now();
  const engine = createSyncEngine({ db, session: { gatewayUrl, token }, log: () => {} });
  await new Promise<void>((resolve, reject) => {
    engine.onStatus((status) => {
      if (status === 'online') resolve();
      if (status === 'unauthorized') reject(new Error('unauthorized'));
    });
  });
  const ms = performance.now() - t0;
  engine.stop();
  const messages = await db.messages.count();
  db.close();
  await ComptoirDb.delete('bench-engine');
  return { ms, messages };
}

declare global {
  interface Window {
    runReplicaBench: typeof run;
    runGatewayReplay: typeof gatewayReplay;
  }
}
window.runReplicaBench = run;
window.runGatewayReplay = gatewayReplay;
document.title = 'ready';

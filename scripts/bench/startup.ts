import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startGateway } from '../../src/gateway';
import type { HelloOutput, PullOutput, Result, SyncEvent } from '../../src/core';
import { seedLargeStore } from './seed';

const root = join(__dirname, '..', '..');

export interface StartupFigures {
  label: string;
  threads: number;
  messages: number;
  /** First visit, empty IndexedDB: page load to the first conversation row, sync from the gateway included. */
  coldFirstRowMs: number[];
  /** First visit: page load until the replica's cursor reached the gateway's head (the whole replay applied). */
  coldFullSyncMs: number[];
  /** Reloads with the replica filled: page load to the first conversation row. */
  warmFirstRowMs: number[];
}

const ROW = '[role="listbox"][aria-label="Conversations"] [role="option"]';

/** Milliseconds from navigation start to the first conversation row on screen, read inside the page. */
async function firstRowAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (selector) => (document.querySelector(selector) ? performance.now() : false),
    ROW,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Reads the replica's cursor straight from IndexedDB. A string, not a function: tsx names functions with a
 * helper that does not exist in the page.
 */
function readCursorScript(dbName: string): string {
  return `new Promise((resolve) => {
    const done = (cursor) => resolve({ cursor, at: performance.now() });
    const open = indexedDB.open(${JSON.stringify(dbName)});
    open.onerror = () => done(0);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('meta')) { db.close(); return done(0); }
      const get = db.transaction('meta').objectStore('meta').get('cursor');
      get.onsuccess = () => { db.close(); const v = get.result && get.result.value; done(typeof v === 'number' ? v : 0); };
      get.onerror = () => { db.close(); done(0); };
    };
  })`;
}

/** Waits until the replica's stored cursor reaches `head`; returns the page-clock time it did (±250 ms). */
async function fullSyncAt(page: Page, workspaceId: string, head: number): Promise<number> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const { cursor, at } = await page.evaluate<{ cursor: number; at: number }>(
      readCursorScript(`comptoir-${workspaceId}`),
    );
    if (cursor >= head) return at;
    await page.waitForTimeout(250);
  }
  throw new Error(`the replica never reached seq ${head}`);
}

export async function benchStartup(
  browser: Browser,
  options: { label: string; seed: { threads: number; messages: number } | null; coldRuns: number; warmRuns: number },
): Promise<StartupFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-gw-'));
  const token = randomBytes(24).toString('base64url');
  try {
    if (options.seed) await seedLargeStore(dataDir, options.seed.threads, options.seed.messages);
    const gateway = await startGateway({
      dataDir,
      port: 0,
      demo: options.seed === null,
      simulate: false,
      adminToken: token,
      staticDir: join(root, 'out', 'renderer'),
      log: () => {},
    });
    try {
      const probe = await measureStore(gateway.url, token);
      const figures: StartupFigures = {
        label: options.label,
        threads: probe.threads,
        messages: probe.messages,
        coldFirstRowMs: [],
        coldFullSyncMs: [],
        warmFirstRowMs: [],
      };
      let warmPage: Page | null = null;
      for (let run = 0; run < options.coldRuns; run += 1) {
        // A new context is a new profile: empty IndexedDB, as on a desktop's first launch.
        const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${gateway.url}/#token=${token}`);
        figures.coldFirstRowMs.push(await firstRowAt(page));
        figures.coldFullSyncMs.push(await fullSyncAt(page, gateway.workspaceId, probe.head));
        if (run === options.coldRuns - 1) warmPage = page;
        else await context.close();
      }
      if (warmPage) {
        for (let run = 0; run < options.warmRuns; run += 1) {
          await warmPage.reload();
          figures.warmFirstRowMs.push(await firstRowAt(warmPage));
        }
        await warmPage.context().close();
      }
      return figures;
    } finally {
      await gateway.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What the gateway holds: its head (the cursor a full replay ends at) and how many threads and messages. */
async function measureStore(url: string, token: string): Promise<{ head: number; threads: number; messages: number }> {
  const { io } = await import('socket.io-client');
  const socket = io(url, { auth: { token }, transports: ['websocket'] });
  try {
    const hello = await new Promise<Result<HelloOutput>>((resolve, reject) => {
      socket.on('connect_error', reject);
      socket.emit('session:hello', resolve);
    });
    if (!hello.ok) throw new Error(`hello failed: ${hello.error}`);
    let messages = 0;
    const threads = new Set<string>();
    for (let after = 0; after < hello.value.head;) {
      const page = await new Promise<Result<PullOutput>>((resolve) =>
        socket.emit('sync:pull', { after, limit: 5000 }, resolve),
      );
      if (!page.ok) throw new Error(`pull failed: ${page.error}`);
      const events = JSON.parse(new TextDecoder().decode(page.value.page)) as SyncEvent[];
      for (const event of events) {
        if (event.type === 'message.added') messages += 1;
        if (event.type === 'thread.upserted') threads.add(event.thread.id);
      }
      after = events.at(-1)?.seq ?? hello.value.head;
    }
    return { head: hello.value.head, threads: threads.size, messages };
  } finally {
    socket.close();
  }
}

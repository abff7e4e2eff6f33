// @vitest-environment node
// The sync engine against the real gateway (PGlite store, socket.io server, sandbox channel), in Node with
// fake-indexeddb under Dexie: the same path as the app, without a browser. The DOM test setup is not needed.
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '../../../src/core';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { readCursor } from '../../../src/renderer/db/meta';
import { createSyncEngine, type SyncEngine } from '../../../src/renderer/sync/engine';
import { eventually, quickIo } from './fakeGateway';
import { freshDb } from './fixtures';

const token = randomBytes(24).toString('base64url');
const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-engine-gw-'));
let gateway: RunningGateway;
let port = 0;

const start = async () => {
  gateway = await startGateway({ dataDir, port, demo: true, simulate: false, adminToken: token, log: () => {} });
  port = gateway.port;
};
const api = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};
const threadCount = async (): Promise<number> => {
  const { threads } = await api<{ threads: Thread[] }>('GET', '/api/threads');
  return threads.length;
};

beforeAll(start, 60_000);
afterAll(async () => {
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync engine with the real gateway', () => {
  let sync: SyncEngine;
  const db = freshDb();

  it('replays the demo shop into an empty replica, then applies a sandbox message live', async () => {
    sync = createSyncEngine({
      db,
      session: { gatewayUrl: gateway.url, token },
      io: quickIo,
      retryDelayMs: 50,
      log: () => {},
    });
    await eventually(() => expect(sync.status).toBe('online'), 20_000);
    expect(await db.threads.count()).toBe(await threadCount());
    expect(await db.messages.count()).toBeGreaterThan(100);

    const before = await readCursor(db);
    const { thread } = await api<{ thread: Thread }>('POST', '/api/sandbox/messages', {
      from: '+33600777001',
      name: 'Noémie Blanc',
      text: 'Vous livrez en Belgique ?',
    });
    await eventually(async () => expect((await db.threads.get(thread.id))?.lastMessagePreview).toContain('Belgique'));
    expect(await readCursor(db)).toBeGreaterThan(before);
  });

  it('queues a reply while the gateway is down and delivers it exactly once when it is back', async () => {
    const { threads } = await api<{ threads: Thread[] }>('GET', '/api/threads?status=open');
    const threadId = threads[0]!.id;
    await gateway.close();
    await eventually(() => expect(sync.status).toBe('offline'), 10_000);
    await sync.send(threadId, 'Oui, en 3 à 5 jours ouvrés.');
    expect(await db.outbox.count()).toBe(1);

    await start();
    await eventually(async () => expect(await db.outbox.count()).toBe(0), 20_000);
    await eventually(async () => {
      const { messages } = await api<{ messages: Message[] }>('GET', `/api/threads/${threadId}/messages`);
      expect(messages.filter((m) => m.text === 'Oui, en 3 à 5 jours ouvrés.')).toHaveLength(1);
    });
    // The replica's pending copy was replaced by the gateway's (same id), and it moved past pending.
    await eventually(async () => {
      const mine = (await db.messages.toArray()).filter((m) => m.text === 'Oui, en 3 à 5 jours ouvrés.');
      expect(mine).toHaveLength(1);
      expect(mine[0]?.status).not.toBe('pending');
    });
    sync.stop();
    await db.delete();
  });
});

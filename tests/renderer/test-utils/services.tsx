import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { Result } from '../../../src/core';
import { ComptoirProvider, type ComptoirServices } from '../../../src/renderer/data/context';
import type { MediaLoader } from '../../../src/renderer/data/media';
import type { LibraryClient } from '../../../src/renderer/data/library';
import { ComptoirDb } from '../../../src/renderer/db/schema';
import type { Platform } from '../../../src/renderer/platform/platform';
import type { SyncEngine, SyncStatus } from '../../../src/renderer/sync/engine';
import { queueReply, type ReplyExtras } from '../../../src/renderer/sync/outbox';

export type CommandHandler = (name: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The data layer without a gateway: a real Dexie replica (fake-indexeddb), a sync engine that queues replies like the real one and whose commands a test
 * answers, and a platform that records links. Call `dispose` after the test.
 */
export function fakeServices(answer: CommandHandler = async () => ({ ok: false, error: 'offline' })) {
  const db = new ComptoirDb(`test-${crypto.randomUUID()}`);
  const command = vi.fn(answer);
  const sync = {
    status: 'online' as SyncStatus,
    onStatus: () => () => {},
    onEvents: () => () => {},
    onWorkspaceChange: () => () => {},
    // As the real engine does before it flushes: the reply and its outbox entry, written together.
    send: vi.fn(async (threadId: string, text: string, extras?: ReplyExtras) => {
      await queueReply(db, { threadId, text, now: Date.now(), ...extras });
    }),
    command: command as unknown as SyncEngine['command'],
    flushOutbox: vi.fn(async () => {}),
    stop() {},
  } satisfies SyncEngine;
  const platform: Platform = {
    kind: 'web',
    getSession: async () => null,
    saveToken() {},
    forgetToken() {},
    notify() {},
    setBadge() {},
    openExternal: vi.fn(),
    onNotificationClick: () => () => {},
  };
  const media: MediaLoader = { load: vi.fn(async () => new Blob([])) };
  const library: LibraryClient = {
    list: vi.fn(async () => ({ ok: true as const, value: [] })),
    upload: vi.fn(async () => ({ ok: false as const, error: 'no gateway in this test' })),
    remove: vi.fn(async () => ({ ok: false as const, error: 'no gateway in this test' })),
    load: vi.fn(async () => null),
  };
  const services: ComptoirServices = { db, sync, platform, media, library };
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <ComptoirProvider services={services}>{children}</ComptoirProvider>
  );
  return { services, db, sync, command, Wrapper, dispose: () => db.delete() };
}

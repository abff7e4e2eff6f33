import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ComptoirProvider, type ComptoirServices } from '../../../src/renderer/data/context';
import {
  useConnection,
  useInboxActions,
  useMessages,
  useThread,
  useThreadList,
  useUnreadTotal,
  useViewCounts,
} from '../../../src/renderer/data/hooks';
import { createLibraryClient } from '../../../src/renderer/data/library';
import { createMediaLoader } from '../../../src/renderer/data/media';
import { createWebPlatform } from '../../../src/renderer/platform/web';
import { createSyncEngine } from '../../../src/renderer/sync/engine';
import { eventually, FakeGateway, quickIo } from '../sync/fakeGateway';
import { freshDb } from '../sync/fixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function services(): Promise<{
  gw: FakeGateway;
  services: ComptoirServices;
  wrapper: (p: { children: ReactNode }) => ReactNode;
}> {
  const gw = await new FakeGateway().start();
  cleanups.push(() => gw.stop());
  gw.customerWrites('t1', 'first customer');
  gw.customerWrites('t2', 'second customer');
  const db = freshDb();
  const sync = createSyncEngine({
    db,
    session: { gatewayUrl: gw.url, token: gw.token },
    io: quickIo,
    retryDelayMs: 50,
  });
  cleanups.push(async () => {
    sync.stop();
    await db.delete();
  });
  const session = { gatewayUrl: gw.url, token: gw.token };
  const value: ComptoirServices = {
    db,
    sync,
    platform: createWebPlatform(),
    media: createMediaLoader(session),
    library: createLibraryClient(session),
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ComptoirProvider services={value}>{children}</ComptoirProvider>
  );
  return { gw, services: value, wrapper };
}

describe('data hooks', () => {
  it('render the inbox from the replica and follow live changes', async () => {
    const { gw, wrapper } = await services();
    const { result } = renderHook(
      () => ({
        all: useThreadList('all'),
        counts: useViewCounts(),
        unread: useUnreadTotal(),
        thread: useThread('t1'),
        none: useThread(null),
        messages: useMessages('t1'),
        connection: useConnection(),
      }),
      { wrapper },
    );
    await eventually(() => expect(result.current.all?.map((i) => i.thread.id)).toEqual(['t2', 't1']));
    // Each hook is its own live query: under load one may answer a tick after another.
    await eventually(() => expect(result.current.counts).toEqual({ all: 2, mine: 0, unassigned: 2, resolved: 0 }));
    await eventually(() => expect(result.current.unread).toBe(2));
    await eventually(() => expect(result.current.thread?.contact?.name).toBe('Customer t1'));
    expect(result.current.none).toBeNull();
    await eventually(() => expect(result.current.messages?.map((m) => m.text)).toEqual(['first customer']));
    await eventually(() => expect(result.current.connection).toEqual({ status: 'online', agent: gw.agent, queued: 0 }));

    gw.customerWrites('t1', 'are you there?');
    await eventually(() => expect(result.current.all?.map((i) => i.thread.id)).toEqual(['t1', 't2']));
    await eventually(() => expect(result.current.messages).toHaveLength(2));
    await eventually(() => expect(result.current.unread).toBe(3));
  });

  it('act on threads through the gateway, and queue replies while offline', async () => {
    const { gw, wrapper } = await services();
    const { result } = renderHook(
      () => ({ actions: useInboxActions(), counts: useViewCounts(), connection: useConnection() }),
      { wrapper },
    );
    await eventually(() => expect(result.current.connection.status).toBe('online'));
    const actions = result.current.actions;

    expect(await actions.assign('t1', gw.agent.id)).toMatchObject({ ok: true });
    await eventually(() => expect(result.current.counts).toEqual({ all: 2, mine: 1, unassigned: 1, resolved: 0 }));
    expect(await actions.resolve('t2')).toMatchObject({ ok: true });
    await eventually(() => expect(result.current.counts?.resolved).toBe(1));
    expect(await actions.reopen('t2')).toMatchObject({ ok: true });
    await act(() => actions.markRead('t1'));
    await eventually(() => expect(gw.threads.get('t1')?.unreadCount).toBe(0));

    await gw.stop();
    await eventually(() => expect(result.current.connection.status).toBe('offline'));
    await act(() => actions.send('t1', 'Je regarde ça tout de suite.'));
    await act(() => actions.markRead('t2')); // offline: a no-op, and no error
    await eventually(() => expect(result.current.connection.queued).toBe(1));
    await gw.start();
    await eventually(() => expect(result.current.connection).toMatchObject({ status: 'online', queued: 0 }));
    expect(gw.sendCalls.map((c) => c.text)).toEqual(['Je regarde ça tout de suite.']);
    expect(gw.threads.get('t2')?.unreadCount).toBe(1);
  });
});

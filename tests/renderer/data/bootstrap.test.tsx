import { act, renderHook } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { startBoot, workspaceKey, type BootState } from '../../../src/renderer/data/boot';
import { useBootstrap } from '../../../src/renderer/data/bootstrap';
import { ComptoirDb, dbNameFor } from '../../../src/renderer/db/schema';
import { createWebPlatform } from '../../../src/renderer/platform/web';
import { eventually, FakeGateway, quickIo } from '../sync/fakeGateway';
import { thread } from '../sync/fixtures';

const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  localStorage.clear();
});

async function gateway(): Promise<FakeGateway> {
  const gw = await new FakeGateway().start();
  cleanups.push(() => gw.stop());
  cleanups.push(() => Dexie.delete(dbNameFor(gw.workspaceId)));
  return gw;
}

function boot(): { states: BootState[]; last: () => BootState } {
  const states: BootState[] = [];
  const stop = startBoot(createWebPlatform(), (s) => states.push(s), { io: quickIo, retryDelayMs: 50 });
  cleanups.push(stop);
  return { states, last: () => states.at(-1)! };
}

const ready = (state: BootState) => {
  if (state.state !== 'ready') throw new Error(`not ready: ${state.state}`);
  return state.services;
};

describe('bootstrap', () => {
  it('asks to sign in when there is no token', async () => {
    setUrl('http://127.0.0.1:9/');
    const { states } = boot();
    await eventually(() => expect(states).toEqual([{ state: 'loading' }, { state: 'signin', error: null }]));
  });

  it('on the first run waits for hello, then opens the replica named after the workspace', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'bonjour');
    setUrl(`${gw.url}/#token=${gw.token}`);
    const { states, last } = boot();
    const services = await eventually(() => ready(last()));
    expect(states[0]).toEqual({ state: 'loading' });
    expect(services.db.name).toBe(dbNameFor(gw.workspaceId));
    await eventually(async () => expect(await services.db.threads.count()).toBe(1));
    expect(localStorage.getItem(`comptoir:workspace:${gw.url}`)).toBe(gw.workspaceId);
    // The connection that answered the first hello is the one the sync engine goes on with.
    expect(gw.handshakes).toBe(1);
    expect(services.sync.status).toBe('online');
  });

  it('opens a known replica at once, offline, without waiting for the gateway', async () => {
    const gw = await gateway();
    await gw.stop();
    const name = dbNameFor(gw.workspaceId);
    const seeded = new ComptoirDb(name);
    await seeded.threads.put(thread('kept'));
    seeded.close();
    localStorage.setItem(`comptoir:workspace:${gw.url}`, gw.workspaceId);
    setUrl(`${gw.url}/#token=${gw.token}`);

    const { last } = boot();
    const services = await eventually(() => ready(last()), 500);
    expect(await services.db.threads.get('kept')).toBeDefined();
    await eventually(() => expect(services.sync.status).toBe('offline'));

    await gw.start();
    await eventually(() => expect(services.sync.status).toBe('online'));
  });

  it('switches to another replica when the gateway now serves another workspace', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'new store');
    localStorage.setItem(`comptoir:workspace:${gw.url}`, 'ws-before-the-wipe');
    cleanups.push(() => Dexie.delete(dbNameFor('ws-before-the-wipe')));
    setUrl(`${gw.url}/#token=${gw.token}`);

    const { states, last } = boot();
    await eventually(() => expect(ready(last()).db.name).toBe(dbNameFor(gw.workspaceId)));
    expect(states.filter((s) => s.state === 'ready').map((s) => ready(s).db.name)).toEqual([
      dbNameFor('ws-before-the-wipe'),
      dbNameFor(gw.workspaceId),
    ]);
    const services = ready(last());
    await eventually(async () => expect(await services.db.threads.count()).toBe(1));
    expect(localStorage.getItem(`comptoir:workspace:${gw.url}`)).toBe(gw.workspaceId);
  });

  it('goes back to sign-in when the gateway refuses the token, first run or not', async () => {
    const gw = await gateway();
    setUrl(`${gw.url}/#token=not-the-right-token-at-all`);
    const first = boot();
    await eventually(() => expect(first.last()).toEqual({ state: 'signin', error: 'unauthorized' }));

    localStorage.setItem(`comptoir:workspace:${gw.url}`, gw.workspaceId);
    const known = boot();
    await eventually(() => expect(known.last()).toEqual({ state: 'signin', error: 'unauthorized' }));
    expect(known.states.map((s) => s.state)).toEqual(['loading', 'ready', 'signin']);
  });

  it('remembers the embedded gateway whatever port it got this launch, and any other gateway by origin', () => {
    const as = (kind: 'web' | 'electron', gatewayUrl: string) =>
      workspaceKey({ ...createWebPlatform(), kind }, { gatewayUrl, token: 'x'.repeat(16) });
    expect(as('electron', 'http://127.0.0.1:41234')).toBe(as('electron', 'http://127.0.0.1:50999/'));
    expect(as('electron', 'https://support.shop.example')).toBe('comptoir:workspace:https://support.shop.example');
    expect(as('web', 'http://127.0.0.1:41234')).not.toBe(as('web', 'http://127.0.0.1:50999'));
  });

  it('useBootstrap starts again when a token is saved on the sign-in screen', async () => {
    const gw = await gateway();
    setUrl(`${gw.url}/`);
    const platform = createWebPlatform();
    const { result, unmount } = renderHook(() => useBootstrap(platform));
    cleanups.push(unmount);
    await eventually(() => expect(result.current).toEqual({ state: 'signin', error: null }));
    act(() => platform.saveToken(gw.token));
    await eventually(() => expect(result.current.state).toBe('ready'));
    const services = ready(result.current);
    await eventually(() => expect(services.sync.status).toBe('online'));
  });
});

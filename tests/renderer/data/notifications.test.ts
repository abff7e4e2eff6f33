import { afterEach, describe, expect, it } from 'vitest';
import { startNotifications } from '../../../src/renderer/data/notifications';
import { createWebPlatform } from '../../../src/renderer/platform/web';
import { createSyncEngine } from '../../../src/renderer/sync/engine';
import { installNotifications } from '../platform/browserNotifications';
import { eventually, FakeGateway, quickIo } from '../sync/fakeGateway';
import { freshDb } from '../sync/fixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { attentive?: boolean; catchUpFirst?: (gw: FakeGateway) => void } = {}) {
  const gw = await new FakeGateway().start();
  cleanups.push(() => gw.stop());
  options.catchUpFirst?.(gw);
  const notifications = installNotifications('granted');
  cleanups.push(() => notifications.uninstall());
  document.title = 'Comptoir';
  const db = freshDb();
  const sync = createSyncEngine({ db, session: { gatewayUrl: gw.url, token: gw.token }, io: quickIo });
  const platform = createWebPlatform();
  const clock = { now: 1_000_000 };
  const attention = { attentive: options.attentive ?? false };
  const stop = startNotifications({
    db,
    sync,
    platform,
    isAttentive: () => attention.attentive,
    now: () => clock.now,
    perThreadMs: 5_000,
  });
  cleanups.push(async () => {
    stop();
    sync.stop();
    await db.delete();
  });
  await eventually(() => expect(sync.status).toBe('online'));
  return { gw, db, sync, shown: notifications.shown, clock, attention, platform };
}

describe('notifications', () => {
  it('notifies a live customer message with the customer name and a preview, and badges the unread total', async () => {
    const { gw, shown } = await setup();
    gw.customerWrites('t1', 'Bonjour,\n   ma commande   #1042 est-elle partie ?', 'Inès Martin');
    await eventually(() => expect(shown).toHaveLength(1));
    expect(shown[0]).toMatchObject({
      title: 'Inès Martin',
      body: 'Bonjour, ma commande #1042 est-elle partie ?',
      tag: 't1',
    });
    await eventually(() => expect(document.title).toBe('(1) Comptoir'));
  });

  it('shows at most one notification per thread in a few seconds', async () => {
    const { gw, shown, clock } = await setup();
    gw.customerWrites('t1', 'one');
    await eventually(() => expect(shown).toHaveLength(1));
    clock.now += 1_000;
    gw.customerWrites('t1', 'two');
    gw.customerWrites('t2', 'other customer');
    await eventually(() => expect(shown.map((n) => n.tag)).toEqual(['t1', 't2']));
    clock.now += 5_000;
    gw.customerWrites('t1', 'three');
    await eventually(() => expect(shown.map((n) => n.body)).toEqual(['one', 'other customer', 'three']));
    await eventually(() => expect(document.title).toBe('(4) Comptoir'));
  });

  it('stays quiet while the agent is looking at the app, but keeps the badge', async () => {
    const { gw, shown, db } = await setup({ attentive: true });
    gw.customerWrites('t1', 'hello');
    await eventually(async () => expect(await db.threads.count()).toBe(1));
    await eventually(() => expect(document.title).toBe('(1) Comptoir'));
    expect(shown).toHaveLength(0);
  });

  it('does not notify the catch-up replay', async () => {
    const { gw, shown, db } = await setup({
      catchUpFirst: (gw) => {
        gw.customerWrites('t1', 'while you were away');
        gw.customerWrites('t2', 'me too');
      },
    });
    await eventually(async () => expect(await db.threads.count()).toBe(2));
    await eventually(() => expect(document.title).toBe('(2) Comptoir'));
    expect(shown).toHaveLength(0);
    gw.customerWrites('t2', 'now live');
    await eventually(() => expect(shown.map((n) => n.body)).toEqual(['now live']));
  });

  it('reports a click on a notification with its thread', async () => {
    const { gw, shown, platform } = await setup();
    const clicked: string[] = [];
    platform.onNotificationClick((threadId) => clicked.push(threadId));
    gw.customerWrites('t9', 'hi');
    await eventually(() => expect(shown).toHaveLength(1));
    shown[0]?.click();
    expect(clicked).toEqual(['t9']);
    expect(shown[0]?.closed).toBe(true);
  });
});

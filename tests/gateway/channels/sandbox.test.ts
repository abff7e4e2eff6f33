import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, MessageStatus } from '../../../src/core';
import { ensureOwner } from '../../../src/gateway/auth';
import { createSandboxChannel } from '../../../src/gateway/channels/sandbox';
import { simulationScript } from '../../../src/gateway/demo/shop-file';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import { readEvents } from '../../../src/gateway/store/events';
import type { Store } from '../../../src/gateway/store/store';
import { DEMO_SHOP } from '../fixtures';
import { countRows, eventually, ManualTimers, openTestStore, valueOf } from '../helpers';

describe('the sandbox channel', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let inbox: Inbox;
  const logged: string[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore());
    await ensureOwner(store, 'You');
    inbox = new Inbox(store, (line) => logged.push(line));
  });
  afterAll(() => dispose());

  const statusOf = async (id: string) =>
    (await store.sql.query<{ status: MessageStatus }>('SELECT status FROM messages WHERE id = $1', [id]))[0]?.status;

  it('delivers a reply pending → sent → delivered → read, and a late report never moves it back', async () => {
    const sandbox = createSandboxChannel({ inbox, log: (l) => logged.push(l), deliveryDelaysMs: [1, 1, 1] });
    inbox.connectChannel('sandbox', (m) => sandbox.deliver(m));
    const { thread } = await sandbox.ingestSandboxMessage({ from: '+15550001', name: 'Dana', text: 'Hello there' });
    const { message } = valueOf(
      await inbox.reply({ agentId: 'agent_owner', clientId: 'sbx-reply-1', threadId: thread.id, text: 'Hi Dana' }),
    );
    await eventually(async () => (await statusOf(message.id)) === 'read');
    const before = await countRows(store, 'events');
    expect(valueOf(await inbox.recordDelivery({ messageId: message.id, status: 'delivered' })).status).toBe('read');
    expect(valueOf(await inbox.recordDelivery({ messageId: message.id, status: 'sent' })).status).toBe('read');
    expect(await countRows(store, 'events')).toBe(before);

    const updates = (await readEvents(store.sql, 0, 1000)).filter(
      (e): e is Extract<typeof e, { type: 'message.updated' }> =>
        e.type === 'message.updated' && e.message.id === message.id,
    );
    expect(updates.map((e) => e.message.status)).toEqual(['sent', 'delivered', 'read']);
    expect(updates.at(-1)?.message.providerMessageId).toBe(`sbx_out_${message.id}`);
    await sandbox.stop();
  });

  it('resumes a half-delivered reply from where it stopped, and stops cleanly', async () => {
    const timers = new ManualTimers();
    const sandbox = createSandboxChannel({ inbox, log: () => {}, timers, deliveryDelaysMs: [10, 20, 30] });
    inbox.connectChannel('sandbox', (m) => sandbox.deliver(m));
    const { thread } = await sandbox.ingestSandboxMessage({ from: '+15550002', name: 'Eli', text: 'Hello' });
    const { message } = valueOf(
      await inbox.reply({ agentId: 'agent_owner', clientId: 'sbx-reply-2', threadId: thread.id, text: 'Yes?' }),
    );
    expect(timers.delays()).toEqual([10]);
    timers.fireNext();
    await eventually(async () => (await statusOf(message.id)) === 'sent');
    await eventually(() => timers.delays().length === 1);
    expect(timers.delays()).toEqual([20]);
    await sandbox.stop();
    expect(timers.pending.size).toBe(0);

    // The gateway restarts: a new channel picks the reply up at "delivered" next, not from the start.
    const restarted = createSandboxChannel({ inbox, log: () => {}, timers, deliveryDelaysMs: [10, 20, 30] });
    inbox.connectChannel('sandbox', (m) => restarted.deliver(m));
    expect(await inbox.resumeDeliveries('sandbox')).toBe(1);
    expect(timers.delays()).toEqual([20]);
    timers.fireNext();
    await eventually(async () => (await statusOf(message.id)) === 'delivered');
    await restarted.stop();
  });

  it('turns a message from an unknown handle into a WhatsApp contact with a guessed locale', async () => {
    const sandbox = createSandboxChannel({ inbox, log: () => {} });
    const fr = await sandbox.ingestSandboxMessage({
      from: '+33700000001',
      name: 'Zoé',
      text: 'Bonjour, où est mon colis ?',
    });
    expect(fr.contact).toMatchObject({ channel: 'whatsapp', handle: '+33700000001', name: 'Zoé', locale: 'fr' });
    expect(fr.message).toMatchObject({ provider: 'sandbox', direction: 'in', text: 'Bonjour, où est mon colis ?' });
    const en = await sandbox.ingestSandboxMessage({ from: '+44700000002', name: 'Sam', text: 'Where is my parcel?' });
    expect(en.contact.locale).toBe('en');
    const again = await sandbox.ingestSandboxMessage({ from: '+33700000001', name: 'Other name', text: 'Hello?' });
    expect(again.contact.id).toBe(fr.contact.id);
    expect(again.thread.id).toBe(fr.thread.id);
    expect(again.message.providerMessageId).not.toBe(fr.message.providerMessageId);
    await sandbox.stop();
  });

  it('has simulated customers write in their own language at random intervals within the range', async () => {
    const timers = new ManualTimers();
    const script = simulationScript(DEMO_SHOP);
    let r = 0;
    const randoms = [0.5, 0 /* first customer */, 0.2 /* line */, 0.25, 0.4 /* 2nd customer */, 0.99, 1 - 1e-9];
    const sandbox = createSandboxChannel({
      inbox,
      log: () => {},
      timers,
      random: () => randoms[r++ % randoms.length] ?? 0,
      simulate: { minIntervalMs: 1000, maxIntervalMs: 3000 },
      script,
    });
    sandbox.start();
    sandbox.start(); // a second start schedules nothing more
    expect(timers.delays()).toEqual([2000]);
    timers.fireNext();
    const first = await eventually(async () => {
      const rows = await store.sql.query<{ text: string }>(
        "SELECT m.text FROM messages m JOIN contacts c ON c.id = (m.author->>'contactId') WHERE c.handle = $1",
        [DEMO_SHOP.customers[0]?.handle ?? ''],
      );
      return rows[0];
    });
    expect(script.lines.fr).toContain(first.text);
    await eventually(() => timers.pending.size === 1);
    expect(timers.delays()).toEqual([1500]);
    timers.fireNext();
    const second = await eventually(async () => {
      const rows = await store.sql.query<{ text: string }>(
        "SELECT m.text FROM messages m JOIN contacts c ON c.id = (m.author->>'contactId') WHERE c.handle = $1",
        [DEMO_SHOP.customers[1]?.handle ?? ''],
      );
      return rows[0];
    });
    expect(script.lines.en).toContain(second.text);
    await sandbox.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('with real timers and a fast interval, keeps customers writing until stopped', async () => {
    const sandbox = createSandboxChannel({
      inbox,
      log: () => {},
      simulate: { minIntervalMs: 5, maxIntervalMs: 15 },
      script: simulationScript(DEMO_SHOP),
    });
    const simulated = () =>
      store.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE provider_message_id LIKE 'sim_%'");
    const start = (await simulated())[0]?.n ?? 0;
    sandbox.start();
    await eventually(async () => ((await simulated())[0]?.n ?? 0) >= start + 3);
    await sandbox.stop();
    const stopped = (await simulated())[0]?.n ?? 0;
    await new Promise((r) => setTimeout(r, 60));
    expect((await simulated())[0]?.n).toBe(stopped);
  });

  it('keeps quiet without a script or with simulation off', async () => {
    const timers = new ManualTimers();
    const off = createSandboxChannel({
      inbox,
      log: () => {},
      timers,
      simulate: false,
      script: simulationScript(DEMO_SHOP),
    });
    off.start();
    const noScript = createSandboxChannel({
      inbox,
      log: () => {},
      timers,
      simulate: { minIntervalMs: 1, maxIntervalMs: 2 },
    });
    noScript.start();
    expect(timers.pending.size).toBe(0);
    expect(await noScript.simulateOnce()).toBeNull();
    const m: Message | undefined = (await off.simulateOnce())?.message;
    expect(m?.direction).toBe('in');
  });
});

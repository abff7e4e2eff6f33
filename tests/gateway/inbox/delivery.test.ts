import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureOwner, OWNER_ID } from '../../../src/gateway/auth';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import type { Store } from '../../../src/gateway/store/store';
import { countRows, openTestStore, valueOf } from '../helpers';

describe('provider statuses', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let inbox: Inbox;
  const now = 1_750_000_000_000;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore(() => now));
    await ensureOwner(store, 'You');
    inbox = new Inbox(store, () => {});
    inbox.connectChannel('whatsapp-cloud', () => {});
  });
  afterEach(() => dispose());

  const replyToNewCustomer = async () => {
    const { thread } = await inbox.ingest({
      provider: 'whatsapp-cloud',
      providerMessageId: 'wamid.IN',
      channel: 'whatsapp',
      handle: '+33612345678',
      name: 'Léa',
      locale: 'fr',
      text: 'Bonjour',
      ts: now,
    });
    const replied = valueOf(
      await inbox.reply({ agentId: OWNER_ID, clientId: 'client-0001', threadId: thread.id, text: 'Bonjour Léa' }),
    );
    return replied.message;
  };

  it('holds a status that arrives before the send recorded the provider id, and applies it then', async () => {
    const message = await replyToNewCustomer();
    // The webhook beat the Graph API's answer.
    expect(
      valueOf(
        await inbox.recordProviderStatus({
          provider: 'whatsapp-cloud',
          providerMessageId: 'wamid.OUT',
          status: 'delivered',
          error: null,
          at: now,
        }),
      ),
    ).toBeNull();
    expect(await countRows(store, 'early_statuses')).toBe(1);
    const recorded = valueOf(
      await inbox.recordDelivery({ messageId: message.id, status: 'sent', providerMessageId: 'wamid.OUT' }),
    );
    expect(recorded).toMatchObject({ status: 'delivered', providerMessageId: 'wamid.OUT' });
    expect(await countRows(store, 'early_statuses')).toBe(0);
  });

  it('never moves a status backwards, and fails only from pending or sent', async () => {
    const message = await replyToNewCustomer();
    await inbox.recordDelivery({ messageId: message.id, status: 'sent', providerMessageId: 'wamid.OUT' });
    const status = (s: 'sent' | 'delivered' | 'read' | 'failed') =>
      inbox.recordProviderStatus({
        provider: 'whatsapp-cloud',
        providerMessageId: 'wamid.OUT',
        status: s,
        error: s === 'failed' ? '(#131047) Re-engagement message' : null,
        at: now,
      });
    expect(valueOf(await status('read'))?.status).toBe('read');
    expect(valueOf(await status('delivered'))?.status).toBe('read');
    expect(valueOf(await status('sent'))?.status).toBe('read');
    expect(valueOf(await status('failed'))).toMatchObject({ status: 'read', error: null });
  });

  it('a failure before delivery keeps the provider error text', async () => {
    const message = await replyToNewCustomer();
    await inbox.recordDelivery({ messageId: message.id, status: 'sent', providerMessageId: 'wamid.OUT' });
    const failed = valueOf(
      await inbox.recordProviderStatus({
        provider: 'whatsapp-cloud',
        providerMessageId: 'wamid.OUT',
        status: 'failed',
        error: '(#131047) Re-engagement message',
        at: now,
      }),
    );
    expect(failed).toMatchObject({ status: 'failed', error: '(#131047) Re-engagement message' });
  });
});

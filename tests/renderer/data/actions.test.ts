import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core';
import { createInboxActions } from '../../../src/renderer/data/actions';
import { message } from '../test-utils/fixtures';
import { fakeServices, type CommandHandler } from '../test-utils/services';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

function actions(answer: CommandHandler) {
  const fake = fakeServices(answer);
  dispose = fake.dispose;
  return { ...fake, actions: createInboxActions(fake.db, fake.sync) };
}

const ok = (value: unknown): Result<unknown> => ({ ok: true, value });

describe('channel actions', () => {
  it('reacts with message:react and hands back the gateway’s message', async () => {
    const reacted = message({ id: 'm1', reactions: [{ by: 'agent', emoji: '👍', at: 1 }] });
    const { actions: a, command } = actions(async () => ok({ message: reacted }));
    expect(await a.react('m1', '👍')).toEqual({ ok: true, value: reacted });
    expect(command).toHaveBeenCalledWith('message:react', { messageId: 'm1', emoji: '👍' });
  });

  it('never trusts a malformed answer', async () => {
    const { actions: a } = actions(async () => ok({ templates: [{ name: 'x' }] }));
    const result = await a.templates('t1');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/malformed reply to templates:list/);
  });

  it('reads the channels’ state and the templates, and passes refusals through', async () => {
    const channels = [
      {
        channel: 'whatsapp',
        configured: false,
        connected: false,
        lastWebhookAt: null,
        lastError: null,
        settings: { WHATSAPP_APP_SECRET: false },
      },
    ];
    const { actions: a, command } = actions(async (name) =>
      name === 'channels:status' ? ok({ channels }) : { ok: false, error: 'unknown thread' },
    );
    expect(await a.channelStatus()).toEqual({ ok: true, value: channels });
    expect(await a.templates('t9')).toEqual({ ok: false, error: 'unknown thread' });
    expect(command).toHaveBeenCalledWith('templates:list', { threadId: 't9' });
  });

  it('hands replies, quoted or not, to the engine with their extras', async () => {
    const { actions: a, sync } = actions(async () => ok(null));
    await a.send('t1', 'plain');
    expect(sync.send).toHaveBeenCalledWith('t1', 'plain', undefined);
    await a.send('t1', 'quoted', { quoteId: 'm1' });
    expect(sync.send).toHaveBeenLastCalledWith('t1', 'quoted', { quoteId: 'm1' });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../../src/core';
import { ComptoirDb } from '../../../../src/renderer/db/schema';
import { MessageBubble } from '../../../../src/renderer/features/thread/components/MessageBubble';
import { agentMessage, bubbleEnvironment, WithEnvironment } from '../../test-utils/channels';
import { message, NOW } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';

let db: ComptoirDb | null = null;
afterEach(async () => {
  await db?.delete();
  db = null;
});

const row = (container: HTMLElement, id: string) => container.querySelector<HTMLElement>(`[data-message-id="${id}"]`)!;

describe('a reply that quotes', () => {
  it('shows the quoted message above it, read from the replica, and jumps to it on click', async () => {
    db = new ComptoirDb(`test-${crypto.randomUUID()}`);
    const original = message({ id: 'q1', text: 'Is the blue mug still in stock?\nAnd the red one?' });
    await db.messages.put(original);
    const reply = message({
      id: 'r1',
      text: 'Yes, both!',
      ...agentMessage(),
      quote: { providerMessageId: 'p1', messageId: 'q1' },
    });
    const { user, container } = render(
      <WithEnvironment value={bubbleEnvironment({ db })}>
        <MessageBubble message={original} />
        <MessageBubble message={reply} />
      </WithEnvironment>,
    );
    const quote = await screen.findByRole('button', { name: /Is the blue mug still in stock\? And the red one\?/ });
    expect(within(quote).getByText('Customer')).toBeTruthy();
    expect(row(container, 'r1').contains(quote)).toBe(true);

    await user.click(quote);
    const target = row(container, 'q1');
    expect(document.activeElement).toBe(target);
    expect(target.hasAttribute('data-flash')).toBe(true);
  });

  it('says so when the quoted message is not in this replica', async () => {
    db = new ComptoirDb(`test-${crypto.randomUUID()}`);
    render(
      <WithEnvironment value={bubbleEnvironment({ db })}>
        <MessageBubble
          message={message({ text: 'this one', quote: { providerMessageId: 'wamid.old', messageId: null } })}
        />
      </WithEnvironment>,
    );
    expect(await screen.findByText('Original message not available')).toBeTruthy();
  });

  it('shows a photo quote by what it holds, and a deleted one as deleted', async () => {
    db = new ComptoirDb(`test-${crypto.randomUUID()}`);
    await db.messages.bulkPut([
      message({
        id: 'photo',
        text: '',
        content: { kind: 'media', media: 'image', mediaId: 'x', mimeType: null, filename: null },
      }),
      message({ id: 'gone', text: '', deletedAt: NOW }),
    ]);
    render(
      <WithEnvironment value={bubbleEnvironment({ db })}>
        <MessageBubble
          message={message({ id: 'a', ...agentMessage(), quote: { providerMessageId: 'p', messageId: 'photo' } })}
        />
        <MessageBubble
          message={message({ id: 'b', ...agentMessage(), quote: { providerMessageId: 'p', messageId: 'gone' } })}
        />
      </WithEnvironment>,
    );
    expect(await screen.findByText('📷 image')).toBeTruthy();
    expect(await screen.findByText('This message was deleted')).toBeTruthy();
  });
});

describe('marks on a bubble', () => {
  it('shows both sides’ reactions on the message they react to', () => {
    render(
      <MessageBubble
        message={message({
          reactions: [
            { by: 'agent', emoji: '🙏', at: NOW },
            { by: 'customer', emoji: '❤️', at: NOW - 1 },
          ],
        })}
      />,
    );
    const labels = screen.getAllByRole('img', { name: /reacted/ }).map((r) => r.getAttribute('aria-label'));
    expect(labels).toEqual(['Customer reacted ❤️', 'You reacted 🙏']);
  });

  it('marks an edited message and shows a deleted one as such, without its content', () => {
    const { container } = render(
      <>
        <MessageBubble message={message({ id: 'e', text: 'Size M, sorry', editedAt: NOW })} />
        <MessageBubble
          message={message({
            id: 'd',
            text: '',
            deletedAt: NOW,
            content: { kind: 'location', latitude: 1, longitude: 2, name: 'Home', address: null },
            reactions: [{ by: 'customer', emoji: '👍', at: NOW }],
          })}
        />
      </>,
    );
    expect(within(row(container, 'e')).getByText('edited')).toBeTruthy();
    const deleted = within(row(container, 'd')).getByText('This message was deleted');
    expect(deleted.className).toMatch(/deleted/);
    expect(within(row(container, 'd')).queryByText('Home')).toBeNull();
    expect(within(row(container, 'd')).queryByRole('img', { name: /reacted/ })).toBeNull();
  });

  it('marks forwarded messages and ones that came from an ad', async () => {
    const env = bubbleEnvironment();
    const { user } = render(
      <WithEnvironment value={env}>
        <MessageBubble message={message({ id: 'f1', forwarded: 'once' })} />
        <MessageBubble message={message({ id: 'f2', forwarded: 'frequently' })} />
        <MessageBubble
          message={message({
            id: 'ad',
            referral: {
              sourceUrl: 'https://fb.me/ad-42',
              sourceType: 'ad',
              headline: 'Summer sale <b>-30%</b>',
              body: null,
            },
          })}
        />
        <MessageBubble
          message={message({
            id: 'ad2',
            referral: { sourceUrl: 'javascript:alert(1)', sourceType: 'ad', headline: null, body: null },
          })}
        />
      </WithEnvironment>,
    );
    expect(screen.getByText('Forwarded')).toBeTruthy();
    expect(screen.getByText('Forwarded many times')).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'From ad: Summer sale <b>-30%</b>' }));
    expect(env.openExternal).toHaveBeenCalledExactlyOnceWith('https://fb.me/ad-42');
    // Not an http(s) address: no link at all.
    expect(screen.getByText('From an ad').closest('a')).toBeNull();
  });

  it('shows a failed reply in red with the provider’s words, readable and in the status label', () => {
    const { container } = render(
      <MessageBubble
        message={message({
          ...agentMessage(),
          status: 'failed',
          error: '(#131047) Re-engagement message: more than 24 hours have passed',
        })}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Not delivered: (#131047) Re-engagement message: more than 24 hours have passed',
      }),
    ).toBeTruthy();
    expect(screen.getByText('(#131047) Re-engagement message: more than 24 hours have passed')).toBeTruthy();
    expect(container.querySelector('[data-status="failed"]')).toBeTruthy();
  });
});

describe('per-message actions', () => {
  it('replies and reacts from the keyboard', async () => {
    const onReply = vi.fn();
    const onReact = vi.fn();
    const target = message({ id: 'm7', reactions: [{ by: 'agent', emoji: '👍', at: NOW }] });
    const { user } = render(
      <WithEnvironment value={bubbleEnvironment({ onReply, onReact })}>
        <MessageBubble message={target} />
      </WithEnvironment>,
    );
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reply' }));
    await user.keyboard('{Enter}');
    expect(onReply).toHaveBeenCalledExactlyOnceWith(target);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'React' }));
    await user.keyboard('{Enter}');
    const picker = await screen.findByRole('dialog', { name: 'React' });
    expect(within(picker).getByRole('button', { name: 'React with 👍' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(within(picker).getByRole('button', { name: 'React with ❤️' }));
    expect(onReact).toHaveBeenLastCalledWith(target, '❤️');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'React' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'React' }));
    await user.click(await screen.findByRole('button', { name: 'Remove my reaction' }));
    expect(onReact).toHaveBeenLastCalledWith(target, '');
  });

  it('offers nothing on a deleted message, and no reaction on a reply still pending', () => {
    const env = bubbleEnvironment({ onReply: vi.fn(), onReact: vi.fn() });
    const { container } = render(
      <WithEnvironment value={env}>
        <MessageBubble message={message({ id: 'del', text: '', deletedAt: NOW })} />
        <MessageBubble message={message({ id: 'pend', ...agentMessage({ status: 'pending' }) } as Partial<Message>)} />
      </WithEnvironment>,
    );
    expect(within(row(container, 'del')).queryByRole('button')).toBeNull();
    expect(within(row(container, 'pend')).getByRole('button', { name: 'Reply' })).toBeTruthy();
    expect(within(row(container, 'pend')).queryByRole('button', { name: 'React' })).toBeNull();
  });
});

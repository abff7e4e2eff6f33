import { describe, expect, it } from 'vitest';
import { clampText, PREVIEW_CHARS } from '../../../../src/renderer/features/thread/clamp';
import { MessageBubble } from '../../../../src/renderer/features/thread/components/MessageBubble';
import { message } from '../../test-utils/fixtures';
import { render, screen } from '../../test-utils/render';

describe('MessageBubble', () => {
  it('renders HTML-looking customer text literally: no element is created from it', () => {
    const evil = '<img src=x onerror=alert(1)> <script>alert(2)</script> <a href="javascript:x">link</a>';
    const { container } = render(<MessageBubble message={message({ text: evil })} />);
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img, script, a')).toBeNull();
  });

  it('puts the customer on the left and our replies on the right', () => {
    const { container } = render(
      <>
        <MessageBubble message={message({ id: 'a', direction: 'in', text: 'from the customer' })} />
        <MessageBubble
          message={message({ id: 'b', direction: 'out', author: { kind: 'agent', agentId: 'ag1' }, text: 'from us' })}
        />
      </>,
    );
    const rows = container.querySelectorAll('[data-direction]');
    expect(rows[0]?.getAttribute('data-direction')).toBe('in');
    expect(rows[0]?.textContent).toContain('from the customer');
    expect(rows[1]?.getAttribute('data-direction')).toBe('out');
    // Delivery status only for what we sent.
    expect(rows[0]?.querySelector('[data-status]')).toBeNull();
    expect(rows[1]?.querySelector('[role="img"][data-status="delivered"]')).toBeTruthy();
  });

  it('lets right-to-left text choose its direction and keeps emoji and zero-width characters intact', () => {
    const text = 'مرحبا، أين طلبي؟ 👋🏽 a\u200bb\u200dc 👨‍👩‍👧';
    render(<MessageBubble message={message({ text })} />);
    const paragraph = screen.getByText(text);
    expect(paragraph.getAttribute('dir')).toBe('auto');
    expect(paragraph.textContent).toBe(text);
  });

  it('folds a 100 KB message behind "Show more", and unfolds it on demand', async () => {
    const text = `${'a'.repeat(50_000)} ${'https://example.com/'.repeat(2500)}`;
    expect(text.length).toBeGreaterThan(100_000);
    const { user, container } = render(<MessageBubble message={message({ text })} />);
    const paragraph = container.querySelector('p[dir="auto"]');
    expect(paragraph?.textContent?.length).toBeLessThanOrEqual(PREVIEW_CHARS + 1);
    expect(paragraph?.textContent?.endsWith('…')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(container.querySelector('p[dir="auto"]')?.textContent).toBe(text);
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('shows the author for assistant messages', () => {
    render(
      <MessageBubble message={message({ direction: 'out', author: { kind: 'assistant' }, text: 'Auto reply' })} />,
    );
    expect(screen.getByText('Assistant')).toBeTruthy();
  });
});

describe('clampText', () => {
  it('leaves ordinary messages alone, even a fairly long one', () => {
    expect(clampText('Hello\nthere')).toEqual({ shown: 'Hello\nthere', clamped: false });
    const long = 'x'.repeat(2500);
    expect(clampText(long)).toEqual({ shown: long, clamped: false });
  });

  it('folds a message over the character budget to a shorter preview without splitting an emoji', () => {
    const text = `${'x'.repeat(9)}😀${'y'.repeat(50)}`;
    const { shown, clamped } = clampText(text, { maxChars: 20, keepChars: 10 });
    expect(clamped).toBe(true);
    expect(shown).toBe(`${'x'.repeat(9)}…`);
  });

  it('folds a message over the line budget', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const { shown, clamped } = clampText(text, { maxChars: 10_000, maxLines: 20, keepChars: 10_000, keepLines: 5 });
    expect(clamped).toBe(true);
    expect(shown.split('\n')).toHaveLength(5);
    expect(clampText(text, { maxChars: 10_000, maxLines: 200 }).clamped).toBe(false);
  });
});

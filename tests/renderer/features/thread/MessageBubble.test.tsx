import { describe, expect, it } from 'vitest';
import {
  chunkRun,
  clampText,
  MAX_RUN,
  PREVIEW_CHARS,
  splitLongRuns,
} from '../../../../src/renderer/features/thread/clamp';
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

  it('renders a 100 KB word in short pieces that break anywhere, and unfolds to exactly the text', async () => {
    const text = `Look: ${'A'.repeat(99_990)} ok`;
    const { user, container } = render(<MessageBubble message={message({ text })} />);
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    const paragraph = container.querySelector('p[dir="auto"]');
    expect(paragraph?.textContent).toBe(text);
    const run = paragraph?.querySelector('[data-long-run]');
    expect(run?.textContent).toBe('A'.repeat(99_990));
    // One text node per piece, none longer than MAX_RUN: the browser never lays out one 100 KB run.
    const pieces = [...(run?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE);
    expect(pieces.length).toBe(Math.ceil(99_990 / MAX_RUN));
    expect(Math.max(...pieces.map((n) => n.textContent?.length ?? 0))).toBe(MAX_RUN);
    // Ordinary words around it are not in the break-anywhere span.
    expect(paragraph?.querySelectorAll('[data-long-run]')).toHaveLength(1);
  });

  it('does not fold a short message hidden behind thousands of zero-width characters', () => {
    const text = `${'\u200b'.repeat(5000)}Hello, is this available?`;
    const { container } = render(<MessageBubble message={message({ text })} />);
    expect(container.querySelector('p[dir="auto"]')?.textContent).toBe(text);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
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

  it('counts only visible characters: zero-width spaces, joiners and BOMs are free', () => {
    const hidden = '\u200b\u200c\u200d\u2060\ufeff'.repeat(2000);
    expect(clampText(`${hidden}${'x'.repeat(100)}`, { maxChars: 200, keepChars: 50 }).clamped).toBe(false);
    const { shown, clamped } = clampText(`${'\u200b'.repeat(500)}${'y'.repeat(300)}`, { maxChars: 200, keepChars: 50 });
    expect(clamped).toBe(true);
    // The preview holds 50 visible characters, not 50 invisible ones.
    expect(shown.replace(/\u200b/g, '')).toBe(`${'y'.repeat(50)}…`);
  });
});

describe('splitLongRuns and chunkRun', () => {
  it('sets apart only runs longer than the limit, and joining gives back the text', () => {
    const text = `short words ${'h'.repeat(30)} and\n${'k'.repeat(10)}`;
    expect(splitLongRuns(text, 20)).toEqual([
      { text: 'short words ', long: false },
      { text: 'h'.repeat(30), long: true },
      { text: ` and\n${'k'.repeat(10)}`, long: false },
    ]);
    expect(splitLongRuns('plain text', 20)).toEqual([{ text: 'plain text', long: false }]);
    expect(splitLongRuns('', 20)).toEqual([{ text: '', long: false }]);
    const tail = splitLongRuns(`a ${'z'.repeat(25)}`, 20);
    expect(tail.map((r) => r.text).join('')).toBe(`a ${'z'.repeat(25)}`);
    expect(tail.at(-1)).toEqual({ text: 'z'.repeat(25), long: true });
  });

  it('cuts a run into pieces without splitting an emoji or a letter from its accent', () => {
    expect(chunkRun('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    const emoji = `ab😀${'c'.repeat(5)}`;
    const pieces = chunkRun(emoji, 3);
    expect(pieces.join('')).toBe(emoji);
    expect(pieces[0]).toBe('ab');
    expect(pieces[1]).toBe('😀c');
    const accent = 'abe\u0301cd';
    expect(chunkRun(accent, 3)).toEqual(['ab', 'e\u0301c', 'd']);
  });
});

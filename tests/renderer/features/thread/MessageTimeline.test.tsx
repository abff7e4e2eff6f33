import { describe, expect, it } from 'vitest';
import { MessageTimeline } from '../../../../src/renderer/features/thread/components/MessageTimeline';
import { buildTimeline } from '../../../../src/renderer/features/thread/timeline';
import { DAY, HOUR, message, NOW } from '../../test-utils/fixtures';
import { render, screen } from '../../test-utils/render';

const history = [
  message({ id: 'a', ts: NOW - 2 * DAY, text: 'Two days ago' }),
  message({ id: 'b', ts: NOW - 2 * DAY + 60_000, text: 'Same day' }),
  message({ id: 'c', ts: NOW - DAY, text: 'Yesterday' }),
  message({ id: 'd', ts: NOW - HOUR, direction: 'out', author: { kind: 'agent', agentId: 'x' }, text: 'Today' }),
];

describe('MessageTimeline', () => {
  it('separates days with a labelled divider', () => {
    render(<MessageTimeline threadId="t1" messages={history} now={NOW} />);
    expect(screen.getByRole('log', { name: 'Messages' })).toBeTruthy();
    const separators = screen.getAllByRole('separator').map((s) => s.textContent);
    expect(separators).toEqual(['Monday, March 10', 'Yesterday', 'Today']);
  });

  it('groups runs of messages from the same side', () => {
    const entries = buildTimeline(history);
    expect(entries.map((e) => (e.kind === 'day' ? 'day' : `${e.message.id}${e.startsGroup ? '*' : ''}`))).toEqual([
      'day',
      'a*',
      'b',
      'day',
      'c*',
      'day',
      'd*',
    ]);
  });

  it('opens scrolled to the latest message', () => {
    const heights = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight');
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => 5000 });
    try {
      render(<MessageTimeline threadId="t1" messages={history} now={NOW} />);
      expect(screen.getByRole('log').scrollTop).toBe(5000);
    } finally {
      if (heights) Object.defineProperty(HTMLElement.prototype, 'scrollHeight', heights);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>).scrollHeight;
    }
  });
});

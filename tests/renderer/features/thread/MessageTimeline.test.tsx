import { describe, expect, it } from 'vitest';
import { MessageTimeline } from '../../../../src/renderer/features/thread/components/MessageTimeline';
import { buildTimeline, type TimelineEntry } from '../../../../src/renderer/features/thread/timeline';
import { DAY, HOUR, message, NOW } from '../../test-utils/fixtures';
import { render, screen } from '../../test-utils/render';

const history = [
  message({ id: 'a', ts: NOW - 2 * DAY, text: 'Two days ago' }),
  message({ id: 'b', ts: NOW - 2 * DAY + 60_000, text: 'Same day' }),
  message({ id: 'c', ts: NOW - DAY, text: 'Yesterday' }),
  message({ id: 'd', ts: NOW - HOUR, direction: 'out', author: { kind: 'agent', agentId: 'x' }, text: 'Today' }),
];

const describe_ = (e: TimelineEntry): string =>
  e.kind === 'day' ? 'day' : e.kind === 'note' ? `note:${e.note.text}` : `${e.message.id}${e.startsGroup ? '*' : ''}`;

describe('MessageTimeline', () => {
  it('separates days with a labelled divider', () => {
    render(<MessageTimeline threadId="t1" messages={history} now={NOW} />);
    expect(screen.getByRole('log', { name: 'Messages' })).toBeTruthy();
    const separators = screen.getAllByRole('separator').map((s) => s.textContent);
    expect(separators).toEqual(['Monday, March 10', 'Yesterday', 'Today']);
  });

  it('groups runs of messages from the same side', () => {
    const entries = buildTimeline(history);
    expect(entries.map(describe_)).toEqual(['day', 'a*', 'b', 'day', 'c*', 'day', 'd*']);
  });

  it("interleaves history lines with the messages by time, a line at a message's time after it", () => {
    const notes = [
      { key: 'n0', at: NOW - 3 * DAY, text: 'Before everything' },
      { key: 'n1', at: NOW - 2 * DAY + 60_000, text: 'With b' },
      { key: 'n2', at: NOW - DAY + 1, text: 'After c' },
      { key: 'n3', at: NOW, text: 'Last' },
    ];
    expect(buildTimeline(history, notes).map(describe_)).toEqual([
      'day',
      'note:Before everything',
      'day',
      'a*',
      'b',
      'note:With b',
      'day',
      'c*',
      'note:After c',
      'day',
      'd*',
      'note:Last',
    ]);
  });

  it('shows history lines as small centred text in the log', () => {
    render(
      <MessageTimeline
        threadId="t1"
        messages={history}
        notes={[{ key: 'n1', at: NOW - DAY + 1, text: 'Rule “Angry” set the priority to Urgent' }]}
        now={NOW}
      />,
    );
    const line = screen.getByText('Rule “Angry” set the priority to Urgent');
    expect(line.closest('[data-activity]')).toBeTruthy();
    expect(screen.getByText('Yesterday', { selector: 'p' }).compareDocumentPosition(line) & 4).toBeTruthy();
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

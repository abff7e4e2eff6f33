import { describe, expect, it } from 'vitest';
import type { MessageStatus } from '../../../../src/core';
import { DeliveryStatus } from '../../../../src/renderer/features/thread/components/DeliveryStatus';
import { MessageBubble } from '../../../../src/renderer/features/thread/components/MessageBubble';
import { message } from '../../test-utils/fixtures';
import { render, screen } from '../../test-utils/render';

describe('DeliveryStatus', () => {
  const cases: Array<[MessageStatus, string]> = [
    ['pending', 'Waiting to send'],
    ['sent', 'Sent'],
    ['delivered', 'Delivered'],
    ['read', 'Read'],
  ];

  it.each(cases)('names the %s status "%s" and draws a distinct icon', (status, label) => {
    const { container } = render(<DeliveryStatus status={status} error={null} />);
    const icon = screen.getByRole('img', { name: label });
    expect(icon.getAttribute('data-status')).toBe(status);
    expect(container.querySelector('svg')).toBeTruthy();
  });

  it('colours "read" unlike "delivered", though both are double ticks', () => {
    render(
      <>
        <DeliveryStatus status="delivered" error={null} />
        <DeliveryStatus status="read" error={null} />
      </>,
    );
    const delivered = screen.getByRole('img', { name: 'Delivered' });
    const read = screen.getByRole('img', { name: 'Read' });
    expect(read.style.color).not.toBe(delivered.style.color);
    expect(read.innerHTML.replace(/class="[^"]*"/g, '')).toBe(delivered.innerHTML.replace(/class="[^"]*"/g, ''));
  });

  it('says why a reply failed, in its label and under the bubble', () => {
    render(
      <MessageBubble
        message={message({
          direction: 'out',
          author: { kind: 'agent', agentId: 'a1' },
          status: 'failed',
          error: 'Outside the 24-hour window',
        })}
      />,
    );
    expect(screen.getByRole('img', { name: 'Not delivered: Outside the 24-hour window' })).toBeTruthy();
    expect(screen.getByText('Outside the 24-hour window')).toBeTruthy();
  });

  it('shows the clock on a queued reply', () => {
    render(
      <MessageBubble
        message={message({ direction: 'out', status: 'pending', author: { kind: 'agent', agentId: 'a' } })}
      />,
    );
    expect(screen.getByRole('img', { name: 'Waiting to send' })).toBeTruthy();
  });
});

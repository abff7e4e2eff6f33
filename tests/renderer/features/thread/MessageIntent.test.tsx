import { describe, expect, it } from 'vitest';
import { MessageBubble } from '../../../../src/renderer/features/thread/components/MessageBubble';
import { agentMessage, bubbleEnvironment, WithEnvironment } from '../../test-utils/channels';
import { message } from '../../test-utils/fixtures';
import { render, screen } from '../../test-utils/render';

describe('message intent', () => {
  it('hints what the classifier read in a customer message, and nothing on ours', () => {
    render(
      <WithEnvironment value={bubbleEnvironment()}>
        <MessageBubble message={message({ id: 'm1', intent: { name: 'get_refund', confidence: 0.91 } })} />
        <MessageBubble message={message({ id: 'm2', ...agentMessage(), intent: { name: 'x', confidence: 1 } })} />
      </WithEnvironment>,
    );
    expect(screen.getAllByRole('img', { name: /^Read as/ }).map((i) => i.getAttribute('aria-label'))).toEqual([
      'Read as “get refund” (91%)',
    ]);
  });
});

import { renderHook, waitFor as waitForHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Label } from '../../../../src/core';
import { ThreadHeader, type ThreadHeaderProps } from '../../../../src/renderer/features/thread/components/ThreadHeader';
import type { ThreadLabelsProps } from '../../../../src/renderer/features/thread/components/ThreadLabels';
import { useThreadCommands } from '../../../../src/renderer/features/thread/useThreadCommands';
import { AppProviders } from '../../../../src/renderer/app/AppProviders';
import { ThreadPane } from '../../../../src/renderer/features/thread/ThreadPane';
import { contact, message, MINUTE, NOW, thread } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices } from '../../test-utils/services';

const label = (id: string, name: string, color: Label['color']): Label => ({
  id,
  name,
  color,
  description: '',
  createdAt: 1,
  updatedAt: 1,
});
const refund = label('refund', 'Refund', 'red');
const wholesale = label('wholesale', 'Wholesale', 'teal');
const vip = label('vip', 'VIP', 'grape');

function labelsProps(over: Partial<ThreadLabelsProps> = {}): ThreadLabelsProps {
  return {
    labels: [refund],
    available: [refund, vip, wholesale],
    suggestions: [{ label: wholesale, confidence: 0.72 }],
    spam: false,
    onAdd: vi.fn(),
    onRemove: vi.fn(),
    onAccept: vi.fn(),
    onDismiss: vi.fn(),
    ...over,
  };
}

function props(overrides: Partial<ThreadHeaderProps> = {}): ThreadHeaderProps {
  return {
    name: 'Amélie Laurent',
    channel: 'whatsapp',
    status: 'open',
    assignment: 'nobody',
    busy: null,
    contactPanelOpen: true,
    onResolve: vi.fn(),
    onReopen: vi.fn(),
    onAssignToMe: vi.fn(),
    onUnassign: vi.fn(),
    onToggleContactPanel: vi.fn(),
    onSetPriority: vi.fn(),
    onSetSpam: vi.fn(),
    labels: labelsProps(),
    ...overrides,
  };
}

describe('thread header labels', () => {
  it('shows the labels as chips and removes one with its ×', async () => {
    const p = props();
    const { user } = render(<ThreadHeader {...p} />);
    const bar = screen.getByRole('group', { name: 'Labels and suggestions' });
    const chip = bar.querySelector('[data-label-id="refund"]');
    expect(chip?.textContent).toContain('Refund');
    expect(chip?.getAttribute('data-color')).toBe('red');
    await user.click(within(bar).getByRole('button', { name: 'Remove the label Refund' }));
    expect(p.labels?.onRemove).toHaveBeenCalledWith('refund');
  });

  it('shows a suggestion with its confidence, accepts it with ✓ and dismisses it with ×', async () => {
    const p = props();
    const { user } = render(<ThreadHeader {...p} />);
    expect(screen.getByText('Wholesale? 72%')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add the suggested label Wholesale' }));
    expect(p.labels?.onAccept).toHaveBeenCalledWith('wholesale');
    await user.click(screen.getByRole('button', { name: 'Dismiss the suggestion Wholesale' }));
    expect(p.labels?.onDismiss).toHaveBeenCalledWith('wholesale');
  });

  it('adds a label picked from a searchable list of the labels not applied yet', async () => {
    const p = props();
    const { user } = render(<ThreadHeader {...p} />);
    await user.click(screen.getByRole('button', { name: 'Add label' }));
    const options = () => screen.getAllByRole('option').map((o) => o.textContent);
    expect(options()).toEqual(['VIP', 'Wholesale']);
    await user.type(screen.getByRole('textbox', { name: 'Search labels' }), 'whole');
    expect(options()).toEqual(['Wholesale']);
    await user.click(screen.getByRole('option', { name: 'Wholesale' }));
    expect(p.labels?.onAdd).toHaveBeenCalledWith('wholesale');
  });

  it('sets the priority from its menu and marks the conversation as spam, or not', async () => {
    const p = props({ priority: 'high' });
    const { user, rerender } = render(<ThreadHeader {...p} />);
    await user.click(screen.getByRole('button', { name: 'Priority: High' }));
    await user.click(screen.getByRole('menuitem', { name: 'Urgent' }));
    expect(p.onSetPriority).toHaveBeenCalledWith('urgent');
    await user.click(screen.getByRole('button', { name: 'Mark as spam' }));
    expect(p.onSetSpam).toHaveBeenCalledWith(true);

    rerender(<ThreadHeader {...props({ ...p, spam: true, labels: labelsProps({ spam: true }) })} />);
    expect(screen.getByText('Spam')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Not spam' }));
    expect(p.onSetSpam).toHaveBeenLastCalledWith(false);
  });
});

describe('label commands', () => {
  const disposers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const dispose of disposers.splice(0)) await dispose();
  });

  it('accepting a suggestion sends thread:label with fromSuggestion, the others their own command', async () => {
    const fake = fakeServices(async () => ({ ok: true, value: {} }));
    disposers.push(fake.dispose);
    const wrapper = ({ children }: { children: React.ReactNode }) => (
      <AppProviders env="test" language="en" systemLocale="en-US">
        <fake.Wrapper>{children}</fake.Wrapper>
      </AppProviders>
    );
    const { result } = renderHook(() => useThreadCommands('t1', 'me'), { wrapper });
    const steps: Array<[() => void, string, unknown]> = [
      [
        () => result.current.acceptSuggestion('refund'),
        'thread:label',
        { threadId: 't1', labelId: 'refund', op: 'add', fromSuggestion: true },
      ],
      [
        () => result.current.removeLabel('refund'),
        'thread:label',
        { threadId: 't1', labelId: 'refund', op: 'remove', fromSuggestion: false },
      ],
      [
        () => result.current.addLabel('vip'),
        'thread:label',
        { threadId: 't1', labelId: 'vip', op: 'add', fromSuggestion: false },
      ],
      [() => result.current.dismissSuggestion('vip'), 'thread:dismiss-suggestion', { threadId: 't1', labelId: 'vip' }],
      [() => result.current.setPriority('urgent'), 'thread:priority', { threadId: 't1', priority: 'urgent' }],
      [() => result.current.setSpam(true), 'thread:spam', { threadId: 't1', spam: true }],
    ];
    for (const [run, name, input] of steps) {
      await waitForHook(() => expect(result.current.busy).toBeNull());
      run();
      await waitForHook(() => expect(fake.command).toHaveBeenLastCalledWith(name, input));
    }
    expect(fake.command).toHaveBeenCalledTimes(steps.length);
  });
});

describe('thread pane', () => {
  const disposers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const dispose of disposers.splice(0)) await dispose();
  });

  it('shows the live labels and suggestions from the replica, and the history between the messages', async () => {
    const fake = fakeServices(async () => ({ ok: true, value: {} }));
    disposers.push(fake.dispose);
    const t1 = thread({
      labels: ['refund', 'gone'],
      suggestions: [
        { labelId: 'wholesale', confidence: 0.72, messageId: 'm1' },
        { labelId: 'gone', confidence: 0.9, messageId: 'm1' },
      ],
    });
    await fake.db.threads.put(t1);
    await fake.db.labels.bulkPut([refund, wholesale, vip, { ...label('gone', 'Gone', 'gray'), deletedAt: 5 }]);
    await fake.db.messages.bulkPut([
      message({ id: 'm1', ts: NOW - 10 * MINUTE, text: 'I want my money back' }),
      message({ id: 'm2', ts: NOW - 2 * MINUTE, text: 'Hello?' }),
    ]);
    await fake.db.activity.bulkPut([
      {
        seq: 7,
        threadId: 't1',
        at: NOW - 9 * MINUTE,
        actor: 'system',
        change: { kind: 'label.added', labelId: 'refund' },
        cause: { kind: 'classifier', confidence: 0.92, messageId: 'm1' },
      },
      {
        seq: 8,
        threadId: 't1',
        at: NOW - 8 * MINUTE,
        actor: 'system',
        change: { kind: 'label.removed', labelId: 'gone' },
        cause: { kind: 'label', agentId: 'me', op: 'deleted' },
      },
    ]);
    const commands = {
      busy: null,
      resolve: vi.fn(),
      reopen: vi.fn(),
      assignToMe: vi.fn(),
      unassign: vi.fn(),
      addLabel: vi.fn(),
      removeLabel: vi.fn(),
      acceptSuggestion: vi.fn(),
      dismissSuggestion: vi.fn(),
      setPriority: vi.fn(),
      setSpam: vi.fn(),
    };
    const { user } = render(
      <fake.Wrapper>
        <ThreadPane
          threadId="t1"
          entry={{ thread: t1, contact: contact() }}
          agentId="me"
          agent={{ id: 'me', name: 'Camille', role: 'agent' }}
          commands={commands}
          now={NOW}
          replyRef={{ current: null }}
          contactPanelOpen={false}
          onToggleContactPanel={() => {}}
        />
      </fake.Wrapper>,
    );
    const log = await screen.findByRole('log', { name: 'Messages' });
    const first = await within(log).findByText('The classifier (92%) added Refund');
    const second = within(log).getByText('Camille deleted the label Gone');
    const money = within(log).getByText('I want my money back');
    const hello = within(log).getByText('Hello?');
    const order = [money, first, second, hello];
    for (let i = 1; i < order.length; i += 1) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }

    const bar = screen.getByRole('group', { name: 'Labels and suggestions' });
    await waitFor(() => expect(bar.querySelector('[data-label-id="refund"]')).toBeTruthy());
    // The deleted label is gone from the chips and from the suggestions, though the thread still lists it.
    expect(bar.querySelector('[data-label-id="gone"]')).toBeNull();
    expect(within(bar).queryByText(/Gone/)).toBeNull();
    await user.click(within(bar).getByRole('button', { name: 'Add the suggested label Wholesale' }));
    expect(commands.acceptSuggestion).toHaveBeenCalledWith('wholesale');
  });
});

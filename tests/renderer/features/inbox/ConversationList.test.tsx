import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { previewOf } from '../../../../src/core';
import { ConversationList } from '../../../../src/renderer/features/inbox/components/ConversationList';
import { contact, conversations, NOW, thread } from '../../test-utils/fixtures';
import { giveElementsASize } from '../../test-utils/layout';
import { render, screen, within } from '../../test-utils/render';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = giveElementsASize(340, 700);
});
afterEach(() => restoreLayout());

describe('ConversationList', () => {
  it('is a listbox named "Conversations" whose rows show the customer, channel, preview, time and unread count', () => {
    const items = [
      {
        thread: thread({ id: 't1', unreadCount: 3, lastMessagePreview: 'Where is my parcel?' }),
        contact: contact({ name: 'Amélie Laurent' }),
      },
      {
        thread: thread({
          id: 't2',
          contactId: 'c2',
          channel: 'instagram',
          lastMessageDirection: 'out',
          lastMessagePreview: 'It ships tomorrow',
        }),
        contact: contact({ id: 'c2', name: 'Omar Haddad', channel: 'instagram' }),
      },
    ];
    render(<ConversationList items={items} view="all" selectedId="t2" now={NOW} onSelect={() => {}} />);

    const list = screen.getByRole('listbox', { name: 'Conversations' });
    const rows = within(list).getAllByRole('option');
    expect(rows).toHaveLength(2);

    const first = rows[0]!;
    expect(within(first).getByText('Amélie Laurent')).toBeTruthy();
    expect(within(first).getByText('Where is my parcel?')).toBeTruthy();
    expect(within(first).getByRole('img', { name: 'WhatsApp' })).toBeTruthy();
    expect(within(first).getByText('3 unread messages')).toBeTruthy();
    expect(within(first).getByText('3')).toBeTruthy();
    expect(first.querySelector('time')?.textContent).toMatch(/5 min/);
    expect(first.getAttribute('aria-selected')).toBe('false');

    const second = rows[1]!;
    expect(within(second).getByRole('img', { name: 'Instagram' })).toBeTruthy();
    expect(second.textContent).toContain('You: It ships tomorrow');
    expect(within(second).queryByText(/unread/)).toBeNull();
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(second.id);
  });

  it('selects a conversation on click, and moves the selection with the arrow keys, Home and End', async () => {
    const onSelect = vi.fn();
    const { user } = render(
      <ConversationList items={conversations(5)} view="all" selectedId="t1" now={NOW} onSelect={onSelect} />,
    );
    await user.click(screen.getByText('Customer 3'));
    expect(onSelect).toHaveBeenLastCalledWith('t3');

    const list = screen.getByRole('listbox', { name: 'Conversations' });
    list.focus();
    await user.keyboard('{ArrowDown}');
    expect(onSelect).toHaveBeenLastCalledWith('t2');
    await user.keyboard('{ArrowUp}');
    expect(onSelect).toHaveBeenLastCalledWith('t0');
    await user.keyboard('{End}');
    expect(onSelect).toHaveBeenLastCalledWith('t4');
    await user.keyboard('{Home}');
    expect(onSelect).toHaveBeenLastCalledWith('t0');
  });

  it('renders only the rows in view when the list is long', () => {
    render(
      <ConversationList items={conversations(10_000)} view="all" selectedId={null} now={NOW} onSelect={() => {}} />,
    );
    const rows = screen.getAllByRole('option');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
  });

  it('shows a friendly empty state for an empty view', () => {
    render(<ConversationList items={[]} view="mine" selectedId={null} now={NOW} onSelect={() => {}} />);
    expect(screen.getByText('Nothing assigned to you')).toBeTruthy();
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('shows customer names and previews as text, whatever they contain', () => {
    const items = [
      {
        thread: thread({ lastMessagePreview: '<b>bold</b> مرحبا' }),
        contact: contact({ name: '<img src=x onerror=alert(1)>' }),
      },
    ];
    const { container } = render(
      <ConversationList items={items} view="all" selectedId={null} now={NOW} onSelect={() => {}} />,
    );
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('previews the visible text of a message that starts with thousands of zero-width characters', () => {
    const preview = previewOf(`${'\u200b'.repeat(5000)}\ufeff\u2060Is it waterproof?`);
    expect(preview).toBe('Is it waterproof?');
    // A joiner inside an emoji sequence is part of what shows, and stays.
    expect(previewOf('family 👨‍👩‍👧')).toBe('family 👨‍👩‍👧');
    const items = [{ thread: thread({ id: 't1', lastMessagePreview: preview }), contact: contact() }];
    render(<ConversationList items={items} view="all" selectedId={null} now={NOW} onSelect={() => {}} />);
    expect(screen.getByText('Is it waterproof?')).toBeTruthy();
  });
});

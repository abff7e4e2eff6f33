import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Label } from '../../../../src/core';
import { ConversationList } from '../../../../src/renderer/features/inbox/components/ConversationList';
import { ViewNav } from '../../../../src/renderer/features/inbox/components/ViewNav';
import { contact, NOW, thread } from '../../test-utils/fixtures';
import { giveElementsASize } from '../../test-utils/layout';
import { render, screen, within } from '../../test-utils/render';

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
const late = label('late', 'Late delivery', 'orange');
const fragile = label('fragile', 'Fragile', 'blue');

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = giveElementsASize(340, 700);
});
afterEach(() => restoreLayout());

describe('conversation rows', () => {
  it('show up to three label chips in their colours, then "+N" naming the rest', () => {
    const items = [
      {
        thread: thread({ id: 't1', priority: 'urgent' }),
        contact: contact({ name: 'Amélie Laurent' }),
        labels: [refund, wholesale, vip, late, fragile],
      },
      {
        thread: thread({ id: 't2', contactId: 'c2', priority: 'high' }),
        contact: contact({ id: 'c2', name: 'Omar' }),
        labels: [vip],
      },
      { thread: thread({ id: 't3', contactId: 'c3', priority: 'low' }), contact: contact({ id: 'c3', name: 'Zoé' }) },
    ];
    render(<ConversationList items={items} view="all" selectedId={null} now={NOW} onSelect={() => {}} />);
    const [first, second, third] = within(screen.getByRole('listbox')).getAllByRole('option');

    const chips = [...first!.querySelectorAll('[data-label-id]')];
    expect(chips.map((c) => c.textContent)).toEqual(['Refund', 'Wholesale', 'VIP']);
    expect(chips.map((c) => c.getAttribute('data-color'))).toEqual(['red', 'teal', 'grape']);
    expect(chips[0]!.getAttribute('title')).toBe('Refund');
    expect(within(first!).getByText('+2')).toBeTruthy();
    expect(within(first!).getByLabelText('2 more labels: Late delivery, Fragile')).toBeTruthy();
    expect(within(first!).getByRole('img', { name: 'Urgent priority' })).toBeTruthy();
    // A labelled row is taller: its chips get a line of their own.
    expect(first!.style.height).toBe('88px');

    expect(within(second!).getByText('VIP')).toBeTruthy();
    expect(within(second!).queryByText(/^\+/)).toBeNull();
    expect(within(second!).getByRole('img', { name: 'High priority' })).toBeTruthy();

    expect(third!.querySelector('[data-label-id]')).toBeNull();
    expect(within(third!).queryByRole('img', { name: /priority/ })).toBeNull();
    expect(third!.style.height).toBe('68px');
  });

  it('has an empty state of its own for a label view', () => {
    render(<ConversationList items={[]} view="label:refund" selectedId={null} now={NOW} onSelect={() => {}} />);
    expect(screen.getByText('Nothing open with this label')).toBeTruthy();
  });
});

describe('navigation', () => {
  it('lists Spam, and each label with its colour and count, as views to pick', async () => {
    const onChange = vi.fn();
    const { user } = render(
      <ViewNav
        view="label:refund"
        counts={{ all: 5, mine: 1, unassigned: 2, resolved: 9 }}
        labels={[refund, wholesale]}
        labelCounts={{ refund: 3 }}
        onChange={onChange}
      />,
    );
    const labelsNav = screen.getByRole('navigation', { name: 'Labels' });
    const links = within(labelsNav).getAllByRole('button');
    expect(links.map((l) => l.textContent)).toEqual(['Refund3', 'Wholesale0']);
    expect(links[0]!.getAttribute('aria-current')).toBe('page');
    await user.click(links[1]!);
    expect(onChange).toHaveBeenCalledWith('label:wholesale');

    const views = screen.getByRole('navigation', { name: 'Views' });
    await user.click(within(views).getByRole('button', { name: 'Spam' }));
    expect(onChange).toHaveBeenLastCalledWith('spam');
  });

  it('has no Labels section before any label exists', () => {
    render(<ViewNav view="all" counts={undefined} labels={[]} onChange={() => {}} />);
    expect(screen.queryByRole('navigation', { name: 'Labels' })).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { ThreadHeader, type ThreadHeaderProps } from '../../../../src/renderer/features/thread/components/ThreadHeader';
import { render, screen } from '../../test-utils/render';

function props(overrides: Partial<ThreadHeaderProps> = {}): ThreadHeaderProps {
  return {
    name: 'Amélie Laurent',
    channel: 'messenger',
    status: 'open',
    assignment: 'nobody',
    busy: null,
    contactPanelOpen: true,
    onResolve: vi.fn(),
    onReopen: vi.fn(),
    onAssignToMe: vi.fn(),
    onUnassign: vi.fn(),
    onToggleContactPanel: vi.fn(),
    ...overrides,
  };
}

describe('ThreadHeader', () => {
  it('shows the customer, channel and status, and resolves or assigns an open conversation', async () => {
    const p = props();
    const { user } = render(<ThreadHeader {...p} />);
    expect(screen.getByRole('heading', { name: 'Amélie Laurent' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Messenger' })).toBeTruthy();
    expect(screen.getByText('Open')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await user.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(p.onResolve).toHaveBeenCalledOnce();
    expect(p.onAssignToMe).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Reopen' })).toBeNull();
  });

  it('offers Reopen and Unassign on a resolved conversation of mine', async () => {
    const p = props({ status: 'resolved', assignment: 'me' });
    const { user } = render(<ThreadHeader {...p} />);
    expect(screen.getByText('Resolved')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    await user.click(screen.getByRole('button', { name: 'Unassign' }));
    expect(p.onReopen).toHaveBeenCalledOnce();
    expect(p.onUnassign).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Resolve' })).toBeNull();
  });

  it('toggles the contact panel', async () => {
    const p = props({ contactPanelOpen: false });
    const { user } = render(<ThreadHeader {...p} />);
    await user.click(screen.getByRole('button', { name: 'Show contact details' }));
    expect(p.onToggleContactPanel).toHaveBeenCalledOnce();
  });
});

import { fireEvent } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useInboxShortcuts, type ShortcutHandlers } from '../../../src/renderer/app/shortcuts';
import { stepConversation } from '../../../src/renderer/app/stepper';
import { render, screen } from '../test-utils/render';

function Harness({ handlers }: { handlers: ShortcutHandlers }) {
  useInboxShortcuts(handlers);
  return (
    <div>
      <button>Somewhere</button>
      <input aria-label="Search" />
      <textarea aria-label="Reply" />
      <div contentEditable aria-label="Editor" />
      <div role="dialog" aria-label="Settings">
        <button>In a dialog</button>
      </div>
    </div>
  );
}

function setup() {
  const handlers = { next: vi.fn(), previous: vi.fn(), resolve: vi.fn(), focusReply: vi.fn() };
  const view = render(<Harness handlers={handlers} />);
  return { handlers, ...view };
}

describe('keyboard shortcuts', () => {
  it('J, K, E and R call next, previous, resolve and focus-reply', async () => {
    const { handlers, user } = setup();
    screen.getByRole('button', { name: 'Somewhere' }).focus();
    await user.keyboard('j');
    await user.keyboard('j');
    await user.keyboard('k');
    await user.keyboard('e');
    await user.keyboard('r');
    expect(handlers.next).toHaveBeenCalledTimes(2);
    expect(handlers.previous).toHaveBeenCalledOnce();
    expect(handlers.resolve).toHaveBeenCalledOnce();
    expect(handlers.focusReply).toHaveBeenCalledOnce();
  });

  it('are plain letters while typing in an input, a textarea or an editable element', async () => {
    const { handlers, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'jker');
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'jker');
    fireEvent.keyDown(screen.getByLabelText('Editor'), { key: 'j' });
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveProperty('value', 'jker');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('stay quiet inside a dialog and with Ctrl, Cmd or Alt held', async () => {
    const { handlers, user } = setup();
    screen.getByRole('button', { name: 'In a dialog' }).focus();
    await user.keyboard('jker');
    screen.getByRole('button', { name: 'Somewhere' }).focus();
    await user.keyboard('{Control>}r{/Control}{Meta>}e{/Meta}{Alt>}j{/Alt}');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('R does not also type an "r" into the reply box it focuses', () => {
    const handlers = { next: vi.fn(), previous: vi.fn(), resolve: vi.fn(), focusReply: vi.fn() };
    render(<Harness handlers={handlers} />);
    const event = new KeyboardEvent('keydown', { key: 'r', bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(handlers.focusReply).toHaveBeenCalledOnce();
  });

  it('stop listening when the inbox unmounts', () => {
    const { handlers, unmount } = setup();
    unmount();
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(handlers.next).not.toHaveBeenCalled();
  });
});

describe('J/K order', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('moves within the current view and stops at its ends', () => {
    expect(stepConversation(ids, 'b', 1, 1)).toBe('c');
    expect(stepConversation(ids, 'b', 1, -1)).toBe('a');
    expect(stepConversation(ids, 'd', 3, 1)).toBe('d');
    expect(stepConversation(ids, 'a', 0, -1)).toBe('a');
  });

  it('starts at the top when nothing is open', () => {
    expect(stepConversation(ids, null, -1, 1)).toBe('a');
    expect(stepConversation(ids, null, -1, -1)).toBe('a');
    expect(stepConversation([], null, -1, 1)).toBeNull();
  });

  it('continues from where a conversation that left the view was', () => {
    // "b" was at index 1 and got resolved: the list is now a, c, d.
    const after = ['a', 'c', 'd'];
    expect(stepConversation(after, 'b', 1, 1)).toBe('c');
    expect(stepConversation(after, 'b', 1, -1)).toBe('a');
    expect(stepConversation(['a'], 'z', 5, 1)).toBe('a');
  });
});

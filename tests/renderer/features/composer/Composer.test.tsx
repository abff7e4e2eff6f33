import { describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../../src/renderer/features/composer/components/Composer';
import { render, screen } from '../../test-utils/render';

describe('Composer', () => {
  it('has a textbox named "Reply" and a "Send" button, disabled while there is nothing to send', async () => {
    const { user } = render(<Composer onSend={() => {}} />);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toHaveProperty('disabled', true);
    await user.type(reply, '   ');
    expect(send).toHaveProperty('disabled', true);
    await user.type(reply, 'ok');
    expect(send).toHaveProperty('disabled', false);
  });

  it('sends on Enter and clears the box', async () => {
    const onSend = vi.fn();
    const { user } = render(<Composer onSend={onSend} />);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(reply, 'Your order left today{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Your order left today');
    expect(reply).toHaveProperty('value', '');
  });

  it('starts a new line on Shift+Enter instead of sending', async () => {
    const onSend = vi.fn();
    const { user } = render(<Composer onSend={onSend} />);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(reply, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(reply).toHaveProperty('value', 'Line one\nLine two');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Line one\nLine two');
  });

  it('does not send an empty reply on Enter', async () => {
    const onSend = vi.fn();
    const { user } = render(<Composer onSend={onSend} />);
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), '  {Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('shows the offline hint it is given, and keeps sending (the reply is queued)', async () => {
    const onSend = vi.fn();
    const { user } = render(<Composer onSend={onSend} hint="You are offline: replies are queued." />);
    expect(screen.getByText('You are offline: replies are queued.')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Still here{Enter}');
    expect(onSend).toHaveBeenCalledWith('Still here');
  });

  it('starts from a saved draft and reports edits', async () => {
    const onDraftChange = vi.fn();
    const { user } = render(<Composer onSend={() => {}} defaultValue="Half a" onDraftChange={onDraftChange} />);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    expect(reply).toHaveProperty('value', 'Half a');
    await user.type(reply, 'n answer');
    expect(onDraftChange).toHaveBeenLastCalledWith('Half an answer');
  });

  it('is labelled in French when the UI is French', () => {
    render(<Composer onSend={() => {}} />, { language: 'fr' });
    expect(screen.getByRole('textbox', { name: 'Réponse' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeTruthy();
  });

  it('gives the keyboard back on Escape: the reply box loses focus and keeps its text', async () => {
    const onSend = vi.fn();
    const { user } = render(<Composer onSend={onSend} />);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(reply, 'draft');
    expect(document.activeElement).toBe(reply);
    await user.keyboard('{Escape}');
    expect(document.activeElement).not.toBe(reply);
    expect(reply).toHaveProperty('value', 'draft');
    expect(onSend).not.toHaveBeenCalled();
  });
});

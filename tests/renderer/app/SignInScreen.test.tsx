import { describe, expect, it, vi } from 'vitest';
import { SignInScreen } from '../../../src/renderer/app/components/SignInScreen';
import { render, screen } from '../test-utils/render';

describe('SignInScreen', () => {
  it('hands over a pasted token, trimmed', async () => {
    const onSubmit = vi.fn();
    const { user } = render(<SignInScreen error={null} onSubmit={onSubmit} onRetry={() => {}} />);
    await user.click(screen.getByLabelText('Gateway token'));
    await user.paste('  0123456789abcdef0123  ');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('0123456789abcdef0123');
  });

  it('refuses a token that is too short to be one', async () => {
    const onSubmit = vi.fn();
    const { user } = render(<SignInScreen error={null} onSubmit={onSubmit} onRetry={() => {}} />);
    await user.type(screen.getByLabelText('Gateway token'), 'short{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('A token is at least 16 characters long.')).toBeTruthy();
  });

  it('says in words when the gateway refused the token, and shows any other error as it came', () => {
    const { rerender } = render(<SignInScreen error="unauthorized" onSubmit={() => {}} onRetry={() => {}} />);
    expect(screen.getByRole('alert').textContent).toContain('The gateway refused this token.');
    rerender(<SignInScreen error="connect ECONNREFUSED" onSubmit={() => {}} onRetry={() => {}} />);
    expect(screen.getByRole('alert').textContent).toContain('connect ECONNREFUSED');
  });

  it('only offers to try again in the desktop app', async () => {
    const onRetry = vi.fn();
    const { user } = render(<SignInScreen error={null} onSubmit={null} onRetry={onRetry} />);
    expect(screen.queryByLabelText('Gateway token')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});

import { useComputedColorScheme } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsDialog } from '../../../../src/renderer/features/settings/SettingsDialog';
import { LANGUAGE_STORAGE_KEY } from '../../../../src/renderer/i18n';
import { COLOR_SCHEME_STORAGE_KEY } from '../../../../src/renderer/theme/theme';
import { render, screen } from '../../test-utils/render';

function Scheme() {
  return <p data-testid="scheme">{useComputedColorScheme('light', { getInitialValueInEffect: false })}</p>;
}

afterEach(() => localStorage.clear());

describe('settings', () => {
  it('switches the UI language at once and remembers it', async () => {
    const { user } = render(<SettingsDialog opened onClose={() => {}} onSignOut={null} modKey="Ctrl" />, {
      language: 'auto',
      systemLocale: 'en-GB',
    });
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Français' }));
    expect(screen.getByRole('dialog', { name: 'Réglages' })).toBeTruthy();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
    await user.click(screen.getByRole('radio', { name: 'Auto', checked: false }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('switches the theme and remembers it', async () => {
    const { user } = render(
      <>
        <SettingsDialog opened onClose={() => {}} onSignOut={null} modKey="Ctrl" />
        <Scheme />
      </>,
    );
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(screen.getByTestId('scheme').textContent).toBe('dark');
    expect(document.documentElement.getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('dark');
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(screen.getByTestId('scheme').textContent).toBe('light');
  });

  it('lists the keyboard shortcuts and offers sign-out only when given one', async () => {
    const onSignOut = vi.fn();
    const { user, rerender } = render(<SettingsDialog opened onClose={() => {}} onSignOut={null} modKey="⌘" />);
    expect(screen.getByText('Resolve the open conversation')).toBeTruthy();
    expect(screen.getByText('⌘')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out of this gateway' })).toBeNull();
    rerender(<SettingsDialog opened onClose={() => {}} onSignOut={onSignOut} modKey="⌘" />);
    await user.click(screen.getByRole('button', { name: 'Sign out of this gateway' }));
    expect(onSignOut).toHaveBeenCalledOnce();
  });
});

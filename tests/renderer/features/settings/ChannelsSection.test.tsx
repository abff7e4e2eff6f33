import { describe, expect, it, vi } from 'vitest';
import type { ChannelStatus, Result } from '../../../../src/core';
import type { ChannelCredentialsApi } from '../../../../src/renderer/features/settings/channelCredentials';
import { SettingsDialog } from '../../../../src/renderer/features/settings/SettingsDialog';
import { MINUTE, NOW } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';

const STATUSES: ChannelStatus[] = [
  {
    channel: 'whatsapp',
    configured: true,
    connected: true,
    lastWebhookAt: NOW - 5 * MINUTE,
    lastError: null,
    settings: { appSecret: true, accessToken: true },
  },
  {
    channel: 'messenger',
    configured: false,
    connected: false,
    lastWebhookAt: null,
    lastError: null,
    settings: { appSecret: false, pageToken: false },
  },
  {
    channel: 'instagram',
    configured: true,
    connected: false,
    lastWebhookAt: NOW - 3 * 24 * 60 * MINUTE,
    lastError: '(#190) Error validating access token: <Session has expired>',
    settings: { appSecret: true, pageToken: true },
  },
];

function dialog(load: () => Promise<Result<ChannelStatus[]>>, credentials: ChannelCredentialsApi | null = null) {
  return (
    <SettingsDialog
      opened
      onClose={() => {}}
      onSignOut={null}
      modKey="Ctrl"
      channels={{ load, credentials, now: NOW }}
    />
  );
}

const card = (name: string) => screen.getByRole('group', { name });

describe('the Channels section of the settings', () => {
  it('shows each channel’s state, last webhook, last error and which settings are set', async () => {
    const load = vi.fn(async (): Promise<Result<ChannelStatus[]>> => ({ ok: true, value: STATUSES }));
    render(dialog(load));
    expect(screen.getByText('Loading the channels’ state…')).toBeTruthy();
    await screen.findByRole('group', { name: 'WhatsApp' });

    expect(within(card('WhatsApp')).getByText('Connected')).toBeTruthy();
    expect(within(card('WhatsApp')).getByText('5 min. ago')).toBeTruthy();
    expect(within(card('WhatsApp')).getByLabelText('WHATSAPP_APP_SECRET: set')).toBeTruthy();

    expect(within(card('Messenger')).getByText('Not configured')).toBeTruthy();
    expect(within(card('Messenger')).getByText('never')).toBeTruthy();
    expect(within(card('Messenger')).getByLabelText('MESSENGER_PAGE_TOKEN: not set')).toBeTruthy();

    expect(within(card('Instagram')).getByText('Error')).toBeTruthy();
    // The provider's error text, as text.
    expect(
      within(card('Instagram')).getByText('(#190) Error validating access token: <Session has expired>'),
    ).toBeTruthy();
    // No credential editing outside the desktop app.
    expect(screen.queryByTestId('channel-credentials')).toBeNull();
  });

  it('reads the state again on Refresh, and says when it cannot', async () => {
    let calls = 0;
    const load = vi.fn(async (): Promise<Result<ChannelStatus[]>> => {
      calls += 1;
      return calls === 1 ? { ok: false, error: 'offline' } : { ok: true, value: STATUSES.slice(0, 1) };
    });
    const { user } = render(dialog(load));
    expect(await screen.findByText('The channels’ state could not be loaded.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('group', { name: 'WhatsApp' })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is read afresh each time the settings open', async () => {
    const load = vi.fn(async (): Promise<Result<ChannelStatus[]>> => ({ ok: true, value: STATUSES }));
    const props = {
      onClose: () => {},
      onSignOut: null,
      modKey: 'Ctrl',
      channels: { load, credentials: null, now: NOW },
    };
    const { rerender } = render(<SettingsDialog opened {...props} />);
    await screen.findByRole('group', { name: 'WhatsApp' });
    rerender(<SettingsDialog opened={false} {...props} />);
    rerender(<SettingsDialog opened {...props} />);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });

  it('lets the desktop app replace credentials, sending only what was typed and never showing a value', async () => {
    const save = vi.fn(async (): Promise<Result<null>> => ({ ok: true, value: null }));
    const credentials: ChannelCredentialsApi = {
      get: vi.fn(async () => ({
        ok: true as const,
        value: [{ channel: 'whatsapp' as const, settings: { appSecret: true, verifyToken: false } }],
      })),
      save,
    };
    const load = vi.fn(async (): Promise<Result<ChannelStatus[]>> => ({ ok: true, value: STATUSES }));
    const { user } = render(dialog(load, credentials));
    await user.click(await screen.findByRole('button', { name: 'Edit WhatsApp credentials' }));
    const form = screen.getByRole('form', { name: 'Edit WhatsApp credentials' });
    const secret = within(form).getByLabelText('WHATSAPP_APP_SECRET') as HTMLInputElement;
    const verify = within(form).getByLabelText('WHATSAPP_VERIFY_TOKEN') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(secret.placeholder).toBe('Set (leave empty to keep)');
    expect(verify.placeholder).toBe('Not set');

    await user.type(verify, 'my-verify-token');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(save).toHaveBeenCalledExactlyOnceWith('whatsapp', { verifyToken: 'my-verify-token' });
    expect(await screen.findByText('Credentials saved')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('my-verify-token');
    // The status is read again after a save.
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });

  it('keeps the form and says why when the desktop app refuses the credentials', async () => {
    const credentials: ChannelCredentialsApi = {
      get: async () => ({ ok: true, value: [{ channel: 'messenger', settings: { pageToken: false } }] }),
      save: async () => ({ ok: false, error: 'safeStorage is not available' }),
    };
    const { user } = render(dialog(async () => ({ ok: true, value: [] }), credentials));
    await user.click(await screen.findByRole('button', { name: 'Edit Messenger credentials' }));
    await user.type(screen.getByLabelText('MESSENGER_PAGE_TOKEN'), 'EAAG...');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The credentials were not saved: safeStorage is not available',
    );
  });
});

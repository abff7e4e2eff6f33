import { describe, expect, it, vi } from 'vitest';
import type { ShopSettingsPresence } from '../../../../src/core';
import { ShopSection, type ShopSettingsApi } from '../../../../src/renderer/features/settings/components/ShopSection';
import { render, screen, waitFor } from '../../test-utils/render';

function fakeApi(presence: ShopSettingsPresence): ShopSettingsApi & { save: ReturnType<typeof vi.fn> } {
  let current = presence;
  return {
    get: vi.fn(async () => ({ ok: true as const, value: current })),
    save: vi.fn(async (kind, values: Record<string, string>) => {
      if (kind === 'shopify' && !values['accessToken'] && !current.settings['accessToken'])
        return { ok: false as const, error: "the shop's accessToken not set" };
      current = {
        kind,
        settings: Object.fromEntries(Object.keys(values).map((k) => [k, true])),
        fromEnvironment: false,
      };
      return { ok: true as const, value: null };
    }),
  };
}

describe('Settings → where orders come from', () => {
  it('chooses Shopify, sends only what was typed, and shows what is set without the values', async () => {
    const api = fakeApi({ kind: 'demo', settings: {}, fromEnvironment: false });
    const { user } = render(<ShopSection api={api} />, { language: 'en' });
    await user.click(await screen.findByRole('radio', { name: 'Shopify' }));
    await user.type(screen.getByRole('textbox', { name: /Store domain/ }), 'maison.myshopify.com');
    await user.click(screen.getByRole('button', { name: 'Use this shop' }));
    expect((await screen.findByRole('alert')).textContent).toBe("the shop's accessToken not set");

    await user.type(screen.getByLabelText(/Admin API access token/), 'shpat_secret');
    await user.click(screen.getByRole('button', { name: 'Use this shop' }));
    expect(api.save).toHaveBeenLastCalledWith('shopify', {
      storeDomain: 'maison.myshopify.com',
      accessToken: 'shpat_secret',
    });
    expect((await screen.findByRole('status')).textContent).toBe('Saved: orders now come from this shop.');
    // The fields are empty again; each says it is set.
    await waitFor(() => expect(screen.getAllByText('set')).toHaveLength(2));
    expect((screen.getByLabelText(/Admin API access token/) as HTMLInputElement).value).toBe('');
  });

  it('says when the environment decides, and what the web mode does', () => {
    render(<ShopSection api={null} />, { language: 'en' });
    expect(screen.getByText(/COMPTOIR_ORDERS=shopify or woocommerce/)).toBeTruthy();
  });

  it('warns that COMPTOIR_ORDERS wins', async () => {
    render(<ShopSection api={fakeApi({ kind: 'demo', settings: {}, fromEnvironment: true })} />, { language: 'en' });
    expect(await screen.findByText(/COMPTOIR_ORDERS is set where the app started/)).toBeTruthy();
  });
});

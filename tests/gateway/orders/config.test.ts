import { describe, expect, it } from 'vitest';
import { ordersConfigFromEnv } from '../../../src/gateway/orders/config';

describe('the orders source from the environment', () => {
  it('is the demo shop by default', () => {
    expect(ordersConfigFromEnv({})).toEqual({ ok: true, config: { kind: 'demo' } });
    expect(ordersConfigFromEnv({ COMPTOIR_ORDERS: ' ' })).toEqual({ ok: true, config: { kind: 'demo' } });
    expect(ordersConfigFromEnv({ COMPTOIR_ORDERS: 'DEMO', SHOPIFY_ACCESS_TOKEN: 'x' })).toEqual({
      ok: true,
      config: { kind: 'demo' },
    });
  });

  it('reads Shopify and WooCommerce credentials', () => {
    expect(
      ordersConfigFromEnv({
        COMPTOIR_ORDERS: 'shopify',
        SHOPIFY_STORE_DOMAIN: 'my-shop.myshopify.com',
        SHOPIFY_ACCESS_TOKEN: 'shpat_123',
        SHOPIFY_API_VERSION: '2025-07',
      }),
    ).toEqual({
      ok: true,
      config: {
        kind: 'shopify',
        storeDomain: 'my-shop.myshopify.com',
        accessToken: 'shpat_123',
        apiVersion: '2025-07',
      },
    });
    expect(
      ordersConfigFromEnv({
        COMPTOIR_ORDERS: 'woocommerce',
        WOOCOMMERCE_URL: 'https://shop.example',
        WOOCOMMERCE_KEY: 'ck_1',
        WOOCOMMERCE_SECRET: 'cs_2',
      }),
    ).toEqual({
      ok: true,
      config: { kind: 'woocommerce', siteUrl: 'https://shop.example', consumerKey: 'ck_1', consumerSecret: 'cs_2' },
    });
  });

  it('names the missing credentials, never the values that are set', () => {
    const shopify = ordersConfigFromEnv({ COMPTOIR_ORDERS: 'shopify', SHOPIFY_STORE_DOMAIN: 'secret-shop.example' });
    expect(shopify).toEqual({ ok: false, error: 'COMPTOIR_ORDERS=shopify needs SHOPIFY_ACCESS_TOKEN (not set)' });
    expect(ordersConfigFromEnv({ COMPTOIR_ORDERS: 'woocommerce', WOOCOMMERCE_KEY: 'ck_secret' })).toEqual({
      ok: false,
      error: 'COMPTOIR_ORDERS=woocommerce needs WOOCOMMERCE_URL, WOOCOMMERCE_SECRET (not set)',
    });
  });

  it('refuses an unknown source and a WooCommerce site over plain http', () => {
    expect(ordersConfigFromEnv({ COMPTOIR_ORDERS: 'magento' })).toEqual({
      ok: false,
      error: 'COMPTOIR_ORDERS must be demo, shopify or woocommerce (got "magento")',
    });
    const woo = { COMPTOIR_ORDERS: 'woocommerce', WOOCOMMERCE_KEY: 'ck', WOOCOMMERCE_SECRET: 'cs' };
    expect(ordersConfigFromEnv({ ...woo, WOOCOMMERCE_URL: 'http://shop.example' })).toEqual({
      ok: false,
      error: 'WOOCOMMERCE_URL must start with https:// (http:// only for localhost)',
    });
    expect(ordersConfigFromEnv({ ...woo, WOOCOMMERCE_URL: 'shop' })).toMatchObject({ ok: false });
    expect(ordersConfigFromEnv({ ...woo, WOOCOMMERCE_URL: 'http://localhost:8080' })).toMatchObject({ ok: true });
  });
});

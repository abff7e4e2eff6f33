import type { Store } from '../store/store';
import { createDemoSource, type DemoSource } from './demo';
import { guardSource, type GuardOptions } from './guarded';
import { createShopifySource } from './shopify';
import type { OrderSource } from './source';
import { createWooCommerceSource } from './woocommerce';

/**
 * Where the gateway reads orders, from COMPTOIR_ORDERS and the shop's credentials (docs/orders-sources.md).
 * The credentials stay in this process: no event, REST answer, socket answer or log line carries them.
 */
export type OrdersConfig =
  | { kind: 'demo' }
  | { kind: 'shopify'; storeDomain: string; accessToken: string; apiVersion?: string }
  | { kind: 'woocommerce'; siteUrl: string; consumerKey: string; consumerSecret: string };

export type OrdersConfigResult = { ok: true; config: OrdersConfig } | { ok: false; error: string };

const REQUIRED = {
  shopify: ['SHOPIFY_STORE_DOMAIN', 'SHOPIFY_ACCESS_TOKEN'],
  woocommerce: ['WOOCOMMERCE_URL', 'WOOCOMMERCE_KEY', 'WOOCOMMERCE_SECRET'],
} as const;

/** Reads the orders source from the environment; demo when COMPTOIR_ORDERS is unset or empty. */
export function ordersConfigFromEnv(env: NodeJS.ProcessEnv): OrdersConfigResult {
  const kind = env['COMPTOIR_ORDERS']?.trim().toLowerCase() || 'demo';
  const value = (name: string) => env[name]?.trim() || '';
  if (kind === 'demo') return { ok: true, config: { kind: 'demo' } };
  if (kind !== 'shopify' && kind !== 'woocommerce') {
    // The value is a word, not a secret, but it is cut short all the same.
    return {
      ok: false,
      error: `COMPTOIR_ORDERS must be demo, shopify or woocommerce (got "${kind.slice(0, 20)}")`,
    };
  }
  const missing = REQUIRED[kind].filter((name) => !value(name));
  if (missing.length > 0) {
    return { ok: false, error: `COMPTOIR_ORDERS=${kind} needs ${missing.join(', ')} (not set)` };
  }
  if (kind === 'shopify') {
    const apiVersion = value('SHOPIFY_API_VERSION');
    return {
      ok: true,
      config: {
        kind,
        storeDomain: value('SHOPIFY_STORE_DOMAIN'),
        accessToken: value('SHOPIFY_ACCESS_TOKEN'),
        ...(apiVersion && { apiVersion }),
      },
    };
  }
  const siteUrl = value('WOOCOMMERCE_URL');
  const checked = checkWooUrl(siteUrl);
  if (checked) return { ok: false, error: checked };
  return {
    ok: true,
    config: { kind, siteUrl, consumerKey: value('WOOCOMMERCE_KEY'), consumerSecret: value('WOOCOMMERCE_SECRET') },
  };
}

/** The settings the desktop app stores for the shop (encrypted, in main), by name. */
export const SHOP_SETTINGS = {
  shopify: ['storeDomain', 'accessToken'],
  woocommerce: ['siteUrl', 'consumerKey', 'consumerSecret'],
} as const;

/**
 * The orders source from the app's saved settings: the same checks as the environment's, with the settings'
 * own names in the reasons ("the shop's accessToken is not set").
 */
export function ordersConfigFromSettings(
  kind: OrdersConfig['kind'],
  values: Readonly<Record<string, string | undefined>>,
): OrdersConfigResult {
  if (kind === 'demo') return { ok: true, config: { kind } };
  const value = (name: string) => values[name]?.trim() || '';
  const missing = SHOP_SETTINGS[kind].filter((name) => !value(name));
  if (missing.length > 0) return { ok: false, error: `the shop's ${missing.join(', ')} not set` };
  if (kind === 'shopify') {
    const domain = value('storeDomain')
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '');
    if (!/^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(:\d+)?$/i.test(domain))
      return { ok: false, error: 'storeDomain must be a domain such as my-shop.myshopify.com' };
    return { ok: true, config: { kind, storeDomain: domain, accessToken: value('accessToken') } };
  }
  const checked = checkWooUrl(value('siteUrl'));
  if (checked) return { ok: false, error: checked.replace('WOOCOMMERCE_URL', 'siteUrl') };
  return {
    ok: true,
    config: {
      kind,
      siteUrl: value('siteUrl'),
      consumerKey: value('consumerKey'),
      consumerSecret: value('consumerSecret'),
    },
  };
}

function checkWooUrl(siteUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    return 'WOOCOMMERCE_URL must be a URL such as https://shop.example';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return 'WOOCOMMERCE_URL must start with https:// (http:// only for localhost)';
  return null;
}

export interface OrderSources {
  /** The source every command uses: always guarded (timeout, cache, shared lookups). */
  source: OrderSource;
  /** The demo shop when it is the source: it also imports CSV files and turns carts into orders. */
  demo: DemoSource | null;
}

/** The configured shop, guarded. Throws (at start) when a source refuses its settings. */
export function createOrderSources(config: OrdersConfig, store: Store, guard: GuardOptions = {}): OrderSources {
  switch (config.kind) {
    case 'demo': {
      const demo = createDemoSource(store);
      // No cache: the demo shop is this database, and carts, imports and status changes write to it directly.
      return { source: guardSource(demo, { ...guard, cacheTtlMs: 0 }), demo };
    }
    case 'shopify':
      return {
        source: guardSource(
          createShopifySource({
            storeDomain: config.storeDomain,
            accessToken: config.accessToken,
            ...(config.apiVersion && { apiVersion: config.apiVersion }),
          }),
          guard,
        ),
        demo: null,
      };
    case 'woocommerce':
      return {
        source: guardSource(
          createWooCommerceSource({
            siteUrl: config.siteUrl,
            consumerKey: config.consumerKey,
            consumerSecret: config.consumerSecret,
          }),
          guard,
        ),
        demo: null,
      };
  }
}

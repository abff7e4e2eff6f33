import type { ShopKind, ShopSaveInput, ShopSettingsPresence } from '../core/ipc/contract';
import {
  ordersConfigFromEnv,
  ordersConfigFromSettings,
  SHOP_SETTINGS,
  type OrdersConfig,
} from '../gateway/orders/config';
import type { StoredShopSettings } from './channel-secrets';

const KINDS: readonly ShopKind[] = ['demo', 'shopify', 'woocommerce'];

/** The kind saved in the app ('demo' when nothing or something unknown is). */
export function storedShopKind(stored: StoredShopSettings | undefined): ShopKind {
  const kind = stored?.kind;
  return KINDS.includes(kind as ShopKind) ? (kind as ShopKind) : 'demo';
}

/**
 * Where the gateway reads orders: COMPTOIR_ORDERS (and the shop's variables) when set where the app started, so a
 * deployment can pin it; else what the settings screen saved; else the demo shop. A saved setting the gateway
 * would refuse falls back to the demo shop, with the reason logged, rather than stopping the app.
 */
export function shopConfig(
  env: NodeJS.ProcessEnv,
  stored: StoredShopSettings | undefined,
  log: (line: string) => void,
): OrdersConfig {
  if (env['COMPTOIR_ORDERS']?.trim()) {
    const fromEnv = ordersConfigFromEnv(env);
    if (fromEnv.ok) return fromEnv.config;
    log(`orders settings from the environment ignored: ${fromEnv.error}`);
  }
  const fromSaved = ordersConfigFromSettings(storedShopKind(stored), stored ?? {});
  if (fromSaved.ok) return fromSaved.config;
  log(`saved orders settings ignored: ${fromSaved.error}`);
  return { kind: 'demo' };
}

/** The kind and which of its settings are saved: names and booleans only, for the renderer. */
export function shopPresence(env: NodeJS.ProcessEnv, stored: StoredShopSettings | undefined): ShopSettingsPresence {
  const kind = storedShopKind(stored);
  const names: readonly string[] = kind === 'demo' ? [] : SHOP_SETTINGS[kind];
  return {
    kind,
    settings: Object.fromEntries(names.map((name) => [name, Boolean(stored?.[name as keyof StoredShopSettings])])),
    fromEnvironment: Boolean(env['COMPTOIR_ORDERS']?.trim()),
  };
}

/**
 * The saved shop after one save: switching kind starts from that kind's saved values; '' clears a value, a name not
 * given keeps it. The result must be a shop the gateway accepts (checked by the caller before it is written).
 */
export function applyShopValues(stored: StoredShopSettings | undefined, input: ShopSaveInput): StoredShopSettings {
  const next: Record<string, string | undefined> = { ...stored, kind: input.kind };
  for (const [name, value] of Object.entries(input.values as Record<string, string | undefined>)) {
    if (value === undefined) continue;
    if (value === '') delete next[name];
    else next[name] = value;
  }
  return next as StoredShopSettings;
}

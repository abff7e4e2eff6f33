import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHOP_SETTING_NAMES } from '../../src/core/ipc/contract';
import { ok } from '../../src/core/result';
import { SHOP_SETTINGS, type OrdersConfig } from '../../src/gateway/orders/config';
import { CHANNEL_SECRETS_FILE, createChannelSecretsFile } from '../../src/main/channel-secrets';
import { envChannelsConfig, openChannelSettings } from '../../src/main/channel-settings';
import { createDesktopHandlers } from '../../src/main/desktop-handlers';
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc';
import { shopConfig } from '../../src/main/shop-settings';
import { FakeSafeStorage } from './fake-electron';
import { fromInbox, unusedServices, WINDOW_ID } from './ipc-fixtures';

/** `shop:get` and `shop:save` through the real router, the real encrypted file and a recording gateway. */

const TOKEN = 'shpat_3f2e1d0c9b8a7f6e5d4c3b2a';
let dir: string;
let path: string;
let cipher: FakeSafeStorage;
let applied: OrdersConfig[];
let logs: string[];
let router: IpcRouter;
let startConfig: OrdersConfig;

async function start(env: NodeJS.ProcessEnv = {}): Promise<void> {
  const file = createChannelSecretsFile({ path, cipher, platform: 'linux', log: (l) => logs.push(l) });
  const settings = await openChannelSettings({
    file,
    env: envChannelsConfig(env, (l) => logs.push(l)),
    processEnv: env,
    log: (l) => logs.push(l),
  });
  startConfig = settings.shopConfig();
  router = createIpcRouter({
    handlers: createDesktopHandlers(unusedServices, {
      settings,
      gateway: { configure: () => undefined },
      orders: {
        configure: (config) => {
          applied.push(config);
          return ok(null);
        },
      },
    }),
    trustedContentsId: () => WINDOW_ID,
    log: (line) => logs.push(line),
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-ipc-shop-'));
  path = join(dir, CHANNEL_SECRETS_FILE);
  cipher = new FakeSafeStorage();
  applied = [];
  logs = [];
  await start();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const save = (input: unknown, event = fromInbox()) => router.dispatch('shop:save', event, input);
const get = () => router.dispatch('shop:get', fromInbox(), undefined);

describe('the shop’s settings over IPC', () => {
  it('start with the demo shop and say so, values never included', async () => {
    expect(startConfig).toEqual({ kind: 'demo' });
    expect(await get()).toEqual({ ok: true, value: { kind: 'demo', settings: {}, fromEnvironment: false } });
  });

  it('save Shopify encrypted, apply it to the running gateway, and survive a restart', async () => {
    const input = {
      kind: 'shopify',
      values: { storeDomain: 'https://maison-lumiere.myshopify.com/', accessToken: TOKEN },
    };
    expect(await save(input)).toEqual({ ok: true, value: null });
    expect(applied).toEqual([{ kind: 'shopify', storeDomain: 'maison-lumiere.myshopify.com', accessToken: TOKEN }]);
    expect(readFileSync(path).includes(Buffer.from(TOKEN))).toBe(false);
    expect(await get()).toEqual({
      ok: true,
      value: { kind: 'shopify', settings: { storeDomain: true, accessToken: true }, fromEnvironment: false },
    });
    expect(JSON.stringify(await get())).not.toContain(TOKEN);

    await start();
    expect(startConfig).toMatchObject({ kind: 'shopify', accessToken: TOKEN });
    // A later save of the domain alone keeps the stored token.
    expect(await save({ kind: 'shopify', values: { storeDomain: 'other.myshopify.com' } })).toEqual({
      ok: true,
      value: null,
    });
    expect(applied.at(-1)).toEqual({ kind: 'shopify', storeDomain: 'other.myshopify.com', accessToken: TOKEN });
  });

  it('refuse what the gateway could not use, and unknown or smuggled fields, changing nothing', async () => {
    expect(
      await save({
        kind: 'woocommerce',
        values: { siteUrl: 'http://shop.example', consumerKey: 'ck', consumerSecret: 'cs' },
      }),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('siteUrl must start with https://'),
    });
    expect(await save({ kind: 'shopify', values: { storeDomain: 'shop.myshopify.com' } })).toMatchObject({
      ok: false,
      error: "the shop's accessToken not set",
    });
    expect(await save({ kind: 'shopify', values: { accessToken: 'x', apiVersion: '1' } })).toMatchObject({ ok: false });
    expect(await save({ kind: 'bigcommerce', values: {} })).toMatchObject({ ok: false });
    expect(
      await save({ kind: 'shopify', values: { accessToken: 'a\u0000b', storeDomain: 'x.myshopify.com' } }),
    ).toMatchObject({
      ok: false,
    });
    expect(applied).toEqual([]);
    expect(await get()).toMatchObject({ ok: true, value: { kind: 'demo' } });
    // From another page: refused before any handler runs.
    expect(await save({ kind: 'demo', values: {} }, fromInbox('https://evil.example/'))).toMatchObject({ ok: false });
  });

  it('let COMPTOIR_ORDERS win over what is saved, and say so', async () => {
    await save({ kind: 'shopify', values: { storeDomain: 'a.myshopify.com', accessToken: TOKEN } });
    await start({ COMPTOIR_ORDERS: 'demo' });
    expect(startConfig).toEqual({ kind: 'demo' });
    expect(await get()).toMatchObject({ ok: true, value: { kind: 'shopify', fromEnvironment: true } });
    // A broken saved shop falls back to the demo shop, with the reason logged and no secret in it.
    const log: string[] = [];
    expect(
      shopConfig({}, { kind: 'woocommerce', siteUrl: 'not a url', consumerKey: 'k', consumerSecret: TOKEN }, (l) =>
        log.push(l),
      ),
    ).toEqual({
      kind: 'demo',
    });
    expect(log.join('\n')).toContain('saved orders settings ignored');
    expect(log.join('\n')).not.toContain(TOKEN);
  });

  it('name the same settings as the gateway reads', () => {
    expect(SHOP_SETTING_NAMES.shopify).toEqual(SHOP_SETTINGS.shopify);
    expect(SHOP_SETTING_NAMES.woocommerce).toEqual(SHOP_SETTINGS.woocommerce);
  });
});

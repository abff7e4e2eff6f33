import type { Session } from '../core/ipc/contract';
import type { Result } from '../core/result';
import type { ChannelsConfig } from '../gateway/channels/meta/config';
import type { OrdersConfig } from '../gateway/orders/config';
import type { ChannelSettings } from './channel-settings';
import type { IpcHandlers } from './ipc';
import { isExternalHttpUrl } from './origin';

/** The native capabilities the IPC handlers need; `native.ts` provides them with Electron. */
export interface DesktopServices {
  session(): Session;
  isWindowFocused(): boolean;
  showNotification(notification: { title: string; body: string; threadId: string }): void;
  setBadgeCount(count: number): void;
  openExternal(url: string): Promise<void>;
}

/** The channel credentials and where a saved change goes at once: the running gateway's Meta channels. */
export interface ChannelServices {
  settings: ChannelSettings;
  gateway: { configure(config: ChannelsConfig): void };
  /** The running gateway's orders: a saved shop applies at once. */
  orders?: { configure(config: OrdersConfig): Result<null> };
}

export function createDesktopHandlers(services: DesktopServices, channels: ChannelServices): IpcHandlers {
  return {
    'session:get': () => services.session(),
    'notify:show': (input) => {
      // The agent is looking at the inbox already: a banner would only interrupt.
      if (!services.isWindowFocused()) services.showNotification(input);
      return null;
    },
    'badge:set': ({ count }) => {
      services.setBadgeCount(count);
      return null;
    },
    'link:open': async ({ url }) => {
      // The schema already demands http(s); a real URL parse is the second lock on the one door to the OS.
      if (!isExternalHttpUrl(url)) throw new Error('only http(s) links open outside the app');
      await services.openExternal(url);
      return null;
    },
    // Names and booleans only: a value, once saved, never travels back to the page.
    'channels:get': () => channels.settings.presence(),
    'channels:save': async (input) => {
      channels.gateway.configure(await channels.settings.save(input));
      return null;
    },
    'shop:get': () => channels.settings.shopPresence(),
    'shop:save': async (input) => {
      const applied = channels.orders?.configure(await channels.settings.saveShop(input));
      if (applied && !applied.ok) throw new Error(applied.error);
      return null;
    },
  };
}

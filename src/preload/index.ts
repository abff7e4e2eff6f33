import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopApi, IPC, NOTIFICATION_CLICK_CHANNEL } from '../core/ipc/contract';
import type { Result } from '../core/result';

// A sandboxed preload can require nothing but `electron`, so the contract comes in as types only and the channel
// names are restated here; `typeof IPC` makes the compiler reject any drift from the contract.
const CHANNELS: typeof IPC = {
  sessionGet: 'session:get',
  notifyShow: 'notify:show',
  badgeSet: 'badge:set',
  linkOpen: 'link:open',
  channelsGet: 'channels:get',
  channelsSave: 'channels:save',
  shopGet: 'shop:get',
  shopSave: 'shop:save',
};
const CLICK_CHANNEL: typeof NOTIFICATION_CLICK_CHANNEL = 'notify:clicked';

/** Main answers every call with a `Result`; a failure of the call itself becomes one too. */
async function call<T>(channel: string, input?: unknown): Promise<Result<T>> {
  try {
    return (await ipcRenderer.invoke(channel, input)) as Result<T>;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const desktopApi = {
  getSession: () => call(CHANNELS.sessionGet),
  notify: (input) => call(CHANNELS.notifyShow, input),
  setBadge: (count) => call(CHANNELS.badgeSet, { count }),
  openExternal: (url) => call(CHANNELS.linkOpen, { url }),
  // Values only ever travel this way, into main; `get` answers with which settings are set.
  channels: {
    get: () => call(CHANNELS.channelsGet),
    save: (channel, values) => call(CHANNELS.channelsSave, { channel, values }),
  },
  shop: {
    get: () => call(CHANNELS.shopGet),
    save: (kind, values) => call(CHANNELS.shopSave, { kind, values }),
  },
  onNotificationClick(listener) {
    // The renderer gets the thread id and nothing else: the IPC event object carries the sender and ports.
    const relay = (_event: IpcRendererEvent, threadId: unknown): void => {
      if (typeof threadId === 'string') listener(threadId);
    };
    ipcRenderer.on(CLICK_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(CLICK_CHANNEL, relay);
    };
  },
} satisfies DesktopApi;

// The only thing the page can reach; never `ipcRenderer` itself.
contextBridge.exposeInMainWorld('comptoir', desktopApi);

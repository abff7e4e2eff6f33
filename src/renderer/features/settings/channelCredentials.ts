import type { Channel, Result } from '../../../core';
import { desktopApi } from '../../platform/platform';

/** Which settings a channel has on this computer: names only, never values (they never leave main). */
export interface ChannelCredentialSettings {
  channel: Channel;
  settings: Record<string, boolean>;
}

/**
 * The desktop app's credential store (Electron safeStorage in main), as the preload will expose it under
 * `window.comptoir.channels`. Values go in, never come back out: `get` says which are set.
 */
export interface ChannelCredentialsApi {
  get(): Promise<Result<ChannelCredentialSettings[]>>;
  /** Only the settings given change; an absent name keeps its stored value. */
  save(channel: Channel, values: Record<string, string>): Promise<Result<null>>;
}

/** The credential store when this renderer runs in a desktop build that has one; null in the web mode. */
export function channelCredentialsApi(): ChannelCredentialsApi | null {
  const api = desktopApi() as { channels?: Partial<ChannelCredentialsApi> } | undefined;
  const channels = api?.channels;
  if (!channels || typeof channels.get !== 'function' || typeof channels.save !== 'function') return null;
  return channels as ChannelCredentialsApi;
}

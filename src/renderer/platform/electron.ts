import { SessionSchema, type DesktopApi } from '../../core';
import { isExternalLink } from './links';
import type { Platform } from './platform';

/** Everything goes through the preload's narrow API; main parses each call again, this side only avoids noise. */
export function createElectronPlatform(api: DesktopApi): Platform {
  const report = (what: string) => (error: unknown) =>
    console.warn(`[platform] ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  return {
    kind: 'electron',
    async getSession() {
      const result = await api.getSession();
      if (!result.ok) {
        console.warn(`[platform] no session from the desktop app: ${result.error}`);
        return null;
      }
      const parsed = SessionSchema.safeParse(result.value);
      return parsed.success ? parsed.data : null;
    },
    // The desktop app's token comes from main; there is nothing to remember here.
    saveToken() {},
    forgetToken() {},
    notify(n) {
      api.notify(n).catch(report('notify'));
    },
    setBadge(count) {
      api.setBadge(Math.max(0, Math.floor(count))).catch(report('setBadge'));
    },
    openExternal(url) {
      if (isExternalLink(url)) api.openExternal(url).catch(report('openExternal'));
    },
    onNotificationClick(listener) {
      return api.onNotificationClick(listener);
    },
  };
}

import type { DesktopApi } from '../core/ipc/contract';

declare global {
  interface Window {
    /** Present in the Electron app (exposed by the preload); absent in the web mode. */
    readonly comptoir?: DesktopApi;
  }
}

export {};

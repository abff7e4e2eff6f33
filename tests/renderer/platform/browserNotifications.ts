/**
 * happy-dom has no Notification API; this records what the web platform shows, the way a browser would,
 * and lets a test click one. Install with `installNotifications('granted')`, remove with the returned function.
 */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  click(): void;
  closed: boolean;
}

export function installNotifications(permission: NotificationPermission): {
  shown: ShownNotification[];
  requests: number;
  uninstall(): void;
} {
  const state = { shown: [] as ShownNotification[], requests: 0, uninstall };
  class RecordingNotification {
    static permission = permission;
    static async requestPermission(): Promise<NotificationPermission> {
      state.requests++;
      return permission;
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body?: string; tag?: string } = {}) {
      const record: ShownNotification = {
        title,
        body: options.body ?? '',
        tag: options.tag ?? '',
        closed: false,
        click: () => this.onclick?.(),
      };
      state.shown.push(record);
      this.close = () => {
        record.closed = true;
      };
    }
    close: () => void = () => undefined;
  }
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'Notification');
  Object.defineProperty(globalThis, 'Notification', { value: RecordingNotification, configurable: true });
  function uninstall() {
    if (previous) Object.defineProperty(globalThis, 'Notification', previous);
    else delete (globalThis as { Notification?: unknown }).Notification;
  }
  return state;
}

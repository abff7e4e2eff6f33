import * as electronModule from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unreadDotBitmap } from '../../src/main/badge-icon';
import { createNativeServices } from '../../src/main/native';
import { notificationBody } from '../../src/main/notification-text';
import { FakeBrowserWindow, FakeNotification, type FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
const electron = electronModule as unknown as FakeElectron;

type ServiceWindow = ReturnType<Parameters<typeof createNativeServices>[0]['window']>;
const SESSION = { gatewayUrl: 'http://127.0.0.1:40000', token: 'a-launch-token-of-enough-length' };

let window: FakeBrowserWindow;
function services(platform: NodeJS.Platform = 'linux', current: () => FakeBrowserWindow | null = () => window) {
  return createNativeServices({
    session: SESSION,
    window: () => current() as unknown as ServiceWindow,
    log: () => undefined,
    platform,
  });
}

beforeEach(() => {
  window = new FakeBrowserWindow({});
  FakeNotification.instances.length = 0;
  FakeNotification.supported = true;
  vi.clearAllMocks();
});

describe('native notifications', () => {
  it('shows one, and a click brings the window forward and opens the thread', () => {
    window.minimized = true;
    services().showNotification({ title: 'Léa Martin', body: 'Où est ma commande ?', threadId: 'th-42' });
    const [notification] = FakeNotification.instances;
    expect(notification?.options).toEqual({ title: 'Léa Martin', body: 'Où est ma commande ?' });
    expect(notification?.show).toHaveBeenCalledTimes(1);
    expect(window.webContents.send).not.toHaveBeenCalled();

    notification?.emit('click');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith('notify:clicked', 'th-42');
  });

  it('keeps customer text plain on Linux, where the body is markup', () => {
    services('linux').showNotification({ title: 'A', body: '<b>hi</b> & bye', threadId: 't' });
    services('darwin').showNotification({ title: 'A', body: '<b>hi</b> & bye', threadId: 't' });
    expect(FakeNotification.instances.map((n) => n.options.body)).toEqual([
      '&lt;b&gt;hi&lt;/b&gt; &amp; bye',
      '<b>hi</b> & bye',
    ]);
    expect(notificationBody('a < b', 'win32')).toBe('a < b');
  });

  it('does nothing where notifications are unsupported, and a click with no window is harmless', () => {
    FakeNotification.supported = false;
    services().showNotification({ title: 'A', body: 'b', threadId: 't' });
    expect(FakeNotification.instances).toHaveLength(0);

    FakeNotification.supported = true;
    services('linux', () => null).showNotification({ title: 'A', body: 'b', threadId: 't' });
    expect(() => FakeNotification.instances[0]?.emit('click')).not.toThrow();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('reports focus from the live window only', () => {
    window.focused = true;
    expect(services().isWindowFocused()).toBe(true);
    window.destroyed = true;
    expect(services().isWindowFocused()).toBe(false);
  });
});

describe('unread badge', () => {
  it('sets the app badge count, with no overlay outside Windows', () => {
    services('darwin').setBadgeCount(5);
    expect(electron.app.setBadgeCount).toHaveBeenCalledWith(5);
    expect(window.setOverlayIcon).not.toHaveBeenCalled();
  });

  it('draws a taskbar overlay on Windows and clears it at zero', () => {
    const windows = services('win32');
    windows.setBadgeCount(3);
    windows.setBadgeCount(0);
    expect(window.setOverlayIcon).toHaveBeenNthCalledWith(
      1,
      expect.objectContaining({ size: { width: 16, height: 16 } }),
      '3 unread',
    );
    expect(window.setOverlayIcon).toHaveBeenNthCalledWith(2, null, '');
    expect(electron.nativeImage.createFromBitmap).toHaveBeenCalledTimes(1);
  });

  it('the overlay is a red dot: opaque in the middle, clear in the corners', () => {
    const pixels = unreadDotBitmap(16);
    expect(pixels).toHaveLength(16 * 16 * 4);
    const at = (x: number, y: number) => [...pixels.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(at(8, 8)).toEqual([0x3b, 0x3b, 0xe0, 255]);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
  });
});

describe('external links and session', () => {
  it('opens links through the shell and hands over the session', async () => {
    await services().openExternal('https://example.com/');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(services().session()).toEqual(SESSION);
  });
});

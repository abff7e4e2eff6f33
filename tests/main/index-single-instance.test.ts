import * as electronModule from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
const electron = electronModule as unknown as FakeElectron;

describe('a second launch', () => {
  it('quits at once and starts nothing when another instance holds the lock', async () => {
    electron.app.singleInstance = false;
    await import('../../src/main/index');
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.quitted).toBe(true);
    expect(electron.app.listenerCount('before-quit')).toBe(0);
    expect(electron.app.listenerCount('web-contents-created')).toBe(0);
    electron.app.ready();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});

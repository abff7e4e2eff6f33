import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/lib/electron-binary.mjs';

const root = resolve(__dirname, '../../..');
const binary = findElectronBinary({ projectDir: root });
const DESKTOP_API_KEYS = ['getSession', 'notify', 'onNotificationClick', 'openExternal', 'setBadge'];

test.describe('the desktop app', () => {
  test.skip(
    !binary.found,
    `No Electron binary here: ${binary.found ? '' : binary.reason}. This spec looks at ELECTRON_BIN, then the ` +
      'executable named in node_modules/electron/path.txt, then node_modules/electron/dist; set ELECTRON_BIN or ' +
      'run `npx install-electron` where the network allows it. The same renderer is tested in Chromium by the web specs.',
  );

  let app: ElectronApplication;
  let userData: string;

  test.beforeAll(() => {
    if (!existsSync(join(root, 'out', 'main', 'index.js')) || !existsSync(join(root, 'out', 'preload', 'index.js'))) {
      const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
        cwd: root,
        stdio: 'inherit',
      });
      if (build.status !== 0) throw new Error('electron-vite build failed');
    }
  });

  test.beforeEach(async () => {
    if (!binary.found) return;
    userData = mkdtempSync(join(tmpdir(), 'comptoir-electron-e2e-'));
    // A fresh profile (and so a fresh gateway store and IndexedDB) per test; never run Electron as plain Node.
    const env: Record<string, string> = { COMPTOIR_USER_DATA_DIR: userData };
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] ??= value;
    }
    app = await electron.launch({
      executablePath: binary.path,
      // Chromium refuses to start as root with its OS sandbox: allowed for throwaway CI containers only.
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
      env,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens the inbox from app:// with only the desktop API exposed', async () => {
    const page = await app.firstWindow();
    await expect(page.getByLabel('Conversations').first()).toBeVisible({ timeout: 30_000 });
    expect(new URL(page.url()).protocol).toBe('app:');

    expect(await page.evaluate(() => Object.keys(window.comptoir ?? {}).sort())).toEqual(DESKTOP_API_KEYS);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    const session = await page.evaluate(() => window.comptoir?.getSession());
    expect(session?.ok).toBe(true);
  });

  test('keeps the page home and the network to the gateway', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    const home = page.url();

    // The CSP's connect-src names the gateway only: anything else is refused before it leaves the page.
    const blocked = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'fetched',
        () => 'blocked',
      ),
    );
    expect(blocked).toBe('blocked');

    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(home);
    expect(app.windows()).toHaveLength(1);
  });
});

import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser build (TOOLCHAIN.md). Without the networking flags Chromium
// keeps trying hosts this machine cannot reach.
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores: one worker keeps the gateway, PGlite and Chromium from starving each other.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  retries: 0,
  outputDir: 'test-results/e2e',
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: chromiumLaunch,
        viewport: { width: 1440, height: 900 },
        locale: 'en-US',
      },
    },
    { name: 'electron', testDir: 'tests/e2e/electron' },
  ],
});

// `npm run screenshots`: the README's pictures of the inbox, taken from the real app in headless Chromium with
// the demo shop (light and dark). Run after a build.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../src/gateway';
import { launchChromium } from './bench/browser';

const root = join(__dirname, '..');
const customer = process.argv[2] ?? 'Lucas Moreau';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-shots-'));
  const token = randomBytes(24).toString('base64url');
  const gateway = await startGateway({
    dataDir,
    port: 0,
    demo: true,
    simulate: false,
    adminToken: token,
    staticDir: join(root, 'out', 'renderer'),
    log: () => {},
  });
  const browser = await launchChromium();
  try {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        locale: 'en-US',
        colorScheme: scheme,
        viewport: { width: Number(process.env.WIDTH ?? 1440), height: Number(process.env.HEIGHT ?? 860) },
      });
      const page = await context.newPage();
      await page.goto(`${gateway.url}/#token=${token}`);
      const list = page.getByRole('listbox', { name: 'Conversations' });
      await list.getByRole('option').filter({ hasText: customer }).first().click();
      await page.getByRole('heading', { level: 2, name: customer }).waitFor();
      await page.waitForTimeout(500);
      const file = join(root, 'docs', 'images', scheme === 'light' ? 'inbox.png' : 'inbox-dark.png');
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser } from '@playwright/test';
import { serveDir } from './browser';

export interface ReplicaComparison {
  label: string;
  messages: number;
  events: number;
  rawMs: number[];
  applyMs: number[];
  rawPerSec: number;
  applyPerSec: number;
  ratio: number;
}
export interface ReplicaFigures {
  messagesOnly: ReplicaComparison;
  withThreads: ReplicaComparison;
}

/** Sync apply path vs raw bulkPut, in headless Chromium, same run, same schema. */
export async function benchReplica(browser: Browser, messages: number, rounds: number): Promise<ReplicaFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-page-'));
  try {
    await build({
      root: join(__dirname, 'page'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
      configFile: false,
    });
    const server = await serveDir(outDir);
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => document.title === 'ready');
      const figures = await page.evaluate((opts) => window.runReplicaBench(opts), {
        messages,
        threads: Math.max(1, Math.round(messages / 20)),
        pageSize: 2000,
        rounds,
      });
      await page.close();
      return figures;
    } finally {
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

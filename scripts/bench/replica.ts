import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { build } from 'vite';
import { MAX_PULL_LIMIT } from '../../src/core';
import { startGateway } from '../../src/gateway';
import { serveDir } from './browser';
import { seedLargeStore } from './seed';

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
export interface GatewayReplayFigures {
  threads: number;
  messages: number;
  /** Sync engine alone (no UI), from a real gateway over socket.io into a fresh replica, until caught up. */
  replayMs: number[];
  replayPerSec: number;
}

/** Builds the bench page (not part of the app) and opens it in Chromium for `fn`. */
export async function withBenchPage<T>(browser: Browser, fn: (page: Page, origin: string) => Promise<T>): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-page-'));
  try {
    await build({
      root: join(__dirname, 'page'),
      logLevel: 'warn',
      configFile: false,
      build: { outDir, emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
    });
    const server = await serveDir(outDir);
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => document.title === 'ready');
      try {
        return await fn(page, server.url);
      } finally {
        await page.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Sync apply path vs raw bulkPut, in headless Chromium, same run, same schema. */
export function benchReplica(page: Page, messages: number, rounds: number): Promise<ReplicaFigures> {
  return page.evaluate((opts) => window.runReplicaBench(opts), {
    messages,
    threads: Math.max(1, Math.round(messages / 20)),
    // The sync engine's page: the largest the gateway serves.
    pageSize: MAX_PULL_LIMIT,
    rounds,
  });
}

/** The sync engine replaying a real gateway's log of `messages` messages, `rounds` times into fresh replicas. */
export async function benchGatewayReplay(
  page: Page,
  origin: string,
  seed: { threads: number; messages: number },
  rounds: number,
): Promise<GatewayReplayFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-replay-'));
  const token = randomBytes(24).toString('base64url');
  try {
    await seedLargeStore(dataDir, seed.threads, seed.messages);
    const gateway = await startGateway({
      dataDir,
      port: 0,
      demo: false,
      simulate: false,
      adminToken: token,
      allowedOrigins: [origin],
      log: () => {},
    });
    try {
      const replayMs: number[] = [];
      for (let r = 0; r < rounds; r += 1) {
        const result = await page.evaluate(({ url, t }) => window.runGatewayReplay(url, t), {
          url: gateway.url,
          t: token,
        });
        if (result.messages !== seed.messages) throw new Error(`replayed ${result.messages} of ${seed.messages}`);
        replayMs.push(result.ms);
      }
      const sorted = [...replayMs].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
      return { ...seed, replayMs, replayPerSec: seed.messages / (median / 1000) };
    } finally {
      await gateway.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

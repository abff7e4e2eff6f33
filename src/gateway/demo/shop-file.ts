import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeIssues, DemoShopSchema, type DemoShop } from '../../core';
import type { SimulationScript } from '../channels/sandbox';

export function demoShopPath(resourcesDir: string): string {
  return join(resourcesDir, 'demo', 'shop.json');
}

/** Reads and checks the demo shop file; a missing or malformed file is one clear error naming the file. */
export async function readDemoShop(resourcesDir: string): Promise<DemoShop> {
  const path = demoShopPath(resourcesDir);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the demo shop ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = DemoShopSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid demo shop ${path}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** What the sandbox's simulated customers say, and who says it. */
export function simulationScript(shop: DemoShop): SimulationScript {
  return {
    customers: shop.customers.map(({ name, channel, handle, locale }) => ({ name, channel, handle, locale })),
    lines: shop.simulated,
  };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, QuickReplyDraftSchema, type QuickReplyDraft } from '../../core';
import type { Log } from '../log';
import { setBusinessName } from '../replies/context';
import { importQuickReplies } from '../replies/replies';
import type { Store } from '../store/store';

/** The demo's quick replies: the same shape `replies:import` takes. */
export const DemoQuickRepliesSchema = z.object({ replies: z.array(QuickReplyDraftSchema).min(1) });

export function demoQuickRepliesPath(resourcesDir: string): string {
  return join(resourcesDir, 'demo', 'quick-replies.json');
}

/** Reads and checks the demo's quick replies; a missing or malformed file is one clear error naming the file. */
export async function readDemoQuickReplies(resourcesDir: string): Promise<QuickReplyDraft[]> {
  const path = demoQuickRepliesPath(resourcesDir);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read the demo quick replies ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = DemoQuickRepliesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid demo quick replies ${path}: ${describeIssues(parsed.error.issues)}`);
  // The raw entries: the import parses them again (and applies their defaults) on its way in.
  return (raw as { replies: QuickReplyDraft[] }).replies;
}

/**
 * Gives a freshly seeded demo workspace its shop's name and its quick replies, through the import (so the same
 * checks apply, and every reply is a `quickreply.upserted` event). A reply the import refuses fails the start.
 */
export async function seedDemoQuickReplies(
  store: Store,
  shopName: string,
  replies: readonly QuickReplyDraft[],
  log: Log,
): Promise<number> {
  await store.write(async (tx) => {
    await setBusinessName(tx, shopName);
    return { value: null, events: [], actor: 'system' };
  });
  const imported = await importQuickReplies(store, 'system', replies);
  if (!imported.ok) throw new Error(`invalid demo quick replies: ${imported.error}`);
  log(`demo quick replies loaded: ${imported.value.created}`);
  return imported.value.created;
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, QuickReplyDraftSchema, type QuickReplyDraft } from '../../core';
import type { Log } from '../log';
import { addLibraryFile } from '../library/library';
import { productPictureId } from '../orders/catalog';
import { setBusinessName } from '../replies/context';
import { importQuickReplies } from '../replies/replies';
import type { Store } from '../store/store';

/**
 * The demo's quick replies (the same shape `replies:import` takes) and the library files they carry, each with the
 * fixed id the replies name and a path relative to the demo folder.
 */
export const DemoQuickRepliesSchema = z.object({
  library: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        file: z.string().regex(/^library\/[\w.-]+$/, 'a file in the demo library folder'),
        name: z.string().min(1).max(200),
      }),
    )
    .default([]),
  replies: z.array(QuickReplyDraftSchema).min(1),
});

export interface DemoQuickReplies {
  replies: QuickReplyDraft[];
  files: { id: string; name: string; bytes: Uint8Array }[];
}

export function demoQuickRepliesPath(resourcesDir: string): string {
  return join(resourcesDir, 'demo', 'quick-replies.json');
}

/** Reads and checks the demo's quick replies and files; a missing or malformed file is one clear error naming it. */
export async function readDemoQuickReplies(resourcesDir: string): Promise<DemoQuickReplies> {
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
  const files = await Promise.all(
    parsed.data.library.map(async (entry) => {
      const path = join(resourcesDir, 'demo', entry.file);
      try {
        return { id: entry.id, name: entry.name, bytes: new Uint8Array(await readFile(path)) };
      } catch (error) {
        throw new Error(`cannot read the demo file ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  // The raw entries: the import parses them again (and applies their defaults) on its way in.
  return {
    replies: (raw as { replies: QuickReplyDraft[] }).replies,
    files: [...files, ...(await productPictures(resourcesDir))],
  };
}

/** The catalogue's pictures (`library/products/<sku>.png`), as library files the catalogue names by sku. */
async function productPictures(resourcesDir: string): Promise<DemoQuickReplies['files']> {
  const dir = join(resourcesDir, 'demo', 'library', 'products');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.png')).sort();
  } catch {
    return []; // a demo without pictures sends products as text
  }
  return Promise.all(
    names.map(async (name) => {
      const sku = name.slice(0, -'.png'.length);
      return { id: productPictureId(sku), name: `${sku}.png`, bytes: new Uint8Array(await readFile(join(dir, name))) };
    }),
  );
}

/**
 * Gives a freshly seeded demo workspace its shop's name, its library files and its quick replies, through the import (so the same
 * checks apply, and every reply is a `quickreply.upserted` event). A reply the import refuses fails the start.
 */
export async function seedDemoQuickReplies(
  store: Store,
  shopName: string,
  demo: DemoQuickReplies,
  log: Log,
): Promise<number> {
  await store.write(async (tx) => {
    await setBusinessName(tx, shopName);
    return { value: null, events: [], actor: 'system' };
  });
  // The files first: the replies that carry them are checked against the library.
  for (const file of demo.files) {
    const added = await addLibraryFile(store, 'system', file.name, file.bytes, file.id);
    if (!added.ok) throw new Error(`invalid demo file ${file.name}: ${added.error}`);
  }
  const imported = await importQuickReplies(store, 'system', demo.replies);
  if (!imported.ok) throw new Error(`invalid demo quick replies: ${imported.error}`);
  log(`demo quick replies loaded: ${imported.value.created}`);
  return imported.value.created;
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { z } from 'zod';
import {
  OrderSummarySchema,
  QuickReplySchema,
  type Business,
  type OrderSummary,
  type QuickReply,
  type QuickReplyDraft,
  type Result,
} from '../../core';
import { readBusiness } from '../db/meta';
import type { ComptoirDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';
import { useServices } from './context';
import { askCommand, mapResult } from './command';

/**
 * Quick replies' commands. Like every settings command they never edit the replica ahead of the gateway: a
 * saved, deleted or imported reply comes back as its `quickreply.upserted` event.
 */
export interface QuickReplyActions {
  /** A refused draft (a malformed template, a taken shortcut) is not saved; the gateway's reason is the error. */
  save(draft: QuickReplyDraft): Promise<Result<QuickReply>>;
  remove(replyId: string): Promise<Result<QuickReply>>;
  /** All or nothing: one invalid entry refuses the whole file, with its index and reason. */
  importDrafts(drafts: readonly unknown[]): Promise<Result<{ created: number; updated: number }>>;
  /** The conversation's customer's latest order, null when the shop knows none. */
  latestOrder(threadId: string): Promise<Result<OrderSummary | null>>;
}

type QuickReplyCommand = 'replies:save' | 'replies:delete' | 'replies:import' | 'orders:latest';

const ReplyOutputSchema = z.object({ reply: QuickReplySchema });
const ImportOutputSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
});
const OrderOutputSchema = z.object({ order: OrderSummarySchema.nullable() });

/** Only a draft's own fields travel: a stored reply's usage and timestamps are the gateway's. */
export function replyDraftOf(reply: QuickReply | QuickReplyDraft): QuickReplyDraft {
  const draft: QuickReplyDraft = {
    shortcut: reply.shortcut,
    title: reply.title,
    variants: reply.variants.map((v) => ({ language: v.language, body: v.body })),
    attachments: reply.attachments ?? [],
    labels: reply.labels ?? [],
    resolve: reply.resolve ?? false,
    ...(reply.whatsapp
      ? {
          whatsapp: {
            name: reply.whatsapp.name,
            language: reply.whatsapp.language,
            parameters: [...reply.whatsapp.parameters],
          },
        }
      : {}),
  };
  return reply.id ? { id: reply.id, ...draft } : draft;
}

export function createQuickReplyActions(sync: Pick<SyncEngine, 'command'>): QuickReplyActions {
  const asked = <T>(name: QuickReplyCommand, input: unknown, schema: z.ZodType<T>): Promise<Result<T>> =>
    askCommand(sync, name, input, schema);
  const map = mapResult;
  return {
    async save(draft) {
      return map(await asked('replies:save', { reply: replyDraftOf(draft) }, ReplyOutputSchema), (v) => v.reply);
    },
    async remove(replyId) {
      return map(await asked('replies:delete', { replyId }, ReplyOutputSchema), (v) => v.reply);
    },
    importDrafts: (drafts) => asked('replies:import', { replies: drafts }, ImportOutputSchema),
    async latestOrder(threadId) {
      return map(await asked('orders:latest', { threadId }, OrderOutputSchema), (v) => v.order);
    },
  };
}

export function useQuickReplyActions(): QuickReplyActions {
  const { sync } = useServices();
  return useMemo(() => createQuickReplyActions(sync), [sync]);
}

/** The replies in use (a deleted one keeps its row with `deletedAt`), by title. */
export async function liveReplies(db: ComptoirDb): Promise<QuickReply[]> {
  const replies = await db.replies.toArray();
  return replies
    .filter((r) => r.deletedAt === undefined)
    .sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
}

/** `undefined` while the first read is under way. */
export function useQuickReplies(): QuickReply[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => liveReplies(db), [db]);
}

/** The shop's name and hours as the last hello gave them; null before any did. */
export function useBusiness(): Business | null {
  const { db } = useServices();
  return useLiveQuery(() => readBusiness(db), [db]) ?? null;
}

/** The replies as drafts, for an export an import reads back. */
export function exportDrafts(replies: readonly QuickReply[]): QuickReplyDraft[] {
  return replies.filter((r) => r.deletedAt === undefined).map(replyDraftOf);
}

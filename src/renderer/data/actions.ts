import { z } from 'zod';
import {
  ChannelStatusSchema,
  MessageSchema,
  MessageTemplateSchema,
  type ChannelStatus,
  type Message,
  type MessageTemplate,
  type Priority,
  type Result,
} from '../../core';
import type { ComptoirDb } from '../db/schema';
import type { SyncEngine, ThreadCommand } from '../sync/engine';
import type { ReplyExtras } from '../sync/outbox';
import { parseValue, type CommandName } from '../sync/wire';

export type { ReplyExtras } from '../sync/outbox';

export interface InboxActions {
  /**
   * Writes the message (pending) and its outbox entry in one transaction; never throws for offline. A quote or a
   * template travels in the outbox entry, so a reply queued offline keeps them.
   */
  send(threadId: string, text: string, extras?: ReplyExtras): Promise<void>;
  resolve(threadId: string): Promise<Result<unknown>>;
  reopen(threadId: string): Promise<Result<unknown>>;
  assign(threadId: string, agentId: string | null): Promise<Result<unknown>>;
  /** Best effort; offline: no-op. */
  markRead(threadId: string): Promise<void>;
  /** The agent's reaction on a message; an empty emoji removes it. */
  react(messageId: string, emoji: string): Promise<Result<Message>>;
  /** Each channel's connection state, for the settings screen. */
  channelStatus(): Promise<Result<ChannelStatus[]>>;
  /** The approved templates usable in this thread (its channel's account). */
  templates(threadId: string): Promise<Result<MessageTemplate[]>>;
  /** Adds or removes a label; `fromSuggestion` when the agent accepted the classifier's suggestion of it. */
  label(threadId: string, labelId: string, op: 'add' | 'remove', fromSuggestion?: boolean): Promise<Result<unknown>>;
  /** Drops the classifier's suggestion of a label without applying it. */
  dismissSuggestion(threadId: string, labelId: string): Promise<Result<unknown>>;
  setPriority(threadId: string, priority: Priority): Promise<Result<unknown>>;
  setSpam(threadId: string, spam: boolean): Promise<Result<unknown>>;
}

const ReactOutputSchema = z.object({ message: MessageSchema });
const ChannelsOutputSchema = z.object({ channels: z.array(ChannelStatusSchema) });
const TemplatesOutputSchema = z.object({ templates: z.array(MessageTemplateSchema) });

type Ask = (name: CommandName, input: unknown) => Promise<Result<unknown>>;

/**
 * Thread commands go to the gateway and come back as events like any other change: the replica is never
 * edited ahead of the gateway for them, so a refused command leaves nothing to undo.
 */
export function createInboxActions(db: ComptoirDb, sync: SyncEngine): InboxActions {
  const ask: Ask = (name, input) => sync.command(name as ThreadCommand, input);
  const asked = async <T>(name: CommandName, input: unknown, schema: z.ZodType<T>): Promise<Result<T>> =>
    parseValue(await ask(name, input), schema, name);
  return {
    send: (threadId, text, extras) => sync.send(threadId, text, extras),
    resolve: (threadId) => sync.command('thread:resolve', { threadId }),
    reopen: (threadId) => sync.command('thread:reopen', { threadId }),
    assign: (threadId, agentId) => sync.command('thread:assign', { threadId, assigneeId: agentId }),
    label: (threadId, labelId, op, fromSuggestion = false) =>
      sync.command('thread:label', { threadId, labelId, op, fromSuggestion }),
    dismissSuggestion: (threadId, labelId) => sync.command('thread:dismiss-suggestion', { threadId, labelId }),
    setPriority: (threadId, priority) => sync.command('thread:priority', { threadId, priority }),
    setSpam: (threadId, spam) => sync.command('thread:spam', { threadId, spam }),
    async markRead(threadId) {
      if (sync.status !== 'online') return;
      try {
        // Opening a conversation marks it read; most are read already, so skip the round trip for those.
        const thread = await db.threads.get(threadId);
        if (thread && thread.unreadCount > 0) await sync.command('thread:read', { threadId });
      } catch {
        // best effort: the unread count stays until the next read
      }
    },
    async react(messageId, emoji) {
      const result = await asked('message:react', { messageId, emoji }, ReactOutputSchema);
      return result.ok ? { ok: true, value: result.value.message } : result;
    },
    async channelStatus() {
      // `channels:status` takes no input; the gateway ignores the placeholder.
      const result = await asked('channels:status', {}, ChannelsOutputSchema);
      return result.ok ? { ok: true, value: result.value.channels } : result;
    },
    async templates(threadId) {
      const result = await asked('templates:list', { threadId }, TemplatesOutputSchema);
      return result.ok ? { ok: true, value: result.value.templates } : result;
    },
  };
}

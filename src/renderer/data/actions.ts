import type { Result } from '../../core';
import type { ComptoirDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';

export interface InboxActions {
  /** Writes the message (pending) and its outbox entry in one transaction; never throws for offline. */
  send(threadId: string, text: string): Promise<void>;
  resolve(threadId: string): Promise<Result<unknown>>;
  reopen(threadId: string): Promise<Result<unknown>>;
  assign(threadId: string, agentId: string | null): Promise<Result<unknown>>;
  /** Best effort; offline: no-op. */
  markRead(threadId: string): Promise<void>;
}

/**
 * Thread commands go to the gateway and come back as events like any other change: the replica is never
 * edited ahead of the gateway for them, so a refused command leaves nothing to undo.
 */
export function createInboxActions(db: ComptoirDb, sync: SyncEngine): InboxActions {
  return {
    send: (threadId, text) => sync.send(threadId, text),
    resolve: (threadId) => sync.command('thread:resolve', { threadId }),
    reopen: (threadId) => sync.command('thread:reopen', { threadId }),
    assign: (threadId, agentId) => sync.command('thread:assign', { threadId, assigneeId: agentId }),
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
  };
}

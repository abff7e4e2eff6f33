import { reduceBatch, type SyncEvent } from '../../core';
import { cursorOf } from '../db/meta';
import type { ComptoirDb } from '../db/schema';

/**
 * Writes a batch of events and the new cursor in one transaction: after a crash the replica holds either the
 * whole batch with its cursor or neither, so a replay from the stored cursor is always correct.
 *
 * The hot path of a catch-up (benchmarked against raw bulkPut): one fold in memory, one bulkPut per table, one
 * read and one write of the cursor per batch, never a read per event.
 *
 * The stored cursor is re-read inside the transaction because another tab may share this database and have
 * applied further: events at or below it are skipped, so an older snapshot never overwrites a newer one.
 * Returns the cursor the replica now holds.
 */
export async function applyEvents(db: ComptoirDb, events: readonly SyncEvent[], cursor: number): Promise<number> {
  if (events.length === 0) return cursor;
  const tables = [db.threads, db.messages, db.contacts, db.labels, db.activity, db.replies, db.meta];
  return db.transaction('rw', tables, async () => {
    const stored = cursorOf((await db.meta.get('cursor'))?.value);
    const from = Math.max(cursor, stored);
    const batch = reduceBatch(events, from);
    if (batch.lastSeq === from) return from;
    const writes: Promise<unknown>[] = [db.meta.put({ key: 'cursor', value: batch.lastSeq })];
    if (batch.contacts.length > 0) writes.push(db.contacts.bulkPut(batch.contacts));
    if (batch.threads.length > 0) writes.push(db.threads.bulkPut(batch.threads));
    if (batch.messages.length > 0) writes.push(db.messages.bulkPut(batch.messages));
    if (batch.labels.length > 0) writes.push(db.labels.bulkPut(batch.labels));
    if (batch.activity.length > 0) writes.push(db.activity.bulkPut(batch.activity));
    if (batch.replies.length > 0) writes.push(db.replies.bulkPut(batch.replies));
    await Promise.all(writes);
    return batch.lastSeq;
  });
}

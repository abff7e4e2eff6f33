import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComptoirDb } from '../../../src/renderer/db/schema';
import {
  queuedCount,
  threadList,
  threadMessages,
  threadWithContact,
  unreadTotal,
  viewCounts,
} from '../../../src/renderer/data/queries';
import { contact, freshDb, inbound, thread } from '../sync/fixtures';

let db: ComptoirDb;
beforeEach(async () => {
  db = freshDb();
  await db.meta.put({ key: 'agent', value: { id: 'me', name: 'Camille', role: 'agent' } });
  await db.threads.bulkPut([
    thread('mine-old', { assigneeId: 'me', lastMessageAt: 100, unreadCount: 1 }),
    thread('mine-new', { assigneeId: 'me', lastMessageAt: 500, unreadCount: 2 }),
    thread('theirs', { assigneeId: 'other', lastMessageAt: 300 }),
    thread('nobody', { lastMessageAt: 400, unreadCount: 4 }),
    thread('nobody-old', { lastMessageAt: 50 }),
    thread('done', { status: 'resolved', assigneeId: 'me', lastMessageAt: 600, unreadCount: 9 }),
    thread('done-old', { status: 'resolved', lastMessageAt: 10 }),
  ]);
  await db.contacts.bulkPut([contact('c-mine-new', { name: 'Inès' }), contact('c-nobody', { name: 'Tom' })]);
});
afterEach(async () => {
  await db.delete();
});

const ids = (items: Array<{ thread: { id: string } }>) => items.map((i) => i.thread.id);

describe('inbox queries', () => {
  it('lists each view newest first', async () => {
    expect(ids(await threadList(db, 'all'))).toEqual(['mine-new', 'nobody', 'theirs', 'mine-old', 'nobody-old']);
    expect(ids(await threadList(db, 'mine'))).toEqual(['mine-new', 'mine-old']);
    expect(ids(await threadList(db, 'unassigned'))).toEqual(['nobody', 'nobody-old']);
    expect(ids(await threadList(db, 'resolved'))).toEqual(['done', 'done-old']);
  });

  it('joins each thread with its contact when the replica has it', async () => {
    const [first, second] = await threadList(db, 'unassigned');
    expect(first?.contact?.name).toBe('Tom');
    expect(second?.contact).toBeUndefined();
  });

  it('counts the views', async () => {
    expect(await viewCounts(db)).toEqual({ all: 5, mine: 2, unassigned: 2, resolved: 2 });
  });

  it('has an empty "mine" before any agent is known', async () => {
    await db.meta.delete('agent');
    expect(await threadList(db, 'mine')).toEqual([]);
    expect((await viewCounts(db)).mine).toBe(0);
  });

  it('sums unread messages of open threads only', async () => {
    expect(await unreadTotal(db)).toBe(7);
  });

  it('reads one thread with its contact, or null', async () => {
    expect(await threadWithContact(db, 'mine-new')).toMatchObject({
      thread: { id: 'mine-new' },
      contact: { name: 'Inès' },
    });
    expect(await threadWithContact(db, 'missing')).toBeNull();
  });

  it("lists a thread's messages oldest first, and nothing from other threads", async () => {
    await db.messages.bulkPut([
      inbound('b', 'nobody', { ts: 300 }),
      inbound('a', 'nobody', { ts: 100 }),
      inbound('x', 'theirs', { ts: 200 }),
      inbound('c', 'nobody', { ts: 200 }),
    ]);
    expect((await threadMessages(db, 'nobody')).map((m) => m.id)).toEqual(['a', 'c', 'b']);
  });

  it('counts queued replies', async () => {
    await db.outbox.add({ clientId: 'c1234567', threadId: 't', text: 'x', createdAt: 1, attempts: 0, lastError: null });
    expect(await queuedCount(db)).toBe(1);
  });
});

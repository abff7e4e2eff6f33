import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Label } from '../../../src/core';
import {
  inboxCounts,
  labelView,
  liveLabels,
  priorityFirst,
  threadActivity,
  threadList,
  viewCounts,
} from '../../../src/renderer/data/queries';
import type { ComptoirDb } from '../../../src/renderer/db/schema';
import { inView, type InboxView } from '../../../src/renderer/features/inbox/model';
import { freshDb, thread } from '../sync/fixtures';

const label = (id: string, over: Partial<Label> = {}): Label => ({
  id,
  name: id,
  color: 'blue',
  description: '',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

let db: ComptoirDb;
beforeEach(async () => {
  db = freshDb();
  await db.meta.put({ key: 'agent', value: { id: 'me', name: 'Camille', role: 'agent' } });
  await db.labels.bulkPut([
    label('refund', { name: 'Refund', color: 'red' }),
    label('wholesale', { name: 'Wholesale', color: 'teal' }),
    label('old', { name: 'Old', deletedAt: 5 }),
  ]);
  await db.threads.bulkPut([
    thread('plain-new', { lastMessageAt: 900 }),
    thread('urgent-old', { lastMessageAt: 100, priority: 'urgent', labels: ['refund'] }),
    thread('high-mid', { lastMessageAt: 500, priority: 'high', assigneeId: 'me' }),
    thread('urgent-new', { lastMessageAt: 300, priority: 'urgent' }),
    thread('low', { lastMessageAt: 800, priority: 'low', labels: ['refund', 'old', 'wholesale'] }),
    thread('mine-plain', { lastMessageAt: 700, assigneeId: 'me', labels: ['wholesale'] }),
    thread('spam-open', { lastMessageAt: 1000, spam: true, priority: 'urgent', labels: ['refund'] }),
    thread('spam-done', { lastMessageAt: 50, status: 'resolved', spam: true }),
    thread('done', { lastMessageAt: 600, status: 'resolved', labels: ['refund'] }),
  ]);
});
afterEach(async () => {
  await db.delete();
});

const ids = (items: Array<{ thread: { id: string } }>) => items.map((i) => i.thread.id);

describe('priority', () => {
  it('lists urgent, then high, then the rest, each newest first, with nothing twice', async () => {
    expect(ids(await threadList(db, 'all'))).toEqual([
      'urgent-new',
      'urgent-old',
      'high-mid',
      'plain-new',
      'low',
      'mine-plain',
    ]);
    expect(ids(await threadList(db, 'mine'))).toEqual(['high-mid', 'mine-plain']);
    expect(ids(await threadList(db, 'unassigned'))).toEqual(['urgent-new', 'urgent-old', 'plain-new', 'low']);
  });

  it('keeps an already ordered list as it is when nothing is raised', () => {
    const list = [thread('a', { lastMessageAt: 3 }), thread('b', { lastMessageAt: 2, priority: 'low' })];
    expect(priorityFirst(list)).toEqual(list);
  });

  it('leaves the resolved view newest first', async () => {
    await db.threads.put(thread('done-urgent', { lastMessageAt: 10, status: 'resolved', priority: 'urgent' }));
    expect(ids(await threadList(db, 'resolved'))).toEqual(['done', 'done-urgent']);
  });
});

describe('spam', () => {
  it('is out of every view but Spam, which lists it open or resolved', async () => {
    for (const view of ['all', 'mine', 'unassigned', 'resolved', labelView('refund')] as InboxView[]) {
      const listed = ids(await threadList(db, view));
      expect(listed).not.toContain('spam-open');
      expect(listed).not.toContain('spam-done');
    }
    expect(ids(await threadList(db, 'spam'))).toEqual(['spam-open', 'spam-done']);
  });

  it('is not counted in the open views', async () => {
    expect(await viewCounts(db)).toEqual({ all: 6, mine: 2, unassigned: 4, resolved: 2 });
  });
});

describe('labels', () => {
  it("lists a label's open, non-spam conversations, urgent first", async () => {
    expect(ids(await threadList(db, labelView('refund')))).toEqual(['urgent-old', 'low']);
    expect(ids(await threadList(db, labelView('wholesale')))).toEqual(['low', 'mine-plain']);
    expect(await threadList(db, labelView('nobody-has-it'))).toEqual([]);
  });

  it('joins each row with its live labels in the order applied, leaving a deleted one out', async () => {
    const low = (await threadList(db, 'all')).find((i) => i.thread.id === 'low');
    expect(low?.labels?.map((l) => l.name)).toEqual(['Refund', 'Wholesale']);
    const plain = (await threadList(db, 'all')).find((i) => i.thread.id === 'plain-new');
    expect(plain?.labels).toBeUndefined();
  });

  it('counts open, non-spam conversations per live label', async () => {
    const counts = await inboxCounts(db);
    expect(counts.labels).toEqual({ refund: 2, wholesale: 2 });
    await db.threads.update('done', { status: 'open' });
    await db.threads.update('spam-open', { spam: false });
    expect((await inboxCounts(db)).labels).toEqual({ refund: 4, wholesale: 2 });
  });

  it('offers only live labels, by name', () => {
    const labels = [label('b', { name: 'Wholesale' }), label('x', { name: 'Gone', deletedAt: 1 }), label('a')];
    expect(liveLabels(labels).map((l) => l.id)).toEqual(['a', 'b']);
  });

  it('agrees with inView, which keeps the selection right when a view changes', async () => {
    const all = await db.threads.toArray();
    for (const view of ['all', 'mine', 'unassigned', 'resolved', 'spam', labelView('refund')] as InboxView[]) {
      const expected = all
        .filter((t) => inView(t, view, 'me'))
        .map((t) => t.id)
        .sort();
      expect(ids(await threadList(db, view)).sort()).toEqual(expected);
    }
  });
});

describe('history', () => {
  it("reads one thread's activity in log order", async () => {
    await db.activity.bulkPut([
      {
        seq: 9,
        threadId: 'low',
        at: 9,
        actor: 'me',
        change: { kind: 'resolved' },
        cause: { kind: 'agent', agentId: 'me' },
      },
      {
        seq: 3,
        threadId: 'low',
        at: 3,
        actor: 'x',
        change: { kind: 'spam', spam: true },
        cause: { kind: 'agent', agentId: 'x' },
      },
      {
        seq: 5,
        threadId: 'other',
        at: 5,
        actor: 'x',
        change: { kind: 'resolved' },
        cause: { kind: 'agent', agentId: 'x' },
      },
    ]);
    expect((await threadActivity(db, 'low')).map((r) => r.seq)).toEqual([3, 9]);
  });
});

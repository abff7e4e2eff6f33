import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { ComptoirDb, SCHEMA_VERSIONS } from '../../../src/renderer/db/schema';
import {
  inboxCounts,
  labelView,
  threadActivity,
  threadList,
  threadMessages,
  unreadTotal,
  viewCounts,
} from '../../../src/renderer/data/queries';
import { inbound, label, thread } from '../sync/fixtures';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

it('upgrades a version 1 replica to the latest version keeping every row, and the new indexes answer', async () => {
  const name = `test-${crypto.randomUUID()}`;
  names.push(name);
  const v1 = SCHEMA_VERSIONS[0];
  const old = new Dexie(name);
  old.version(v1.version).stores(v1.stores);
  const rows = [
    thread('t1', { assigneeId: 'agent-1', unreadCount: 2 }),
    thread('t2', { unreadCount: 3 }),
    thread('t3', { status: 'resolved', unreadCount: 5 }),
  ];
  await old.table('threads').bulkPut(rows);
  const messages = [inbound('m2', 't1', { ts: 20 }), inbound('m1', 't1', { ts: 10 }), inbound('m3', 't2', { ts: 15 })];
  await old.table('messages').bulkPut(messages);
  await old.table('meta').bulkPut([
    { key: 'cursor', value: 42 },
    { key: 'agent', value: { id: 'agent-1', name: 'Camille', role: 'agent' } },
  ]);
  old.close();

  const db = new ComptoirDb(name);
  await db.open();
  expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
  expect(await db.threads.orderBy('id').toArray()).toEqual(rows);
  expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 42 });
  expect(await viewCounts(db)).toEqual({ all: 2, mine: 1, unassigned: 1, resolved: 1 });
  expect(await unreadTotal(db)).toBe(5);
  expect((await threadMessages(db, 't1')).map((m) => m.id)).toEqual(['m1', 'm2']);
  expect(await db.messages.count()).toBe(3);
  db.close();
});

it('upgrades a version 2 replica to the latest: threads survive, labels and history tables and indexes work', async () => {
  const name = `test-${crypto.randomUUID()}`;
  names.push(name);
  const old = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 2)) old.version(version).stores(stores);
  const rows = [
    thread('t1', { assigneeId: 'agent-1', lastMessageAt: 10 }),
    // Stored by a build that already knew labels, before the replica had the tables and indexes for them.
    thread('t2', { lastMessageAt: 20, labels: ['refund'], priority: 'urgent' }),
    thread('t3', { status: 'resolved', lastMessageAt: 30 }),
  ];
  await old.table('threads').bulkPut(rows);
  await old.table('messages').bulkPut([inbound('m1', 't1', { ts: 10 })]);
  old.close();

  const db = new ComptoirDb(name);
  await db.open();
  expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
  expect(await db.threads.orderBy('id').toArray()).toEqual(rows);
  expect(await db.labels.count()).toBe(0);
  expect(await db.activity.count()).toBe(0);

  await db.labels.put(label('refund', { name: 'Refund' }));
  await db.activity.put({
    seq: 1,
    threadId: 't2',
    at: 20,
    actor: 'system',
    change: { kind: 'priority', priority: 'urgent' },
    cause: { kind: 'rule', ruleId: 'r1', ruleName: 'Angry' },
  });
  expect((await threadList(db, 'all')).map((i) => i.thread.id)).toEqual(['t2', 't1']);
  expect((await threadList(db, labelView('refund'))).map((i) => i.thread.id)).toEqual(['t2']);
  expect(await db.threads.where('labels').equals('refund').primaryKeys()).toEqual(['t2']);
  expect((await inboxCounts(db)).labels).toEqual({ refund: 1 });
  expect((await threadActivity(db, 't2')).map((r) => r.seq)).toEqual([1]);
  expect(await threadMessages(db, 't1')).toHaveLength(1);
  db.close();
});

it('upgrades a version 3 replica to version 4: everything stays, and quick replies get their table', async () => {
  const name = `test-${crypto.randomUUID()}`;
  names.push(name);
  const old = new Dexie(name);
  for (const { version, stores } of SCHEMA_VERSIONS.filter((v) => v.version <= 3)) old.version(version).stores(stores);
  const rows = [thread('t1', { labels: ['refund'] })];
  await old.table('threads').bulkPut(rows);
  await old.table('labels').bulkPut([label('refund')]);
  await old.table('meta').bulkPut([{ key: 'cursor', value: 7 }]);
  old.close();

  const db = new ComptoirDb(name);
  await db.open();
  expect(db.verno).toBe(4);
  expect(await db.threads.toArray()).toEqual(rows);
  expect(await db.labels.count()).toBe(1);
  expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 7 });
  expect(await db.replies.count()).toBe(0);
  const reply = {
    id: 'qr1',
    shortcut: 'bonjour',
    title: 'Greeting',
    variants: [{ language: 'fr' as const, body: 'Bonjour' }],
    attachments: [],
    labels: [],
    resolve: false,
    usage: {},
    createdAt: 1,
    updatedAt: 1,
  };
  await db.replies.put(reply);
  expect(await db.replies.get('qr1')).toEqual(reply);
  db.close();
});

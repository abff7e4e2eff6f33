import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BUSINESS_HOURS,
  parseTemplate,
  renderTemplate,
  type Agent,
  type Message,
  type OrderSummary,
  type QuickReply,
  type QuickReplyDraft,
  type Result,
  type SyncEvent,
  type TemplateValues,
  type Thread,
} from '../../../src/core';
import { ensureOwner, OWNER_ID } from '../../../src/gateway/auth';
import { readDemoQuickReplies } from '../../../src/gateway/demo/quick-replies-file';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import { socketCommands } from '../../../src/gateway/realtime/commands';
import { readBusiness, setBusinessName } from '../../../src/gateway/replies/context';
import { deleteQuickReply } from '../../../src/gateway/replies/replies';
import { Sorting } from '../../../src/gateway/sorting/service';
import { saveOrder } from '../../../src/gateway/store/commerce';
import { readEvents } from '../../../src/gateway/store/events';
import { getQuickReply } from '../../../src/gateway/store/quick-replies';
import type { Store } from '../../../src/gateway/store/store';
import { getThread, saveThread } from '../../../src/gateway/store/threads';
import { countRows, openTestStore, valueOf } from '../helpers';

const RESOURCES = join(__dirname, '..', '..', '..', 'resources');
const OWNER: Agent = { id: OWNER_ID, name: 'You', role: 'admin' };
const AGENT: Agent = { id: 'agent_plain', name: 'Léa', role: 'agent' };
const START = Date.UTC(2026, 10, 18, 10, 0);

const draft = (shortcut: string, extra: Partial<QuickReplyDraft> = {}): QuickReplyDraft => ({
  shortcut,
  title: `Title of ${shortcut}`,
  variants: [
    { language: 'fr', body: `Bonjour {{contact.first_name | "à vous"}}, commande {{order.number}} (${shortcut})` },
    { language: 'en', body: `Hi {{contact.first_name | "there"}}, order {{order.number}} (${shortcut})` },
  ],
  ...extra,
});

describe('quick replies on the gateway', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let inbox: Inbox;
  let commands: ReturnType<typeof socketCommands>;
  let clock = START;
  let ingested = 0;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(() => clock));
    await ensureOwner(store, 'You');
    const sorting = await Sorting.open(store, RESOURCES, () => {});
    inbox = new Inbox(store, () => {});
    inbox.sortWith((tx, input) => sorting.sort(tx, input));
    commands = socketCommands(
      inbox,
      { status: async () => [], templates: async () => ({ ok: true, value: [] }) },
      sorting,
    );
  });
  afterAll(() => dispose());

  const run = <T>(name: keyof typeof commands, input: unknown, agent: Agent = OWNER) =>
    commands[name](agent, input) as Promise<Result<T>>;
  const save = async (reply: QuickReplyDraft, agent: Agent = OWNER) =>
    run<{ reply: QuickReply }>('replies:save', { reply }, agent);
  const eventsAfter = async (seq: number) => readEvents(store.sql, seq, 1000);
  const head = () => countRows(store, 'events');
  const newThread = async (from: string): Promise<Thread> => {
    ingested += 1;
    const { thread } = await inbox.ingest({
      provider: 'sandbox',
      providerMessageId: `qr-${ingested}`,
      channel: 'whatsapp',
      handle: from,
      name: 'Camille Martin',
      locale: 'fr',
      text: 'Bonjour',
      ts: clock,
    });
    return thread;
  };
  const send = (threadId: string, clientId: string, quickReplyId?: string, agent: Agent = OWNER) =>
    run<{ message: Message }>(
      'message:send',
      { threadId, clientId, text: 'Bonjour Camille', ...(quickReplyId && { quickReplyId }) },
      agent,
    );

  it('saves a new reply with its event, and an edit keeps its id, creation and usage', async () => {
    const before = await head();
    const created = valueOf(await save(draft('Suivi', { labels: ['lbl_delivery'] }))).reply;
    expect(created).toMatchObject({
      id: expect.stringMatching(/^qr_/),
      shortcut: 'suivi',
      attachments: [],
      labels: ['lbl_delivery'],
      resolve: false,
      usage: {},
      createdAt: START,
      updatedAt: START,
    });
    expect(created.deletedAt).toBeUndefined();
    const events = await eventsAfter(before);
    expect(events).toEqual([
      expect.objectContaining({ type: 'quickreply.upserted', reply: created, actor: `agent:${OWNER_ID}` }),
    ]);

    clock += 1000;
    const edited = valueOf(await save({ ...draft('suivi'), id: created.id, title: 'Tracking' }, AGENT)).reply;
    expect(edited).toMatchObject({ id: created.id, title: 'Tracking', createdAt: START, updatedAt: START + 1000 });
    expect(await getQuickReply(store.sql, created.id)).toEqual(edited);
    // Saving it unchanged writes nothing.
    const unchanged = await head();
    expect(valueOf(await save({ ...draft('suivi'), id: created.id, title: 'Tracking' })).reply).toEqual(edited);
    expect(await head()).toBe(unchanged);
  });

  it('refuses a malformed template with the variant and the position of the error, writing nothing', async () => {
    const before = await head();
    const bad = draft('bad', {
      variants: [
        { language: 'en', body: 'Hello' },
        { language: 'fr', body: 'Merci\nà {{x}}' },
      ],
    });
    const result = await save(bad);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^variant fr: line 2, column 5: unknown variable “x” \(known: contact\.first_name/),
    });
    expect(await save(draft('bad2', { variants: [{ language: 'en', body: 'Hi {{contact.name' }] }))).toEqual({
      ok: false,
      error: 'variant en: line 1, column 4: “{{” is never closed with “}}”',
    });
    expect(await save(draft('bad3', { variants: [] }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid input: /),
    });
    expect(await head()).toBe(before);
  });

  it('keeps shortcuts unique among live replies; a deleted reply frees its shortcut', async () => {
    const delivery = valueOf(await save(draft('livraison', { title: 'Delivery times' }))).reply;
    expect(await save(draft('LIVRAISON '))).toEqual({
      ok: false,
      error: 'the shortcut /livraison is already used by “Delivery times”',
    });
    const other = valueOf(await save(draft('liv'))).reply;
    expect(await save({ ...draft('livraison'), id: other.id })).toMatchObject({ ok: false });

    const before = await head();
    clock += 1000;
    const deleted = valueOf(await run<{ reply: QuickReply }>('replies:delete', { replyId: delivery.id })).reply;
    expect(deleted).toMatchObject({ id: delivery.id, deletedAt: clock, updatedAt: clock });
    expect(await eventsAfter(before)).toEqual([
      expect.objectContaining({ type: 'quickreply.upserted', reply: deleted }),
    ]);
    // The row stays, deleted; editing or deleting it again is refused.
    expect(await getQuickReply(store.sql, delivery.id)).toEqual(deleted);
    expect(await deleteQuickReply(store, OWNER_ID, delivery.id)).toEqual({ ok: false, error: 'unknown quick reply' });
    expect(await save({ ...draft('livraison'), id: delivery.id })).toEqual({ ok: false, error: 'unknown quick reply' });
    expect(await run('replies:delete', { replyId: 'qr_nope' })).toEqual({ ok: false, error: 'unknown quick reply' });
    // Its shortcut is free again.
    expect(valueOf(await save(draft('livraison', { title: 'Delivery, again' }))).reply.shortcut).toBe('livraison');
  });

  it('refuses labels that do not exist or were deleted', async () => {
    expect(await save(draft('lbl', { labels: ['lbl_nope'] }))).toEqual({ ok: false, error: 'unknown label lbl_nope' });
    const { label } = valueOf(await run<{ label: { id: string } }>('labels:create', { name: 'Gone', color: 'red' }));
    valueOf(await run('labels:delete', { labelId: label.id }));
    expect(await save(draft('lbl', { labels: [label.id] }))).toEqual({
      ok: false,
      error: `unknown label ${label.id}`,
    });
  });

  it('imports all or nothing: the first bad entry refuses the file, named by its index', async () => {
    const before = await head();
    const rows = await countRows(store, 'quick_replies');
    const bad = draft('imp-c', { variants: [{ language: 'en', body: 'Hi {{order.numbr}}' }] });
    expect(await run('replies:import', { replies: [draft('imp-a'), draft('imp-b'), bad] })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^replies\[2\] \(\/imp-c\): variant en: line 1, column 6: unknown variable “order\.numbr”/,
      ),
    });
    expect(await run('replies:import', { replies: [draft('imp-a'), draft('imp-b'), draft('Imp-A')] })).toEqual({
      ok: false,
      error: 'replies[2] (/imp-a): the shortcut is already used by replies[0]',
    });
    expect(await run('replies:import', { replies: [draft('imp-a', { labels: ['lbl_ghost'] })] })).toEqual({
      ok: false,
      error: 'replies[0] (/imp-a): unknown label lbl_ghost',
    });
    expect(await run('replies:import', { replies: [] })).toMatchObject({ ok: false });
    expect(await head()).toBe(before);
    expect(await countRows(store, 'quick_replies')).toBe(rows);
  });

  it('imports by shortcut: a live reply with it is updated (its usage kept), any other entry is created', async () => {
    const existing = valueOf(await save(draft('import-me'))).reply;
    const thread = await newThread('+33600000001');
    valueOf(await send(thread.id, 'client-import-use-1', existing.id));
    const before = await head();
    clock += 1000;
    const entries = [draft('import-me', { title: 'Updated by import' }), draft('import-new-1'), draft('import-new-2')];
    expect(valueOf(await run('replies:import', { replies: entries }, AGENT))).toEqual({ created: 2, updated: 1 });
    const events = await eventsAfter(before);
    expect(events.map((e) => e.type)).toEqual(['quickreply.upserted', 'quickreply.upserted', 'quickreply.upserted']);
    expect(events.every((e) => e.actor === `agent:${AGENT.id}`)).toBe(true);
    const updated = await getQuickReply(store.sql, existing.id);
    expect(updated).toMatchObject({
      title: 'Updated by import',
      usage: { [OWNER_ID]: { count: 1 } },
      createdAt: existing.createdAt,
    });
    // The same file again changes nothing.
    const after = await head();
    expect(valueOf(await run('replies:import', { replies: entries }))).toEqual({ created: 0, updated: 0 });
    expect(await head()).toBe(after);
  });

  it('stores and returns the WhatsApp template mapping, saved or imported, and drops it when removed', async () => {
    const whatsapp: QuickReplyDraft['whatsapp'] = {
      name: 'order_update',
      language: 'fr',
      parameters: ['contact.first_name', 'order.number'],
    };
    const created = valueOf(await save(draft('wa-map', { whatsapp }))).reply;
    expect(created.whatsapp).toEqual(whatsapp);
    expect((await getQuickReply(store.sql, created.id))?.whatsapp).toEqual(whatsapp);
    const bad = { ...whatsapp!, parameters: ['contact.age'] } as unknown as QuickReplyDraft['whatsapp'];
    expect(await save(draft('wa-bad', { whatsapp: bad }))).toMatchObject({ ok: false });
    clock += 1000;
    const changed: QuickReplyDraft['whatsapp'] = { ...whatsapp!, parameters: ['order.number'] };
    expect(valueOf(await save({ ...draft('wa-map'), id: created.id, whatsapp: changed })).reply.whatsapp).toEqual(
      changed,
    );
    clock += 1000;
    const removed = valueOf(await save({ ...draft('wa-map'), id: created.id })).reply;
    expect(removed.whatsapp).toBeUndefined();
    expect((await getQuickReply(store.sql, created.id))?.whatsapp).toBeUndefined();
    clock += 1000;
    expect(valueOf(await run('replies:import', { replies: [draft('wa-map', { whatsapp })] }))).toEqual({
      created: 0,
      updated: 1,
    });
    expect((await getQuickReply(store.sql, created.id))?.whatsapp).toEqual(whatsapp);
  });

  it('counts an agent’s use once per client id, and applies the reply’s labels and "resolve" with the message', async () => {
    const { label } = valueOf(
      await run<{ label: { id: string } }>('labels:create', { name: 'Soon gone', color: 'blue' }),
    );
    const reply = valueOf(
      await save(draft('resolve-me', { labels: ['lbl_delivery', 'lbl_order', label.id], resolve: true })),
    ).reply;
    valueOf(await run('labels:delete', { labelId: label.id }));
    const thread = await newThread('+33600000002');
    await store.write(async (tx) => {
      await saveThread(tx, { ...thread, labels: ['lbl_order'] });
      return { value: null, events: [], actor: 'system' };
    });
    const before = await head();
    clock += 60_000;
    const sent = valueOf(await send(thread.id, 'client-resolve-1', reply.id, AGENT)).message;
    expect(sent).toMatchObject({ text: 'Bonjour Camille', status: 'pending' });
    const events = (await eventsAfter(before)) as SyncEvent[];
    const cause = { kind: 'agent', agentId: AGENT.id };
    expect(events.map((e) => e.type)).toEqual([
      'message.added',
      'quickreply.upserted',
      'thread.activity',
      'thread.activity',
      'thread.upserted',
    ]);
    expect(events[2]).toMatchObject({
      threadId: thread.id,
      change: { kind: 'label.added', labelId: 'lbl_delivery' },
      cause,
    });
    expect(events[3]).toMatchObject({ threadId: thread.id, change: { kind: 'resolved' }, cause });
    const stored = await getThread(store.sql, thread.id);
    expect(stored).toMatchObject({ status: 'resolved', labels: ['lbl_order', 'lbl_delivery'], unreadCount: 0 });
    expect(events[4]).toMatchObject({ thread: stored });
    const used = await getQuickReply(store.sql, reply.id);
    expect(used?.usage).toEqual({ [AGENT.id]: { count: 1, lastUsedAt: clock } });
    expect(events[1]).toMatchObject({ reply: used });

    // The same send again (a retry): nothing counted twice, nothing appended.
    const again = await head();
    clock += 1000;
    expect(valueOf(await send(thread.id, 'client-resolve-1', reply.id, AGENT)).message.id).toBe(sent.id);
    expect(await head()).toBe(again);
    expect((await getQuickReply(store.sql, reply.id))?.usage).toEqual({
      [AGENT.id]: { count: 1, lastUsedAt: clock - 1000 },
    });

    // Another send counts again, per agent; labels already there and a resolved thread add no history.
    valueOf(await send(thread.id, 'client-resolve-2', reply.id, AGENT));
    valueOf(await send(thread.id, 'client-resolve-3', reply.id, OWNER));
    expect((await getQuickReply(store.sql, reply.id))?.usage).toEqual({
      [AGENT.id]: { count: 2, lastUsedAt: clock },
      [OWNER_ID]: { count: 1, lastUsedAt: clock },
    });
    const later = (await eventsAfter(again)).map((e) => e.type);
    expect(later.filter((t) => t === 'thread.activity')).toEqual([]);
  });

  it('sends the message anyway for an unknown or deleted quick reply, without extras', async () => {
    const reply = valueOf(await save(draft('deleted-one', { labels: ['lbl_refund'], resolve: true }))).reply;
    valueOf(await run('replies:delete', { replyId: reply.id }));
    const thread = await newThread('+33600000003');
    for (const [clientId, replyId] of [
      ['client-ghost-1', 'qr_ghost'],
      ['client-ghost-2', reply.id],
    ] as const) {
      const before = await head();
      valueOf(await send(thread.id, clientId, replyId));
      expect((await eventsAfter(before)).map((e) => e.type)).toEqual(['message.added', 'thread.upserted']);
    }
    expect(await getThread(store.sql, thread.id)).toMatchObject({ status: 'open' });
    expect((await getQuickReply(store.sql, reply.id))?.usage).toEqual({});
    expect(
      await run('message:send', { threadId: thread.id, clientId: 'client-ghost-3', text: 'x', quickReplyId: '' }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('answers orders:latest with the customer’s most recent order, or null', async () => {
    const thread = await newThread('+33600000004');
    const none = await newThread('+33600000005');
    const order = (number: string, createdAt: number, trackingUrl: string | null) =>
      saveOrder(store.sql, {
        number,
        contactId: thread.contactId,
        status: 'shipped',
        createdAt,
        items: [{ sku: 'MUG', quantity: 1, unitPrice: 12.5 }],
        total: 12.5,
        currency: 'EUR',
        trackingUrl,
      });
    await order('2001', START - 10_000, null);
    await order('2002', START - 5_000, 'https://track.example/2002');
    expect(valueOf(await run<{ order: OrderSummary | null }>('orders:latest', { threadId: thread.id }))).toEqual({
      order: {
        number: '2002',
        status: 'shipped',
        trackingUrl: 'https://track.example/2002',
        total: 12.5,
        currency: 'EUR',
        createdAt: START - 5_000,
      },
    });
    expect(valueOf(await run('orders:latest', { threadId: none.id }, AGENT))).toEqual({ order: null });
    expect(await run('orders:latest', { threadId: 'th_unknown' })).toEqual({ ok: false, error: 'unknown thread' });
    expect(await run('orders:latest', {})).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid input/) });
  });

  it('names the business for session:hello: the stored name (else "") and the sorting settings’ hours', async () => {
    expect(await readBusiness(store.sql)).toEqual({ name: '', hours: DEFAULT_BUSINESS_HOURS });
    await setBusinessName(store.sql, 'Maison Lumière');
    expect(await readBusiness(store.sql)).toEqual({ name: 'Maison Lumière', hours: DEFAULT_BUSINESS_HOURS });
  });
});

describe('the demo quick replies', () => {
  const FULL: TemplateValues = {
    contact: { name: 'Camille Martin', firstName: 'Camille' },
    agent: { name: 'Maya' },
    business: { name: 'Maison Lumière', hours: 'du lundi au samedi, de 10 h à 19 h' },
    order: {
      number: '1031',
      status: 'shipped',
      trackingUrl: 'https://track.example.com/1031',
      total: 68,
      currency: 'EUR',
    },
  };

  it('are about 25, each in French and English, with unique shortcuts and default labels only', async () => {
    const { replies } = await readDemoQuickReplies(RESOURCES);
    expect(replies.length).toBeGreaterThanOrEqual(25);
    expect(new Set(replies.map((r) => r.shortcut)).size).toBe(replies.length);
    for (const reply of replies) {
      expect(reply.variants.map((v) => v.language).sort(), reply.shortcut).toEqual(['en', 'fr']);
      for (const label of reply.labels ?? [])
        expect(label).toMatch(
          /^lbl_(order|refund|delivery|shipping|payment|invoice|account|contact|feedback|subscription|cancel)$/,
        );
    }
    expect(replies.some((r) => r.resolve)).toBe(true);
  });

  it('all parse, and render with no blank when every value is known', async () => {
    for (const reply of (await readDemoQuickReplies(RESOURCES)).replies) {
      for (const variant of reply.variants) {
        const where = `/${reply.shortcut} ${variant.language}`;
        expect(parseTemplate(variant.body).ok, where).toBe(true);
        const rendered = renderTemplate(variant.body, FULL, variant.language);
        expect(rendered.error, where).toBeNull();
        expect(rendered.blanks, where).toEqual([]);
        expect(rendered.text, where).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('has the delivery times reply the composer test picks with /liv', async () => {
    const delivery = (await readDemoQuickReplies(RESOURCES)).replies.find((r) => r.shortcut === 'livraison');
    for (const variant of delivery?.variants ?? []) {
      expect(variant.body).toMatch(/\{\{contact\.first_name \| "[^"]+"\}\}/);
      expect(variant.body).toContain('{{order.number}}');
      const rendered = renderTemplate(variant.body, FULL, variant.language).text;
      expect(rendered).toContain('Camille');
      expect(rendered).toContain('1031');
    }
    expect(delivery?.variants).toHaveLength(2);
  });
});

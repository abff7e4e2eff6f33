import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleDraft, SyncEvent, Thread } from '../../../src/core';
import { ensureOwner, OWNER_ID } from '../../../src/gateway/auth';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import type { InboundMessage } from '../../../src/gateway/inbox/ingest';
import { createLabel, deleteLabel, mergeLabels } from '../../../src/gateway/sorting/labels';
import { Sorting } from '../../../src/gateway/sorting/service';
import { dismissSuggestion, labelThread, setSpam } from '../../../src/gateway/sorting/thread-sorting';
import { readEvents } from '../../../src/gateway/store/events';
import type { Store } from '../../../src/gateway/store/store';
import { getThread } from '../../../src/gateway/store/threads';
import { openTestStore, valueOf } from '../helpers';

const RESOURCES = join(__dirname, '..', '..', '..', 'resources');
let clock = Date.UTC(2026, 10, 18, 10, 0); // a Wednesday, 11:00 in Paris: inside the default business hours
const tick = () => (clock += 60_000);

describe('sorting at ingest and from agents', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let dataDir: string;
  let inbox: Inbox;
  let sorting: Sorting;
  let handle = 0;

  const inbound = (text: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
    provider: 'sandbox',
    providerMessageId: `p-${Math.random()}`,
    channel: 'whatsapp',
    handle: `+3360000${String(++handle).padStart(4, '0')}`,
    name: 'Client',
    locale: 'fr',
    text,
    ts: tick(),
    ...over,
  });
  const ingest = async (text: string, over: Partial<InboundMessage> = {}) => {
    const result = await inbox.ingest(inbound(text, over));
    return { ...result, thread: (await getThread(store.sql, result.thread.id))! };
  };
  const activityOf = async (threadId: string) =>
    (await readEvents(store.sql, 0, 100_000)).filter(
      (e): e is Extract<SyncEvent, { type: 'thread.activity' }> =>
        e.type === 'thread.activity' && e.threadId === threadId,
    );

  beforeAll(async () => {
    ({ store, dispose, dataDir } = await openTestStore(() => clock));
    await ensureOwner(store, 'You');
    sorting = await Sorting.open(store, RESOURCES, () => {});
    inbox = new Inbox(store, () => {});
    inbox.sortWith((tx, input) => sorting.sort(tx, input));
  });
  afterAll(() => dispose());

  it('starts a workspace with the default labels, each an event', async () => {
    const labels = [...sorting.labelsById().values()];
    expect(labels.map((l) => l.name).sort()).toEqual([
      'Account',
      'Cancellation',
      'Contact',
      'Delivery',
      'Feedback',
      'Invoice',
      'Order',
      'Payment',
      'Refund',
      'Shipping',
      'Subscription',
    ]);
    const events = await readEvents(store.sql, 0, 100);
    expect(events.filter((e) => e.type === 'label.upserted')).toHaveLength(11);
  });

  it('labels a plain request itself, keeps the intent and language on the message, and says why', async () => {
    const { thread, message } = await ingest('Bonjour, où est ma commande 1001 ?');
    expect(thread.labels).toEqual(['lbl_order']);
    expect(message.intent).toMatchObject({ name: 'track_order' });
    expect(message.intent!.confidence).toBeGreaterThan(0.5);
    expect(message.language).toBe('fr');
    const [activity] = await activityOf(thread.id);
    expect(activity).toMatchObject({
      change: { kind: 'label.added', labelId: 'lbl_order' },
      cause: { kind: 'classifier', messageId: message.id },
      actor: expect.stringMatching(/^customer:/),
    });
    expect((activity!.cause as { confidence: number }).confidence).toBeGreaterThanOrEqual(sorting.settings.autoApply);
  });

  it('leaves greetings alone, and suggests what it is unsure of', async () => {
    const hello = await ingest('Bonjour');
    expect(hello.thread.labels).toBeUndefined();
    expect(hello.thread.suggestions).toBeUndefined();
    // The intent head reads "Ok merci" as a complaint, unsure (≈0.1): that is not a reason to raise the priority.
    const thanks = await ingest('Ok merci');
    expect(thanks.message.intent?.confidence).toBeLessThan(0.5);
    expect(thanks.thread.priority).toBeUndefined();
    const unsure = await ingest('I want a refund for my order, it arrived broken');
    expect(unsure.thread.labels).toBeUndefined();
    expect(unsure.thread.suggestions).toEqual([
      { labelId: 'lbl_refund', confidence: expect.any(Number), messageId: unsure.message.id },
    ]);
  });

  it('an accepted suggestion becomes a label, is recorded as the agent’s, and teaches the model', async () => {
    const { thread } = await ingest('I want a refund for my order, it arrived broken');
    const before = sorting.modelStatus().corrections;
    const result = valueOf(
      await labelThread(store, OWNER_ID, {
        threadId: thread.id,
        labelId: 'lbl_refund',
        op: 'add',
        fromSuggestion: true,
      }),
    );
    sorting.learnFrom(result.lesson);
    expect(result.thread.labels).toEqual(['lbl_refund']);
    expect(result.thread.suggestions).toBeUndefined();
    expect(sorting.modelStatus().corrections).toBe(before + 1);
    const activity = await activityOf(thread.id);
    expect(activity.at(-1)).toMatchObject({
      change: { kind: 'label.added', labelId: 'lbl_refund' },
      cause: { kind: 'agent', agentId: OWNER_ID, suggestion: expect.any(Number) },
    });
  });

  it('a dismissed suggestion goes away and moves the model away from it', async () => {
    // Thresholds that make anything a suggestion: this test is about dismissing, not about the model's confidence.
    const settings = sorting.settings;
    await sorting.saveSettings({ ...settings, autoApply: 1, suggest: 0.05 });
    const { thread, message } = await ingest('I would like my money back for the broken mug please');
    await sorting.saveSettings(settings);
    const suggested = thread.suggestions?.[0];
    expect(suggested?.messageId).toBe(message.id);
    const before = sorting.model.predictLabel(message.text).ranked.find((r) => r.label === suggested!.labelId)!;
    const result = valueOf(await dismissSuggestion(store, OWNER_ID, thread.id, suggested!.labelId));
    sorting.learnFrom(result.lesson);
    expect(result.thread.suggestions).toBeUndefined();
    const after = sorting.model.predictLabel(message.text).ranked.find((r) => r.label === suggested!.labelId)!;
    expect(after.confidence).toBeLessThan(before.confidence);
  });

  it('moves urgent and angry messages up, with the reasons in the history', async () => {
    const { thread, message } = await ingest('URGENT remboursez-moi immédiatement, c’est une arnaque', {
      handle: '+33699990001',
    });
    expect(thread.priority).toBe('urgent');
    const urgency = (await activityOf(thread.id)).find((a) => a.change.kind === 'priority');
    expect(urgency?.cause).toMatchObject({ kind: 'urgency', messageId: message.id });
    expect((urgency?.cause as { reasons: string[] }).reasons.length).toBeGreaterThan(0);
    const calm = await ingest('how do I pay with paypal');
    expect(calm.thread.priority).toBeUndefined();
    // Resolving answers the urgency: a calm message reopening the conversation does not bring it back up.
    const resolved = valueOf(await inbox.resolve(OWNER_ID, thread.id));
    expect(resolved.priority).toBeUndefined();
    const reopened = await ingest('merci pour votre aide', { handle: '+33699990001' });
    expect(reopened.thread).toMatchObject({ id: thread.id, status: 'open' });
    expect(reopened.thread.priority).toBeUndefined();
  });

  it('refuses a rule with a broken or runaway expression, or an unknown label, with the reason', async () => {
    const rule = (conditions: RuleDraft['conditions'], actions: RuleDraft['actions'] = [{ kind: 'resolve' }]) =>
      sorting.saveRule({ name: 'bad', enabled: true, match: 'all', conditions, actions });
    const broken = await rule([{ kind: 'regex', pattern: '(commande' }]);
    expect(broken).toEqual({ ok: false, error: expect.stringMatching(/condition 1: .*invalid/) });
    const runaway = await rule([{ kind: 'regex', pattern: '(a+)+$' }]);
    expect(runaway).toEqual({ ok: false, error: expect.stringMatching(/too long/) });
    const unknown = await rule([{ kind: 'language', language: 'fr' }], [{ kind: 'addLabel', labelId: 'lbl_nope' }]);
    expect(unknown.ok).toBe(false);
    expect(await sorting.listRules()).toEqual([]);
  });

  it('runs rules after the classifier: labels, priority, assignment, with the rule named in the history', async () => {
    const wholesale = valueOf(
      await createLabel(store, OWNER_ID, { name: 'Wholesale', color: 'violet', description: '' }),
    );
    await sorting.refresh();
    const saved = valueOf(
      await sorting.saveRule({
        name: 'Resellers',
        enabled: true,
        match: 'any',
        conditions: [
          { kind: 'text', match: 'any', words: ['grossiste', 'wholesale', 'revendeur'] },
          { kind: 'regex', pattern: '\\b\\d{3,} (pieces|pièces|unités)' },
        ],
        actions: [
          { kind: 'addLabel', labelId: wholesale.id },
          { kind: 'priority', priority: 'high' },
          { kind: 'assign', agentId: OWNER_ID },
        ],
      }),
    );
    const { thread } = await ingest('Bonjour, je suis revendeur, vos prix pour 200 pièces ?');
    expect(thread.labels).toContain(wholesale.id);
    expect(thread.priority).toBe('high');
    expect(thread.assigneeId).toBe(OWNER_ID);
    const byRule = (await activityOf(thread.id)).filter((a) => a.cause.kind === 'rule');
    expect(byRule.map((a) => a.change.kind)).toEqual(['label.added', 'priority', 'assigned']);
    expect(byRule[0]!.cause).toEqual({ kind: 'rule', ruleId: saved.id, ruleName: 'Resellers' });
    // Another message: no match, nothing from the rule.
    const other = await ingest('how do I pay with paypal');
    expect(other.thread.labels ?? []).not.toContain(wholesale.id);
  });

  it('previews a draft over recent messages without changing anything', async () => {
    const head = (await readEvents(store.sql, 0, 100_000)).length;
    const preview = valueOf(
      await sorting.previewRule(
        {
          name: 'draft',
          enabled: true,
          match: 'all',
          conditions: [{ kind: 'text', match: 'any', words: ['refund', 'rembourse', 'remboursez'] }],
          actions: [{ kind: 'spam' }],
        },
        500,
      ),
    );
    expect(preview.checked).toBeGreaterThanOrEqual(8);
    // "I want a refund…" twice, and "remboursez-moi" (read as "remboursez moi").
    expect(preview.matched).toBe(3);
    expect(preview.matches.every((m) => /refund|rembours/i.test(m.text))).toBe(true);
    expect((await readEvents(store.sql, 0, 100_000)).length).toBe(head);
    const bad = await sorting.previewRule(
      {
        name: 'x',
        enabled: true,
        match: 'all',
        conditions: [{ kind: 'regex', pattern: '[' }],
        actions: [{ kind: 'spam' }],
      },
      10,
    );
    expect(bad.ok).toBe(false);
  });

  it('a rule can resolve or mark spam; a disabled rule does nothing', async () => {
    valueOf(
      await sorting.saveRule({
        name: 'Spam links',
        enabled: true,
        match: 'all',
        conditions: [
          { kind: 'regex', pattern: 'https?://\\S+\\.(ru|xyz)\\b' },
          { kind: 'customer', is: 'new' },
        ],
        actions: [{ kind: 'spam' }, { kind: 'resolve' }],
      }),
    );
    valueOf(
      await sorting.saveRule({
        name: 'Off',
        enabled: false,
        match: 'all',
        conditions: [{ kind: 'channel', channels: ['whatsapp'] }],
        actions: [{ kind: 'priority', priority: 'low' }],
      }),
    );
    const spam = await ingest('Gagnez 1000€ sur http://promo.xyz maintenant');
    expect(spam.thread).toMatchObject({ spam: true, status: 'resolved' });
    expect(spam.thread.priority).not.toBe('low');
  });

  it('learns a new label from a few corrections and then predicts it', async () => {
    const gift = valueOf(await createLabel(store, OWNER_ID, { name: 'Gift wrap', color: 'pink', description: '' }));
    await sorting.refresh();
    const examples = [
      'Can you gift wrap my order please?',
      'est-ce que vous faites les paquets cadeaux ?',
      'I would like it wrapped as a present',
      'pouvez-vous emballer la commande en papier cadeau',
      'is gift wrapping available for this order',
      'un emballage cadeau est possible ?',
    ];
    for (const text of examples) {
      const { thread } = await ingest(text);
      const result = valueOf(
        await labelThread(store, OWNER_ID, { threadId: thread.id, labelId: gift.id, op: 'add', fromSuggestion: false }),
      );
      sorting.learnFrom(result.lesson);
    }
    expect(sorting.modelStatus().labels).toContain(gift.id);
    const next = await ingest('could you gift wrap it, it is a present for my mum');
    const predicted = [...(next.thread.labels ?? []), ...(next.thread.suggestions ?? []).map((s) => s.labelId)];
    expect(predicted).toContain(gift.id);
  });

  it('merging moves conversations and history to the survivor; deleting removes the label, not the conversations', async () => {
    const a = valueOf(await createLabel(store, OWNER_ID, { name: 'Retours', color: 'orange', description: '' }));
    const b = valueOf(await createLabel(store, OWNER_ID, { name: 'Returns', color: 'red', description: '' }));
    expect(await createLabel(store, OWNER_ID, { name: 'returns', color: 'red', description: '' })).toEqual({
      ok: false,
      error: 'a label named “Returns” already exists',
    });
    const { thread } = await ingest('je veux retourner un article');
    valueOf(
      await labelThread(store, OWNER_ID, { threadId: thread.id, labelId: a.id, op: 'add', fromSuggestion: false }),
    );
    const merged = valueOf(await mergeLabels(store, OWNER_ID, a.id, b.id));
    expect(merged).toMatchObject({ label: { id: b.id }, threads: 1 });
    const after = (await getThread(store.sql, thread.id)) as Thread;
    expect(after.labels).toContain(b.id);
    expect(after.labels).not.toContain(a.id);
    const history = await activityOf(thread.id);
    expect(history.slice(-2).map((h) => [h.change.kind, h.cause.kind])).toEqual([
      ['label.removed', 'label'],
      ['label.added', 'label'],
    ]);
    const removed = valueOf(await deleteLabel(store, OWNER_ID, b.id));
    expect(removed).toMatchObject({ threads: 1, label: { id: b.id, deletedAt: expect.any(Number) } });
    const kept = (await getThread(store.sql, thread.id)) as Thread;
    expect(kept.labels ?? []).not.toContain(b.id);
    // A deleted label cannot be applied again; the conversation itself is still there.
    const again = await labelThread(store, OWNER_ID, {
      threadId: thread.id,
      labelId: b.id,
      op: 'add',
      fromSuggestion: false,
    });
    expect(again).toEqual({ ok: false, error: 'unknown label' });
  });

  it('an agent marks a conversation as spam and back, each a history entry', async () => {
    const { thread } = await ingest('bonjour');
    valueOf(await setSpam(store, OWNER_ID, thread.id, true));
    valueOf(await setSpam(store, OWNER_ID, thread.id, true));
    valueOf(await setSpam(store, OWNER_ID, thread.id, false));
    const history = (await activityOf(thread.id)).map((a) => a.change);
    expect(history).toEqual([
      { kind: 'spam', spam: true },
      { kind: 'spam', spam: false },
    ]);
  });

  it('keeps what it learned across a restart', async () => {
    const corrections = sorting.modelStatus().corrections;
    expect(corrections).toBeGreaterThan(5);
    await sorting.flush();
    const reopened = await Sorting.open(store, RESOURCES, () => {});
    expect(reopened.modelStatus().corrections).toBe(corrections);
    expect(dataDir).toBeTruthy();
  });
});

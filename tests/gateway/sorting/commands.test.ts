import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Label, Result, SortingSettings, Thread } from '../../../src/core';
import { ensureOwner, OWNER_ID } from '../../../src/gateway/auth';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import { socketCommands } from '../../../src/gateway/realtime/commands';
import { Sorting } from '../../../src/gateway/sorting/service';
import type { Store } from '../../../src/gateway/store/store';
import { countRows, openTestStore, valueOf } from '../helpers';

const RESOURCES = join(__dirname, '..', '..', '..', 'resources');
const OWNER: Agent = { id: OWNER_ID, name: 'You', role: 'admin' };
const AGENT: Agent = { id: 'agent_plain', name: 'Léa', role: 'agent' };

describe('the sorting commands', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let commands: ReturnType<typeof socketCommands>;
  let inbox: Inbox;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore());
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

  it('refuses malformed input with the reason, and changes nothing', async () => {
    const events = await countRows(store, 'events');
    for (const [name, input] of [
      ['labels:create', { name: '', color: 'red' }],
      ['labels:create', { name: 'Ok', color: 'chartreuse' }],
      ['labels:create', { name: 'x'.repeat(41), color: 'red' }],
      ['labels:merge', { fromId: 'lbl_order', intoId: 'lbl_order' }],
      ['thread:label', { threadId: 'th_x', labelId: 'lbl_order', op: 'toggle' }],
      ['thread:priority', { threadId: 'th_x', priority: 'critical' }],
      ['sorting:save', { classifierEnabled: true, autoApply: 0.5, suggest: 0.9, detectUrgency: true }],
      ['rules:save', { rule: { name: 'r', enabled: true, match: 'all', conditions: [], actions: [] } }],
      ['rules:preview', { rule: { name: 'r', enabled: true, match: 'xor', conditions: [], actions: [] } }],
    ] as const) {
      const result = await run(name, input);
      expect({ name, result }).toEqual({
        name,
        result: { ok: false, error: expect.stringMatching(/^invalid input: /) },
      });
    }
    expect(await countRows(store, 'events')).toBe(events);
  });

  it('keeps workspace settings to managers and admins', async () => {
    const settings = valueOf(await run<{ settings: SortingSettings }>('sorting:get', undefined)).settings;
    const refused = await run('sorting:save', { ...settings, autoApply: 0.9 }, AGENT);
    expect(refused).toEqual({ ok: false, error: 'only a manager or an admin can change this' });
    expect(await run('labels:delete', { labelId: 'lbl_order' }, AGENT)).toMatchObject({ ok: false });
    // Creating a label is every agent's.
    expect(
      valueOf(await run<{ label: Label }>('labels:create', { name: 'VIP', color: 'yellow' }, AGENT)).label,
    ).toMatchObject({
      name: 'VIP',
      description: '',
    });
    const saved = valueOf(await run<{ settings: SortingSettings }>('sorting:save', { ...settings, autoApply: 0.9 }));
    expect(saved.settings.autoApply).toBe(0.9);
  });

  it('applies labels through thread:label and answers with the thread', async () => {
    const { thread } = await inbox.ingest({
      provider: 'sandbox',
      providerMessageId: 'cmd-1',
      channel: 'whatsapp',
      handle: '+33611111111',
      name: 'Jo',
      locale: 'fr',
      text: 'ma facture svp',
    });
    const labelled = valueOf(
      await run<{ thread: Thread }>('thread:label', { threadId: thread.id, labelId: 'lbl_invoice', op: 'add' }),
    );
    expect(labelled.thread.labels).toContain('lbl_invoice');
    const unknown = await run('thread:label', { threadId: 'th_nope', labelId: 'lbl_invoice', op: 'add' });
    expect(unknown).toEqual({ ok: false, error: 'unknown thread' });
    const urgent = valueOf(
      await run<{ thread: Thread }>('thread:priority', { threadId: thread.id, priority: 'urgent' }),
    );
    expect(urgent.thread.priority).toBe('urgent');
  });
});

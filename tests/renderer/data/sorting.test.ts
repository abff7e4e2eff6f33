import { afterEach, describe, expect, it } from 'vitest';
import { labelUsage, liveLabels } from '../../../src/renderer/data/sorting';
import { fakeSync, label, ok, refused, rule, sent, SETTINGS } from '../features/settings/sortingFixtures';
import { thread } from '../test-utils/fixtures';
import { fakeServices } from '../test-utils/services';

describe('sorting actions: labels', () => {
  it('creates a label with labels:create and hands back the gateway’s label', async () => {
    const created = label({ id: 'l9', name: 'Livraison', color: 'green', description: '' });
    const { actions, command } = fakeSync(() => ok({ label: created }));
    const result = await actions.createLabel({ name: 'Livraison', color: 'green', description: '' });
    expect(result).toEqual({ ok: true, value: created });
    expect(command).toHaveBeenCalledExactlyOnceWith('labels:create', {
      name: 'Livraison',
      color: 'green',
      description: '',
    });
  });

  it('updates only the given fields, and merges and deletes by id', async () => {
    const { actions, command } = fakeSync((name) =>
      name === 'labels:update' ? ok({ label: label() }) : ok({ label: label({ deletedAt: 5 }), threads: 3 }),
    );
    await actions.updateLabel('l1', { color: 'blue' });
    expect(sent(command, 'labels:update')).toEqual([{ labelId: 'l1', color: 'blue' }]);

    expect(await actions.mergeLabel('l1', 'l2')).toEqual({
      ok: true,
      value: { label: label({ deletedAt: 5 }), threads: 3 },
    });
    expect(sent(command, 'labels:merge')).toEqual([{ fromId: 'l1', intoId: 'l2' }]);

    const deleted = await actions.deleteLabel('l1');
    expect(deleted.ok && deleted.value.threads).toBe(3);
    expect(sent(command, 'labels:delete')).toEqual([{ labelId: 'l1' }]);
  });

  it('passes refusals through and never trusts a malformed answer', async () => {
    const { actions } = fakeSync((name) =>
      name === 'labels:create' ? refused('a label named “Refunds” exists') : ok({ label: { id: 'l1' } }),
    );
    expect(await actions.createLabel({ name: 'Refunds', color: 'red', description: '' })).toEqual({
      ok: false,
      error: 'a label named “Refunds” exists',
    });
    const result = await actions.updateLabel('l1', { name: 'x' });
    expect(!result.ok && result.error).toMatch(/malformed reply to labels:update/);
  });

  it('turns a command that throws into a failure', async () => {
    const { actions } = fakeSync(() => {
      throw new Error('socket gone');
    });
    expect(await actions.deleteLabel('l1')).toEqual({ ok: false, error: 'socket gone' });
  });
});

describe('sorting actions: settings and rules', () => {
  it('reads and saves the sorting settings, validated', async () => {
    const model = { corrections: 12, updatedAt: 1000, labels: ['l1', 'l2'] };
    const { actions, command } = fakeSync((name, input) =>
      name === 'sorting:get' ? ok({ settings: SETTINGS, model }) : ok({ settings: input }),
    );
    expect(await actions.sortingSettings()).toEqual({ ok: true, value: { settings: SETTINGS, model } });
    const saved = { ...SETTINGS, autoApply: 0.9 };
    expect(await actions.saveSortingSettings(saved)).toEqual({ ok: true, value: saved });
    expect(sent(command, 'sorting:save')).toEqual([saved]);
  });

  it('refuses settings whose thresholds are out of order', async () => {
    const { actions } = fakeSync(() => ok({ settings: { ...SETTINGS, suggest: 0.9 }, model: null }));
    const result = await actions.sortingSettings();
    expect(!result.ok && result.error).toMatch(/malformed reply to sorting:get/);
  });

  it('lists, saves (the draft’s own fields only), deletes and previews rules', async () => {
    const stored = rule();
    const preview = {
      checked: 500,
      matched: 1,
      matches: [{ messageId: 'm1', threadId: 't1', contactName: 'Amélie', text: 'refund?', ts: 5 }],
    };
    const { actions, command } = fakeSync((name) => {
      if (name === 'rules:list' || name === 'rules:delete') return ok({ rules: name === 'rules:list' ? [stored] : [] });
      if (name === 'rules:save') return ok({ rule: stored });
      return ok(preview);
    });
    expect(await actions.listRules()).toEqual({ ok: true, value: [stored] });
    expect(await actions.saveRule({ ...stored, enabled: false })).toEqual({ ok: true, value: stored });
    expect(sent(command, 'rules:save')).toEqual([
      {
        rule: {
          id: 'r1',
          name: 'Refund requests',
          enabled: false,
          match: 'all',
          conditions: stored.conditions,
          actions: stored.actions,
        },
      },
    ]);
    expect(await actions.deleteRule('r1')).toEqual({ ok: true, value: [] });
    expect(sent(command, 'rules:delete')).toEqual([{ ruleId: 'r1' }]);

    const { id: _id, createdAt: _c, updatedAt: _u, ...draft } = stored;
    expect(await actions.previewRule(draft)).toEqual({ ok: true, value: preview });
    expect(sent(command, 'rules:preview')).toEqual([{ rule: draft }]);
  });
});

describe('labels in the replica', () => {
  let dispose: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await dispose?.();
    dispose = null;
  });

  it('lists the live labels by name and counts the conversations of each', async () => {
    const fake = fakeServices();
    dispose = fake.dispose;
    await fake.db.labels.bulkPut([
      label({ id: 'l1', name: 'refunds' }),
      label({ id: 'l2', name: 'Delivery' }),
      label({ id: 'l3', name: 'Old', deletedAt: 10, mergedInto: 'l1' }),
    ]);
    await fake.db.threads.bulkPut([
      thread({ id: 't1', labels: ['l1', 'l2'] }),
      thread({ id: 't2', labels: ['l1'] }),
      thread({ id: 't3' }),
    ]);
    expect((await liveLabels(fake.db)).map((l) => l.name)).toEqual(['Delivery', 'refunds']);
    expect(Object.fromEntries(await labelUsage(fake.db))).toEqual({ l1: 2, l2: 1 });
  });
});

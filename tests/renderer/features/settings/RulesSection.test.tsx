import { describe, expect, it } from 'vitest';
import type { Agent, Result } from '../../../../src/core';
import { RulesPanel } from '../../../../src/renderer/features/settings/components/RulesSection';
import { NOW } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeSync, label, ok, refused, rule, sent, type Answer } from './sortingFixtures';

const LABELS = [label({ id: 'l1', name: 'Refunds' }), label({ id: 'l2', name: 'Delivery', color: 'blue' })];
const AGENTS: Agent[] = [{ id: 'a1', name: 'Camille', role: 'admin' }];

const PREVIEW = {
  checked: 500,
  matched: 3,
  matches: [
    {
      messageId: 'm1',
      threadId: 't1',
      contactName: 'Amélie Laurent',
      text: 'Je voudrais un <b>remboursement</b> svp',
      ts: NOW - 60_000,
    },
    { messageId: 'm2', threadId: 't2', contactName: 'Jules', text: 'remboursement ?', ts: NOW - 120_000 },
  ],
};

function setup(answer: Answer, rules = [rule()]) {
  const fake = fakeSync(async (name, input) => {
    if (name === 'rules:list') return ok({ rules });
    return answer(name, input);
  });
  const view = render(<RulesPanel actions={fake.actions} labels={LABELS} agents={AGENTS} />);
  return { ...fake, ...view };
}

const editor = () => screen.getByRole('form', { name: 'Rule editor' });

describe('the Rules section', () => {
  it('lists the rules with a one-line summary, and switches one off', async () => {
    const { user, command } = setup(async (_name, input) =>
      ok({ rule: { ...rule(), ...(input as { rule: object }).rule, updatedAt: NOW } }),
    );
    const row = await screen.findByRole('group', { name: 'Refund requests' });
    expect(within(row).getByText('If contains “remboursement” / “refund” → add “Refunds”')).toBeTruthy();
    const toggle = within(row).getByRole('switch', { name: 'Enable Refund requests' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await user.click(toggle);
    expect(sent(command, 'rules:save')).toEqual([
      {
        rule: {
          id: 'r1',
          name: 'Refund requests',
          enabled: false,
          match: 'all',
          conditions: rule().conditions,
          actions: rule().actions,
        },
      },
    ]);
    await waitFor(() => expect(toggle.checked).toBe(false));
  });

  it('deletes a rule only after confirmation', async () => {
    const { user, command } = setup(async () => ok({ rules: [] }));
    const row = await screen.findByRole('group', { name: 'Refund requests' });
    await user.click(within(row).getByRole('button', { name: 'Delete Refund requests' }));
    expect(sent(command, 'rules:delete')).toEqual([]);
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    expect(sent(command, 'rules:delete')).toEqual([{ ruleId: 'r1' }]);
    expect(await screen.findByText('No rules yet.')).toBeTruthy();
  });

  it('previews a new rule as it is written and saves it', async () => {
    const saved = rule({ id: 'r2', name: 'Remboursements' });
    const { user, command } = setup(async (name) => (name === 'rules:preview' ? ok(PREVIEW) : ok({ rule: saved })), []);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    // No words yet: the draft is incomplete, nothing is asked.
    expect(within(editor()).getByText('Complete the rule to see what it would have matched.')).toBeTruthy();
    await user.type(within(editor()).getByLabelText(/^Name/), 'Remboursements');
    await user.type(within(editor()).getByRole('combobox', { name: 'Words or phrases' }), 'remboursement{Enter}');

    expect(
      await within(editor()).findByText('This rule would have matched 3 of the last 500 customer messages.'),
    ).toBeTruthy();
    const draft = {
      name: 'Remboursements',
      enabled: true,
      match: 'all',
      conditions: [{ kind: 'text', match: 'any', words: ['remboursement'] }],
      actions: [{ kind: 'addLabel', labelId: 'l1' }],
    };
    // Debounced: one preview for the finished draft, not one per keystroke.
    expect(sent(command, 'rules:preview')).toEqual([{ rule: draft }]);
    // The customer's text is shown as text, never as markup.
    const matches = within(editor()).getByRole('list', { name: 'Preview' });
    expect(within(matches).getByText('Je voudrais un <b>remboursement</b> svp')).toBeTruthy();
    expect(matches.querySelector('b')).toBeNull();
    expect(within(matches).getByText('Amélie Laurent')).toBeTruthy();

    await user.click(within(editor()).getByRole('button', { name: 'Save the rule' }));
    expect(sent(command, 'rules:save')).toEqual([{ rule: draft }]);
    expect(await screen.findByRole('group', { name: 'Remboursements' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Rule editor' })).toBeNull();
  });

  it('does not preview a draft without conditions, and cannot save it', async () => {
    const { user, command } = setup(async () => ok(PREVIEW), []);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    await user.type(within(editor()).getByLabelText(/^Name/), 'Nothing');
    await user.click(within(editor()).getByRole('button', { name: 'Remove condition 1' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sent(command, 'rules:preview')).toEqual([]);
    expect(within(editor()).getByText('Complete the rule to see what it would have matched.')).toBeTruthy();
    expect((within(editor()).getByRole('button', { name: 'Save the rule' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('edits conditions of other kinds and actions', async () => {
    const { user, command } = setup(async (name) => (name === 'rules:preview' ? ok(PREVIEW) : refused('nope')), []);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    await user.type(within(editor()).getByLabelText(/^Name/), 'Night urgent');
    await user.selectOptions(within(editor()).getByLabelText('Condition 1'), 'Business hours');
    await user.click(within(editor()).getByRole('button', { name: 'Add a condition' }));
    await user.selectOptions(within(editor()).getByLabelText('Condition 2'), 'Channel');
    await user.click(within(editor()).getByRole('checkbox', { name: 'WhatsApp' }));
    await user.click(within(editor()).getByRole('radio', { name: 'Any of them' }));
    await user.selectOptions(within(editor()).getByLabelText('Action 1'), 'Set the priority');
    await user.selectOptions(within(editor()).getByLabelText('Priority'), 'Urgent');
    await user.click(within(editor()).getByRole('button', { name: 'Add an action' }));
    await user.selectOptions(within(editor()).getByLabelText('Action 2'), 'Assign to');
    await within(editor()).findByText('This rule would have matched 3 of the last 500 customer messages.');
    expect(sent(command, 'rules:preview').at(-1)).toEqual({
      rule: {
        name: 'Night urgent',
        enabled: true,
        match: 'any',
        conditions: [
          { kind: 'hours', when: 'outside' },
          { kind: 'channel', channels: ['whatsapp'] },
        ],
        actions: [
          { kind: 'priority', priority: 'urgent' },
          { kind: 'assign', agentId: 'a1' },
        ],
      },
    });
  });

  it('shows the gateway’s reason when it refuses to save, and saves nothing', async () => {
    const stored = rule({
      id: 'r3',
      name: 'Order numbers',
      conditions: [{ kind: 'regex', pattern: '(a+)+$' }],
    });
    const { user, command } = setup(
      async (name): Promise<Result<unknown>> =>
        name === 'rules:preview'
          ? refused('the regular expression may take too long on some messages (nested repetition)')
          : refused('the regular expression may take too long on some messages (nested repetition)'),
      [stored],
    );
    const row = await screen.findByRole('group', { name: 'Order numbers' });
    await user.click(within(row).getByRole('button', { name: 'Edit Order numbers' }));
    expect((within(editor()).getByLabelText('Regular expression') as HTMLInputElement).value).toBe('(a+)+$');
    expect(
      await within(editor()).findByText(
        'No preview: the regular expression may take too long on some messages (nested repetition)',
      ),
    ).toBeTruthy();
    await user.click(within(editor()).getByRole('button', { name: 'Save the rule' }));
    expect((await within(editor()).findByRole('alert')).textContent).toBe(
      'The rule was not saved: the regular expression may take too long on some messages (nested repetition)',
    );
    expect(sent(command, 'rules:save')).toHaveLength(1);
    // Still editing; back in the list, the rule is as it was.
    await user.click(within(editor()).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('group', { name: 'Order numbers' })).toBeTruthy();
    expect(screen.getByText('If matches /(a+)+$/ → add “Refunds”')).toBeTruthy();
  });

  it('does not send an expression that does not compile to the preview, and says why', async () => {
    const { user, command } = setup(async () => ok(PREVIEW), []);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    await user.type(within(editor()).getByLabelText(/^Name/), 'Broken');
    await user.selectOptions(within(editor()).getByLabelText('Condition 1'), 'The message matches an expression');
    await user.type(within(editor()).getByLabelText('Regular expression'), '(abc');
    expect(within(editor()).getByText(/^Invalid expression: /)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sent(command, 'rules:preview')).toEqual([]);
  });
});

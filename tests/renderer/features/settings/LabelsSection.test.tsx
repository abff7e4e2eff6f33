import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../src/core';
import { LabelsSection } from '../../../../src/renderer/features/settings/components/LabelsSection';
import { SettingsDialog } from '../../../../src/renderer/features/settings/SettingsDialog';
import { thread } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices } from '../../test-utils/services';
import { label, ok, refused } from './sortingFixtures';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

type Answer = (name: string, input: unknown) => Promise<Result<unknown>>;

async function setup(answer: Answer = async () => refused('offline')) {
  const fake = fakeServices(answer);
  dispose = fake.dispose;
  await fake.db.labels.bulkPut([
    label({ id: 'l1', name: 'Refunds', color: 'red', description: 'Money back' }),
    label({ id: 'l2', name: 'Returns', color: 'orange', description: '' }),
    label({ id: 'l3', name: 'Gone', deletedAt: 10 }),
  ]);
  await fake.db.threads.bulkPut([thread({ id: 't1', labels: ['l1'] }), thread({ id: 't2', labels: ['l1', 'l2'] })]);
  const { Wrapper } = fake;
  const view = render(
    <Wrapper>
      <LabelsSection />
    </Wrapper>,
  );
  await screen.findByRole('group', { name: 'Refunds' });
  await waitFor(() => expect(within(row('Refunds')).getByText('2 conversations')).toBeTruthy());
  return { ...fake, ...view };
}

const row = (name: string) => screen.getByRole('group', { name });

describe('the Labels section', () => {
  it('lists the live labels with their colour, description and number of conversations', async () => {
    await setup();
    expect(within(row('Refunds')).getByText('Money back')).toBeTruthy();
    expect(within(row('Returns')).getByText('1 conversation')).toBeTruthy();
    // A deleted label keeps its row in the replica but is not listed.
    expect(screen.queryByRole('group', { name: 'Gone' })).toBeNull();
  });

  it('creates a label with the typed name, the picked colour and the description', async () => {
    const created = label({ id: 'l9', name: 'Livraison', color: 'green', description: 'Where is my parcel' });
    const { user, command } = await setup(async () => ok({ label: created }));
    await user.click(screen.getByRole('button', { name: 'New label' }));
    const form = screen.getByRole('form', { name: 'New label' });
    const create = within(form).getByRole('button', { name: 'Create' });
    expect((create as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(form).getByLabelText(/Name/), '  Livraison ');
    await user.click(within(form).getByRole('radio', { name: 'Green' }));
    expect(within(form).getByRole('radio', { name: 'Green' }).getAttribute('aria-checked')).toBe('true');
    await user.type(within(form).getByLabelText('Description'), 'Where is my parcel');
    await user.click(create);
    expect(command).toHaveBeenCalledExactlyOnceWith('labels:create', {
      name: 'Livraison',
      color: 'green',
      description: 'Where is my parcel',
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New label' })).toBeNull());
  });

  it('keeps the form and shows the gateway’s refusal', async () => {
    const { user } = await setup(async () => refused('a label named “Refunds” already exists'));
    await user.click(screen.getByRole('button', { name: 'New label' }));
    const form = screen.getByRole('form', { name: 'New label' });
    await user.type(within(form).getByLabelText(/Name/), 'Refunds');
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The gateway refused: a label named “Refunds” already exists',
    );
  });

  it('renames a label, sending only what changed', async () => {
    const { user, command } = await setup(async () => ok({ label: label({ name: 'Refund requests' }) }));
    await user.click(screen.getByRole('button', { name: 'Edit Refunds' }));
    const form = screen.getByRole('form', { name: 'Edit the label Refunds' });
    const name = within(form).getByLabelText(/Name/);
    await user.clear(name);
    await user.type(name, 'Refund requests');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(command).toHaveBeenCalledExactlyOnceWith('labels:update', { labelId: 'l1', name: 'Refund requests' });
  });

  it('merges a label into another after saying what will happen', async () => {
    const { user, command } = await setup(async () =>
      ok({ label: label({ deletedAt: 1, mergedInto: 'l2' }), threads: 2 }),
    );
    await user.click(screen.getByRole('button', { name: 'Merge Refunds' }));
    const merge = within(row('Refunds')).getByRole('button', { name: 'Merge' });
    expect((merge as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(within(row('Refunds')).getByLabelText('Merge into'), 'Returns');
    expect(
      within(row('Refunds')).getByText(
        'All 2 conversations labelled “Refunds” will be labelled “Returns”; “Refunds” is deleted.',
      ),
    ).toBeTruthy();
    await user.click(merge);
    expect(command).toHaveBeenCalledExactlyOnceWith('labels:merge', { fromId: 'l1', intoId: 'l2' });
    await waitFor(() => expect(within(row('Refunds')).queryByRole('button', { name: 'Merge' })).toBeNull());
  });

  it('deletes a label after confirmation, and shows a refusal inline', async () => {
    let calls = 0;
    const { user, command } = await setup(async () => {
      calls += 1;
      return calls === 1 ? refused('offline') : ok({ label: label({ id: 'l2', deletedAt: 1 }), threads: 1 });
    });
    await user.click(screen.getByRole('button', { name: 'Delete Returns' }));
    expect(
      within(row('Returns')).getByText('“Returns” will be removed from 1 conversation; the conversation stays.'),
    ).toBeTruthy();
    expect(command).not.toHaveBeenCalled();
    await user.click(within(row('Returns')).getByRole('button', { name: 'Delete' }));
    expect((await within(row('Returns')).findByRole('alert')).textContent).toBe('The gateway refused: offline');
    await user.click(within(row('Returns')).getByRole('button', { name: 'Delete' }));
    expect(command).toHaveBeenCalledTimes(2);
    expect(command).toHaveBeenLastCalledWith('labels:delete', { labelId: 'l2' });
    await waitFor(() => expect(within(row('Returns')).queryByRole('button', { name: 'Delete' })).toBeNull());
  });

  it('is reached from a tab of the settings where the app has a gateway', async () => {
    const fake = fakeServices();
    dispose = fake.dispose;
    await fake.db.labels.put(label());
    const { Wrapper } = fake;
    const { user } = render(
      <Wrapper>
        <SettingsDialog opened onClose={() => {}} onSignOut={null} modKey="Ctrl" />
      </Wrapper>,
    );
    // The general settings stay first.
    expect(screen.getByRole('radio', { name: 'Français' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Labels' }));
    expect(await screen.findByRole('group', { name: 'Refunds' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Sorting' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Rules' })).toBeTruthy();
  });
});

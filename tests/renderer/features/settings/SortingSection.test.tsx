import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../src/core';
import { SortingSection } from '../../../../src/renderer/features/settings/components/SortingSection';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices } from '../../test-utils/services';
import { ok, refused, SETTINGS } from './sortingFixtures';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

const MODEL = { corrections: 42, updatedAt: null, labels: ['l1', 'l2', 'l3'] };

function setup(answer: (name: string, input: unknown) => Promise<Result<unknown>>) {
  const fake = fakeServices(answer);
  dispose = fake.dispose;
  const { Wrapper } = fake;
  return {
    ...fake,
    ...render(
      <Wrapper>
        <SortingSection />
      </Wrapper>,
    ),
  };
}

const input = (name: string | RegExp) => screen.getByLabelText(name) as HTMLInputElement;

describe('the Sorting section', () => {
  it('shows the settings and what the model learned, and saves the thresholds as ratios', async () => {
    const { user, command } = setup(async (name, input) =>
      name === 'sorting:get' ? ok({ settings: SETTINGS, model: MODEL }) : ok({ settings: input }),
    );
    expect(await screen.findByTestId('model-status')).toBeTruthy();
    expect(screen.getByTestId('model-status').textContent).toBe(
      'Model: Learned from 42 corrections; predicts 3 labels',
    );
    expect(input(/Apply the label from/).value).toBe('80 %');
    expect(input(/Suggest the label from/).value).toBe('50 %');
    expect((screen.getByRole('switch', { name: /Suggest and apply labels/ }) as HTMLInputElement).checked).toBe(true);
    // Sunday is closed, Monday open 09:00–18:00.
    expect((screen.getByRole('switch', { name: 'Open on Sunday' }) as HTMLInputElement).checked).toBe(false);
    expect(input('Opens on Monday').value).toBe('09:00');

    await user.clear(input(/Apply the label from/));
    await user.type(input(/Apply the label from/), '90');
    await user.click(screen.getByRole('switch', { name: /Detect urgent messages/ }));
    await user.click(screen.getByRole('switch', { name: 'Open on Sunday' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const saved = command.mock.calls.find(([name]) => name === 'sorting:save')?.[1] as typeof SETTINGS;
    expect(saved.autoApply).toBe(0.9);
    expect(saved.suggest).toBe(0.5);
    expect(saved.detectUrgency).toBe(false);
    expect(saved.businessHours.days[0]).toEqual({ open: '09:00', close: '18:00' });
    expect(await screen.findByText('Sorting settings saved')).toBeTruthy();
  });

  it('refuses a suggestion threshold above the automatic one', async () => {
    const { user, command } = setup(async () => ok({ settings: SETTINGS, model: MODEL }));
    await screen.findByTestId('model-status');
    await user.clear(input(/Suggest the label from/));
    await user.type(input(/Suggest the label from/), '95');
    expect(screen.getByText('The suggestion threshold must not be above the automatic one.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(command).toHaveBeenCalledTimes(1);
  });

  it('shows the gateway’s refusal next to Save, and a load failure with a retry', async () => {
    let gets = 0;
    const { user } = setup(async (name) => {
      if (name === 'sorting:get') {
        gets += 1;
        return gets === 1 ? refused('offline') : ok({ settings: SETTINGS, model: { ...MODEL, corrections: 1 } });
      }
      return refused('not allowed for agents');
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('offline')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByTestId('model-status').textContent).toBe(
        'Model: Learned from 1 correction; predicts 3 labels',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The settings were not saved: not allowed for agents');
  });
});

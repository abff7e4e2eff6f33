import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LibraryFile, QuickReply, QuickReplyDraft, Result } from '../../../../src/core';
import type { QuickReplyActions } from '../../../../src/renderer/data/quickReplies';
import { QuickRepliesPanel } from '../../../../src/renderer/features/settings/components/QuickRepliesSection';
import { SettingsDialog } from '../../../../src/renderer/features/settings/SettingsDialog';
import { fakeServices } from '../../test-utils/services';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { REPLIES } from '../composer/quickReplyFixtures';
import { label } from './sortingFixtures';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

const LIVE = REPLIES.filter((r) => r.deletedAt === undefined);

function fakeActions(overrides: Partial<QuickReplyActions> = {}) {
  const actions: QuickReplyActions = {
    save: vi.fn(async (draft: QuickReplyDraft): Promise<Result<QuickReply>> => ({
      ok: true,
      value: { ...LIVE[0]!, ...draft, id: draft.id ?? 'qr-new' } as QuickReply,
    })),
    remove: vi.fn(async (id: string): Promise<Result<QuickReply>> => ({
      ok: true,
      value: { ...LIVE.find((r) => r.id === id)!, deletedAt: 1 },
    })),
    importDrafts: vi.fn(async () => ({ ok: true as const, value: { created: 2, updated: 1 } })),
    latestOrder: vi.fn(async () => ({ ok: true as const, value: null })),
    ...overrides,
  };
  return actions;
}

function setup(overrides: Partial<QuickReplyActions> = {}, replies: QuickReply[] | undefined = LIVE) {
  const actions = fakeActions(overrides);
  const download = vi.fn();
  const view = render(
    <QuickRepliesPanel
      replies={replies}
      labels={[label({ id: 'l1', name: 'Refunds' }), label({ id: 'l2', name: 'Delivery' })]}
      actions={actions}
      agentId="agent-1"
      agentName="Camille"
      business={null}
      download={download}
    />,
  );
  return { ...view, actions, download };
}

describe('Settings → Quick replies', () => {
  it('lists the replies with their shortcut, languages and my usage', () => {
    setup();
    const row = screen.getByRole('group', { name: 'Delivery times' });
    expect(row.textContent).toContain('/livraison');
    expect(row.textContent).toContain('FR');
    expect(row.textContent).toContain('EN');
    expect(row.textContent).toContain('Used 9 times by you');
    expect(screen.getByRole('group', { name: 'Greeting' }).textContent).toContain('Used 0 times by you');
  });

  it('creates a reply with a live preview, its labels and “send and resolve”', async () => {
    const { user, actions } = setup();
    await user.click(screen.getByRole('button', { name: 'New quick reply' }));
    await user.type(screen.getByRole('textbox', { name: /Shortcut/ }), 'Suivi');
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Order tracking');
    const fr = screen.getByRole('textbox', { name: 'Text in French' });
    await user.type(fr, 'Bonjour {{{{contact.first_name}}, voici {{{{order.tracking_url}}');
    expect(screen.getByTestId('reply-preview-fr').textContent).toBe(
      'Bonjour Camille, voici https://track.example.com/1042',
    );
    await user.click(screen.getByRole('combobox', { name: 'Labels to apply' }));
    await user.click(await screen.findByRole('option', { name: 'Delivery' }));
    await user.click(screen.getByRole('switch', { name: 'Send and resolve' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.save).toHaveBeenCalledWith({
      shortcut: 'suivi',
      title: 'Order tracking',
      variants: [{ language: 'fr', body: 'Bonjour {{contact.first_name}}, voici {{order.tracking_url}}' }],
      attachments: [],
      labels: ['l2'],
      resolve: true,
    });
    await screen.findByRole('button', { name: 'New quick reply' });
  });

  it('previews with the open conversation’s customer and latest order when there is one', async () => {
    const actions = fakeActions();
    const { user } = render(
      <QuickRepliesPanel
        replies={LIVE}
        labels={[]}
        actions={actions}
        agentId="agent-1"
        agentName="Camille"
        business={null}
        preview={{
          contact: {
            id: 'ct1',
            name: 'Zoé Lambert',
            channel: 'whatsapp',
            handle: '+33655501234',
            email: null,
            phone: null,
            locale: 'fr',
            createdAt: 0,
          },
          order: null,
        }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'New quick reply' }));
    expect(screen.getByText('Previews use Zoé Lambert’s conversation and latest order.')).toBeTruthy();
    await user.type(
      screen.getByRole('textbox', { name: 'Text in French' }),
      'Bonjour {{{{contact.first_name}}, commande {{{{order.number | "?"}}',
    );
    // Her name, and no order: the fallback, not the sample order.
    expect(screen.getByTestId('reply-preview-fr').textContent).toBe('Bonjour Zoé, commande ?');
  });

  it('points at a template error with its line and column, and shows the gateway’s refusal', async () => {
    const { user, actions } = setup({
      save: vi.fn(async () => ({ ok: false as const, error: 'the shortcut “bonjour” is taken' })),
    });
    await user.click(screen.getByRole('button', { name: 'Edit Greeting' }));
    const en = screen.getByRole('textbox', { name: 'Text in English' });
    await user.clear(en);
    await user.type(en, 'Hi{Enter}{{{{order.numbre}}');
    expect(screen.getByRole('alert').textContent).toMatch(/^EN, line 2, column 3: unknown variable “order.numbre”/);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.save).not.toHaveBeenCalled();

    await user.clear(en);
    await user.type(en, 'Hello {{{{agent.name}}');
    expect(screen.getByTestId('reply-preview-en').textContent).toBe('Hello Camille');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.save).toHaveBeenCalledWith(expect.objectContaining({ id: 'qr-hello', shortcut: 'bonjour' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the shortcut “bonjour” is taken');
  });

  it('saves the WhatsApp template a reply maps its variables to, and removes a parameter', async () => {
    const { user, actions } = setup();
    await user.click(screen.getByRole('button', { name: 'Edit Delivery times' }));
    const part = screen.getByRole('group', { name: 'WhatsApp template (outside the 24-hour window)' });
    await user.type(within(part).getByRole('textbox', { name: 'Template name' }), 'order_update');
    await user.type(within(part).getByRole('textbox', { name: 'Template language' }), 'fr');
    await user.click(within(part).getByRole('button', { name: 'Add a parameter' }));
    await user.click(within(part).getByRole('button', { name: 'Add a parameter' }));
    await user.click(within(part).getByRole('button', { name: 'Add a parameter' }));
    await user.click(within(part).getByRole('combobox', { name: 'Parameter 2' }));
    await user.click(await screen.findByRole('option', { name: '{{order.number}}' }));
    await user.click(within(part).getByRole('button', { name: 'Remove parameter 3' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.save).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'qr-delivery',
        shortcut: 'livraison',
        whatsapp: { name: 'order_update', language: 'fr', parameters: ['contact.first_name', 'order.number'] },
      }),
    );
  });

  it('attaches files from the library or uploaded here, and shows the gateway’s refusal of a file', async () => {
    const fake = fakeServices();
    dispose = fake.dispose;
    const prices: LibraryFile = {
      id: 'file-prices',
      name: 'tarifs.pdf',
      kind: 'document',
      mimeType: 'application/pdf',
      size: 1234,
      sha256: 'a'.repeat(64),
      createdAt: 1,
    };
    const map: LibraryFile = { ...prices, id: 'file-map', name: 'plan.png', kind: 'image', mimeType: 'image/png' };
    vi.mocked(fake.services.library.list).mockResolvedValue({ ok: true, value: [prices] });
    vi.mocked(fake.services.library.upload)
      .mockResolvedValueOnce({ ok: false, error: 'only JPEG or PNG images and PDF documents can be attached' })
      .mockResolvedValueOnce({ ok: true, value: map });
    const actions = fakeActions();
    const { user } = render(
      <fake.Wrapper>
        <QuickRepliesPanel
          replies={LIVE}
          labels={[]}
          actions={actions}
          agentId="agent-1"
          agentName="Camille"
          business={null}
        />
      </fake.Wrapper>,
    );
    await user.click(screen.getByRole('button', { name: 'Edit Greeting' }));
    const part = screen.getByRole('group', { name: 'Files sent with the reply' });
    await user.click(within(part).getByRole('combobox', { name: 'Add a file from the library' }));
    await user.click(await screen.findByRole('option', { name: 'tarifs.pdf' }));
    expect(within(part).getByRole('list', { name: 'Files sent with this reply' }).textContent).toContain('tarifs.pdf');

    const input = part.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(['<html>'], 'innocent.png', { type: 'image/png' }));
    expect((await within(part).findByRole('alert')).textContent).toBe(
      'only JPEG or PNG images and PDF documents can be attached',
    );
    await user.upload(input, new File([new Uint8Array([0x89, 0x50])], 'plan.png', { type: 'image/png' }));
    await waitFor(() =>
      expect(within(part).getByRole('list', { name: 'Files sent with this reply' }).textContent).toContain('plan.png'),
    );
    expect(fake.services.library.upload).toHaveBeenLastCalledWith(expect.any(File), 'plan.png');
    await user.click(screen.getByRole('button', { name: 'Do not send tarifs.pdf' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(actions.save).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'qr-hello', attachments: [{ id: 'file-map', kind: 'image', name: 'plan.png' }] }),
    );
  });

  it('duplicates a reply as a new draft', async () => {
    const { user, actions } = setup();
    await user.click(screen.getByRole('button', { name: 'Duplicate Greeting' }));
    expect(screen.getByRole('textbox', { name: /Shortcut/ })).toHaveProperty('value', 'bonjour-copy');
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'Greeting (copy)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const [draft] = vi.mocked(actions.save).mock.calls[0]!;
    expect(draft).not.toHaveProperty('id');
    expect(draft.variants).toEqual(LIVE.find((r) => r.id === 'qr-hello')!.variants);
  });

  it('deletes after a confirmation', async () => {
    const { user, actions } = setup();
    const row = screen.getByRole('group', { name: 'Refund on its way' });
    await user.click(within(row).getByRole('button', { name: 'Delete Refund on its way' }));
    expect(actions.remove).not.toHaveBeenCalled();
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    expect(actions.remove).toHaveBeenCalledWith('qr-refund');
  });

  it('imports a JSON file, and says why one is refused', async () => {
    const { user, actions, container } = setup({
      importDrafts: vi
        .fn()
        .mockResolvedValueOnce({ ok: true, value: { created: 2, updated: 1 } })
        .mockResolvedValueOnce({ ok: false, error: 'entry 1: line 1, column 9: unknown variable “x”' }),
    });
    const input = () => container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = (text: string) => new File([text], 'replies.json', { type: 'application/json' });

    await user.upload(input(), file('not json'));
    expect((await screen.findByRole('alert')).textContent).toContain('The file is not JSON.');
    expect(actions.importDrafts).not.toHaveBeenCalled();

    await user.upload(input(), file('{"nothing": true}'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('The file holds no list of quick replies.'),
    );

    const drafts = [{ shortcut: 'a', title: 'A', variants: [{ language: 'fr', body: 'a' }] }];
    await user.upload(input(), file(JSON.stringify(drafts)));
    expect(await screen.findByText('Imported: 2 new, 1 updated.')).toBeTruthy();
    expect(actions.importDrafts).toHaveBeenCalledWith(drafts);

    await user.upload(input(), file(JSON.stringify({ replies: drafts })));
    expect((await screen.findByRole('alert')).textContent).toContain('unknown variable “x”');
    expect(actions.importDrafts).toHaveBeenLastCalledWith(drafts);
  });

  it('exports the replies as drafts', async () => {
    const { user, download } = setup();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const [fileName, json] = download.mock.calls[0]!;
    expect(fileName).toBe('quick-replies.json');
    const drafts = JSON.parse(json as string) as QuickReplyDraft[];
    expect(drafts.map((d) => d.shortcut).sort()).toEqual(['bonjour', 'livraison', 'rembourse']);
    expect(drafts[0]).not.toHaveProperty('usage');
  });

  it('is a tab of the settings, listing the replica’s live replies, and saves through the gateway', async () => {
    const fake = fakeServices(async (name) =>
      name === 'replies:delete'
        ? { ok: true, value: { reply: { ...LIVE[0]!, deletedAt: 1 } } }
        : { ok: false, error: 'no' },
    );
    dispose = fake.dispose;
    await fake.db.replies.bulkPut(REPLIES);
    const { user } = render(
      <fake.Wrapper>
        <SettingsDialog opened onClose={() => {}} onSignOut={null} modKey="Ctrl" />
      </fake.Wrapper>,
    );
    await user.click(screen.getByRole('tab', { name: 'Quick replies' }));
    expect(await screen.findByRole('group', { name: 'Delivery times' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Old delivery' })).toBeNull();
    const row = screen.getByRole('group', { name: 'Greeting' });
    await user.click(within(row).getByRole('button', { name: 'Delete Greeting' }));
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    expect(fake.command).toHaveBeenCalledWith('replies:delete', { replyId: 'qr-hello' });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessageContent } from '../../../../src/core';
import { MessageBubble } from '../../../../src/renderer/features/thread/components/MessageBubble';
import { bubbleEnvironment, everythingVisible, fakeMedia, WithEnvironment } from '../../test-utils/channels';
import { message } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';

const EVIL = '<img src=x onerror=alert(1)><b>bold</b><script>alert(2)</script>';
const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

function media(kind: Extract<MessageContent, { kind: 'media' }>['media'], over: Partial<MessageContent> = {}) {
  return {
    kind: 'media',
    media: kind,
    mediaId: `wa-${kind}`,
    mimeType: null,
    filename: null,
    ...over,
  } as MessageContent;
}

function renderBubble(over: Partial<Message>, env = bubbleEnvironment(), language: 'en' | 'fr' = 'en') {
  return render(
    <WithEnvironment value={env}>
      <MessageBubble message={message(over)} />
    </WithEnvironment>,
    { language },
  );
}

let restore: () => void;
beforeEach(() => {
  restore = everythingVisible();
});
afterEach(() => restore());

describe('media in a bubble', () => {
  it('loads an image once visible, shows it from a blob: URL and opens it larger on click', async () => {
    const loader = fakeMedia({ m1: png });
    const { user, unmount } = renderBubble(
      { id: 'm1', text: 'The scratch on the lid', content: media('image') },
      bubbleEnvironment({ media: loader }),
    );
    const img = await screen.findByRole('img', { name: 'The scratch on the lid' });
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(loader.load).toHaveBeenCalledExactlyOnceWith('m1');
    // The caption is the bubble's text as well.
    expect(screen.getByText('The scratch on the lid', { selector: 'p' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Open the image larger: The scratch on the lid' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('img').getAttribute('src')).toBe(img.getAttribute('src'));

    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    unmount();
    expect(revoke).toHaveBeenCalledWith(img.getAttribute('src'));
    revoke.mockRestore();
  });

  it('shows a sticker small, without a caption or a larger view', async () => {
    renderBubble(
      { id: 's1', text: '', content: media('sticker') },
      bubbleEnvironment({ media: fakeMedia({ s1: png }) }),
    );
    const sticker = await screen.findByRole('img', { name: 'Sticker' });
    expect(sticker.getAttribute('src')).toMatch(/^blob:/);
    expect(screen.queryByRole('button', { name: /Open the image larger/ })).toBeNull();
  });

  it('plays video and audio in native players, and labels a voice message', async () => {
    const loader = fakeMedia({ v: png, a: png, vo: png });
    const env = bubbleEnvironment({ media: loader });
    const { container } = render(
      <WithEnvironment value={env}>
        <MessageBubble message={message({ id: 'v', text: 'Unboxing', content: media('video') })} />
        <MessageBubble message={message({ id: 'a', text: '', content: media('audio', { filename: 'song.mp3' }) })} />
        <MessageBubble message={message({ id: 'vo', text: '', content: media('voice') })} />
      </WithEnvironment>,
    );
    await waitFor(() => expect(container.querySelectorAll('video[controls], audio[controls]')).toHaveLength(3));
    expect(container.querySelector('video')?.getAttribute('src')).toMatch(/^blob:/);
    expect(container.querySelector('audio[aria-label="song.mp3"]')).toBeTruthy();
    expect(screen.getByText('Voice message')).toBeTruthy();
  });

  it('fetches a document only on Download, and saves it under its own name', async () => {
    const loader = fakeMedia({ d1: new Blob(['%PDF'], { type: 'application/pdf' }) });
    const clicked: Array<{ href: string; download: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const { user } = renderBubble(
      {
        id: 'd1',
        text: '',
        content: media('document', { filename: 'invoice-2291.pdf', mimeType: 'application/pdf' }),
      },
      bubbleEnvironment({ media: loader }),
    );
    expect(screen.getByText('invoice-2291.pdf')).toBeTruthy();
    expect(screen.getByText('application/pdf')).toBeTruthy();
    expect(loader.load).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Download invoice-2291.pdf' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.href).toMatch(/^blob:/);
    expect(clicked[0]?.download).toBe('invoice-2291.pdf');
    click.mockRestore();
  });

  it('says when a file is gone, and offers a retry when the provider failed', async () => {
    const files: Record<string, Blob | 'not-found' | 'provider'> = { gone: 'not-found', flaky: 'provider' };
    const loader = fakeMedia(files);
    const { user } = render(
      <WithEnvironment value={bubbleEnvironment({ media: loader })}>
        <MessageBubble message={message({ id: 'gone', text: '', content: media('image') })} />
        <MessageBubble message={message({ id: 'flaky', text: '', content: media('video') })} />
      </WithEnvironment>,
    );
    expect(await screen.findByText('This file is no longer available.')).toBeTruthy();
    expect(await screen.findByText('The messaging service did not send the file. Try again later.')).toBeTruthy();
    // Only the provider failure is worth retrying.
    const retry = screen.getByRole('button', { name: 'Retry' });
    files.flaky = png;
    await user.click(retry);
    await waitFor(() => expect(document.querySelector('video')?.getAttribute('src')).toMatch(/^blob:/));
  });
});

describe('other content in a bubble', () => {
  it('shows a location with its place and coordinates, and opens the map through the platform', async () => {
    const env = bubbleEnvironment();
    const { user } = renderBubble(
      {
        // The gateway puts the place's name in the text too (for search): it is not repeated under the card.
        text: 'Tour Eiffel',
        content: { kind: 'location', latitude: 48.8584, longitude: 2.2945, name: 'Tour Eiffel', address: 'Paris' },
      },
      env,
    );
    expect(screen.getAllByText('Tour Eiffel')).toHaveLength(1);
    expect(screen.getByText('Paris')).toBeTruthy();
    expect(screen.getByText('48.8584, 2.2945')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Open in map' });
    expect(link.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=48.8584&mlon=2.2945#map=17/48.8584/2.2945',
    );
    await user.click(link);
    expect(env.openExternal).toHaveBeenCalledExactlyOnceWith(link.getAttribute('href'));
  });

  it('shows shared contacts as small cards', () => {
    renderBubble({
      text: 'Hugo Petit, Inès Roux',
      content: {
        kind: 'contacts',
        contacts: [
          { name: 'Hugo Petit', phones: ['+33 6 11 22 33 44'], emails: ['hugo@example.fr'] },
          { name: 'Inès Roux', phones: [], emails: [] },
        ],
      },
    });
    expect(screen.getAllByText('Shared contact')).toHaveLength(2);
    expect(screen.getByText('Hugo Petit')).toBeTruthy();
    expect(screen.getByText('+33 6 11 22 33 44')).toBeTruthy();
    expect(screen.getByText('hugo@example.fr')).toBeTruthy();
    expect(screen.getByText('Inès Roux')).toBeTruthy();
    expect(screen.queryByText('Hugo Petit, Inès Roux')).toBeNull();
  });

  it('names a cart’s products when the catalogue knows them, keeping the provider’s id', () => {
    renderBubble({
      text: '',
      content: {
        kind: 'order',
        catalogId: null,
        items: [{ productId: 'MUG-BLUE', name: 'Mug bleu 35 cl', quantity: 1, unitPrice: 18.9, currency: 'EUR' }],
      },
    });
    const cell = screen.getByText('Mug bleu 35 cl').closest('td')!;
    expect(cell.textContent).toBe('Mug bleu 35 clMUG-BLUE');
  });

  const cart: MessageContent = {
    kind: 'order',
    catalogId: 'cat-1',
    items: [
      { productId: 'MUG-BLUE', quantity: 2, unitPrice: 12.9, currency: 'EUR' },
      { productId: 'SPOON', quantity: 3, unitPrice: 0.1, currency: 'EUR' },
    ],
  };

  it('shows a cart with quantities, unit prices, line amounts and the total, in the UI language', () => {
    const { container } = renderBubble({ text: 'For my sister', content: cart });
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Product', 'Qty', 'Unit price', 'Amount'],
      ['MUG-BLUE', '2', '€12.90', '€25.80'],
      ['SPOON', '3', '€0.10', '€0.30'],
      ['Total', '€26.10'],
    ]);
    expect(screen.getByText(/Cart · 5 items/)).toBeTruthy();
    expect(screen.getByText('For my sister')).toBeTruthy();
    expect(container.querySelector('[data-total="EUR"]')?.textContent).toContain('€26.10');
  });

  it('formats the cart the French way in French', () => {
    const { container } = renderBubble({ text: '', content: cart }, bubbleEnvironment(), 'fr');
    const total = container.querySelector('[data-total="EUR"]')?.textContent?.replace(/\s/g, ' ');
    expect(total).toBe('Total26,10 €');
    expect(screen.getByText(/Panier · 5 articles/)).toBeTruthy();
  });

  it('shows a button reply as a chip, without repeating its title as text', () => {
    const { container } = renderBubble({
      text: 'Yes, ship it',
      content: { kind: 'choice', choiceId: 'ok', title: 'Yes, ship it' },
    });
    expect(container.querySelector('[data-content="choice"]')?.textContent).toBe('Yes, ship it');
    expect(screen.getAllByText('Yes, ship it')).toHaveLength(1);
  });

  it('marks a template and shows its filled body', () => {
    renderBubble({
      direction: 'out',
      author: { kind: 'agent', agentId: 'a1' },
      text: 'Hello Amélie, your order 1042 has shipped.',
      content: { kind: 'template', name: 'order_shipped', language: 'en', parameters: ['Amélie', '1042'] },
    });
    expect(screen.getByText('Template')).toBeTruthy();
    expect(screen.getByText('order_shipped · en')).toBeTruthy();
    expect(screen.getByText('Hello Amélie, your order 1042 has shipped.')).toBeTruthy();
  });

  it('shows an unsupported message with its type instead of dropping it', () => {
    renderBubble({ text: '', content: { kind: 'unsupported', type: 'ephemeral' } });
    expect(screen.getByText('Unsupported message (ephemeral)')).toBeTruthy();
  });

  it('keeps every customer string as text: captions, titles, names, product ids, types', async () => {
    const loader = fakeMedia({ i: png });
    const { container } = render(
      <WithEnvironment value={bubbleEnvironment({ media: loader })}>
        <MessageBubble message={message({ id: 'i', text: EVIL, content: media('image') })} />
        <MessageBubble
          message={message({ id: 'c', text: '', content: { kind: 'choice', choiceId: null, title: EVIL } })}
        />
        <MessageBubble
          message={message({
            id: 'l',
            text: '',
            content: { kind: 'location', latitude: 1, longitude: 2, name: EVIL, address: EVIL },
          })}
        />
        <MessageBubble
          message={message({
            id: 'k',
            text: '',
            content: { kind: 'contacts', contacts: [{ name: EVIL, phones: [EVIL], emails: [] }] },
          })}
        />
        <MessageBubble
          message={message({
            id: 'o',
            text: '',
            content: {
              kind: 'order',
              catalogId: null,
              items: [{ productId: EVIL, quantity: 1, unitPrice: 1, currency: 'EUR' }],
            },
          })}
        />
        <MessageBubble message={message({ id: 'u', text: '', content: { kind: 'unsupported', type: EVIL } })} />
        <MessageBubble
          message={message({
            id: 'd',
            text: '',
            content: { kind: 'media', media: 'document', mediaId: 'x', mimeType: EVIL, filename: EVIL },
          })}
        />
      </WithEnvironment>,
    );
    await screen.findByRole('img', { name: EVIL });
    // The only image is the one made from the blob; nothing was made from the customer's markup.
    expect([...container.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([
      expect.stringMatching(/^blob:/),
    ]);
    expect(container.querySelector('b, script')).toBeNull();
    expect(container.textContent).toContain('<b>bold</b>');
  });
});

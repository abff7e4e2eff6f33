import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClickToChatSection } from '../../../../src/renderer/features/settings/components/ClickToChatSection';
import { SettingsModal } from '../../../../src/renderer/features/settings/components/SettingsModal';
import { render, screen, waitFor } from '../../test-utils/render';

const KEY = 'comptoir.clickToChat';

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

function setup(country: string | undefined = 'FR', language: 'en' | 'fr' = 'en') {
  return render(<ClickToChatSection defaultCountry={country} />, { language });
}

const numberInput = () => screen.getByRole('textbox', { name: /Business WhatsApp number/ });
const messageInput = () => screen.getByRole('textbox', { name: /Pre-filled message/ });
const linkInput = () => screen.getByRole('textbox', { name: 'Link' }) as HTMLInputElement;
/** Pasting rather than typing: each keystroke would redraw the QR code, slowly under happy-dom. */
async function paste(user: ReturnType<typeof setup>['user'], input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}
const qr = () => screen.queryByRole('img', { name: 'QR code of the WhatsApp link' });

describe('the Click to chat section', () => {
  it('asks for the number before showing anything', () => {
    setup();
    expect(screen.getByText('Enter the number to see the link and its QR code.')).toBeTruthy();
    expect(qr()).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Link' })).toBeNull();
  });

  it('shows the wa.me link of the typed number, with the message encoded, and remembers both', async () => {
    const { user } = setup();
    await user.type(numberInput(), '+33 6 12 34 56 78');
    expect(linkInput().value).toBe('https://wa.me/33612345678');
    await paste(user, messageInput(), 'Bonjour Maison Lumière ! 🕯️ & #1');
    expect(linkInput().value).toBe(
      'https://wa.me/33612345678?text=Bonjour%20Maison%20Lumi%C3%A8re%20!%20%F0%9F%95%AF%EF%B8%8F%20%26%20%231',
    );
    expect(decodeURIComponent(linkInput().value.split('?text=')[1]!)).toBe('Bonjour Maison Lumière ! 🕯️ & #1');
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({
      phone: '+33 6 12 34 56 78',
      message: 'Bonjour Maison Lumière ! 🕯️ & #1',
    });
  });

  it('reads a national number as one of the default country', async () => {
    const { user } = setup('FR');
    await user.type(numberInput(), '06 12 34 56 78');
    expect(linkInput().value).toBe('https://wa.me/33612345678');
    expect(screen.getByText(/A number without it is read as a number in France\./)).toBeTruthy();
  });

  it('starts from what was saved', () => {
    localStorage.setItem(KEY, JSON.stringify({ phone: '0033612345678', message: 'Salut' }));
    setup();
    expect((numberInput() as HTMLInputElement).value).toBe('0033612345678');
    expect(linkInput().value).toBe('https://wa.me/33612345678?text=Salut');
  });

  it('ignores a saved value of the wrong shape', () => {
    localStorage.setItem(KEY, JSON.stringify({ phone: 42 }));
    setup();
    expect((numberInput() as HTMLInputElement).value).toBe('');
  });

  it('says when the number is not one, and shows no link and no QR code', async () => {
    const { user } = setup();
    await user.type(numberInput(), '+33 6 12');
    expect(screen.getByText('This is not a phone number with its country code, e.g. +33 6 12 34 56 78.')).toBeTruthy();
    expect(numberInput().getAttribute('aria-invalid')).toBe('true');
    expect(qr()).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Link' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Download QR code/ })).toBeNull();
  });

  it('draws the QR code of the link as one square per dark module, inside a 2-module quiet zone', async () => {
    const { user } = setup();
    await user.type(numberInput(), '+33 6 12 34 56 78');
    await paste(user, messageInput(), 'Bonjour !');
    const url = linkInput().value;
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const svg = qr()!;
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${modules.size + 4} ${modules.size + 4}`);
    const squares = svg.querySelectorAll('rect:not([data-background])');
    expect(squares.length).toBe(modules.data.reduce((n, bit) => n + (bit ? 1 : 0), 0));
    // The top-left finder pattern's corner, after the quiet zone.
    expect(svg.querySelector('rect[x="2"][y="2"]')).not.toBeNull();
    for (const square of squares) {
      const x = Number(square.getAttribute('x')) - 2;
      const y = Number(square.getAttribute('y')) - 2;
      expect(modules.get(y, x)).toBeTruthy();
    }
  });

  it('offers the QR code as a PNG to download', async () => {
    const { user } = setup();
    await user.type(numberInput(), '+33612345678');
    const download = await screen.findByRole('link', { name: /Download QR code/ });
    await waitFor(() => expect(download.getAttribute('href')).toMatch(/^data:image\/png;base64,/));
    expect(download.getAttribute('download')).toBe('whatsapp-qr.png');
  });

  it('gives the HTML to paste on the website, as text, and copies it', async () => {
    const { user } = setup();
    await user.type(numberInput(), '+33612345678');
    await paste(user, messageInput(), '<b>Hi</b>');
    const snippet = screen.getByRole('textbox', { name: /For your website/ }) as HTMLTextAreaElement;
    expect(snippet.value).toBe(
      '<a href="https://wa.me/33612345678?text=%3Cb%3EHi%3C%2Fb%3E" target="_blank" rel="noopener noreferrer">' +
        'Chat with us on WhatsApp</a>',
    );
    // Shown as text, never as markup.
    expect(document.querySelector('b')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Copy the HTML' }));
    expect(await navigator.clipboard.readText()).toBe(snippet.value);
    await user.click(screen.getByRole('button', { name: 'Copy the link' }));
    expect(await navigator.clipboard.readText()).toBe('https://wa.me/33612345678?text=%3Cb%3EHi%3C%2Fb%3E');
  });

  it('says when the message is too long for a QR code', async () => {
    localStorage.setItem(KEY, JSON.stringify({ phone: '+33612345678', message: '🕯️'.repeat(300) }));
    setup();
    expect(screen.getByText('This message is too long to fit in a QR code: shorten it.')).toBeTruthy();
    expect(qr()).toBeNull();
  });

  it('speaks French', async () => {
    const { user } = setup('FR', 'fr');
    await user.type(screen.getByRole('textbox', { name: /Numéro WhatsApp de la boutique/ }), '06 12 34 56 78');
    expect(screen.getByRole('textbox', { name: /Pour votre site/ })).toHaveProperty(
      'value',
      '<a href="https://wa.me/33612345678" target="_blank" rel="noopener noreferrer">Écrivez-nous sur WhatsApp</a>',
    );
  });

  it('has a tab of its own in Settings, after Quick replies', async () => {
    const { user } = render(
      <SettingsModal
        opened
        onClose={() => {}}
        language="en"
        onLanguageChange={() => {}}
        colorScheme="auto"
        onColorSchemeChange={() => {}}
        modKey="Ctrl"
        replies={<p>Replies</p>}
      />,
    );
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs.slice(-2)).toEqual(['Quick replies', 'Click to chat']);
    await user.click(screen.getByRole('tab', { name: 'Click to chat' }));
    expect(numberInput()).toBeTruthy();
  });
});

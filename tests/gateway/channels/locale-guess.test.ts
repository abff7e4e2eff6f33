import { describe, expect, it } from 'vitest';
import { guessLocale } from '../../../src/gateway/channels/locale-guess';

describe('guessLocale', () => {
  it.each([
    ['Bonjour, où est ma commande ?', 'fr'],
    ['je voudrais un échange svp', 'fr'],
    ['Merci beaucoup', 'fr'],
    ['Hello, where is my order?', 'en'],
    ['Thanks for the delivery', 'en'],
    ['👍', 'en'],
    ['12345', 'en'],
  ])('%s → %s', (text, locale) => {
    expect(guessLocale(text)).toBe(locale);
  });
});

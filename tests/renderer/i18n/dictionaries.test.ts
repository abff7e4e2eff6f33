import { describe, expect, it } from 'vitest';
import { DICTIONARIES, en, fr, LANGUAGES, translate } from '../../../src/renderer/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (entry: unknown): string[] =>
  typeof entry === 'string' ? [entry] : Object.values(entry as Record<string, string>);

describe('UI dictionaries', () => {
  it('have exactly the same keys in every language', () => {
    const reference = Object.keys(en).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(DICTIONARIES[language]).sort(), language).toEqual(reference);
    }
  });

  it('use the same shape (plain or plural) and the same placeholders for each key', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const a = en[key];
      const b = fr[key];
      expect(typeof b, key).toBe(typeof a);
      if (typeof a !== 'string') expect(Object.keys(b as object).sort(), key).toEqual(Object.keys(a).sort());
      const wanted = placeholders(texts(a)[0] ?? '');
      for (const text of texts(b)) expect(placeholders(text), key).toEqual(wanted);
    }
  });

  it('have no empty text', () => {
    for (const language of LANGUAGES) {
      for (const [key, entry] of Object.entries(DICTIONARIES[language])) {
        for (const text of texts(entry)) expect(text.trim(), `${language}:${key}`).not.toBe('');
      }
    }
  });

  it('fills placeholders and picks the plural form of each language', () => {
    expect(translate('en', 'connection.queued', { count: 1 })).toBe('1 reply queued');
    expect(translate('en', 'connection.queued', { count: 3 })).toBe('3 replies queued');
    expect(translate('fr', 'connection.queued', { count: 1 })).toBe('1 réponse en attente');
    expect(translate('fr', 'connection.queued', { count: 2 })).toBe('2 réponses en attente');
    // French treats 0 as singular, English as plural.
    expect(translate('fr', 'list.count', { count: 0 })).toBe('0 conversation');
    expect(translate('en', 'list.count', { count: 0 })).toBe('0 conversations');
    expect(translate('en', 'palette.goTo', { view: 'Mine' })).toBe('Go to Mine');
  });
});

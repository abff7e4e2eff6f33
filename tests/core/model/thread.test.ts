import { describe, expect, it } from 'vitest';
import { previewOf } from '../../../src/core';

describe('previewOf', () => {
  it('is one bounded line', () => {
    expect(previewOf('Bonjour,\n\nma commande   #1042 ?')).toBe('Bonjour, ma commande #1042 ?');
    const long = previewOf('mot '.repeat(25_000));
    expect(long.length).toBe(140);
    expect(long.endsWith('…')).toBe(true);
  });

  it('does not spend its length on invisible characters, and keeps joined emoji whole', () => {
    expect(previewOf(`${'\u200b'.repeat(5_000)}Hello visible text`)).toBe('Hello visible text');
    expect(previewOf('\ufeffword\u2060joiner')).toBe('wordjoiner');
    const family = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}';
    expect(previewOf(`Famille ${family}`)).toBe(`Famille ${family}`);
  });
});

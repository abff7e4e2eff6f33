import { describe, expect, it } from 'vitest';
import {
  charNgrams,
  foldText,
  isWordToken,
  NUMBER_TOKEN,
  ORDER_TOKEN,
  PLACEHOLDER_TOKEN,
  tokenize,
} from '../../../src/core/text';

describe('foldText', () => {
  it('lowercases and folds accents and ligatures', () => {
    expect(foldText('Élève À Noël ça Œuvre cœur Æsop')).toBe('eleve a noel ca oeuvre coeur aesop');
  });
});

describe('tokenize', () => {
  it('folds accents in French words', () => {
    expect(tokenize('Où est passée ma COMMANDE ? Reçu très abîmé')).toEqual([
      'ou',
      'est',
      'passee',
      'ma',
      'commande',
      'recu',
      'tres',
      'abime',
    ]);
  });

  it('drops French elisions and keeps English contractions as one word', () => {
    expect(tokenize("L'adresse d'expédition n'est pas celle qu'il faut, j'attends jusqu'à lundi")).toEqual([
      'adresse',
      'expedition',
      'est',
      'pas',
      'celle',
      'il',
      'faut',
      'attends',
      'a',
      'lundi',
    ]);
    expect(tokenize("I don't know, I’m waiting")).toEqual(['i', 'dont', 'know', 'im', 'waiting']);
  });

  it('keeps emoji as tokens, including skin tones and joined sequences', () => {
    expect(tokenize('merci 🙏🏽 😡😡 👨‍👩‍👧 ❤️')).toEqual(['merci', '🙏🏽', '😡', '😡', '👨‍👩‍👧', '❤']);
  });

  it('normalises numbers and order references', () => {
    expect(tokenize('commande #1042 : 3 articles à 12,50 €, ref # 77')).toEqual([
      'commande',
      ORDER_TOKEN,
      NUMBER_TOKEN,
      'articles',
      'a',
      NUMBER_TOKEN,
      'ref',
      ORDER_TOKEN,
    ]);
    expect(tokenize('order 2024 mp3')).toEqual(['order', NUMBER_TOKEN, 'mp3']);
  });

  it('turns Bitext placeholders into placeholder tokens (order numbers like #1042)', () => {
    expect(tokenize('cancel order {{Order Number}} and send {{Invoice Number}} to {{Person Name}}')).toEqual([
      'cancel',
      'order',
      ORDER_TOKEN,
      'and',
      'send',
      PLACEHOLDER_TOKEN,
      'to',
      PLACEHOLDER_TOKEN,
    ]);
  });

  it('gives nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('?!... --')).toEqual([]);
  });
});

describe('charNgrams', () => {
  it('takes n-grams within word boundaries', () => {
    expect(charNgrams('prix', 3, 4)).toEqual(['<pr', 'pri', 'rix', 'ix>', '<pri', 'prix', 'rix>']);
    expect(charNgrams('a', 3, 5)).toEqual(['<a>']);
  });

  it('only applies to words', () => {
    expect(isWordToken('commande')).toBe(true);
    expect(isWordToken(ORDER_TOKEN)).toBe(false);
    expect(isWordToken('😡')).toBe(false);
    expect(isWordToken('42')).toBe(false);
  });
});

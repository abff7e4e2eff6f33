import { describe, expect, it } from 'vitest';
import { urgencyOf } from '../../../src/core/labels';

describe('urgencyOf', () => {
  it.each([
    'C’est URGENT, merci',
    "j'ai besoin d'une réponse immédiatement",
    'Répondez-moi tout de suite',
    'I need this ASAP',
    'please answer right now',
    'Urgence : colis bloqué',
  ])('is urgent when the customer says so: %j', (text) => {
    const u = urgencyOf(text);
    expect(u.priority).toBe('urgent');
    expect(u.reasons[0]).toMatch(/^says it is urgent/);
  });

  it.each([
    'Je vais contacter mon avocat',
    "J'ai porté plainte",
    "C'est une arnaque",
    'This is a scam',
    'I will call my lawyer',
    'Fraud on my card',
  ])('is urgent on a legal or fraud threat: %j', (text) => {
    const u = urgencyOf(text);
    expect(u.priority).toBe('urgent');
    expect(u.reasons).toEqual([expect.stringMatching(/^mentions legal action or fraud/)]);
  });

  it.each([
    "C'est un scandale",
    'inadmissible',
    'Quelle honte',
    'Remboursez-moi',
    'I am furious',
    'This is unacceptable',
    'worst shop ever',
    'never again',
    'plus jamais chez vous',
    'refund me',
  ])('is high on one angry phrase: %j', (text) => {
    expect(urgencyOf(text)).toEqual({ priority: 'high', reasons: [expect.stringMatching(/^angry words/)] });
  });

  it('counts angry words as one signal, however many', () => {
    expect(urgencyOf("C'est un scandale, inadmissible, une honte").priority).toBe('high');
  });

  it('reads "REMBOURSEZ-MOI" as angry and shouted: urgent', () => {
    const u = urgencyOf('REMBOURSEZ-MOI');
    expect(u.priority).toBe('urgent');
    expect(u.reasons).toEqual(['angry words ("remboursez moi")', 'written in capitals']);
  });

  it('folds accents and case: "IMMÉDIATEMENT", "immediatement"', () => {
    expect(urgencyOf('IMMÉDIATEMENT').priority).toBe('urgent');
    expect(urgencyOf('répondez immediatement').priority).toBe('urgent');
    expect(urgencyOf('HONTEUX').priority).toBe('high');
  });

  it('takes shouting as ≥ 12 letters, ≥ 70 % capitals', () => {
    expect(urgencyOf('OU EST MON COLIS').reasons).toEqual(['written in capitals']);
    expect(urgencyOf('OU EST MON COLIS').priority).toBe('high');
    // 11 letters: too short to be shouting.
    expect(urgencyOf('OU EST MON COL').priority).toBeNull();
    // Mostly lowercase with a few acronyms.
    expect(urgencyOf('Mon colis UPS est chez le SAV depuis lundi').priority).toBeNull();
    expect(urgencyOf('ÇA NE MARCHE PAS').priority).toBe('high');
  });

  it('takes three exclamation marks as a signal, not two', () => {
    expect(urgencyOf('Toujours rien !!!')).toEqual({ priority: 'high', reasons: ['many exclamation marks'] });
    expect(urgencyOf('Toujours rien !!').priority).toBeNull();
    expect(urgencyOf('Merci ! Super ! Top !').priority).toBe('high');
  });

  it('adds the complaint and payment_issue intents as one signal', () => {
    expect(urgencyOf('Bonjour', 'complaint')).toEqual({ priority: 'high', reasons: ['reads as a complaint'] });
    expect(urgencyOf('Bonjour', 'payment_issue').priority).toBe('high');
    expect(urgencyOf('Bonjour', 'track_order').priority).toBeNull();
    expect(urgencyOf('Bonjour', null).priority).toBeNull();
  });

  it('makes two different signals urgent', () => {
    expect(urgencyOf('worst service ever!!!').priority).toBe('urgent');
    expect(urgencyOf('This is unacceptable', 'complaint').priority).toBe('urgent');
    expect(urgencyOf('Toujours rien !!!', 'payment_issue').reasons).toHaveLength(2);
  });

  it('does not count a negated urgency', () => {
    expect(urgencyOf("Ce n'est pas urgent").priority).toBeNull();
    expect(urgencyOf('pas très urgent, merci').priority).toBeNull();
    expect(urgencyOf('not urgent at all').priority).toBeNull();
    expect(urgencyOf('sans urgence').priority).toBeNull();
    // A negation elsewhere does not cancel it.
    expect(urgencyOf('no reply yet, urgent').priority).toBe('urgent');
  });

  it('does not match inside longer words', () => {
    expect(urgencyOf('Les urgentistes sont là').priority).toBeNull();
    expect(urgencyOf('Sue from accounting').priority).toBeNull();
    expect(urgencyOf('a scampi recipe').priority).toBeNull();
  });

  it('is null for a calm message', () => {
    expect(urgencyOf('Bonjour, où en est ma commande #1042 ?')).toEqual({ priority: null, reasons: [] });
    expect(urgencyOf('')).toEqual({ priority: null, reasons: [] });
  });
});

describe('angry emoji', () => {
  it('an angry face is one signal, not two with angry words', () => {
    expect(urgencyOf("C'est encore refusé 😤 j'ai essayé deux fois")).toMatchObject({ priority: 'high' });
    expect(urgencyOf('Merci 🙂')).toEqual({ priority: null, reasons: [] });
    const both = urgencyOf('scandaleux 😡');
    expect(both.priority).toBe('high');
  });
});

import { describe, expect, it } from 'vitest';
import { createQuickReplySearch, DEFAULT_BUSINESS_HOURS } from '../../../../src/core';
import {
  hoursText,
  lastCustomerMessage,
  localeOf,
  nextBlank,
  renderReply,
  slashQueryAt,
  suggestReplies,
  valuesOf,
} from '../../../../src/renderer/features/composer/quickReplies';
import { contact, message } from '../../test-utils/fixtures';
import { ORDER, REPLIES, reply } from './quickReplyFixtures';

describe('slashQueryAt', () => {
  it('finds the /word before the caret at the start or after whitespace', () => {
    expect(slashQueryAt('/', 1)).toEqual({ start: 0, query: '' });
    expect(slashQueryAt('/liv', 4)).toEqual({ start: 0, query: 'liv' });
    expect(slashQueryAt('Merci\n/rem', 10)).toEqual({ start: 6, query: 'rem' });
    expect(slashQueryAt('Merci /rem plus', 10)).toEqual({ start: 6, query: 'rem' });
  });

  it('ignores a slash inside a word, or a query already ended by a space', () => {
    expect(slashQueryAt('12/03', 5)).toBeNull();
    expect(slashQueryAt('https://x.fr/a', 14)).toBeNull();
    expect(slashQueryAt('/liv ', 5)).toBeNull();
    expect(slashQueryAt('/liv', 0)).toBeNull();
  });
});

describe('values and rendering', () => {
  it('writes the shop’s hours per language, grouping days with the same hours', () => {
    expect(hoursText(DEFAULT_BUSINESS_HOURS, 'en')).toBe('Monday–Friday 09:00–18:00, Saturday 10:00–13:00');
    expect(hoursText(DEFAULT_BUSINESS_HOURS, 'fr')).toBe('Lundi–vendredi 09:00–18:00, samedi 10:00–13:00');
  });

  it('fills a reply from the conversation’s facts, and leaves blanks for what is unknown', () => {
    const facts = { contact: contact(), agentName: 'Camille', business: null };
    const delivery = REPLIES[1]!;
    const filled = renderReply(delivery, 'fr', valuesOf({ ...facts, order: ORDER }, 'fr'));
    expect(filled.text).toBe('Bonjour Amélie, votre commande 1042 est expédiée : https://track.example.com/1042');
    expect(filled.blanks).toEqual([]);
    const blank = renderReply(delivery, 'en', valuesOf({ ...facts, order: null }, 'en'));
    expect(blank.locale).toBe('en');
    expect(blank.blanks.map((b) => b.name)).toEqual(['order.number', 'order.status', 'order.tracking_url']);
  });

  it('falls back to the first variant when the language has none', () => {
    const only = reply({ variants: [{ language: 'en', body: 'Hi' }] });
    expect(renderReply(only, 'fr', {})).toMatchObject({ text: 'Hi', locale: 'en' });
  });

  it('selects the next blank after the selection, wrapping around', () => {
    const text = 'a {{order.number}} b {{order.status}}';
    expect(nextBlank(text, 0)).toMatchObject({ name: 'order.number', start: 2, end: 18 });
    expect(nextBlank(text, 18)).toMatchObject({ name: 'order.status' });
    expect(nextBlank(text, text.length)).toMatchObject({ name: 'order.number' });
    expect(nextBlank('nothing left', 0)).toBeNull();
  });

  it('reads the conversation’s language from the customer’s messages, else the contact’s', () => {
    expect(localeOf([message({ text: 'Hello, where is my parcel?' })], contact({ locale: 'fr' }))).toBe('en');
    expect(localeOf([message({ text: 'Bonjour, où est mon colis ?' })], contact({ locale: 'en' }))).toBe('fr');
    expect(localeOf([message({ text: '👍' })], contact({ locale: 'en' }))).toBe('en');
    expect(localeOf([], undefined)).toBe('en');
  });
});

describe('suggestReplies', () => {
  const search = createQuickReplySearch(REPLIES, 'agent-1');

  it('maps the intent to replies whose title, shortcut or labels name it', () => {
    const asked = message({ text: 'où est mon colis', intent: { name: 'track_order', confidence: 0.8 } });
    const labelled = suggestReplies(asked, REPLIES, search, new Map([['l-delivery', 'Suivi de commande']]));
    expect(labelled[0]?.id).toBe('qr-delivery');
    const refund = message({ text: 'argent', intent: { name: 'get_refund', confidence: 0.8 } });
    expect(suggestReplies(refund, REPLIES, search).map((r) => r.id)).toEqual(['qr-refund']);
  });

  it('falls back to the message’s words, never suggests a deleted reply, and at most three', () => {
    const words = message({ text: 'Quand arrive ma livraison ?' });
    expect(suggestReplies(words, REPLIES, search).map((r) => r.id)).toEqual(['qr-delivery']);
    expect(suggestReplies(message({ text: 'ok' }), REPLIES, search)).toEqual([]);
    expect(suggestReplies(null, REPLIES, search)).toEqual([]);
    const many = Array.from({ length: 6 }, (_, i) => reply({ id: `r${i}`, shortcut: `refund${i}`, title: 'Refund' }));
    const refund = message({ text: 'x', intent: { name: 'get_refund', confidence: 0.8 } });
    expect(suggestReplies(refund, many, createQuickReplySearch(many, null))).toHaveLength(3);
  });

  it('reads the last customer message that says something', () => {
    const list = [
      message({ id: 'a', text: 'first' }),
      message({ id: 'b', text: 'second' }),
      message({ id: 'c', text: '', deletedAt: 1 }),
      message({ id: 'd', direction: 'out', author: { kind: 'agent', agentId: 'x' }, text: 'reply' }),
    ];
    expect(lastCustomerMessage(list)?.id).toBe('b');
    expect(lastCustomerMessage(undefined)).toBeNull();
  });
});

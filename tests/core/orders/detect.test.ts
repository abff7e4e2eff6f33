import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectOrderNumbers, distinctOrderNumbers, withinOneEdit } from '../../../src/core/orders';

const numbers = (text: string): string[] => detectOrderNumbers(text).map((m) => m.number);

describe('detectOrderNumbers: order numbers it finds', () => {
  it.each([
    ['ma commande #1042', '1042'],
    ['commande n° 1055', '1055'],
    ['Commande N°1055 du 12/03', '1055'],
    ['commande nº1055', '1055'],
    ['order 370795561790', '370795561790'],
    ['order number: 1042', '1042'],
    ['Order No. 1042', '1042'],
    ['order id 1042 was charged twice', '1042'],
    ['my order #A-10429', 'A-10429'],
    ['my order #a-10429', 'A-10429'],
    ['où en est la cde 1042 ?', '1042'],
    ['OÙ EN EST LA CDE 1042 ?', '1042'],
    ['#1042', '1042'],
    ['# 1042 arrived broken', '1042'],
    ['numéro de commande : WEB-2024-5531', 'WEB-2024-5531'],
    ['numero de commande : 1042', '1042'],
    ['my order number is 1042', '1042'],
    ["Ma commande c'est la 1042", '1042'],
    ['purchase 55120, can I swap the vase?', '55120'],
    ['mon achat 55120 est cassé', '55120'],
    ['add a candle to order 1042', '1042'],
    ['i need help cancelling oorder 98765', '98765'],
    ['bjr ma comande 4410 na pas été livrée', '4410'],
    ['invoice for order #1042', '1042'],
    ['I paid $45.20 for order 1042', '1042'],
    ['(order 1042)', '1042'],
    ['order:1042', '1042'],
    ['order No1042', '1042'],
    ['ORDER NR.1042', '1042'],
  ])('%s → %s', (text, expected) => {
    expect(numbers(text)).toEqual([expected]);
  });

  it('returns the span of the chip, with its # when there is one', () => {
    const text = 'Bonjour, ma commande #1042 et la commande 1043';
    const found = detectOrderNumbers(text);
    expect(found).toEqual([
      { number: '1042', start: 21, end: 26 },
      { number: '1043', start: 42, end: 46 },
    ]);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['#1042', '1043']);
  });

  it('keeps a # glued to the cue in the chip', () => {
    expect(detectOrderNumbers('Order#1042')).toEqual([{ number: '1042', start: 5, end: 10 }]);
  });

  it('counts UTF-16 offsets after emoji and accents', () => {
    const text = '😕 Où est ma commande #1042 ?';
    const [m] = detectOrderNumbers(text);
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('#1042');
  });

  it('continues a list after a cue', () => {
    expect(numbers('orders 1042, 1043 and 1044')).toEqual(['1042', '1043', '1044']);
    expect(numbers('les commandes 1042 et 1043')).toEqual(['1042', '1043']);
  });

  it('returns every occurrence; distinctOrderNumbers gives each number once', () => {
    const text = 'order #1042… yes, #1042 again, and order 77120';
    expect(numbers(text)).toEqual(['1042', '1042', '77120']);
    expect(distinctOrderNumbers(text)).toEqual(['1042', '77120']);
  });
});

describe('detectOrderNumbers: numbers it leaves alone', () => {
  it.each([
    // Phones
    ['+33 6 12 34 56 78'],
    ['call me on 0612345678 please'],
    ['my order: call me at 0612345678'],
    ['commande : rappelez-moi au 06-12-34-56-78'],
    ['My WhatsApp is 33612345678'],
    ['commande, tel 0033612345678'],
    // Prices
    ['49,90 €'],
    ['$12.50'],
    ['order 49,90 €'],
    ['the order was 120 euros'],
    ['I paid 1 250,00 € for the set'],
    ['order total: 1,250.00'],
    // Dates and times
    ['12/03/2026'],
    ['commande du 12/03/2026'],
    ['order 2026-03-12'],
    ['livraison à 14h30'],
    ['order at 14:30'],
    // Addresses and quantities
    ['12 rue des Lilas, 75011 Paris'],
    ['2 articles'],
    ['I received only 2 articles out of 3'],
    ["j'ai commandé 300 bougies"],
    ['I want to order 250 business cards'],
    ['je voudrais commander 120 vases'],
    ['order 100 units'],
    // Other documents
    ['my bill #00108'],
    ['facture 2024-117'],
    ['invoice #2024-117'],
    ['invoice number 1042'],
    ['receipt #5521'],
    ['Ticket #4471, any news?'],
    ['refund #5521 still pending'],
    ['remboursement 2024-88 pas reçu'],
    ['order invoice 2024-117'],
    ['tracking 1Z999AA10123456784'],
    ['order tracking 123456789012'],
    ['colis 6A12345678901'],
    ['bil #00108'],
    ['invoce #00108'],
    // Bare numbers and other words
    ['Hi, it is about 77120'],
    ['A-10429'],
    ['the candle 2 smells weird'],
    ['#12'],
    ['the border 1042'],
    ['ticket#4471'],
    ['see ref1042'],
    ['I ordered 1042'],
  ])('%s', (text) => {
    expect(detectOrderNumbers(text)).toEqual([]);
  });

  it('keeps the order number and drops the other numbers around it', () => {
    const text =
      'Order #1042: paid 49,90 € on 12/03/2026, invoice #00108, tracking 1Z999AA10123456784, call 06 12 34 56 78';
    expect(numbers(text)).toEqual(['1042']);
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap', () => {
    expect(withinOneEdit('order', 'order')).toBe(true);
    expect(withinOneEdit('ordr', 'order')).toBe(true);
    expect(withinOneEdit('oorder', 'order')).toBe(true);
    expect(withinOneEdit('orfer', 'order')).toBe(true);
    expect(withinOneEdit('oredr', 'order')).toBe(true);
    expect(withinOneEdit('odrer', 'order')).toBe(true);
    expect(withinOneEdit('oder', 'order')).toBe(true);
    expect(withinOneEdit('odr', 'order')).toBe(false);
    expect(withinOneEdit('roder', 'order')).toBe(true);
    expect(withinOneEdit('ordering', 'order')).toBe(false);
  });
});

describe('detectOrderNumbers: properties', () => {
  const messages = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom('order', 'commande', 'n°', '#', 'cde', 'invoice', ':', ',', ' ', 'et', '€', '/', '-', '+'),
          fc.stringMatching(/^[A-Z]{0,3}-?\d{1,14}$/),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(' ')),
  );

  it('never throws; spans lie in the text, contain the number and have no surrounding spaces', () => {
    fc.assert(
      fc.property(messages, (text) => {
        for (const m of detectOrderNumbers(text)) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(m.start).toBeLessThan(m.end);
          const span = text.slice(m.start, m.end);
          expect(span.toUpperCase()).toContain(m.number);
          expect(span.trim()).toBe(span);
          expect(m.number.length).toBeGreaterThanOrEqual(3);
          expect(m.number.length).toBeLessThanOrEqual(20);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds any well-formed number written after "order #" or "commande n°"', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(?:[A-Z]{1,3}-)?[1-9]\d{3,11}$/),
        fc.constantFrom('order #', 'my order number: ', 'ma commande n° ', 'cde '),
        (n, prefix) => {
          expect(numbers(`${prefix}${n}`)).toEqual([n]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

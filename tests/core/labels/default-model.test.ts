import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage, loadDefaultModel, type LabelHeads } from '../../../src/core/labels';

const FILE = join(__dirname, '../../../resources/labels/default-model.json');

let heads: LabelHeads;
beforeAll(() => {
  heads = loadDefaultModel(JSON.parse(readFileSync(FILE, 'utf8')));
});

describe('the default label model', () => {
  it('is small', () => {
    expect(readFileSync(FILE).length).toBeLessThan(2.5 * 1024 * 1024);
  });

  it('has both heads with the dataset labels', () => {
    expect([...heads.category.labels].sort()).toEqual(
      expect.arrayContaining(['ACCOUNT', 'DELIVERY', 'ORDER', 'PAYMENT', 'REFUND', 'SHIPPING']),
    );
    expect(heads.intent.labels).toEqual(expect.arrayContaining(['track_order', 'get_refund', 'cancel_order']));
  });

  it.each([
    ['where is my order #1042?', 'ORDER', 'track_order'],
    ['I want to get a refund for my purchase', 'REFUND', 'get_refund'],
    ['I need to cancel order 1042', 'ORDER', 'cancel_order'],
    ['how can I change my shipping address', 'SHIPPING', 'change_shipping_address'],
    ['I forgot my password 😡', 'ACCOUNT', 'recover_password'],
  ])('classifies %j', (text, category, intent) => {
    const r = classifyMessage(heads, text);
    expect(r.category.label).toBe(category);
    expect(r.intent.label).toBe(intent);
  });

  // Bitext is English only; the default model also learns from resources/labels/seed-fr.csv. These French phrases
  // are not in that file.
  it.each([
    ['où est mon colis ? commande #1042', 'ORDER', 'track_order'],
    ['remboursez-moi vite !!', 'REFUND', 'get_refund'],
    ['mot de passe oublié, impossible de me connecter', 'ACCOUNT', 'recover_password'],
    ['annulez ma commande 1042 svp', 'ORDER', 'cancel_order'],
    ['paiement refusé par ma banque', 'PAYMENT', 'payment_issue'],
    ['je veux parler à un conseiller', 'CONTACT', 'contact_human_agent'],
  ])('classifies the French %j', (text, category, intent) => {
    const r = classifyMessage(heads, text);
    expect(r.category.label).toBe(category);
    expect(r.intent.label).toBe(intent);
  });

  it('is unsure about an ambiguous message (track order or delivery time?)', () => {
    const r = classifyMessage(heads, 'where is my order #1042? it has not arrived');
    expect(r.intent.confidence).toBeLessThan(0.8);
    expect(r.intent.ranked.slice(0, 2).map((x) => x.label)).toContain('track_order');
    expect(classifyMessage(heads, 'track order 1042').intent.confidence).toBeGreaterThan(0.95);
  });

  it('refuses a file with a missing head', () => {
    const json = JSON.parse(readFileSync(FILE, 'utf8')) as { heads: Record<string, unknown> };
    delete json.heads.intent;
    expect(() => loadDefaultModel(json)).toThrow(/invalid default label model: heads.intent/);
  });
});

import { describe, expect, it } from 'vitest';
import { createQuickReplySearch, withinDistance, type QuickReply } from '../../../src/core/templates';

let n = 0;
function reply(shortcut: string, title: string, body: string, over: Partial<QuickReply> = {}): QuickReply {
  return {
    id: `qr_${++n}`,
    shortcut,
    title,
    variants: [{ language: 'fr', body }],
    attachments: [],
    labels: [],
    resolve: false,
    usage: {},
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

const REPLIES = [
  reply('livraison', 'Délais de livraison', 'Bonjour {{contact.first_name}}, la livraison prend 2 à 4 jours.'),
  reply('retour', 'Retours', 'Vous avez 30 jours pour nous retourner un article.'),
  reply('rembourse', 'Remboursement', 'Le remboursement arrive sous 5 jours ouvrés.'),
  reply('suivi', 'Suivi de commande', 'Votre colis est en route : {{order.tracking_url}}'),
  reply('paiement', 'Moyens de paiement', 'Carte, PayPal ou virement.'),
  reply('li', 'Liste cadeau', 'Notre liste de mariage.'),
  reply('old', 'Livraison express (ancien)', 'Plus proposé.', { deletedAt: 1 }),
];

const shortcuts = (list: QuickReply[]) => list.map((r) => r.shortcut);

describe('createQuickReplySearch', () => {
  const index = createQuickReplySearch(REPLIES, 'agent_a');

  it('puts shortcut prefixes first, shortest first, then fuzzy title and text matches', () => {
    const found = shortcuts(index.search('liv'));
    expect(found[0]).toBe('livraison');
    expect(shortcuts(index.search('li')).slice(0, 2)).toEqual(['li', 'livraison']);
  });

  it('forgives typos, accents and case', () => {
    expect(shortcuts(index.search('remboursment'))[0]).toBe('rembourse');
    expect(shortcuts(index.search('DELAIS'))[0]).toBe('livraison');
    expect(shortcuts(index.search('paypal'))).toContain('paiement');
  });

  it('never lists a deleted reply, and finds nothing for nonsense', () => {
    expect(shortcuts(index.search('express'))).not.toContain('old');
    expect(index.search('zzzzqqqq')).toEqual([]);
  });

  it('an empty query lists this agent’s most used first, then by title', () => {
    const used = [
      reply('a', 'Alpha', 'x', { usage: { agent_a: { count: 1, lastUsedAt: 5 } } }),
      reply('b', 'Bravo', 'x', {
        usage: { agent_a: { count: 9, lastUsedAt: 1 }, agent_b: { count: 50, lastUsedAt: 9 } },
      }),
      reply('c', 'Charlie', 'x', { usage: { agent_b: { count: 99, lastUsedAt: 9 } } }),
    ];
    expect(shortcuts(createQuickReplySearch(used, 'agent_a').search(''))).toEqual(['b', 'a', 'c']);
    expect(shortcuts(createQuickReplySearch(used, 'agent_b').search(''))).toEqual(['c', 'b', 'a']);
    expect(createQuickReplySearch(used, null).search('', 2)).toHaveLength(2);
  });
});

describe('withinDistance', () => {
  it.each([
    ['remboursment', 'remboursement', 1, true],
    ['trakcing', 'tracking', 1, true],
    ['livraison', 'livraison', 0, true],
    ['colis', 'coliss', 0, false],
    ['abc', 'xyz', 2, false],
    ['paiment', 'paiement', 1, true],
  ])('%s ~ %s within %i: %s', (a, b, max, expected) => {
    expect(withinDistance(a, b, max)).toBe(expected);
  });
});

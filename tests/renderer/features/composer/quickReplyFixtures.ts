import type { QuickReply } from '../../../../src/core';
import { NOW } from '../../test-utils/fixtures';

export function reply(overrides: Partial<QuickReply> = {}): QuickReply {
  return {
    id: 'qr-hello',
    shortcut: 'bonjour',
    title: 'Greeting',
    variants: [
      { language: 'fr', body: 'Bonjour {{contact.first_name | "à vous"}}, je suis {{agent.name}}.' },
      { language: 'en', body: 'Hello {{contact.first_name | "there"}}, I am {{agent.name}}.' },
    ],
    attachments: [],
    labels: [],
    resolve: false,
    usage: {},
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...overrides,
  };
}

/** A small library: greeting, delivery (with order values), refund, and a deleted one. */
export const REPLIES: QuickReply[] = [
  reply(),
  reply({
    id: 'qr-delivery',
    shortcut: 'livraison',
    title: 'Delivery times',
    variants: [
      {
        language: 'fr',
        body: 'Bonjour {{contact.first_name}}, votre commande {{order.number}} est {{order.status}} : {{order.tracking_url}}',
      },
      {
        language: 'en',
        body: 'Hi {{contact.first_name}}, your order {{order.number}} is {{order.status}}: {{order.tracking_url}}',
      },
    ],
    labels: ['l-delivery'],
    usage: { 'agent-1': { count: 9, lastUsedAt: NOW - 100 } },
  }),
  reply({
    id: 'qr-refund',
    shortcut: 'rembourse',
    title: 'Refund on its way',
    variants: [
      { language: 'fr', body: 'Votre remboursement de {{order.total}} part aujourd’hui.' },
      { language: 'en', body: 'Your refund of {{order.total}} leaves today.' },
    ],
  }),
  reply({ id: 'qr-old', shortcut: 'livold', title: 'Old delivery', deletedAt: NOW - 10 }),
];

export const ORDER = {
  number: '1042',
  status: 'shipped',
  trackingUrl: 'https://track.example.com/1042',
  total: 49.9,
  currency: 'EUR',
  createdAt: NOW - 1000,
};

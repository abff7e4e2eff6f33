import { describe, expect, it } from 'vitest';
import { orderUpdateText, type Contact, type OrderSummary, type QuickReply } from '../../../src/core';
import { templateFor } from '../../../src/gateway/orders/update-template';

const ORDER: OrderSummary = {
  number: '1052',
  status: 'paid',
  trackingUrl: 'https://track.example/1052',
  total: 49.9,
  currency: 'EUR',
  createdAt: 0,
};

const CONTACT = { name: 'Yasmine Haddad', locale: 'fr' } as Contact;

const statusReply = (whatsapp?: QuickReply['whatsapp']): QuickReply => ({
  id: 'qr',
  shortcut: 'commande',
  title: 'Order status',
  variants: [
    { language: 'fr', body: 'Bonjour {{contact.first_name}}, la commande n° {{order.number}} est {{order.status}}.' },
  ],
  attachments: [],
  labels: [],
  resolve: false,
  usage: {},
  createdAt: 0,
  updatedAt: 0,
  ...(whatsapp ? { whatsapp } : {}),
});

describe('order updates', () => {
  it('read in the customer’s language, with the total and the parcel link; pending is not news', () => {
    expect(orderUpdateText(ORDER, 'paid', 'fr')).toMatch(
      /^Paiement bien reçu pour votre commande n° 1052 \(49,90\s€\), merci ! Nous la préparons\.$/,
    );
    expect(orderUpdateText(ORDER, 'shipped', 'en')).toBe(
      'Good news: your order #1052 is on its way! You can follow it here: https://track.example/1052',
    );
    expect(orderUpdateText({ ...ORDER, trackingUrl: null }, 'shipped', 'fr')).toContain('le lien suit par email');
    expect(orderUpdateText(ORDER, 'pending', 'fr')).toBeNull();
  });

  it('outside the window, go as the status reply’s approved template, filled with the order', () => {
    const mapped = statusReply({
      name: 'order_update',
      language: 'fr',
      parameters: ['contact.first_name', 'order.number', 'order.status'],
    });
    expect(templateFor([mapped], ORDER, 'shipped', CONTACT)).toEqual({
      send: { name: 'order_update', language: 'fr', parameters: ['Yasmine', '1052', 'expédiée'] },
      text: 'Bonjour Yasmine, la commande n° 1052 est expédiée.',
    });
    // No mapping, or a parameter nobody can fill: nothing is sent.
    expect(templateFor([statusReply()], ORDER, 'shipped', CONTACT)).toBeNull();
    const blank = statusReply({ name: 'order_update', language: 'fr', parameters: ['order.tracking_url'] });
    expect(templateFor([blank], { ...ORDER, trackingUrl: null }, 'shipped', CONTACT)).toBeNull();
  });
});

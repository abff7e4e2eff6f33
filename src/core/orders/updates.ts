import type { Locale } from '../model/contact';
import type { OrderStatus } from '../model/commerce';
import type { OrderSummary } from '../sync/protocol';
import { renderTemplate } from '../templates/language';

/**
 * What the customer is told when their order moves on, in their language, written in the template language so
 * the total and the status read as they do in quick replies. `pending` is not news: no message.
 */
const UPDATE_TEXT: Record<Locale, Partial<Record<OrderStatus, string>>> = {
  fr: {
    paid: 'Paiement bien reçu pour votre commande n° {{order.number}} ({{order.total}}), merci ! Nous la préparons.',
    shipped:
      'Bonne nouvelle : votre commande n° {{order.number}} est partie ! Vous pouvez la suivre ici : {{order.tracking_url | "le lien suit par email"}}',
    delivered: 'Votre commande n° {{order.number}} est livrée. Nous espérons qu’elle vous plaira !',
    cancelled: 'Votre commande n° {{order.number}} est annulée. Le montant vous sera rendu sous quelques jours.',
    refunded: 'Le remboursement de votre commande n° {{order.number}} ({{order.total}}) est parti aujourd’hui.',
  },
  en: {
    paid: 'We have received the payment for your order #{{order.number}} ({{order.total}}), thank you! We are packing it.',
    shipped:
      'Good news: your order #{{order.number}} is on its way! You can follow it here: {{order.tracking_url | "the link follows by email"}}',
    delivered: 'Your order #{{order.number}} has been delivered. We hope you love it!',
    cancelled: 'Your order #{{order.number}} is cancelled. The amount will be back on your account within a few days.',
    refunded: 'The refund for your order #{{order.number}} ({{order.total}}) left today.',
  },
};

/** The template behind an update, or null when the status is not one the customer is told about. */
export function orderUpdateTemplate(status: OrderStatus, locale: Locale): string | null {
  return UPDATE_TEXT[locale][status] ?? null;
}

/** The message telling the customer their order moved on; null for a status that is not news. */
export function orderUpdateText(order: OrderSummary, status: OrderStatus, locale: Locale): string | null {
  const template = orderUpdateTemplate(status, locale);
  if (!template) return null;
  const values = {
    order: {
      number: order.number,
      status,
      trackingUrl: order.trackingUrl,
      total: order.total,
      currency: order.currency,
    },
  };
  return renderTemplate(template, values, locale).text;
}

import {
  renderTemplate,
  approvedParameters,
  type Contact,
  type OrderStatus,
  type OrderSummary,
  type QuickReply,
  type TemplateSend,
} from '../../core';

/** The quick reply whose approved WhatsApp template tells an order's news outside the 24-hour window. */
const STATUS_REPLY_SHORTCUTS = ['commande', 'order-status', 'status'];

/**
 * Outside WhatsApp's window only an approved template can go: the shop's status reply, when it names one, filled
 * with the order (its {{1}}, {{2}}... from the mapping). Null when the shop has mapped none.
 */
export function templateFor(
  replies: readonly QuickReply[],
  order: OrderSummary,
  status: OrderStatus,
  contact: Contact | null,
): { send: TemplateSend; text: string } | null {
  const reply = STATUS_REPLY_SHORTCUTS.map((s) => replies.find((r) => r.shortcut === s)).find((r) => r?.whatsapp);
  if (!reply?.whatsapp) return null;
  const locale = contact?.locale ?? 'en';
  const values = {
    contact: contact ? { name: contact.name } : undefined,
    order: { ...order, status },
  };
  const parameters = approvedParameters(reply.whatsapp, values, locale);
  // A blank parameter is refused by WhatsApp, and nobody is there to type it.
  if (parameters.missing.length > 0) return null;
  const body = reply.variants.find((v) => v.language === locale)?.body ?? reply.variants[0]?.body ?? '';
  return {
    send: { name: reply.whatsapp.name, language: reply.whatsapp.language, parameters: parameters.values },
    text: renderTemplate(body, values, locale).text,
  };
}

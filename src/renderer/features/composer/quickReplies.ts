import {
  blanksIn,
  conversationLocale,
  foldText,
  renderTemplate,
  type Blank,
  type Business,
  type BusinessHours,
  type Contact,
  type Locale,
  type Message,
  type OrderSummary,
  type QuickReply,
  type QuickReplySearch,
  type Rendered,
  type TemplateValues,
  type TemplateVariant,
} from '../../../core';

/**
 * The composer's quick replies, as pure functions: where a `/query` is being typed, which variant to insert, the
 * values a conversation fills templates with, the blanks left to fill, and the replies to suggest.
 */

/** The `/word` being typed before the caret: at the start of the text or after whitespace. */
export interface SlashQuery {
  /** Where the `/` is. */
  start: number;
  /** What follows it, up to the caret. */
  query: string;
}

const SLASH = /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u;

export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const m = SLASH.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[1] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The variant in `locale`, else the first one (every reply has at least one). */
export function variantFor(reply: QuickReply, locale: Locale): TemplateVariant | undefined {
  return reply.variants.find((v) => v.language === locale) ?? reply.variants[0];
}

export function renderReply(reply: QuickReply, locale: Locale, values: TemplateValues): Rendered & { locale: Locale } {
  const variant = variantFor(reply, locale);
  if (!variant) return { text: '', blanks: [], error: null, locale };
  return { ...renderTemplate(variant.body, values, variant.language), locale: variant.language };
}

/** The conversation's language from its customer's messages; the contact's locale when they say nothing. */
export function localeOf(messages: readonly Message[] | undefined, contact: Contact | undefined): Locale {
  const texts = (messages ?? [])
    .filter((m) => m.direction === 'in' && m.deletedAt === undefined && m.text.trim() !== '')
    .slice(-10)
    .map((m) => m.text);
  return conversationLocale(texts, contact?.locale ?? 'en');
}

const DAYS: Record<Locale, string[]> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** "Monday–Friday 09:00–18:00, Saturday 10:00–13:00": days with the same hours grouped, Monday first. */
export function hoursText(hours: BusinessHours, locale: Locale): string {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: Array<{ from: number; to: number; span: string }> = [];
  for (const day of order) {
    const opening = hours.days[day];
    const span = opening ? `${opening.open}–${opening.close}` : null;
    const last = groups[groups.length - 1];
    if (span && last && last.span === span && order.indexOf(last.to) === order.indexOf(day) - 1) last.to = day;
    else if (span) groups.push({ from: day, to: day, span });
  }
  const names = DAYS[locale];
  const text = groups.map((g) => `${names[g.from]}${g.to === g.from ? '' : `–${names[g.to]}`} ${g.span}`).join(', ');
  return locale === 'fr' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export interface ConversationFacts {
  contact?: Contact | undefined;
  agentName?: string | null;
  business?: Business | null;
  /** `undefined` while not known (offline, not asked yet); null when the customer has no order. */
  order?: OrderSummary | null;
}

/** What `{{…}}` fills from in this conversation, for a reply written in `locale`. */
export function valuesOf(facts: ConversationFacts, locale: Locale): TemplateValues {
  const { contact, business, order } = facts;
  return {
    contact: contact ? { name: contact.name } : undefined,
    agent: { name: facts.agentName ?? null },
    business: business ? { name: business.name, hours: hoursText(business.hours, locale) } : undefined,
    order: order
      ? {
          number: order.number,
          status: order.status,
          trackingUrl: order.trackingUrl,
          total: order.total,
          currency: order.currency,
        }
      : null,
  };
}

/** The blank after the selection (from the start again past the last one); null when none is left. */
export function nextBlank(text: string, selectionEnd: number): Blank | null {
  const blanks = blanksIn(text);
  return blanks.find((b) => b.start >= selectionEnd) ?? blanks[0] ?? null;
}

/**
 * The classifier's intents and the words the replies answering them use (titles, shortcuts, label names), in
 * French and English.
 */
export const INTENT_KEYWORDS: Record<string, string[]> = {
  track_order: ['suivi', 'tracking', 'order status', 'commande', 'colis'],
  delivery_options: ['livraison', 'delivery', 'shipping'],
  delivery_period: ['livraison', 'delivery', 'délai'],
  get_refund: ['remboursement', 'refund'],
  track_refund: ['remboursement', 'refund'],
  check_refund_policy: ['remboursement', 'refund', 'retour', 'return'],
  check_cancellation_fee: ['annulation', 'cancel'],
  cancel_order: ['annulation', 'annuler', 'cancel'],
  change_order: ['modifier', 'change order'],
  place_order: ['commande', 'order'],
  check_payment_methods: ['paiement', 'payment'],
  payment_issue: ['paiement', 'payment'],
  get_invoice: ['facture', 'invoice'],
  check_invoice: ['facture', 'invoice'],
  change_shipping_address: ['adresse', 'address'],
  set_up_shipping_address: ['adresse', 'address'],
  contact_customer_service: ['horaires', 'hours', 'contact'],
  contact_human_agent: ['horaires', 'hours', 'contact'],
  complaint: ['excuses', 'sorry', 'apolog'],
  review: ['merci', 'thanks', 'avis', 'review'],
  newsletter_subscription: ['newsletter'],
  create_account: ['compte', 'account'],
  delete_account: ['compte', 'account'],
  edit_account: ['compte', 'account'],
  recover_password: ['mot de passe', 'password'],
  registration_problems: ['compte', 'account'],
  switch_account: ['compte', 'account'],
};

const STOP = new Set(
  `bonjour bonsoir salut merci pour avec dans sur vous nous votre vos mon mes est suis pas que qui quoi quand
  comment pourquoi hello thanks thank please with your have this that what when where does from there the and`
    .split(/\s+/)
    .filter(Boolean),
);

/** The words of a customer's message worth matching: folded, four letters or more, common words left out. */
function wordsOf(text: string): string[] {
  return [...new Set(foldText(text).split(/[^\p{L}\p{N}]+/u))].filter((w) => w.length >= 4 && !STOP.has(w));
}

/** The last customer message that says something (not deleted, not empty). */
export function lastCustomerMessage(messages: readonly Message[] | undefined): Message | null {
  if (!messages) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.direction === 'in' && m.deletedAt === undefined && (m.text.trim() !== '' || m.intent)) return m;
  }
  return null;
}

/**
 * Up to `limit` replies answering a customer's message: by its intent, through the words replies about it use
 * (in their title, shortcut or the names of the labels they apply), else by the words of the message itself.
 */
export function suggestReplies(
  message: Message | null,
  replies: readonly QuickReply[],
  search: QuickReplySearch,
  labelNames: ReadonlyMap<string, string> = new Map(),
  limit = 3,
): QuickReply[] {
  if (!message) return [];
  const picked = new Map<string, QuickReply>();
  const keywords = message.intent ? INTENT_KEYWORDS[message.intent.name] : undefined;
  if (keywords) {
    const folded = keywords.map(foldText);
    // Replies whose own words name the intent first, then whatever the search finds for those words.
    for (const reply of replies) {
      if (reply.deletedAt !== undefined) continue;
      const own = foldText(
        [reply.shortcut, reply.title, ...reply.labels.map((id) => labelNames.get(id) ?? '')].join(' '),
      );
      if (folded.some((k) => own.includes(k))) picked.set(reply.id, reply);
    }
    for (const keyword of keywords) {
      if (picked.size >= limit) break;
      for (const reply of search.search(keyword, limit)) picked.set(reply.id, reply);
    }
    if (picked.size > 0) return [...picked.values()].slice(0, limit);
  }
  // No intent (or nothing about it): the replies sharing the most words with the message.
  const words = wordsOf(message.text);
  if (words.length === 0) return [];
  const scored = replies
    .filter((r) => r.deletedAt === undefined)
    .map((reply) => {
      const own = new Set(wordsOf([reply.title, reply.shortcut, ...reply.variants.map((v) => v.body)].join(' ')));
      const score = words.filter((w) => own.has(w) || [...own].some((o) => o.length >= 5 && w.startsWith(o))).length;
      return { reply, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.reply);
}

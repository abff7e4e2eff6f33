import type { Locale } from '../model/contact';

/**
 * The quick-reply template language: text with `{{variable}}` or `{{variable | "fallback"}}`. Parsing reports the
 * first error with its position (so the editor can point at it); rendering never throws and inserts values as
 * plain text.
 */
export const TEMPLATE_VARIABLES = [
  'contact.first_name',
  'contact.name',
  'agent.name',
  'business.name',
  'business.hours',
  'order.number',
  'order.status',
  'order.tracking_url',
  'order.total',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: TemplateVariable; fallback: string | null; offset: number };

export interface TemplateError {
  message: string;
  /** Where the problem is: character offset, and 1-based line and column. */
  offset: number;
  line: number;
  column: number;
}

export type Parsed = { ok: true; parts: TemplatePart[] } | { ok: false; error: TemplateError };

const NAME = /[a-z_]+(?:\.[a-z_]+)*/y;
const SPACES = /[ \t]*/y;

export function parseTemplate(body: string): Parsed {
  const parts: TemplatePart[] = [];
  let i = 0;
  let text = '';
  const fail = (message: string, offset: number): Parsed => ({ ok: false, error: positioned(body, message, offset) });
  while (i < body.length) {
    const open = body.indexOf('{{', i);
    if (open < 0) {
      text += body.slice(i);
      break;
    }
    text += body.slice(i, open);
    let at = skip(body, open + 2);
    NAME.lastIndex = at;
    const name = NAME.exec(body)?.[0];
    if (!name) {
      const close = body.indexOf('}}', open + 2);
      return close < 0
        ? fail('“{{” is never closed with “}}”', open)
        : fail('a variable name is expected after “{{”', at);
    }
    if (!KNOWN.has(name)) return fail(`unknown variable “${name}” (known: ${TEMPLATE_VARIABLES.join(', ')})`, at);
    at = skip(body, at + name.length);
    let fallback: string | null = null;
    if (body[at] === '|') {
      at = skip(body, at + 1);
      const quote = body[at];
      if (quote !== '"' && quote !== "'") return fail('a fallback is a quoted text: | "there"', at);
      const read = readQuoted(body, at);
      if (read === null) return fail('the fallback’s quote is never closed', at);
      fallback = read.value;
      at = skip(body, read.end);
    }
    if (body.startsWith('}}', at)) {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'variable', name: name as TemplateVariable, fallback, offset: open });
      i = at + 2;
      continue;
    }
    return body.indexOf('}}', at) < 0
      ? fail('“{{” is never closed with “}}”', open)
      : fail('“}}” is expected here', at);
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

function skip(body: string, at: number): number {
  SPACES.lastIndex = at;
  SPACES.exec(body);
  return SPACES.lastIndex;
}

/** A quoted fallback; `\"` and `\\` escape. Returns null when the quote never closes on that line. */
function readQuoted(body: string, start: number): { value: string; end: number } | null {
  const quote = body[start];
  let value = '';
  for (let i = start + 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\n') return null;
    if (c === '\\' && i + 1 < body.length) {
      value += body[++i];
      continue;
    }
    if (c === quote) return { value, end: i + 1 };
    value += c;
  }
  return null;
}

function positioned(body: string, message: string, offset: number): TemplateError {
  const before = body.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { message, offset, line, column };
}

/** What a conversation knows; anything missing or empty is a blank (or its fallback). */
export interface TemplateValues {
  contact?: { name?: string | null; firstName?: string | null };
  agent?: { name?: string | null };
  business?: { name?: string | null; hours?: string | null };
  order?: {
    number?: string | null;
    status?: string | null;
    trackingUrl?: string | null;
    total?: number | null;
    currency?: string | null;
  } | null;
}

/** A variable left without a value and without a fallback: written as `{{name}}` in the text, at [start, end). */
export interface Blank {
  name: string;
  start: number;
  end: number;
}

export interface Rendered {
  text: string;
  blanks: Blank[];
  /** The body did not parse: `text` is the body as written. */
  error: TemplateError | null;
}

/** Fills a template body; never throws, whatever the body and the values. */
export function renderTemplate(body: string, values: TemplateValues, locale: Locale): Rendered {
  let parsed: Parsed;
  try {
    parsed = parseTemplate(body);
  } catch {
    return { text: body, blanks: [], error: positioned(body, 'unreadable template', 0) };
  }
  if (!parsed.ok) return { text: body, blanks: [], error: parsed.error };
  let text = '';
  const blanks: Blank[] = [];
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const value = safeValue(part.name, values, locale) ?? part.fallback;
    if (value !== null) {
      text += value;
      continue;
    }
    const slot = `{{${part.name}}}`;
    blanks.push({ name: part.name, start: text.length, end: text.length + slot.length });
    text += slot;
  }
  return { text, blanks, error: null };
}

/** The blanks still in a text the agent edited: `{{known.variable}}` slots, in order. */
export function blanksIn(text: string): Blank[] {
  const blanks: Blank[] = [];
  for (const m of text.matchAll(/\{\{([a-z_]+(?:\.[a-z_]+)*)\}\}/g)) {
    if (KNOWN.has(m[1]!)) blanks.push({ name: m[1]!, start: m.index, end: m.index + m[0].length });
  }
  return blanks;
}

function safeValue(name: TemplateVariable, values: TemplateValues, locale: Locale): string | null {
  try {
    const value = valueOf(name, values, locale);
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  } catch {
    return null;
  }
}

function valueOf(name: TemplateVariable, v: TemplateValues, locale: Locale): string | null | undefined {
  switch (name) {
    case 'contact.first_name':
      return v.contact?.firstName || firstNameOf(v.contact?.name);
    case 'contact.name':
      return v.contact?.name;
    case 'agent.name':
      return v.agent?.name;
    case 'business.name':
      return v.business?.name;
    case 'business.hours':
      return v.business?.hours;
    case 'order.number':
      return v.order?.number;
    case 'order.status':
      return v.order?.status ? orderStatusText(v.order.status, locale) : null;
    case 'order.tracking_url':
      return v.order?.trackingUrl;
    case 'order.total':
      return formatTotal(v.order?.total, v.order?.currency, locale);
  }
}

/** "Camille Martin" → "Camille"; a phone number or a page-scoped id is no first name. */
export function firstNameOf(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && /\p{L}/u.test(first) ? first : null;
}

const STATUS_TEXT: Record<Locale, Record<string, string>> = {
  fr: {
    pending: 'en attente',
    paid: 'payée',
    shipped: 'expédiée',
    delivered: 'livrée',
    cancelled: 'annulée',
    refunded: 'remboursée',
  },
  en: {
    pending: 'pending',
    paid: 'paid',
    shipped: 'shipped',
    delivered: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
  },
};

export function orderStatusText(status: string, locale: Locale): string {
  return STATUS_TEXT[locale][status] ?? status;
}

/** 49.9 EUR → "49,90 €" in French, "€49.90" in English. */
export function formatTotal(total: number | null | undefined, currency: string | null | undefined, locale: Locale) {
  if (typeof total !== 'number' || !Number.isFinite(total)) return null;
  try {
    return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency: currency || 'EUR',
    }).format(total);
  } catch {
    return total.toFixed(2);
  }
}

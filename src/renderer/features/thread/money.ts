import { orderTotal, type OrderItem } from '../../../core';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in its currency, written the UI language's way ("€12.50" / "12,50 €"). A currency code Intl does
 * not know (a provider typo) still shows, after the number, rather than breaking the whole cart.
 */
export function formatMoney(amount: number, currency: string, language: string): string {
  const key = `${language}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(language, { style: 'currency', currency });
    } catch {
      const plain = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return `${plain.format(amount)} ${currency}`;
    }
    formats.set(key, format);
  }
  return format.format(amount);
}

/** One line's amount, in cents first so 3 × 0.1 is 0.3 (the same arithmetic as `orderTotal`). */
export function lineTotal(item: OrderItem): number {
  return orderTotal([item]);
}

/** A cart's totals, one per currency (a real cart has one; a mixed one is not summed across currencies). */
export function cartTotals(items: readonly OrderItem[]): Array<{ currency: string; total: number }> {
  const byCurrency = new Map<string, OrderItem[]>();
  for (const item of items) byCurrency.set(item.currency, [...(byCurrency.get(item.currency) ?? []), item]);
  return [...byCurrency].map(([currency, group]) => ({ currency, total: orderTotal(group) }));
}

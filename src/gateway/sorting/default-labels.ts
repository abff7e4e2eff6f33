import type { Label, LabelColor } from '../../core';

/**
 * The labels a new workspace starts with: the shipped model's categories (the Bitext dataset's), so the inbox is
 * sorted from the first message. Their ids are fixed, so the model's classes can name them before they exist.
 */
const DEFAULTS: readonly { category: string; name: string; color: LabelColor; description: string }[] = [
  { category: 'ORDER', name: 'Order', color: 'blue', description: 'Placing or changing an order' },
  { category: 'REFUND', name: 'Refund', color: 'red', description: 'Refund requests, policy and tracking' },
  { category: 'DELIVERY', name: 'Delivery', color: 'teal', description: 'Delivery options and times' },
  { category: 'SHIPPING', name: 'Shipping', color: 'cyan', description: 'Shipping address changes' },
  { category: 'PAYMENT', name: 'Payment', color: 'orange', description: 'Payment methods and problems' },
  { category: 'INVOICE', name: 'Invoice', color: 'grape', description: 'Invoices and receipts' },
  { category: 'ACCOUNT', name: 'Account', color: 'indigo', description: 'Sign-up, password, account changes' },
  { category: 'CONTACT', name: 'Contact', color: 'gray', description: 'Asking for a person or a contact' },
  { category: 'FEEDBACK', name: 'Feedback', color: 'pink', description: 'Complaints and reviews' },
  { category: 'SUBSCRIPTION', name: 'Subscription', color: 'lime', description: 'Newsletter subscription' },
  { category: 'CANCEL', name: 'Cancellation', color: 'yellow', description: 'Cancelling an order, fees' },
];

export const defaultLabelId = (category: string) => `lbl_${category.toLowerCase()}`;

export function defaultLabels(now: number): Label[] {
  return DEFAULTS.map((d) => ({
    id: defaultLabelId(d.category),
    name: d.name,
    color: d.color,
    description: d.description,
    createdAt: now,
    updatedAt: now,
  }));
}

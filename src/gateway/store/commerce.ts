import type { Address, Order, OrderStatus, Product, Shipment } from '../../core';
import type { SqlExecutor, SqlValue } from './sql';

/** What the demo shop knows of a product besides the catalogue's basics. */
export interface ProductDetails {
  imageUrl?: string | null;
  description?: string | null;
}

export async function saveProduct(db: SqlExecutor, p: Product & ProductDetails): Promise<void> {
  await db.query(
    `INSERT INTO products (sku, name, price, currency, image_url, description) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price, currency = EXCLUDED.currency,
       image_url = EXCLUDED.image_url, description = EXCLUDED.description`,
    [p.sku, p.name, p.price, p.currency, p.imageUrl ?? null, p.description ?? null],
  );
}

/** Who ordered, as the order itself records it (an imported order may name no contact). */
export interface OrderCustomer {
  name: string | null;
  email: string | null;
  /** E.164. */
  phone: string | null;
}

/** What the Orders panel shows of a demo order besides the basics every order has. */
export interface OrderDetails {
  customer?: OrderCustomer;
  shippingAddress?: Address | null;
  shipments?: Shipment[];
  cancelledAt?: number | null;
  updatedAt?: number | null;
  cartMessageId?: string | null;
}

/** `contactId` null: an imported order whose customer has not written yet. */
export type StoredOrder = Omit<Order, 'contactId'> & { contactId: string | null };

export async function saveOrder(db: SqlExecutor, o: StoredOrder, details: OrderDetails = {}): Promise<void> {
  const shipments = details.shipments ?? (o.trackingUrl ? [{ company: null, number: null, url: o.trackingUrl }] : []);
  await db.query(
    `INSERT INTO orders (number, contact_id, status, created_at, items, total, currency, tracking_url,
       customer_name, customer_email, customer_phone, shipping_address, shipments, cancelled_at, updated_at,
       cart_message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (number) DO UPDATE SET status = EXCLUDED.status, tracking_url = EXCLUDED.tracking_url,
       shipments = EXCLUDED.shipments, updated_at = EXCLUDED.updated_at,
       contact_id = COALESCE(EXCLUDED.contact_id, orders.contact_id),
       customer_name = COALESCE(EXCLUDED.customer_name, orders.customer_name),
       customer_email = COALESCE(EXCLUDED.customer_email, orders.customer_email),
       customer_phone = COALESCE(EXCLUDED.customer_phone, orders.customer_phone),
       shipping_address = COALESCE(EXCLUDED.shipping_address, orders.shipping_address),
       cancelled_at = COALESCE(EXCLUDED.cancelled_at, orders.cancelled_at)`,
    [
      o.number,
      o.contactId,
      o.status,
      o.createdAt,
      JSON.stringify(o.items),
      o.total,
      o.currency,
      o.trackingUrl,
      details.customer?.name ?? null,
      details.customer?.email ?? null,
      details.customer?.phone ?? null,
      details.shippingAddress ? JSON.stringify(details.shippingAddress) : null,
      JSON.stringify(shipments),
      details.cancelledAt ?? null,
      details.updatedAt ?? null,
      details.cartMessageId ?? null,
    ],
  );
}

/**
 * An imported order replaces the stored one whole (items and total included): the file is the shop's truth.
 * `saveOrder` keeps a seeded order's items, as the demo reloads.
 */
export async function replaceOrder(db: SqlExecutor, o: StoredOrder, details: OrderDetails): Promise<void> {
  await db.query('DELETE FROM orders WHERE number = $1', [o.number]);
  await saveOrder(db, o, details);
}

export async function countRows(db: SqlExecutor, table: 'products' | 'orders'): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

/** The catalogue's name for a product id (a WhatsApp cart names products by their retailer id only). */
export async function productName(db: SqlExecutor, sku: string): Promise<string | null> {
  const rows = await db.query<{ name: string }>('SELECT name FROM products WHERE sku = $1', [sku]);
  return rows[0]?.name ?? null;
}

export interface CatalogueEntry {
  sku: string;
  name: string;
  price: number;
  currency: string;
}

export async function catalogue(db: SqlExecutor, skus: readonly string[]): Promise<Map<string, CatalogueEntry>> {
  if (skus.length === 0) return new Map();
  const rows = await db.query<{ sku: string; name: string; price: string | number; currency: string }>(
    'SELECT sku, name, price, currency FROM products WHERE sku = ANY($1::text[])',
    [toTextArray(skus)],
  );
  return new Map(rows.map((r) => [r.sku, { sku: r.sku, name: r.name, price: Number(r.price), currency: r.currency }]));
}

/** A demo order as stored, with its contact's name, e-mail and phone for orders that do not record their own. */
export interface OrderRow {
  number: string;
  contact_id: string | null;
  status: OrderStatus;
  created_at: string | number;
  items: { sku: string; quantity: number; unitPrice: number; name?: string }[];
  total: string | number;
  currency: string;
  tracking_url: string | null;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  shipping_address: Address | null;
  shipments: Shipment[];
  cancelled_at: string | number | null;
  /** The chat cart this order was made from, if any: its conversation hears about the order. */
  cart_message_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_channel: string | null;
  contact_handle: string | null;
}

const ORDER_SELECT = `SELECT o.number, o.contact_id, o.status, o.created_at, o.items, o.total, o.currency,
    o.tracking_url, o.customer_name, o.customer_email, o.customer_phone, o.shipping_address, o.shipments,
    o.cancelled_at, o.cart_message_id, c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone,
    c.channel AS contact_channel, c.handle AS contact_handle
  FROM orders o LEFT JOIN contacts c ON c.id = o.contact_id`;

export async function orderByNumber(db: SqlExecutor, number: string): Promise<OrderRow | null> {
  const rows = await db.query<OrderRow>(`${ORDER_SELECT} WHERE o.number = $1`, [number]);
  return rows[0] ?? null;
}

export async function orderByCartMessage(db: SqlExecutor, messageId: string): Promise<OrderRow | null> {
  const rows = await db.query<OrderRow>(`${ORDER_SELECT} WHERE o.cart_message_id = $1`, [messageId]);
  return rows[0] ?? null;
}

/**
 * A customer's orders, newest first: those of the contact, or recorded under the e-mail (any case) or the phone
 * (E.164; a WhatsApp contact's handle is its phone's digits).
 */
export async function ordersOfCustomer(
  db: SqlExecutor,
  who: { contactId?: string | null; email?: string | null; phone?: string | null },
  limit: number,
): Promise<OrderRow[]> {
  const params: SqlValue[] = [];
  const terms: string[] = [];
  const param = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (who.contactId) terms.push(`o.contact_id = ${param(who.contactId)}`);
  if (who.email) {
    const p = param(who.email.toLowerCase());
    terms.push(`lower(o.customer_email) = ${p}`, `lower(c.email) = ${p}`);
  }
  if (who.phone) {
    const p = param(who.phone);
    const digits = param(who.phone.replace(/\D/g, ''));
    terms.push(
      `o.customer_phone = ${p}`,
      `c.phone = ${p}`,
      `(c.channel = 'whatsapp' AND regexp_replace(c.handle, '[^0-9]', '', 'g') = ${digits})`,
    );
  }
  if (terms.length === 0) return [];
  return db.query<OrderRow>(
    `${ORDER_SELECT} WHERE ${terms.join(' OR ')} ORDER BY o.created_at DESC, o.number DESC LIMIT ${param(limit)}`,
    params,
  );
}

export interface OrderChange {
  status?: OrderStatus;
  shippingAddress?: Address;
  shipments?: Shipment[];
  cancelledAt?: number;
  updatedAt: number;
}

export async function updateOrder(db: SqlExecutor, number: string, change: OrderChange): Promise<void> {
  const newest = change.shipments?.findLast((s) => s.url)?.url;
  await db.query(
    `UPDATE orders SET status = COALESCE($2, status),
       shipping_address = COALESCE($3::jsonb, shipping_address),
       shipments = COALESCE($4::jsonb, shipments),
       tracking_url = CASE WHEN $4::jsonb IS NULL THEN tracking_url ELSE $5 END,
       cancelled_at = COALESCE($6, cancelled_at),
       updated_at = $7
     WHERE number = $1`,
    [
      number,
      change.status ?? null,
      change.shippingAddress ? JSON.stringify(change.shippingAddress) : null,
      change.shipments ? JSON.stringify(change.shipments) : null,
      newest ?? null,
      change.cancelledAt ?? null,
      change.updatedAt,
    ],
  );
}

/** The next order number after the highest all-digit one (1001 in an empty shop). */
export async function nextOrderNumber(db: SqlExecutor): Promise<string> {
  const rows = await db.query<{ n: string | number | null }>(
    `SELECT max(number::bigint) AS n FROM orders WHERE number ~ '^[0-9]{1,15}$'`,
  );
  const highest = rows[0]?.n;
  return String(highest === null || highest === undefined ? 1001 : Number(highest) + 1);
}

/** A PostgreSQL text[] literal (the executor passes scalars only). */
function toTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

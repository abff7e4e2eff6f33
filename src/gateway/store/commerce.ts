import type { Order, Product } from '../../core';
import type { SqlExecutor } from './sql';

/** Catalog and orders are kept for order lookup (a later feature); nothing reads them through the API yet. */
export async function saveProduct(db: SqlExecutor, p: Product): Promise<void> {
  await db.query(
    `INSERT INTO products (sku, name, price, currency) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price, currency = EXCLUDED.currency`,
    [p.sku, p.name, p.price, p.currency],
  );
}

export async function saveOrder(db: SqlExecutor, o: Order): Promise<void> {
  await db.query(
    `INSERT INTO orders (number, contact_id, status, created_at, items, total, currency, tracking_url)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (number) DO UPDATE SET status = EXCLUDED.status, tracking_url = EXCLUDED.tracking_url`,
    [o.number, o.contactId, o.status, o.createdAt, JSON.stringify(o.items), o.total, o.currency, o.trackingUrl],
  );
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

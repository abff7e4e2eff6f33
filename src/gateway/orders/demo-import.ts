import {
  AddressSchema,
  describeIssues,
  normalizeEmail,
  OrderStatusSchema,
  type Address,
  type Shipment,
} from '../../core';
import { catalogue, replaceOrder, saveProduct, type CatalogueEntry } from '../store/commerce';
import type { SqlExecutor } from '../store/sql';
import type { Store } from '../store/store';
import { parseCsvLines, type CsvRecord } from './csv';
import { toE164 } from './people';

/**
 * CSV import into the demo shop (docs/orders-sources.md, "Importing a demo shop"). A file is checked whole before
 * anything is written, and written in one transaction: a wrong header or one bad row refuses the file, with every
 * problem named by its line ("line 7: quantity must be a positive integer").
 */
export type ImportKind = 'products' | 'orders';

export const PRODUCT_COLUMNS = {
  required: ['sku', 'name', 'price', 'currency'],
  optional: ['image_url', 'description'],
};

/** The order's own columns: the same on every line of one order, or given on one of them. */
const ORDER_FIELDS = [
  'status',
  'created_at',
  'customer_email',
  'customer_phone',
  'customer_name',
  'tracking_company',
  'tracking_number',
  'tracking_url',
  'ship_name',
  'ship_line1',
  'ship_line2',
  'ship_city',
  'ship_postal_code',
  'ship_region',
  'ship_country',
  'ship_phone',
] as const;
/** One line of the order: a product, how many, at what price. */
const LINE_COLUMNS = ['sku', 'quantity', 'unit_price', 'currency'] as const;
const REQUIRED_ORDER_COLUMNS = ['number', 'status', 'created_at', 'sku', 'quantity'];
export const ORDER_COLUMNS = {
  required: REQUIRED_ORDER_COLUMNS,
  optional: [...ORDER_FIELDS, ...LINE_COLUMNS].filter((c) => !REQUIRED_ORDER_COLUMNS.includes(c)),
};

/** A file's size at most, in bytes. */
export const MAX_IMPORT_BYTES = 5_000_000;
/** Rows in one file at most; a shop's export past this is better split. */
export const MAX_IMPORT_ROWS = 20_000;
/** Problems listed at most: past this, the file is wrong in a way the first ones already show. */
const MAX_PROBLEMS = 20;

export type ImportResult =
  | { ok: true; value: { kind: ImportKind; imported: number; lines: number } }
  | { ok: false; error: string; problems: string[] };

export async function importDemoCsv(store: Store, kind: ImportKind, text: string): Promise<ImportResult> {
  const parsed = parseCsvLines(text);
  if (!parsed.ok) return refused([parsed.error]);
  const [header, ...rows] = parsed.records;
  if (!header) return refused(['line 1: the file is empty (a header row is needed)']);
  if (rows.length > MAX_IMPORT_ROWS) return refused([`the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS}`]);
  const columns = readHeader(header, kind === 'products' ? PRODUCT_COLUMNS : ORDER_COLUMNS);
  if (!columns.ok) return refused([columns.error]);
  if (kind === 'orders' && !columns.index.has('customer_email') && !columns.index.has('customer_phone'))
    return refused(['line 1: a customer_email or a customer_phone column is needed']);
  if (rows.length === 0) return refused(['the file has a header but no rows']);
  const { value } = await store
    .write(async (tx) => {
      const result =
        kind === 'products'
          ? await importProducts(tx, rows, columns.index)
          : await importOrders(tx, rows, columns.index, store.now());
      // A refused file writes nothing: throwing rolls the transaction back.
      if (!result.ok) throw new Refused(result.problems);
      return { value: result, events: [], actor: 'system' };
    })
    .catch((error: unknown) => {
      if (error instanceof Refused) return { value: refused(error.problems) };
      throw error;
    });
  return value.ok ? { ok: true, value: { kind, imported: value.imported, lines: rows.length } } : value;
}

class Refused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

function refused(problems: string[]): ImportResult & { ok: false } {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length - shown.length;
  const all = more > 0 ? [...shown, `and ${more} more problems`] : shown;
  return { ok: false, error: `nothing imported: ${all.join('; ')}`, problems: all };
}

type Columns = Map<string, number>;

function readHeader(
  header: CsvRecord,
  spec: { required: readonly string[]; optional: readonly string[] },
): { ok: true; index: Columns } | { ok: false; error: string } {
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set([...spec.required, ...spec.optional]);
  const index: Columns = new Map();
  for (const [i, name] of names.entries()) {
    if (!known.has(name))
      return { ok: false, error: `line 1: unknown column "${name.slice(0, 40)}" (known: ${[...known].join(', ')})` };
    if (index.has(name)) return { ok: false, error: `line 1: column "${name}" appears twice` };
    index.set(name, i);
  }
  const missing = spec.required.filter((name) => !index.has(name));
  if (missing.length > 0)
    return { ok: false, error: `line 1: missing column ${missing.map((m) => `"${m}"`).join(', ')}` };
  return { ok: true, index };
}

const cell = (row: CsvRecord, columns: Columns, name: string): string => {
  const i = columns.get(name);
  return i === undefined ? '' : (row.fields[i] ?? '').trim();
};

/** "12.5", "12.50", "0": a non-negative amount with at most 2 decimals, in cents. */
function cents(raw: string): number | null {
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(raw)) return null;
  return Math.round(Number(raw) * 100);
}

type Check<T> = { ok: true; value: T } | { ok: false; problems: string[] };
type Written = { ok: true; imported: number } | { ok: false; problems: string[] };

async function importProducts(tx: SqlExecutor, rows: CsvRecord[], columns: Columns): Promise<Written> {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const products: Parameters<typeof saveProduct>[1][] = [];
  for (const row of rows) {
    const at = (message: string) => problems.push(`line ${row.line}: ${message}`);
    if (row.fields.length !== columns.size) {
      at(`expected ${columns.size} fields, found ${row.fields.length}`);
      continue;
    }
    const sku = cell(row, columns, 'sku');
    const name = cell(row, columns, 'name');
    const price = cents(cell(row, columns, 'price'));
    const currency = cell(row, columns, 'currency').toUpperCase();
    const imageUrl = cell(row, columns, 'image_url');
    const before = problems.length;
    if (!sku || sku.length > 64) at('sku must be 1 to 64 characters');
    else if (seen.has(sku)) at(`sku ${sku} already appears on line ${seen.get(sku)}`);
    if (!name || name.length > 200) at('name must be 1 to 200 characters');
    if (price === null) at('price must be an amount such as 12.50');
    if (!/^[A-Z]{3}$/.test(currency)) at('currency must be a 3-letter code such as EUR');
    if (imageUrl && !/^https?:\/\/\S+$/.test(imageUrl)) at('image_url must be an http(s) link');
    seen.set(sku, row.line);
    if (problems.length > before || price === null) continue;
    const description = cell(row, columns, 'description');
    products.push({
      sku,
      name,
      price: price / 100,
      currency,
      imageUrl: imageUrl || null,
      description: description || null,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const product of products) await saveProduct(tx, product);
  return { ok: true, imported: products.length };
}

interface Draft {
  number: string;
  line: number;
  fields: Record<(typeof ORDER_FIELDS)[number], string>;
  fieldLines: Map<string, number>;
  items: { sku: string; name: string; quantity: number; unitCents: number; currency: string; line: number }[];
}

async function importOrders(tx: SqlExecutor, rows: CsvRecord[], columns: Columns, now: number): Promise<Written> {
  const problems: string[] = [];
  const skus = [...new Set(rows.map((r) => cell(r, columns, 'sku')).filter(Boolean))];
  const known = await catalogue(tx, skus);
  const drafts = new Map<string, Draft>();
  for (const row of rows) {
    const at = (message: string) => problems.push(`line ${row.line}: ${message}`);
    if (row.fields.length !== columns.size) {
      at(`expected ${columns.size} fields, found ${row.fields.length}`);
      continue;
    }
    const number = cell(row, columns, 'number').replace(/^#/, '');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(number)) {
      at('number must be 1 to 32 letters, digits, - or _');
      continue;
    }
    let draft = drafts.get(number);
    if (!draft) {
      draft = {
        number,
        line: row.line,
        fields: Object.fromEntries(ORDER_FIELDS.map((f) => [f, ''])) as Draft['fields'],
        fieldLines: new Map(),
        items: [],
      };
      drafts.set(number, draft);
    }
    // Order-level fields may be given on every line of the order or only once, but never differently.
    for (const name of ORDER_FIELDS) {
      const value = cell(row, columns, name);
      if (!value) continue;
      const previous = draft.fields[name];
      if (previous && previous !== value)
        at(`${name} differs from line ${draft.fieldLines.get(name)} (order ${number})`);
      else if (!previous) {
        draft.fields[name] = value;
        draft.fieldLines.set(name, row.line);
      }
    }
    const line = orderLine(row, columns, known);
    if (!line.ok) for (const p of line.problems) at(p);
    else draft.items.push({ ...line.value, line: row.line });
  }
  const orders: Parameters<typeof replaceOrder>[1][] = [];
  const details: Parameters<typeof replaceOrder>[2][] = [];
  for (const draft of drafts.values()) {
    const at = (message: string) => problems.push(`line ${draft.line}: ${message}`);
    const f = draft.fields;
    const status = OrderStatusSchema.safeParse(f.status.toLowerCase());
    if (!status.success) at(`status must be one of ${OrderStatusSchema.options.join(', ')}`);
    const createdAt = readDate(f.created_at);
    if (createdAt === null) at('created_at must be a date such as 2026-03-12 or 2026-03-12T14:30:00Z');
    const email = f.customer_email ? normalizeEmail(f.customer_email) : null;
    if (f.customer_email && !email) at('customer_email is not an e-mail address');
    const phone = f.customer_phone ? toE164(f.customer_phone) : null;
    if (f.customer_phone && !phone) at('customer_phone must be an international number such as +33612345678');
    if (!f.customer_email && !f.customer_phone) at(`order ${draft.number} needs a customer_email or a customer_phone`);
    const address = readAddress(f);
    if (!address.ok) at(address.problems.join(', '));
    const currencies = new Set(draft.items.map((i) => i.currency));
    if (currencies.size > 1) at(`order ${draft.number} mixes currencies (${[...currencies].join(', ')})`);
    if (problems.length > 0 || !status.success || createdAt === null || !address.ok || draft.items.length === 0)
      continue;
    const shipment: Shipment | null =
      f.tracking_company || f.tracking_number || f.tracking_url
        ? { company: f.tracking_company || null, number: f.tracking_number || null, url: f.tracking_url || null }
        : null;
    const totalCents = draft.items.reduce((sum, i) => sum + i.unitCents * i.quantity, 0);
    const contactId = await contactFor(tx, email, phone);
    orders.push({
      number: draft.number,
      contactId,
      status: status.data,
      createdAt,
      items: draft.items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity, unitPrice: i.unitCents / 100 })),
      total: totalCents / 100,
      currency: [...currencies][0] ?? 'EUR',
      trackingUrl: shipment?.url ?? null,
    });
    details.push({
      customer: { name: f.customer_name || null, email, phone },
      shippingAddress: address.value,
      shipments: shipment ? [shipment] : [],
      cancelledAt: status.data === 'cancelled' ? createdAt : null,
      updatedAt: now,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const [i, order] of orders.entries()) await replaceOrder(tx, order, details[i] ?? {});
  return { ok: true, imported: orders.length };
}

function orderLine(
  row: CsvRecord,
  columns: Columns,
  known: Map<string, CatalogueEntry>,
): Check<{ sku: string; name: string; quantity: number; unitCents: number; currency: string }> {
  const problems: string[] = [];
  const sku = cell(row, columns, 'sku');
  const rawQuantity = cell(row, columns, 'quantity');
  const quantity = /^\d{1,6}$/.test(rawQuantity) ? Number(rawQuantity) : 0;
  const rawPrice = cell(row, columns, 'unit_price');
  const product = known.get(sku);
  if (!sku) problems.push('sku is empty');
  if (quantity <= 0) problems.push('quantity must be a positive integer');
  let unitCents: number | null = null;
  if (rawPrice) {
    unitCents = cents(rawPrice);
    if (unitCents === null) problems.push('unit_price must be an amount such as 12.50');
  } else if (product) unitCents = Math.round(product.price * 100);
  else if (sku) problems.push(`sku ${sku} is not in the catalogue: import it first or give a unit_price`);
  const currency = (cell(row, columns, 'currency') || product?.currency || '').toUpperCase();
  // An unknown sku is already reported: its missing currency would only repeat it.
  if (!/^[A-Z]{3}$/.test(currency) && (product || rawPrice))
    problems.push('currency must be a 3-letter code such as EUR');
  if (problems.length > 0 || unitCents === null) return { ok: false, problems };
  return { ok: true, value: { sku, name: product?.name ?? sku, quantity, unitCents, currency } };
}

/** "2026-03-12" (midnight UTC) or an ISO 8601 date and time with its zone. */
function readDate(raw: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const ms = Date.parse(`${raw}T00:00:00Z`);
    return Number.isNaN(ms) ? null : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : ms;
}

function readAddress(f: Draft['fields']): Check<Address | null> {
  const given = [
    f.ship_name,
    f.ship_line1,
    f.ship_line2,
    f.ship_city,
    f.ship_postal_code,
    f.ship_region,
    f.ship_country,
  ];
  if (given.every((v) => !v)) return { ok: true, value: null };
  const parsed = AddressSchema.safeParse({
    name: f.ship_name,
    line1: f.ship_line1,
    line2: f.ship_line2 || null,
    city: f.ship_city,
    postalCode: f.ship_postal_code,
    region: f.ship_region || null,
    country: f.ship_country.toUpperCase(),
    phone: f.ship_phone || null,
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: [`shipping address: ${describeIssues(parsed.error.issues)}`] };
}

/** The conversation contact an imported order belongs to, when one has this e-mail or phone. */
async function contactFor(tx: SqlExecutor, email: string | null, phone: string | null): Promise<string | null> {
  if (!email && !phone) return null;
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM contacts
     WHERE ($1::text IS NOT NULL AND lower(email) = $1)
        OR ($2::text IS NOT NULL AND (phone = $2
            OR (channel = 'whatsapp' AND regexp_replace(handle, '[^0-9]', '', 'g') = ltrim($2, '+'))))
     ORDER BY created_at LIMIT 1`,
    [email?.toLowerCase() ?? null, phone],
  );
  return rows[0]?.id ?? null;
}

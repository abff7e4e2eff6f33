import { z } from 'zod';

export const ProductSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  price: z.number().nonnegative(),
  currency: z.string().length(3),
});
export type Product = z.infer<typeof ProductSchema>;

export const OrderStatusSchema = z.enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderSchema = z.object({
  number: z.string().min(1),
  contactId: z.string().min(1),
  status: OrderStatusSchema,
  createdAt: z.number().int(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive(), unitPrice: z.number() })),
  total: z.number().nonnegative(),
  currency: z.string().length(3),
  trackingUrl: z.string().nullable(),
});
export type Order = z.infer<typeof OrderSchema>;

/** Where the shop's orders live: the built-in demo shop, or the shop's own platform. */
export const OrderSourceKindSchema = z.enum(['demo', 'shopify', 'woocommerce']);
export type OrderSourceKind = z.infer<typeof OrderSourceKindSchema>;

export const AddressSchema = z.object({
  name: z.string().trim().min(1).max(200),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).nullable(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().max(20),
  /** State or province, where the country has them. */
  region: z.string().trim().max(100).nullable(),
  /** ISO 3166-1 alpha-2 ("FR"). */
  country: z.string().trim().length(2),
  phone: z.string().trim().max(30).nullable(),
});
export type Address = z.infer<typeof AddressSchema>;

export const ShipmentSchema = z.object({
  company: z.string().nullable(),
  number: z.string().nullable(),
  url: z.string().nullable(),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

/**
 * An order as every source reports it, for the Orders panel, the templates ({{order.*}}) and the assistant. The
 * source's own words for payment and fulfilment are kept beside our `status` so the agent sees what the shop sees.
 */
export const ShopOrderSchema = z.object({
  /** The source's own id (Shopify's gid, WooCommerce's numeric id, the demo order's number). */
  id: z.string().min(1),
  /** What the customer sees and types, without '#': "1042". */
  number: z.string().min(1),
  source: OrderSourceKindSchema,
  status: OrderStatusSchema,
  financialStatus: z.string().nullable(),
  fulfillmentStatus: z.string().nullable(),
  createdAt: z.number().int(),
  customer: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    /** E.164 ("+33612345678") when the source has a phone. */
    phone: z.string().nullable(),
  }),
  items: z.array(
    z.object({
      sku: z.string().nullable(),
      name: z.string(),
      quantity: z.number().int().nonnegative(),
      unitPrice: z.number().nonnegative(),
    }),
  ),
  total: z.number().nonnegative(),
  currency: z.string().length(3),
  shipments: z.array(ShipmentSchema),
  shippingAddress: AddressSchema.nullable(),
  cancelledAt: z.number().int().nullable(),
});
export type ShopOrder = z.infer<typeof ShopOrderSchema>;

/** A product as the composer's catalogue shows and sends it. */
export const CatalogProductSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  price: z.number().nonnegative(),
  currency: z.string().length(3),
  description: z.string().nullable(),
  /** Its picture in the template library, sent with it; null when the shop has none. */
  pictureId: z.string().nullable(),
});
export type CatalogProduct = z.infer<typeof CatalogProductSchema>;

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

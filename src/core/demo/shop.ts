import { z } from 'zod';
import { ChannelSchema } from '../model/channel';
import { LocaleSchema } from '../model/contact';
import { AddressSchema, OrderStatusSchema, ProductSchema, ShipmentSchema } from '../model/commerce';

/**
 * The demo shop's file format (`resources/demo/shop.json`). Times are written as "minutes ago" so the demo
 * looks fresh whenever it is loaded; the loader turns them into timestamps from the clock it is given.
 */
export const DemoShopSchema = z.object({
  shop: z.object({
    name: z.string().min(1),
    currency: z.string().length(3),
    /** Shown in greetings and away messages later; kept simple here: "Mon–Sat 9:00–19:00". */
    hours: z.string(),
  }),
  products: z
    .array(
      ProductSchema.extend({
        imageUrl: z.string().url().optional(),
        description: z.string().optional(),
      }),
    )
    .min(1),
  customers: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        channel: ChannelSchema,
        handle: z.string().min(1),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        locale: LocaleSchema,
      }),
    )
    .min(1),
  orders: z.array(
    z.object({
      number: z.string().min(1),
      customerId: z.string().min(1),
      status: OrderStatusSchema,
      minutesAgo: z.number().nonnegative(),
      items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
      trackingUrl: z.string().nullable(),
      shippingAddress: AddressSchema.optional(),
      /** The parcels; without it, `trackingUrl` alone is the one parcel. */
      shipments: z.array(ShipmentSchema).optional(),
    }),
  ),
  conversations: z.array(
    z.object({
      customerId: z.string().min(1),
      status: z.enum(['open', 'resolved']),
      /** Assigned to the demo agent ("Mine") rather than left unassigned. */
      assignedToMe: z.boolean(),
      messages: z
        .array(
          z.object({
            from: z.enum(['customer', 'agent']),
            text: z.string().min(1),
            minutesAgo: z.number().nonnegative(),
            /** A cart the customer sent from the chat (WhatsApp catalogue): products of the shop by sku. */
            cart: z
              .array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }))
              .min(1)
              .optional(),
          }),
        )
        .min(1),
    }),
  ),
  /** Lines the simulated customers write while the app is open, per language. */
  simulated: z.object({ fr: z.array(z.string().min(1)).min(5), en: z.array(z.string().min(1)).min(5) }),
});
export type DemoShop = z.infer<typeof DemoShopSchema>;

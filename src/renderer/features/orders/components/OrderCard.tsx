import { Anchor, Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { IconDots, IconMapPin, IconSend, IconTruckDelivery, IconX } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { formatTotal, type Locale, type OrderStatus, type ShopOrder } from '../../../../core';
import { useI18n } from '../../../i18n';
import type { OrderAbilities } from '../../../data/orders';
import classes from './Orders.module.css';

const STATUS_COLOR: Record<OrderStatus, string> = {
  pending: 'gray',
  paid: 'blue',
  shipped: 'indigo',
  delivered: 'green',
  cancelled: 'red',
  refunded: 'orange',
};

/** What the demo shop's back office can move an order to (each tells the customer). */
const NEXT_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'delivered'];

/** An order the shop has not shipped can still be cancelled or sent elsewhere. */
const CHANGEABLE: ReadonlySet<OrderStatus> = new Set(['pending', 'paid']);

export interface OrderCardProps {
  order: ShopOrder;
  abilities: OrderAbilities;
  locale: Locale;
  focused?: boolean;
  /** Null while offline or when the conversation cannot take a reply now. */
  onSend: ((kind: 'status' | 'tracking', order: ShopOrder) => void) | null;
  onCancel(order: ShopOrder): void;
  /** The demo shop only: move the order on (the customer is told). */
  onSetStatus: ((order: ShopOrder, status: OrderStatus) => void) | null;
  onChangeAddress(order: ShopOrder): void;
  onOpenLink(url: string): void;
}

/** One order: number, date, status, items, total, tracking links and what the agent can do with it. */
export const OrderCard = forwardRef<HTMLDivElement, OrderCardProps>(function OrderCard(props, ref) {
  const { order, abilities, locale, onSend } = props;
  const { t, time } = useI18n();
  const tracking = order.shipments.filter((s) => s.url || s.number);
  const changeable = CHANGEABLE.has(order.status);
  const canCancel = abilities.cancel && changeable;
  const canMove = abilities.updateAddress && changeable;
  return (
    <Stack
      ref={ref}
      gap={6}
      className={classes.card}
      data-focused={props.focused || undefined}
      role="article"
      aria-label={t('orders.card', { number: order.number })}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={700} size="sm">
          #{order.number}
        </Text>
        <Badge size="sm" variant="light" color={STATUS_COLOR[order.status]}>
          {t(`orders.status.${order.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {time.date(order.createdAt)}
        {order.fulfillmentStatus || order.financialStatus
          ? ` · ${[order.financialStatus, order.fulfillmentStatus].filter(Boolean).join(' · ')}`
          : ''}
      </Text>
      <Stack gap={2}>
        {order.items.map((item, i) => (
          <Group key={`${item.sku ?? item.name}-${i}`} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {item.quantity} × {item.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {formatTotal(item.unitPrice * item.quantity, order.currency, locale)}
            </Text>
          </Group>
        ))}
      </Stack>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('orders.total')}
        </Text>
        <Text size="sm" fw={600}>
          {formatTotal(order.total, order.currency, locale)}
        </Text>
      </Group>
      {tracking.map((s, i) =>
        s.url ? (
          <Anchor
            key={i}
            size="xs"
            href={s.url}
            onClick={(e) => {
              e.preventDefault();
              props.onOpenLink(s.url!);
            }}
          >
            <IconTruckDelivery size={12} aria-hidden /> {s.company ?? t('orders.tracking')} {s.number ?? ''}
          </Anchor>
        ) : (
          <Text key={i} size="xs">
            <IconTruckDelivery size={12} aria-hidden /> {s.company ?? t('orders.tracking')} {s.number}
          </Text>
        ),
      )}
      {order.shippingAddress && (
        <Text size="xs" c="dimmed">
          <IconMapPin size={12} aria-hidden /> {order.shippingAddress.line1}, {order.shippingAddress.postalCode}{' '}
          {order.shippingAddress.city}
        </Text>
      )}
      <Group gap={6} mt={2}>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconSend size={12} />}
          disabled={!onSend}
          onClick={() => onSend?.('status', order)}
        >
          {t('orders.sendStatus')}
        </Button>
        {tracking.some((s) => s.url) && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconTruckDelivery size={12} />}
            disabled={!onSend}
            onClick={() => onSend?.('tracking', order)}
          >
            {t('orders.sendTracking')}
          </Button>
        )}
        {(canCancel || canMove || props.onSetStatus) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                aria-label={t('orders.more', { number: order.number })}
              >
                <IconDots size={14} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {canMove && (
                <Menu.Item leftSection={<IconMapPin size={14} />} onClick={() => props.onChangeAddress(order)}>
                  {t('orders.changeAddress')}
                </Menu.Item>
              )}
              {canCancel && (
                <Menu.Item color="red" leftSection={<IconX size={14} />} onClick={() => props.onCancel(order)}>
                  {t('orders.cancel')}
                </Menu.Item>
              )}
              {props.onSetStatus && (
                <>
                  <Menu.Label>{t('orders.demoStatus')}</Menu.Label>
                  {NEXT_STATUSES.filter((s) => s !== order.status).map((status) => (
                    <Menu.Item key={status} onClick={() => props.onSetStatus?.(order, status)}>
                      {t('orders.markAs', { status: t(`orders.status.${status}`) })}
                    </Menu.Item>
                  ))}
                </>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Stack>
  );
});

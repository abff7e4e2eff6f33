import { Button, Group, Text } from '@mantine/core';
import { IconReceipt, IconShoppingCart } from '@tabler/icons-react';
import { useState } from 'react';
import type { MessageContent } from '../../../../../core';
import { useI18n } from '../../../../i18n';
import { cartTotals, formatMoney, lineTotal } from '../../money';
import { useBubbleEnvironment } from '../../bubbleEnvironment';
import classes from './Content.module.css';

export type OrderValue = Extract<MessageContent, { kind: 'order' }>;

/** A cart sent from the chat: what the customer wants to buy, line by line, and what it comes to. */
export function OrderCard({ content, messageId = null }: { content: OrderValue; messageId?: string | null }) {
  const { t, language } = useI18n();
  const { onCartOrder } = useBubbleEnvironment();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const count = content.items.reduce((sum, item) => sum + item.quantity, 0);
  const quantity = new Intl.NumberFormat(language);
  return (
    <div className={classes.card} data-content="order">
      <div className={classes.cardTitle}>
        <IconShoppingCart size={14} aria-hidden />
        {t('message.order.title')} · {t('message.order.items', { count })}
      </div>
      <table className={classes.cart}>
        <thead>
          <tr>
            <th scope="col">{t('message.order.product')}</th>
            <th scope="col">{t('message.order.quantity')}</th>
            <th scope="col">{t('message.order.unitPrice')}</th>
            <th scope="col">{t('message.order.lineTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {content.items.map((item, i) => (
            <tr key={i}>
              <td>
                {/* The catalogue's name when the gateway knows it; the provider's product id always, smaller. */}
                {item.name && (
                  <div className={classes.product} dir="auto">
                    {item.name}
                  </div>
                )}
                <div className={item.name ? classes.sku : undefined} dir="auto">
                  {item.productId}
                </div>
              </td>
              <td>{quantity.format(item.quantity)}</td>
              <td>{formatMoney(item.unitPrice, item.currency, language)}</td>
              <td>{formatMoney(lineTotal(item), item.currency, language)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {cartTotals(content.items).map(({ currency, total }) => (
            <tr key={currency} data-total={currency}>
              <td colSpan={3}>{t('message.order.total')}</td>
              <td>{formatMoney(total, currency, language)}</td>
            </tr>
          ))}
        </tfoot>
      </table>
      {onCartOrder && messageId && (
        <Group gap="xs" mt={6}>
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconReceipt size={12} />}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              setRefused(null);
              setRefused(await onCartOrder(messageId).catch((error: unknown) => String(error)));
              setBusy(false);
            }}
          >
            {t('message.order.create')}
          </Button>
          {refused && (
            <Text size="xs" c="red" role="alert">
              {refused}
            </Text>
          )}
        </Group>
      )}
    </div>
  );
}

import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Address, OrderStatus, ShopOrder, Thread } from '../../../core';
import { useServices } from '../../data/context';
import { useConnection } from '../../data/hooks';
import { useOrdersClient, type ThreadOrders } from '../../data/orders';
import { useI18n } from '../../i18n';
import { isExternalLink } from '../../platform/links';
import { localeOf } from '../composer/quickReplies';
import { AddressModal } from './components/AddressModal';
import { OrderCard } from './components/OrderCard';
import { useFocusedOrder } from './OrderFocus';
import { useOrderMessages } from './useOrderMessages';

type Load = { state: 'loading' } | { state: 'ready'; value: ThreadOrders } | { state: 'failed'; error: string };
type Found = { number: string; order: ShopOrder | null; error: string | null } | null;

/**
 * The right panel's "Orders": the customer's orders (matched by phone or email in the gateway), a search by
 * number, and the order a chip in the thread opened. Orders are asked of the gateway, never kept in the replica.
 */
export function OrdersPanel({ thread }: { thread: Thread }) {
  const { t } = useI18n();
  const { db, platform } = useServices();
  const { status } = useConnection();
  const online = status === 'online';
  const client = useOrdersClient();
  const messages = useOrderMessages(thread);
  const contact = useLiveQuery(() => db.contacts.get(thread.contactId), [db, thread.contactId]);
  const locale = localeOf(undefined, contact);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found>(null);
  const [cancelling, setCancelling] = useState<ShopOrder | null>(null);
  const [moving, setMoving] = useState<ShopOrder | null>(null);
  const focused = useFocusedOrder();
  const focusedRef = useRef<HTMLDivElement>(null);

  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    const result = await client.forThread(thread.id);
    setLoad(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error });
  }, [client, thread.id]);

  useEffect(() => {
    setFound(null);
    if (online) void reload();
  }, [online, reload]);

  const lookUp = useCallback(
    async (raw: string) => {
      const number = raw.trim().replace(/^#/, '');
      if (!number) return;
      const result = await client.find(number);
      setFound(result.ok ? { number, order: result.value, error: null } : { number, order: null, error: result.error });
    },
    [client],
  );

  // A chip in the thread asked for an order: look it up, show it first, and bring it into view.
  useEffect(() => {
    if (focused && online) void lookUp(focused.number);
  }, [focused, online, lookUp]);
  useEffect(() => {
    if (found?.order) focusedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [found]);

  const replace = (next: ShopOrder) => {
    setLoad((l) =>
      l.state === 'ready'
        ? { ...l, value: { ...l.value, orders: l.value.orders.map((o) => (o.id === next.id ? next : o)) } }
        : l,
    );
    setFound((f) => (f?.order?.id === next.id ? { ...f, order: next } : f));
  };

  const send = async (kind: 'status' | 'tracking', order: ShopOrder) => {
    try {
      await messages.post(kind, order);
    } catch (error) {
      notifications.show({ color: 'red', title: t('orders.sendFailed'), message: String(error) });
    }
  };

  const moveOn = async (order: ShopOrder, status: OrderStatus) => {
    const result = await client.setStatus(order.id, status);
    if (!result.ok) {
      notifications.show({ color: 'red', title: t('orders.statusFailed'), message: result.error });
      return;
    }
    replace(result.value.order);
    const { told } = result.value;
    notifications.show({
      color: told.notified === 'none' ? 'orange' : 'green',
      message:
        told.notified === 'none'
          ? t('orders.statusNotTold', { number: order.number, reason: told.reason ?? '' })
          : t('orders.statusTold', { number: order.number }),
    });
  };

  const abilities =
    load.state === 'ready' ? load.value.abilities : { cancel: false, updateAddress: false, createFromCart: false };
  const cardProps = {
    abilities,
    locale,
    onSend: online ? (kind: 'status' | 'tracking', order: ShopOrder) => void send(kind, order) : null,
    onCancel: setCancelling,
    onSetStatus:
      online && load.state === 'ready' && load.value.source === 'demo'
        ? (order: ShopOrder, status: OrderStatus) => void moveOn(order, status)
        : null,
    onChangeAddress: setMoving,
    onOpenLink: (url: string) => {
      if (isExternalLink(url)) platform.openExternal(url);
    },
  };
  const listed = load.state === 'ready' ? load.value.orders : [];

  return (
    <Stack gap="sm" p="md" pt={0} component="section" aria-label={t('orders.title')}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('orders.title')}
        </Title>
        {load.state === 'ready' && (
          <Badge size="xs" variant="outline" color="gray">
            {t(`orders.source.${load.value.source}`)}
          </Badge>
        )}
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp(query);
        }}
      >
        <TextInput
          size="xs"
          aria-label={t('orders.search')}
          placeholder={t('orders.search')}
          leftSection={<IconSearch size={14} />}
          value={query}
          disabled={!online}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
      </form>
      {found && (
        <div>
          {found.order ? (
            <OrderCard ref={focusedRef} order={found.order} focused {...cardProps} />
          ) : (
            <Text size="xs" c={found.error ? 'red' : 'dimmed'} role="status">
              {found.error ?? t('orders.notFound', { number: found.number })}
            </Text>
          )}
        </div>
      )}
      {!online ? (
        <Text size="xs" c="dimmed">
          {t('orders.offline')}
        </Text>
      ) : load.state === 'loading' ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="xs" c="dimmed">
            {t('orders.loading')}
          </Text>
        </Group>
      ) : load.state === 'failed' ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
          <Text size="xs">{load.error}</Text>
          <Button size="compact-xs" variant="subtle" mt={4} onClick={() => void reload()}>
            {t('orders.retry')}
          </Button>
        </Alert>
      ) : listed.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('orders.none')}
        </Text>
      ) : (
        listed
          .filter((o) => o.id !== found?.order?.id)
          .map((order) => <OrderCard key={order.id} order={order} {...cardProps} />)
      )}
      <Modal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title={t('orders.cancelDialog.title', { number: cancelling?.number ?? '' })}
      >
        <Text size="sm">{t('orders.cancelDialog.body')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setCancelling(null)}>
            {t('orders.cancelDialog.keep')}
          </Button>
          <Button
            color="red"
            onClick={async () => {
              const order = cancelling;
              setCancelling(null);
              if (!order) return;
              const result = await client.cancel(order.id);
              if (result.ok) {
                replace(result.value);
                notifications.show({ color: 'green', message: t('orders.cancelled', { number: order.number }) });
              } else {
                notifications.show({ color: 'red', title: t('orders.cancelFailed'), message: result.error });
              }
            }}
          >
            {t('orders.cancelDialog.confirm')}
          </Button>
        </Group>
      </Modal>
      {moving && (
        <AddressModal
          opened
          number={moving.number}
          initial={moving.shippingAddress}
          onClose={() => setMoving(null)}
          onSave={async (address: Address) => {
            const result = await client.updateAddress(moving.id, address);
            if (!result.ok) return result.error;
            replace(result.value);
            notifications.show({ color: 'green', message: t('orders.addressChanged', { number: moving.number }) });
            return null;
          }}
        />
      )}
    </Stack>
  );
}

import { ScrollArea } from '@mantine/core';
import type { Contact, Thread } from '../../../core';
import { useT } from '../../i18n';
import { OrdersPanel } from '../orders/OrdersPanel';
import { ContactCard } from './components/ContactCard';

export interface ContactPanelProps {
  entry: { thread: Thread; contact: Contact | undefined } | null | undefined;
}

/** The right-hand column: the contact of the open conversation, and their orders. */
export function ContactPanel({ entry }: ContactPanelProps) {
  const t = useT();
  if (!entry) return null;
  return (
    <ScrollArea h="100%" type="hover">
      <ContactCard contact={entry.contact} channel={entry.thread.channel} fallbackName={t('thread.unknownCustomer')} />
      <OrdersPanel key={entry.thread.id} thread={entry.thread} />
    </ScrollArea>
  );
}

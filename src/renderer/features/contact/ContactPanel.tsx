import { ScrollArea } from '@mantine/core';
import type { Channel, Contact } from '../../../core';
import { useT } from '../../i18n';
import { ContactCard } from './components/ContactCard';

export interface ContactPanelProps {
  entry: { thread: { channel: Channel }; contact: Contact | undefined } | null | undefined;
}

/** The right-hand column: the contact of the open conversation. */
export function ContactPanel({ entry }: ContactPanelProps) {
  const t = useT();
  if (!entry) return null;
  return (
    <ScrollArea h="100%" type="hover">
      <ContactCard contact={entry.contact} channel={entry.thread.channel} fallbackName={t('thread.unknownCustomer')} />
    </ScrollArea>
  );
}

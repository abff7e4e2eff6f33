import { Group, Stack, Text, Title } from '@mantine/core';
import { IconAt, IconCalendarEvent, IconId, IconLanguage, IconPhone, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Channel, Contact } from '../../../../core';
import { useI18n } from '../../../i18n';
import { ChannelIcon } from '../../common/components/ChannelIcon';
import { CustomerAvatar } from '../../common/components/CustomerAvatar';

export interface ContactCardProps {
  contact: Contact | undefined;
  /** The thread's channel: known even before the contact itself has synced. */
  channel: Channel;
  fallbackName: string;
}

function Field({ icon: Glyph, label, children }: { icon: Icon; label: string; children: ReactNode }) {
  return (
    <Group gap={10} wrap="nowrap" align="flex-start">
      <Glyph size={16} stroke={1.75} style={{ marginTop: 2, flex: 'none', color: 'var(--mantine-color-dimmed)' }} />
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }} dir="auto">
          {children}
        </Text>
      </div>
    </Group>
  );
}

/** Who the agent is talking to: name, channel, how to reach them, their language and since when they buy here. */
export function ContactCard({ contact, channel, fallbackName }: ContactCardProps) {
  const { t, time } = useI18n();
  const name = contact?.name.trim() || contact?.handle || fallbackName;
  return (
    <Stack gap="lg" p="md" component="section" aria-label={t('contact.title')}>
      <Stack align="center" gap={6} pt="sm">
        <CustomerAvatar name={name} colorKey={contact?.id ?? name} size={64} />
        {/* A name with no spaces wraps anywhere; stacked combining marks are clipped, not painted over the next line. */}
        <Title
          order={3}
          size="h5"
          ta="center"
          dir="auto"
          lineClamp={3}
          title={name}
          style={{ overflowWrap: 'anywhere', wordBreak: 'break-word', overflow: 'hidden', maxWidth: '100%' }}
        >
          {name}
        </Title>
        <Group gap={6}>
          <ChannelIcon channel={channel} />
          <Text size="sm" c="dimmed">
            {t(`channel.${channel}`)}
          </Text>
        </Group>
      </Stack>
      {contact ? (
        <Stack gap="sm">
          <Field icon={IconId} label={t('contact.handle')}>
            {contact.handle}
          </Field>
          {contact.phone && (
            <Field icon={IconPhone} label={t('contact.phone')}>
              {contact.phone}
            </Field>
          )}
          {contact.email && (
            <Field icon={IconAt} label={t('contact.email')}>
              {contact.email}
            </Field>
          )}
          <Field icon={IconLanguage} label={t('contact.locale')}>
            {t(`contact.locale.${contact.locale}`)}
          </Field>
          <Field icon={IconCalendarEvent} label={t('contact.since')}>
            {time.date(contact.createdAt)}
          </Field>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" ta="center">
          {t('contact.none')}
        </Text>
      )}
    </Stack>
  );
}

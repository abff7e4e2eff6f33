import { Badge, Text } from '@mantine/core';
import { IconAlertTriangle, IconHandFinger } from '@tabler/icons-react';
import type { MessageContent as Content } from '../../../../../core';
import { useT } from '../../../../i18n';
import { ContactsCard } from './ContactsCard';
import classes from './Content.module.css';
import { LocationCard } from './LocationCard';
import { MediaContent } from './MediaContent';
import { OrderCard } from './OrderCard';

export interface MessageContentProps {
  messageId: string;
  content: Content;
  caption: string;
}

/** Everything a message can hold besides its text; every string from the customer is rendered as text. */
export function MessageContentView({ messageId, content, caption }: MessageContentProps) {
  const t = useT();
  switch (content.kind) {
    case 'media':
      return <MediaContent messageId={messageId} content={content} caption={caption} />;
    case 'location':
      return <LocationCard content={content} />;
    case 'contacts':
      return <ContactsCard content={content} />;
    case 'order':
      return <OrderCard content={content} messageId={messageId} />;
    case 'choice':
      return (
        <span className={classes.chip} title={t('message.choice', { title: content.title })} data-content="choice">
          <IconHandFinger size={14} aria-hidden style={{ flex: 'none' }} />
          <bdi>{content.title}</bdi>
        </span>
      );
    case 'template':
      return (
        <div className={classes.template} data-content="template">
          <Badge size="xs" variant="light" radius="sm" style={{ flex: 'none' }}>
            {t('message.template')}
          </Badge>
          <Text size="xs" c="dimmed" truncate title={`${content.name} (${content.language})`}>
            {content.name} · {content.language}
          </Text>
        </div>
      );
    case 'unsupported':
      return (
        <div className={classes.unsupported} data-content="unsupported">
          <IconAlertTriangle size={14} aria-hidden style={{ flex: 'none' }} />
          <span>{t('message.unsupported', { type: content.type })}</span>
        </div>
      );
  }
}

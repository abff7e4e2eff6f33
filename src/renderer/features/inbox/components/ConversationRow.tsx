import { Badge, VisuallyHidden } from '@mantine/core';
import { memo } from 'react';
import { useI18n } from '../../../i18n';
import { ChannelIcon } from '../../common/components/ChannelIcon';
import { CustomerAvatar } from '../../common/components/CustomerAvatar';
import { LabelChips, PriorityMark } from '../../common/components/LabelChip';
import { customerName, type ConversationSummary } from '../model';
import classes from './ConversationList.module.css';

export const ROW_HEIGHT = 68;
/** A labelled conversation gets a third line for its chips. */
export const LABELLED_ROW_HEIGHT = 88;

export function rowHeight(item: ConversationSummary | undefined): number {
  return item?.labels && item.labels.length > 0 ? LABELLED_ROW_HEIGHT : ROW_HEIGHT;
}

export interface ConversationRowProps {
  item: ConversationSummary;
  /** DOM id, so the list can point `aria-activedescendant` at the selected row. */
  id: string;
  selected: boolean;
  index: number;
  total: number;
  /** Pixel offset inside the virtual list. */
  top: number;
  now: number;
  onSelect(threadId: string): void;
}

export const ConversationRow = memo(function ConversationRow({
  item,
  id,
  selected,
  index,
  total,
  top,
  now,
  onSelect,
}: ConversationRowProps) {
  const { t, time } = useI18n();
  const { thread, contact } = item;
  const name = customerName(contact, t('thread.unknownCustomer'));
  const unread = thread.unreadCount;
  const labels = item.labels ?? [];
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-thread-id={thread.id}
      className={`${classes.row}${unread > 0 ? ` ${classes.unread}` : ''}`}
      style={{ height: rowHeight(item), transform: `translateY(${top}px)` }}
      onClick={() => onSelect(thread.id)}
    >
      <CustomerAvatar name={name} colorKey={thread.contactId} />
      <div className={classes.body}>
        <div className={classes.line}>
          <PriorityMark priority={thread.priority} size={12} />
          <bdi className={classes.name}>{name}</bdi>
          <ChannelIcon channel={thread.channel} size={12} />
          <time className={classes.time} dateTime={new Date(thread.lastMessageAt).toISOString()}>
            {time.relative(thread.lastMessageAt, now)}
          </time>
        </div>
        <div className={classes.line}>
          <span className={classes.preview}>
            {thread.lastMessageDirection === 'out' ? t('list.you') : ''}
            <bdi>{thread.lastMessagePreview}</bdi>
          </span>
          {unread > 0 && (
            <Badge size="sm" circle={unread < 10} radius="xl" variant="filled" style={{ flex: 'none' }}>
              <span aria-hidden>{unread > 99 ? '99+' : unread}</span>
              <VisuallyHidden>{t('list.unread', { count: unread })}</VisuallyHidden>
            </Badge>
          )}
        </div>
        {labels.length > 0 && <LabelChips labels={labels} max={3} />}
      </div>
    </div>
  );
});

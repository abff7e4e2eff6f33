import { memo } from 'react';
import type { Message } from '../../../../core';
import { useI18n } from '../../../i18n';
import { DeliveryStatus } from './DeliveryStatus';
import { MessageText } from './MessageText';
import classes from './Thread.module.css';

export interface MessageBubbleProps {
  message: Message;
  /** First of a run from the same side: a little more space above it. */
  startsGroup?: boolean;
}

/** One message: the customer's on the left, ours (agent or assistant) on the right, with time and delivery. */
export const MessageBubble = memo(function MessageBubble({ message, startsGroup = false }: MessageBubbleProps) {
  const { t, time } = useI18n();
  const outbound = message.direction === 'out';
  const kind = message.author.kind;
  return (
    <div
      className={`${classes.row}${startsGroup ? ` ${classes.grouped}` : ''}`}
      data-direction={message.direction}
      data-status={outbound ? message.status : undefined}
      data-message-id={message.id}
    >
      <div className={classes.bubble}>
        {(kind === 'assistant' || kind === 'system') && (
          <div className={classes.author}>{t(`message.author.${kind}`)}</div>
        )}
        <MessageText text={message.text} />
        <div className={classes.meta}>
          <time dateTime={new Date(message.ts).toISOString()} title={time.dateTime(message.ts)}>
            {time.clock(message.ts)}
          </time>
          {outbound && <DeliveryStatus status={message.status} error={message.error} />}
        </div>
        {outbound && message.status === 'failed' && message.error && (
          <div className={classes.error}>{message.error}</div>
        )}
      </div>
    </div>
  );
});

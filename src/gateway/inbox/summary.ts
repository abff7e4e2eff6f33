import { messagePreview, type Message, type Thread } from '../../core';

/**
 * The thread after a message was added to it. A message older than the thread's last one (a late webhook) counts
 * but does not replace the preview, so the list always shows the newest message.
 */
export function withMessage(thread: Thread, message: Message): Thread {
  const newest = message.ts >= thread.lastMessageAt;
  const last = newest
    ? {
        lastMessageAt: message.ts,
        lastMessagePreview: messagePreview(message),
        lastMessageDirection: message.direction,
      }
    : {};
  if (message.direction === 'in') {
    return {
      ...thread,
      ...last,
      status: 'open',
      unreadCount: thread.unreadCount + 1,
      lastInboundAt: Math.max(thread.lastInboundAt ?? message.ts, message.ts),
    };
  }
  // An agent's reply answers everything before it: nothing is left unread.
  return { ...thread, ...last, unreadCount: 0 };
}

/** A brand-new thread whose first message is `message`. */
export function threadFor(id: string, contactId: string, channel: Thread['channel'], message: Message): Thread {
  return withMessage(
    {
      id,
      contactId,
      channel,
      status: 'open',
      assigneeId: null,
      createdAt: message.ts,
      lastMessageAt: message.ts,
      lastMessagePreview: '',
      lastMessageDirection: message.direction,
      unreadCount: 0,
      lastInboundAt: null,
    },
    message,
  );
}

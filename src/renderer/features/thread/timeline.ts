import type { Message } from '../../../core';
import { sameDay } from '../../i18n';

export type TimelineEntry =
  { kind: 'day'; key: string; ts: number } | { kind: 'message'; key: string; message: Message; startsGroup: boolean };

/** Messages (oldest first) with a day separator before the first message of each calendar day. */
export function buildTimeline(messages: readonly Message[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let previous: Message | undefined;
  for (const message of messages) {
    const newDay = !previous || !sameDay(previous.ts, message.ts);
    if (newDay) entries.push({ kind: 'day', key: `day-${message.ts}`, ts: message.ts });
    entries.push({
      kind: 'message',
      key: message.id,
      message,
      startsGroup: newDay || previous?.direction !== message.direction,
    });
    previous = message;
  }
  return entries;
}

import type { Message } from '../../../core';
import { sameDay } from '../../i18n';

/** A line of the conversation's history (a label added, the priority raised...), already in words. */
export interface TimelineNote {
  key: string;
  at: number;
  text: string;
}

export type TimelineEntry =
  | { kind: 'day'; key: string; ts: number }
  | { kind: 'message'; key: string; message: Message; startsGroup: boolean }
  | { kind: 'note'; key: string; note: TimelineNote };

/**
 * Messages (oldest first) and history notes (in log order) merged by time, with a day separator before the
 * first entry of each calendar day. A note that happened at the same time as a message follows it (a rule
 * reacts to the message it read).
 */
export function buildTimeline(messages: readonly Message[], notes: readonly TimelineNote[] = []): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let previousTs: number | undefined;
  let previous: Message | undefined;
  let afterNote = false;
  const dayBefore = (ts: number) => {
    if (previousTs === undefined || !sameDay(previousTs, ts)) {
      entries.push({ kind: 'day', key: `day-${ts}`, ts });
      previousTs = ts;
      return true;
    }
    previousTs = ts;
    return false;
  };
  let n = 0;
  const pushNotesUntil = (ts: number) => {
    while (n < notes.length && notes[n]!.at < ts) {
      const note = notes[n]!;
      dayBefore(note.at);
      entries.push({ kind: 'note', key: note.key, note });
      afterNote = true;
      n += 1;
    }
  };
  for (const message of messages) {
    pushNotesUntil(message.ts);
    const newDay = dayBefore(message.ts);
    entries.push({
      kind: 'message',
      key: message.id,
      message,
      startsGroup: newDay || afterNote || previous?.direction !== message.direction,
    });
    previous = message;
    afterNote = false;
  }
  pushNotesUntil(Number.POSITIVE_INFINITY);
  return entries;
}

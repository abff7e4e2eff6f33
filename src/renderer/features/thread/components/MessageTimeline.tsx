import { Box, Button } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '../../../../core';
import { useI18n } from '../../../i18n';
import { buildTimeline, type TimelineNote } from '../timeline';
import { DaySeparator } from './DaySeparator';
import { MessageBubble } from './MessageBubble';
import classes from './Thread.module.css';

/** Within this many pixels of the end, the agent is "at the bottom" and new messages keep the view pinned. */
const STICK_THRESHOLD = 120;

export interface MessageTimelineProps {
  threadId: string;
  messages: readonly Message[];
  /** The conversation's history (labels, priority, spam...) as small centred lines between the messages. */
  notes?: readonly TimelineNote[];
  now: number;
}

const NO_NOTES: readonly TimelineNote[] = [];

/**
 * The conversation, oldest first. Opens at the latest message; a new message keeps it pinned to the bottom when
 * the agent was already there (or sent it), otherwise a "Jump to latest" button appears instead of yanking the view.
 */
export function MessageTimeline({ threadId, messages, notes = NO_NOTES, now }: MessageTimelineProps) {
  const { t, time } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  const seen = useRef<{ threadId: string; count: number } | null>(null);
  const [behind, setBehind] = useState(false);
  const entries = useMemo(() => buildTimeline(messages, notes), [messages, notes]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const previous = seen.current;
    seen.current = { threadId, count: messages.length };
    const opened = previous?.threadId !== threadId;
    const grew = !opened && messages.length > (previous?.count ?? 0);
    const last = messages[messages.length - 1];
    if (opened || (grew && (atBottom.current || last?.direction === 'out'))) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
      setBehind(false);
    } else if (grew) {
      setBehind(true);
    }
  }, [threadId, messages]);

  useEffect(() => {
    // The thread narrows when the contact panel opens and the window can be resized: text rewraps and grows, so
    // an agent who was at the latest message stays there. (Content growing from "Show more" is left alone.)
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    // Only the agent scrolling up unpins: text rewrapping below the fold grows the thread without any scroll up.
    if (el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD) {
      atBottom.current = true;
      setBehind(false);
    } else if (el.scrollTop < lastTop.current) {
      atBottom.current = false;
    }
    lastTop.current = el.scrollTop;
  };

  const jump = () => {
    const el = scrollRef.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    setBehind(false);
  };

  return (
    <Box pos="relative" flex={1} mih={0} style={{ display: 'flex', flexDirection: 'column' }}>
      <div
        ref={scrollRef}
        className={classes.timeline}
        role="log"
        aria-label={t('thread.messages')}
        onScroll={onScroll}
      >
        <div className={classes.content}>
          {entries.map((entry) =>
            entry.kind === 'day' ? (
              <DaySeparator key={entry.key} label={time.day(entry.ts, now)} />
            ) : entry.kind === 'note' ? (
              <div key={entry.key} className={classes.note} data-activity={entry.key}>
                <span title={time.dateTime(entry.note.at)}>{entry.note.text}</span>
              </div>
            ) : (
              <MessageBubble key={entry.key} message={entry.message} startsGroup={entry.startsGroup} />
            ),
          )}
        </div>
      </div>
      {behind && (
        <Button
          className={classes.jump}
          size="xs"
          radius="xl"
          variant="filled"
          leftSection={<IconArrowDown size={14} />}
          onClick={jump}
        >
          {t('thread.jumpToLatest')}
        </Button>
      )}
    </Box>
  );
}

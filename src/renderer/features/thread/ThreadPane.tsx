import { Center, EmptyState, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessages } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { ActivityRow, Agent, Contact, Label, Message, Thread } from '../../../core';
import { useServices } from '../../data/context';
import { useActivity, useInboxActions, useLabels, useMessages } from '../../data/hooks';
import { liveLabels, liveLabelsOf } from '../../data/queries';
import { useI18n, useT } from '../../i18n';
import { ReplyBox } from '../composer/ReplyBox';
import { customerName } from '../inbox/model';
import { useCartToOrder } from '../orders/useOrderMessages';
import { BubbleEnvironmentProvider, type BubbleEnvironment } from './bubbleEnvironment';
import { activityText } from './activity';
import { commandErrorKey } from './commandError';
import { MessageTimeline } from './components/MessageTimeline';
import { ThreadHeader, type Assignment } from './components/ThreadHeader';
import type { SuggestedLabel, ThreadLabelsProps } from './components/ThreadLabels';
import type { TimelineNote } from './timeline';
import type { ThreadCommands } from './useThreadCommands';
import { useWindowFocused } from './useWindowFocused';

export interface ThreadPaneProps {
  threadId: string | null;
  /** `undefined` while loading, `null` when the replica has no such thread. */
  entry: { thread: Thread; contact: Contact | undefined } | null | undefined;
  /** The row from the conversation list, shown while `entry` catches up with a new selection. */
  fallback?: { thread: Thread; contact: Contact | undefined } | undefined;
  agentId: string | null;
  /** The signed-in agent, whose name the history can say (any other is "an agent"). */
  agent?: Agent | null;
  commands: ThreadCommands;
  now: number;
  replyRef: Ref<HTMLTextAreaElement>;
  contactPanelOpen: boolean;
  onToggleContactPanel(): void;
}

function assignmentOf(thread: Thread, agentId: string | null): Assignment {
  if (thread.assigneeId === null) return 'nobody';
  return thread.assigneeId === agentId ? 'me' : 'other';
}

/** Marks the open conversation read when it opens, and again when a customer writes while it is on screen. */
function useMarkRead(threadId: string | null, unread: number) {
  const { markRead } = useInboxActions();
  const focused = useWindowFocused();
  const markReadRef = useRef(markRead);
  useEffect(() => {
    markReadRef.current = markRead;
  });
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (!threadId || !focused) return;
    const justOpened = opened.current !== threadId;
    opened.current = threadId;
    if (justOpened || unread > 0) void markReadRef.current(threadId).catch(() => undefined);
  }, [threadId, unread, focused]);
}

function useSettled(key: string | null, delayMs: number): boolean {
  const [settledKey, setSettledKey] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettledKey(key), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settledKey === key;
}

/**
 * What the bubbles of the open thread can do: fetch media, find a quoted message, open links through the
 * platform, and Reply / React. Stable for the pane's life, so memoised bubbles do not re-render for it.
 */
function useBubbleEnvironmentValue(
  onReply: (message: Message) => void,
  onCartOrder: BubbleEnvironment['onCartOrder'],
): BubbleEnvironment {
  const t = useT();
  const { db, media, platform } = useServices();
  const { react } = useInboxActions();
  const onReact = useCallback(
    (message: Message, emoji: string) => {
      const fail = (error: string) =>
        notifications.show({
          color: 'red',
          title: t('message.action.reactFailed'),
          message: t(commandErrorKey(error)),
        });
      react(message.id, emoji)
        .then((result) => {
          if (!result.ok) fail(result.error);
        })
        .catch((error: unknown) => fail(String(error)));
    },
    [react, t],
  );
  return useMemo(
    () => ({ db, media, openExternal: (url: string) => platform.openExternal(url), onReply, onReact, onCartOrder }),
    [db, media, platform, onReply, onReact, onCartOrder],
  );
}

/** Every label row by id (deleted ones too, for history), and the live ones by name for the add control. */
function useLabelIndex(): { byId: Map<string, Label>; live: Label[] } {
  const labels = useLabels();
  return useMemo(() => {
    const all = labels ?? [];
    return { byId: new Map(all.map((l) => [l.id, l])), live: liveLabels(all) };
  }, [labels]);
}

/** The open thread's history in the agent's words, for the timeline. */
function useNotes(
  threadId: string | null,
  byId: ReadonlyMap<string, Label>,
  agent: Agent | null,
): TimelineNote[] | undefined {
  const { t, language } = useI18n();
  const activity = useActivity(threadId);
  return useMemo(() => {
    if (!activity) return undefined;
    const ctx = { t, language, labels: byId, agent };
    return activity
      .filter((row: ActivityRow) => row.threadId === threadId)
      .map((row) => ({ key: `activity-${row.seq}`, at: row.at, text: activityText(row, ctx) }));
  }, [activity, threadId, t, language, byId, agent]);
}

function labelsBarProps(thread: Thread, byId: ReadonlyMap<string, Label>, live: Label[], commands: ThreadCommands) {
  const applied = liveLabelsOf(thread, byId);
  const appliedIds = new Set(applied.map((l) => l.id));
  const suggestions: SuggestedLabel[] = [];
  for (const s of thread.suggestions ?? []) {
    const label = byId.get(s.labelId);
    if (label && label.deletedAt === undefined && !appliedIds.has(label.id)) {
      suggestions.push({ label, confidence: s.confidence });
    }
  }
  const props: ThreadLabelsProps = {
    labels: applied,
    available: live,
    suggestions,
    spam: thread.spam === true,
    onAdd: commands.addLabel,
    onRemove: commands.removeLabel,
    onAccept: commands.acceptSuggestion,
    onDismiss: commands.dismissSuggestion,
  };
  return props;
}

export function ThreadPane(props: ThreadPaneProps) {
  const t = useT();
  const { threadId, entry, agentId, commands, now } = props;
  const messages = useMessages(threadId);
  const agent = props.agent ?? null;
  const { byId, live } = useLabelIndex();
  const notes = useNotes(threadId, byId, agent);
  // The message the next reply quotes; it belongs to one thread and is dropped when another opens.
  const [replyTo, setReplyTo] = useState<{ threadId: string; id: string } | null>(null);
  const onReply = useCallback((message: Message) => setReplyTo({ threadId: message.threadId, id: message.id }), []);
  const clearReply = useCallback(() => setReplyTo(null), []);
  const onCartOrder = useCartToOrder(entry && entry.thread.id === threadId ? entry.thread : null);
  const environment = useBubbleEnvironmentValue(onReply, onCartOrder);
  // A live query answers `null` for "no such thread" but also still holds the previous selection's `null` for a
  // moment: only call a thread missing once the new answer has had time to arrive.
  const waitedLongEnough = useSettled(threadId, 800);
  useMarkRead(entry ? threadId : null, entry && entry.thread.id === threadId ? entry.thread.unreadCount : 0);

  if (!threadId) {
    return (
      <Center flex={1}>
        <EmptyState
          icon={<IconMessages size={32} stroke={1.4} />}
          withIndicatorBackground
          title={t('thread.none.title')}
          description={t('thread.none.description')}
        />
      </Center>
    );
  }
  if (entry === null && !props.fallback && waitedLongEnough) {
    return (
      <Center flex={1}>
        <EmptyState title={t('thread.notFound')} />
      </Center>
    );
  }
  // Live queries keep their previous answer while the next one runs: never show one thread's data under another.
  const known = entry && entry.thread.id === threadId ? entry : props.fallback;
  const ownMessages = messages && messages.every((m) => m.threadId === threadId) ? messages : undefined;
  if (!known) {
    return (
      <Center flex={1} aria-busy="true">
        <Loader size="sm" type="dots" aria-label={t('thread.loading')} />
      </Center>
    );
  }
  const { thread, contact } = known;
  return (
    <Stack gap={0} flex={1} miw={0} h="100%">
      <ThreadHeader
        name={customerName(contact, t('thread.unknownCustomer'))}
        channel={thread.channel}
        status={thread.status}
        assignment={assignmentOf(thread, agentId)}
        busy={commands.busy}
        contactPanelOpen={props.contactPanelOpen}
        onResolve={commands.resolve}
        onReopen={commands.reopen}
        onAssignToMe={commands.assignToMe}
        onUnassign={commands.unassign}
        onToggleContactPanel={props.onToggleContactPanel}
        priority={thread.priority}
        spam={thread.spam === true}
        onSetPriority={commands.setPriority}
        onSetSpam={commands.setSpam}
        labels={labelsBarProps(thread, byId, live, commands)}
      />
      <BubbleEnvironmentProvider value={environment}>
        {ownMessages ? (
          <MessageTimeline key={threadId} threadId={threadId} messages={ownMessages} notes={notes} now={now} />
        ) : (
          <Center flex={1} aria-busy="true">
            <Loader size="sm" type="dots" aria-label={t('thread.loading')} />
          </Center>
        )}
      </BubbleEnvironmentProvider>
      <ReplyBox
        thread={thread}
        messages={ownMessages}
        now={now}
        replyTo={(replyTo?.threadId === thread.id && ownMessages?.find((m) => m.id === replyTo.id)) || null}
        onClearReply={clearReply}
        inputRef={props.replyRef}
      />
    </Stack>
  );
}

import { Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMemo, type Ref } from 'react';
import type { CatalogProduct, Message, Thread } from '../../../core';
import { useCatalogClient } from '../../data/catalog';
import { useConnection, useInboxActions } from '../../data/hooks';
import { useQuickReplies } from '../../data/quickReplies';
import { useTemplates } from '../../data/templates';
import { useT } from '../../i18n';
import { productText } from './components/CatalogPicker';
import { Composer } from './components/Composer';
import classes from './components/Composer.module.css';
import { QuotePreview } from './components/QuotePreview';
import type { QuickReplyKit } from './components/Composer';
import { TemplateComposer } from './components/TemplateComposer';
import { WindowNotice } from './components/WindowNotice';
import { composerWindow } from './replyWindow';
import { localeOf } from './quickReplies';
import { useQuickReplyKit } from './useQuickReplyKit';

/** Unsent text per conversation, kept while the agent hops between conversations (not across restarts). */
const drafts = new Map<string, string>();

export interface ReplyBoxProps {
  thread: Thread;
  /** The thread's messages (oldest first), which say whose rules apply; undefined while loading. */
  messages: readonly Message[] | undefined;
  now: number;
  /** The message the next reply quotes, chosen with "Reply" on a bubble. */
  replyTo?: Message | null;
  onClearReply?(): void;
  inputRef?: Ref<HTMLTextAreaElement>;
}

function TemplateReply({ threadId, hint, kit }: { threadId: string; hint: string | null; kit: QuickReplyKit | null }) {
  const t = useT();
  const actions = useInboxActions();
  const templates = useTemplates(threadId, actions.templates);
  const replies = useQuickReplies();
  const quickReplies = useMemo(
    () => (kit && replies ? { replies, locale: kit.locale, valuesFor: kit.valuesFor, prepare: kit.prepare } : null),
    [kit, replies],
  );
  return (
    <TemplateComposer
      key={threadId}
      templates={templates}
      hint={hint}
      quickReplies={quickReplies}
      onSend={(text, template, meta) => {
        // The quick reply it was made from travels with it: its use counts and its labels apply.
        actions
          .send(threadId, text, { template, ...(meta?.quickReplyId ? { quickReplyId: meta.quickReplyId } : {}) })
          .catch((error: unknown) =>
            notifications.show({ color: 'red', title: t('thread.actionFailed'), message: String(error) }),
          );
      }}
    />
  );
}

/**
 * The reply area, by what the channel allows now: the plain box (with the time left where a window applies),
 * the template form once WhatsApp's 24 hours are over, or nothing to send until the customer writes again.
 */
export function ReplyBox({ thread, messages, now, replyTo = null, onClearReply, inputRef }: ReplyBoxProps) {
  const t = useT();
  const { send } = useInboxActions();
  const { status } = useConnection();
  const threadId = thread.id;
  const offline = status === 'offline' || status === 'unauthorized';
  const hint = offline ? t('composer.offline') : null;
  const rules = composerWindow(thread, messages, now);
  const quickReplies = useQuickReplyKit(thread, messages);
  const catalogClient = useCatalogClient();
  // The conversation's language, from the customer's messages (the kit knows their contact too, when it is there).
  const productLocale = quickReplies?.locale ?? localeOf(messages, undefined);
  const catalog = useMemo(
    () => ({
      client: catalogClient,
      locale: productLocale,
      onSend(product: CatalogProduct) {
        send(
          thread.id,
          productText(product, productLocale),
          product.pictureId ? { attachments: [product.pictureId] } : undefined,
        ).catch((error: unknown) =>
          notifications.show({ color: 'red', title: t('thread.actionFailed'), message: String(error) }),
        );
      },
    }),
    [catalogClient, productLocale, send, thread.id, t],
  );

  if (rules?.state === 'template') return <TemplateReply threadId={threadId} hint={hint} kit={quickReplies} />;
  const closed = rules?.state === 'closed';
  const quote = replyTo && replyTo.threadId === threadId && !closed ? replyTo : null;
  return (
    <Composer
      key={threadId}
      inputRef={inputRef}
      defaultValue={drafts.get(threadId) ?? ''}
      onDraftChange={(text) => (text ? drafts.set(threadId, text) : drafts.delete(threadId))}
      hint={hint}
      disabled={closed}
      focusKey={quote?.id ?? null}
      quickReplies={quickReplies}
      catalog={offline ? null : catalog}
      top={
        <>
          {rules && <WindowNotice rules={rules} now={now} />}
          {closed && (
            <Group gap={6} wrap="nowrap" align="flex-start" className={classes.notice} data-urgent role="status">
              <IconLock size={14} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
              <Text size="xs" inherit>
                {t('composer.window.closed', { channel: t(`channel.${thread.channel}`) })}
              </Text>
            </Group>
          )}
          {quote && <QuotePreview message={quote} onCancel={() => onClearReply?.()} />}
        </>
      }
      onSend={(text, meta) => {
        // Offline is not an error here: the reply is queued and its bubble shows the clock until it leaves.
        // The quick reply it was made from travels with it, so its use counts and its labels apply even then.
        const extras = {
          ...(quote ? { quoteId: quote.id } : {}),
          ...(meta?.quickReplyId ? { quickReplyId: meta.quickReplyId } : {}),
          ...(meta?.attachments?.length ? { attachments: meta.attachments } : {}),
        };
        send(threadId, text, Object.keys(extras).length > 0 ? extras : undefined).catch((error: unknown) =>
          notifications.show({ color: 'red', title: t('thread.actionFailed'), message: String(error) }),
        );
        onClearReply?.();
      }}
    />
  );
}

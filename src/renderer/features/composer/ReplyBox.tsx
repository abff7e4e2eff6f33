import { notifications } from '@mantine/notifications';
import type { Ref } from 'react';
import { useConnection, useInboxActions } from '../../data/hooks';
import { useT } from '../../i18n';
import { Composer } from './components/Composer';

/** Unsent text per conversation, kept while the agent hops between conversations (not across restarts). */
const drafts = new Map<string, string>();

export interface ReplyBoxProps {
  threadId: string;
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function ReplyBox({ threadId, inputRef }: ReplyBoxProps) {
  const t = useT();
  const { send } = useInboxActions();
  const { status } = useConnection();
  const offline = status === 'offline' || status === 'unauthorized';
  return (
    <Composer
      key={threadId}
      inputRef={inputRef}
      defaultValue={drafts.get(threadId) ?? ''}
      onDraftChange={(text) => (text ? drafts.set(threadId, text) : drafts.delete(threadId))}
      hint={offline ? t('composer.offline') : null}
      onSend={(text) => {
        // Offline is not an error here: the reply is queued and its bubble shows the clock until it leaves.
        send(threadId, text).catch((error: unknown) =>
          notifications.show({ color: 'red', title: t('thread.actionFailed'), message: String(error) }),
        );
      }}
    />
  );
}

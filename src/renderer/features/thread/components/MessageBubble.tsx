import { Anchor } from '@mantine/core';
import { IconArrowForward, IconBulb, IconSpeakerphone } from '@tabler/icons-react';
import { memo } from 'react';
import type { Message, Referral } from '../../../../core';
import { useI18n } from '../../../i18n';
import { isExternalLink } from '../../../platform/links';
import { formatPercent } from '../activity';
import { useBubbleEnvironment } from '../bubbleEnvironment';
import { MessageContentView } from './content/MessageContent';
import { DeliveryStatus } from './DeliveryStatus';
import { MessageActions } from './MessageActions';
import { useOpenOrder } from '../../orders/OrderFocus';
import { MessageText } from './MessageText';
import { QuoteExcerpt } from './QuoteExcerpt';
import { Reactions } from './Reactions';
import classes from './Thread.module.css';

export interface MessageBubbleProps {
  message: Message;
  /** First of a run from the same side: a little more space above it. */
  startsGroup?: boolean;
}

/**
 * The text under a content card: the caption or the words sent with it. The gateway also fills `text` with what
 * the card itself shows (a place's name, the contacts' names, a button's title) so search and previews work:
 * that copy is not repeated under the card.
 */
export function captionOf(message: Message): string {
  const text = message.text.trim();
  const content = message.content;
  if (text === '') return '';
  const repeats =
    (content?.kind === 'choice' && text === content.title.trim()) ||
    (content?.kind === 'location' && (text === content.name?.trim() || text === content.address?.trim())) ||
    (content?.kind === 'contacts' &&
      text ===
        content.contacts
          .map((c) => c.name)
          .join(', ')
          .trim());
  return repeats ? '' : message.text;
}

function ReferralLine({ referral }: { referral: Referral }) {
  const { t } = useI18n();
  const { openExternal } = useBubbleEnvironment();
  const headline = referral.headline?.trim();
  const label = headline ? t('message.referral', { headline }) : t('message.referralUntitled');
  const url = referral.sourceUrl && isExternalLink(referral.sourceUrl) ? referral.sourceUrl : null;
  return (
    <div className={classes.mark} title={referral.body ?? undefined}>
      <IconSpeakerphone size={13} aria-hidden style={{ flex: 'none' }} />
      {url ? (
        <Anchor
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          inherit
          onClick={(event) => {
            event.preventDefault();
            openExternal(url);
          }}
        >
          {label}
        </Anchor>
      ) : (
        <span>{label}</span>
      )}
    </div>
  );
}

const outboundOf = (message: Message): boolean => message.direction === 'out';

/** One message: the customer's on the left, ours (agent or assistant) on the right, with time and delivery. */
export const MessageBubble = memo(function MessageBubble({ message, startsGroup = false }: MessageBubbleProps) {
  const openOrder = useOpenOrder();
  const { t, time, language } = useI18n();
  const { onReply, onReact } = useBubbleEnvironment();
  // What the classifier read in a customer message: a quiet hint, for the curious agent.
  const intent =
    message.intent && !outboundOf(message)
      ? t('thread.labels.intent', {
          name: message.intent.name.replace(/[_-]+/g, ' '),
          percent: formatPercent(language, message.intent.confidence),
        })
      : null;
  const outbound = message.direction === 'out';
  const kind = message.author.kind;
  const deleted = message.deletedAt !== undefined;
  const caption = deleted ? '' : captionOf(message);
  const failed = outbound && message.status === 'failed';
  // Nothing to answer or react to in a deleted message or a system line; a reply still on its way has no
  // provider id to react to yet.
  const canAct = !deleted && kind !== 'system';
  const reply = canAct ? onReply : null;
  const react = canAct && message.status !== 'pending' && message.status !== 'failed' ? onReact : null;
  return (
    <div
      className={`${classes.row}${startsGroup ? ` ${classes.grouped}` : ''}`}
      data-direction={message.direction}
      data-status={outbound ? message.status : undefined}
      data-message-id={message.id}
      tabIndex={-1}
    >
      <div className={classes.stack}>
        <div className={classes.bubble}>
          {(kind === 'assistant' || kind === 'system') && (
            <div className={classes.author}>{t(`message.author.${kind}`)}</div>
          )}
          {message.forwarded && (
            <div className={classes.mark}>
              <IconArrowForward size={13} aria-hidden style={{ flex: 'none' }} />
              {t(message.forwarded === 'frequently' ? 'message.forwardedMany' : 'message.forwarded')}
            </div>
          )}
          {message.referral && <ReferralLine referral={message.referral} />}
          {message.quote && !deleted && <QuoteExcerpt quote={message.quote} />}
          {deleted ? (
            <p className={classes.deleted}>{t('message.deleted')}</p>
          ) : (
            <>
              {message.content && (
                <MessageContentView messageId={message.id} content={message.content} caption={caption} />
              )}
              {(caption || !message.content) && (
                <MessageText text={message.text} onOrder={message.direction === 'in' ? openOrder : null} />
              )}
            </>
          )}
          <div className={classes.meta}>
            {intent && (
              <span role="img" aria-label={intent} title={intent} style={{ display: 'inline-flex' }}>
                <IconBulb size={12} aria-hidden />
              </span>
            )}
            {message.editedAt !== undefined && !deleted && (
              <span title={time.dateTime(message.editedAt)}>{t('message.edited')}</span>
            )}
            <time dateTime={new Date(message.ts).toISOString()} title={time.dateTime(message.ts)}>
              {time.clock(message.ts)}
            </time>
            {outbound && <DeliveryStatus status={message.status} error={message.error} />}
          </div>
          {failed && (
            <div className={classes.error}>
              <strong>{t('message.status.failed')}</strong>
              {message.error && (
                <>
                  {': '}
                  <span>{message.error}</span>
                </>
              )}
            </div>
          )}
        </div>
        {message.reactions && !deleted && <Reactions reactions={message.reactions} />}
      </div>
      {(reply || react) && <MessageActions message={message} onReply={reply} onReact={react} />}
    </div>
  );
});

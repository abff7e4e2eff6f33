import { UnstyledButton } from '@mantine/core';
import { contentSummary, previewOf, type Message, type Quote } from '../../../../core';
import { useT } from '../../../i18n';
import { scrollToMessage } from '../scrollToMessage';
import { useQuotedMessage } from '../useQuotedMessage';
import classes from './Thread.module.css';

/** One line for a quoted message: its words, or what it holds (a photo, a cart), never a whole 100 KB text. */
export function quotedLine(message: Message, deletedWord: string): string {
  if (message.deletedAt !== undefined) return deletedWord;
  return previewOf(contentSummary(message.content, message.text), 120);
}

export function QuotedAuthor({ message }: { message: Message }) {
  const t = useT();
  const kind = message.author.kind;
  return (
    <span className={classes.quoteAuthor}>
      {kind === 'customer'
        ? t('message.author.customer')
        : kind === 'agent'
          ? t('message.quote.you')
          : t(`message.author.${kind}`)}
    </span>
  );
}

/**
 * The message a reply quotes, above the reply's own words. It is read from the replica by our id; a quote of a
 * message this replica does not have (older than the sync, or never stored) says so instead of guessing.
 */
export function QuoteExcerpt({ quote }: { quote: Quote }) {
  const t = useT();
  const quoted = useQuotedMessage(quote.messageId);

  if (quoted === undefined) return <div className={classes.quote} aria-busy="true" />;
  if (quoted === null) {
    return (
      <div className={classes.quote} data-quote="missing">
        <span className={classes.quoteText}>{t('message.quote.unavailable')}</span>
      </div>
    );
  }
  return (
    <UnstyledButton
      className={classes.quote}
      data-quote={quoted.id}
      title={t('message.quote.goTo')}
      onClick={() => scrollToMessage(quoted.id)}
    >
      <QuotedAuthor message={quoted} />
      <span className={classes.quoteText} dir="auto">
        {quotedLine(quoted, t('message.deleted'))}
      </span>
    </UnstyledButton>
  );
}

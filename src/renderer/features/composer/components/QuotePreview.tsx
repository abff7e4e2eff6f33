import { CloseButton } from '@mantine/core';
import type { Message } from '../../../../core';
import { useT } from '../../../i18n';
import { QuotedAuthor, quotedLine } from '../../thread/components/QuoteExcerpt';
import classes from './Composer.module.css';

/** The message the reply will quote, above the box; the cross drops the quote, not the text. */
export function QuotePreview({ message, onCancel }: { message: Message; onCancel(): void }) {
  const t = useT();
  return (
    <div className={classes.quote} data-quote-preview={message.id}>
      <div className={classes.quoteBody}>
        <span className={classes.quoteLabel}>
          {t('composer.quote.label')} <QuotedAuthor message={message} />
        </span>
        <span className={classes.quoteText} dir="auto">
          {quotedLine(message, t('message.deleted'))}
        </span>
      </div>
      <CloseButton size="sm" aria-label={t('composer.quote.cancel')} onClick={onCancel} />
    </div>
  );
}

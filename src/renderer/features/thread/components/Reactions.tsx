import type { Reaction } from '../../../../core';
import { useT } from '../../../i18n';
import classes from './Thread.module.css';

/** The emoji each side put on this message, the customer's first; each one says who put it there. */
export function Reactions({ reactions }: { reactions: readonly Reaction[] }) {
  const t = useT();
  if (reactions.length === 0) return null;
  const ordered = [...reactions].sort((a, b) => (a.by === b.by ? a.at - b.at : a.by === 'customer' ? -1 : 1));
  return (
    <div className={classes.reactions}>
      {ordered.map((reaction) => {
        const label = t(reaction.by === 'customer' ? 'message.reaction.customer' : 'message.reaction.agent', {
          emoji: reaction.emoji,
        });
        return (
          <span
            key={`${reaction.by}-${reaction.at}`}
            className={classes.reaction}
            role="img"
            aria-label={label}
            title={label}
            data-by={reaction.by}
          >
            {reaction.emoji}
          </span>
        );
      })}
    </div>
  );
}

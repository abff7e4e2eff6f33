import { Anchor, Box } from '@mantine/core';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { detectOrderNumbers } from '../../../../core';
import { useT } from '../../../i18n';
import { OrderChip } from '../../orders/components/OrderChip';
import { chunkRun, clampText, splitLongRuns } from '../clamp';
import classes from './Thread.module.css';

export interface MessageTextProps {
  text: string;
  /** Order numbers in the text become chips that open the order (a customer's message, inside the inbox). */
  onOrder?: ((number: string) => void) | null;
}

/** The text with its order numbers as chips; each piece between them keeps the long-run handling. */
function WithOrders({ text, onOrder }: { text: string; onOrder: (number: string) => void }) {
  const mentions = useMemo(() => detectOrderNumbers(text), [text]);
  if (mentions.length === 0) return <Breakable text={text} />;
  const parts: ReactNode[] = [];
  let at = 0;
  mentions.forEach((m, i) => {
    if (m.start > at) parts.push(<Breakable key={`t${i}`} text={text.slice(at, m.start)} />);
    parts.push(<OrderChip key={`o${i}`} label={text.slice(m.start, m.end)} number={m.number} onOpen={onOrder} />);
    at = m.end;
  });
  if (at < text.length) parts.push(<Breakable key="end" text={text.slice(at)} />);
  return parts;
}

/**
 * Very long unbroken runs break between any two letters (`word-break: break-all`): under `overflow-wrap: anywhere`
 * alone, Chromium takes seconds to lay out a 100 KB word. Ordinary words keep wrapping at spaces.
 */
function Breakable({ text }: { text: string }) {
  const runs = useMemo(() => splitLongRuns(text), [text]);
  if (runs.length === 1 && !runs[0]?.long) return text;
  return runs.map((run, i) =>
    run.long ? (
      <span key={i} className={classes.longRun} data-long-run="">
        {chunkRun(run.text).map((piece, j) => (
          <Fragment key={j}>
            {j > 0 && <wbr />}
            {piece}
          </Fragment>
        ))}
      </span>
    ) : (
      <Fragment key={i}>{run.text}</Fragment>
    ),
  );
}

/**
 * Customer text, as text: React escapes it, so `<img onerror=...>` shows as characters and never becomes markup.
 * `dir="auto"` lets Arabic or Hebrew read right to left; long words and URLs wrap instead of widening the thread.
 */
export function MessageText({ text, onOrder = null }: MessageTextProps) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const { shown, clamped } = useMemo(() => clampText(text), [text]);
  return (
    <>
      <Box component="p" className={classes.text} dir="auto">
        {onOrder ? (
          <WithOrders text={expanded ? text : shown} onOrder={onOrder} />
        ) : (
          <Breakable text={expanded ? text : shown} />
        )}
      </Box>
      {clamped && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          fw={600}
          className={classes.more}
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? t('message.showLess') : t('message.showMore')}
        </Anchor>
      )}
    </>
  );
}

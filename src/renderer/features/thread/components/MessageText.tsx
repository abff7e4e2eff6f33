import { Anchor, Box } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useT } from '../../../i18n';
import { chunkRun, clampText, splitLongRuns } from '../clamp';
import classes from './Thread.module.css';

export interface MessageTextProps {
  text: string;
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
export function MessageText({ text }: MessageTextProps) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const { shown, clamped } = useMemo(() => clampText(text), [text]);
  return (
    <>
      <Box component="p" className={classes.text} dir="auto">
        <Breakable text={expanded ? text : shown} />
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

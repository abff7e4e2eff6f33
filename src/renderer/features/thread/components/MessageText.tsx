import { Anchor, Box } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../../i18n';
import { clampText } from '../clamp';
import classes from './Thread.module.css';

export interface MessageTextProps {
  text: string;
}

/**
 * Customer text, as text: React escapes it, so `<img onerror=...>` shows as characters and never becomes markup.
 * `dir="auto"` lets Arabic or Hebrew read right to left; long words and URLs wrap instead of widening the thread.
 */
export function MessageText({ text }: MessageTextProps) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const { shown, clamped } = clampText(text);
  return (
    <>
      <Box component="p" className={classes.text} dir="auto">
        {expanded ? text : shown}
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

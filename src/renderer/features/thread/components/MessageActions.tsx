import { ActionIcon, Button, Group, Popover, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowBackUp, IconMoodSmile } from '@tabler/icons-react';
import { useState } from 'react';
import type { Message } from '../../../../core';
import { useT } from '../../../i18n';
import classes from './Thread.module.css';

/** A handful everyone knows: the picker is for a quick acknowledgement, not a conversation in emoji. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

export interface MessageActionsProps {
  message: Message;
  onReply: ((message: Message) => void) | null;
  onReact: ((message: Message, emoji: string) => void) | null;
}

/** Reply and React, beside the bubble: shown on hover, and reachable with Tab (focus shows them too). */
export function MessageActions({ message, onReply, onReact }: MessageActionsProps) {
  const t = useT();
  const [picking, setPicking] = useState(false);
  const mine = message.reactions?.find((r) => r.by === 'agent')?.emoji ?? null;
  const react = (emoji: string) => {
    setPicking(false);
    onReact?.(message, emoji);
  };
  return (
    <div className={classes.actions} data-open={picking || undefined}>
      {onReply && (
        <Tooltip label={t('message.action.reply')}>
          <ActionIcon size="sm" aria-label={t('message.action.reply')} onClick={() => onReply(message)}>
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {onReact && (
        <Popover opened={picking} onChange={setPicking} position="top" shadow="md" withArrow trapFocus returnFocus>
          <Popover.Target>
            <ActionIcon
              size="sm"
              aria-label={t('message.action.react')}
              aria-haspopup="dialog"
              aria-expanded={picking}
              onClick={() => setPicking((open) => !open)}
            >
              <IconMoodSmile size={16} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p={6} role="dialog" aria-label={t('message.action.react')}>
            <Group gap={2} wrap="nowrap">
              {QUICK_REACTIONS.map((emoji) => (
                <UnstyledButton
                  key={emoji}
                  className={classes.emoji}
                  aria-label={t('message.action.reactWith', { emoji })}
                  aria-pressed={mine === emoji}
                  onClick={() => react(emoji)}
                >
                  {emoji}
                </UnstyledButton>
              ))}
            </Group>
            {mine && (
              <Button variant="subtle" color="gray" size="compact-xs" fullWidth mt={4} onClick={() => react('')}>
                {t('message.action.removeReaction')}
              </Button>
            )}
          </Popover.Dropdown>
        </Popover>
      )}
    </div>
  );
}

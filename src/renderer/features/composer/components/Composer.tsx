import { Box, Button, Group, Text, Textarea } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../../../core';
import { useT } from '../../../i18n';
import classes from './Composer.module.css';

export interface ComposerProps {
  /** Called with the text as typed (not trimmed inside: line breaks and indentation are the agent's). */
  onSend(text: string): void;
  /** Shown under the box, e.g. "You are offline: replies are queued...". */
  hint?: string | null;
  defaultValue?: string;
  /** Keeps a draft per conversation in the container. */
  onDraftChange?(text: string): void;
  inputRef?: Ref<HTMLTextAreaElement>;
  /** Above the box: the reply window's time left, the quoted message. */
  top?: ReactNode;
  /** The channel accepts no reply now; `hint` says why. */
  disabled?: boolean;
  /** Each new value puts the keyboard in the box (the agent chose "Reply" on a message). */
  focusKey?: string | null;
}

/** Counter appears near the limit the gateway enforces, so a long paste is not refused by surprise. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 2000;

/** The reply box: Enter sends, Shift+Enter starts a new line; works the same offline (the reply is queued). */
export function Composer(props: ComposerProps) {
  const { onSend, hint, defaultValue = '', onDraftChange, inputRef, top, disabled = false, focusKey = null } = props;
  const t = useT();
  const [text, setText] = useState(defaultValue);
  const sendable = !disabled && text.trim().length > 0 && text.length <= MAX_MESSAGE_LENGTH;
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = useMergedRef(ownRef, inputRef);

  useEffect(() => {
    if (focusKey) ownRef.current?.focus();
  }, [focusKey]);

  const update = (next: string) => {
    setText(next);
    onDraftChange?.(next);
  };

  const send = () => {
    if (!sendable) return;
    onSend(text);
    update('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method composes (Japanese, Chinese...), Enter confirms the composition, not the message,
    // and Escape cancels it.
    if (event.nativeEvent.isComposing) return;
    // Escape hands the keyboard back to the inbox (J/K/E), the way R handed it to the reply box.
    if (event.key === 'Escape') {
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    send();
  };

  return (
    <Box
      component="form"
      px="md"
      pt="sm"
      pb="md"
      className={classes.form}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {top}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          ref={ref}
          disabled={disabled}
          aria-label={t('composer.label')}
          placeholder={disabled ? t('composer.disabled') : t('composer.placeholder')}
          autosize
          minRows={2}
          maxRows={10}
          value={text}
          onChange={(e) => update(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          style={{ flex: 1 }}
          styles={{ input: { overflowWrap: 'anywhere' } }}
          dir="auto"
          error={text.length > MAX_MESSAGE_LENGTH}
        />
        <Button type="submit" size="sm" h={36} rightSection={<IconSend size={16} />} disabled={!sendable}>
          {t('composer.send')}
        </Button>
      </Group>
      {(hint || text.length > COUNTER_FROM) && (
        <Group justify="space-between" mt={6} gap="xs">
          <Text size="xs" c="dimmed" role={disabled ? 'status' : undefined}>
            {hint}
          </Text>
          {text.length > COUNTER_FROM && (
            <Text size="xs" c={text.length > MAX_MESSAGE_LENGTH ? 'red' : 'dimmed'}>
              {text.length.toLocaleString()} / {MAX_MESSAGE_LENGTH.toLocaleString()}
            </Text>
          )}
        </Group>
      )}
    </Box>
  );
}

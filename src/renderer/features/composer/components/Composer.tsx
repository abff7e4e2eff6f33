import { Box, Button, Group, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState, type KeyboardEvent, type Ref } from 'react';
import { MAX_MESSAGE_LENGTH } from '../../../../core';
import { useT } from '../../../i18n';

export interface ComposerProps {
  /** Called with the text as typed (not trimmed inside: line breaks and indentation are the agent's). */
  onSend(text: string): void;
  /** Shown under the box, e.g. "You are offline: replies are queued...". */
  hint?: string | null;
  defaultValue?: string;
  /** Keeps a draft per conversation in the container. */
  onDraftChange?(text: string): void;
  inputRef?: Ref<HTMLTextAreaElement>;
}

/** Counter appears near the limit the gateway enforces, so a long paste is not refused by surprise. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 2000;

/** The reply box: Enter sends, Shift+Enter starts a new line; works the same offline (the reply is queued). */
export function Composer({ onSend, hint, defaultValue = '', onDraftChange, inputRef }: ComposerProps) {
  const t = useT();
  const [text, setText] = useState(defaultValue);
  const sendable = text.trim().length > 0 && text.length <= MAX_MESSAGE_LENGTH;

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
      style={{ borderTop: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          ref={inputRef}
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
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
          <Text size="xs" c="dimmed">
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

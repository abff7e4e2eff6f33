import { Badge, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { Locale, QuickReply, TemplateValues } from '../../../../core';
import { useT } from '../../../i18n';
import { renderReply } from '../quickReplies';
import classes from './Composer.module.css';

export interface QuickReplyPickerProps {
  /** The listbox's id, which the reply box names in `aria-controls`; option `i` is `${id}-${i}`. */
  id: string;
  query: string;
  options: readonly QuickReply[];
  active: number;
  locale: Locale;
  onLocaleChange(locale: Locale): void;
  valuesFor(locale: Locale): TemplateValues;
  onPick(reply: QuickReply): void;
  onActive(index: number): void;
}

const LOCALES: Locale[] = ['fr', 'en'];

export const optionId = (listId: string, index: number) => `${listId}-${index}`;

/**
 * The `/` picker above the reply box. The keyboard stays in the box (it moves the active option through
 * `aria-activedescendant`); a click picks without taking the focus away from it.
 */
export function QuickReplyPicker(props: QuickReplyPickerProps) {
  const { id, query, options, active, locale } = props;
  const t = useT();

  useEffect(() => {
    const el = document.getElementById(optionId(id, active));
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [id, active]);

  return (
    <Paper withBorder shadow="md" className={classes.picker} data-quick-reply-picker>
      <Group justify="space-between" gap="xs" px="xs" py={4} wrap="nowrap">
        <Text size="xs" c="dimmed" fw={600}>
          {t('replies.picker')}
        </Text>
        <Group gap={2} role="group" aria-label={t('replies.language')} wrap="nowrap">
          {LOCALES.map((l) => (
            <UnstyledButton
              key={l}
              className={classes.localeButton}
              aria-pressed={l === locale}
              data-active={l === locale || undefined}
              // The keyboard stays in the reply box.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onLocaleChange(l)}
            >
              {l.toUpperCase()}
            </UnstyledButton>
          ))}
        </Group>
      </Group>
      <div role="listbox" id={id} aria-label={t('replies.picker')} className={classes.pickerList}>
        {options.map((reply, i) => {
          const rendered = renderReply(reply, locale, props.valuesFor(locale));
          return (
            <div
              key={reply.id}
              id={optionId(id, i)}
              role="option"
              aria-selected={i === active}
              aria-label={reply.title}
              aria-describedby={`${optionId(id, i)}-preview`}
              data-shortcut={reply.shortcut}
              className={classes.pickerOption}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => props.onActive(i)}
              onClick={() => props.onPick(reply)}
            >
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {reply.title}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    /{reply.shortcut}
                  </Text>
                </Group>
                <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
                  {reply.attachments.length > 0 && (
                    <Badge
                      size="xs"
                      variant="light"
                      color="gray"
                      leftSection={<IconPaperclip size={10} aria-hidden />}
                      title={reply.attachments.map((a) => a.name).join(', ')}
                    >
                      {t('replies.attachmentCount', { count: reply.attachments.length })}
                    </Badge>
                  )}
                  <Badge size="xs" variant="light" color="gray">
                    {rendered.locale.toUpperCase()}
                  </Badge>
                </Group>
              </Group>
              <Text
                id={`${optionId(id, i)}-preview`}
                size="xs"
                c="dimmed"
                lineClamp={2}
                className={classes.pickerPreview}
              >
                {rendered.text}
              </Text>
            </div>
          );
        })}
      </div>
      {options.length === 0 && (
        <Text size="xs" c="dimmed" px="xs" py={6}>
          {query ? t('replies.noMatch', { query }) : t('replies.none')}
        </Text>
      )}
    </Paper>
  );
}

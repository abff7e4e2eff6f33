import { CloseButton, Group, Text } from '@mantine/core';
import { IconFileTypePdf, IconPaperclip, IconPhoto } from '@tabler/icons-react';
import type { TemplateAttachment } from '../../../../core';
import { useT } from '../../../i18n';
import classes from './Composer.module.css';

/** The files a reply will carry, under the box: each can be taken off before sending. */
export function AttachmentChips(props: { attachments: readonly TemplateAttachment[]; onRemove?(id: string): void }) {
  const t = useT();
  return (
    <Group gap={6} mt={6} role="list" aria-label={t('replies.attachments')} data-attachments>
      <IconPaperclip size={14} aria-hidden style={{ color: 'var(--mantine-color-dimmed)' }} />
      {props.attachments.map((a) => (
        <Group key={a.id} gap={4} wrap="nowrap" role="listitem" className={classes.attachment}>
          {a.kind === 'image' ? <IconPhoto size={14} aria-hidden /> : <IconFileTypePdf size={14} aria-hidden />}
          <Text size="xs" truncate maw={220}>
            {a.name}
          </Text>
          {props.onRemove && (
            <CloseButton
              size="xs"
              aria-label={t('replies.removeAttachment', { name: a.name })}
              onClick={() => props.onRemove?.(a.id)}
            />
          )}
        </Group>
      ))}
    </Group>
  );
}

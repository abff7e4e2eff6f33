import { Badge, CloseButton, Group, Tooltip, type MantineSize } from '@mantine/core';
import { IconFlag3Filled } from '@tabler/icons-react';
import type { Label, Priority } from '../../../../core';
import { useT } from '../../../i18n';

export interface LabelChipProps {
  label: Label;
  size?: MantineSize;
  /** The widest a chip grows before its name is cut with an ellipsis. */
  maxWidth?: number;
  /** Shows an × that removes the label; its accessible name says which. */
  onRemove?: () => void;
}

/** One label, small, in its own colour (a Mantine palette name, so it reads in light and dark schemes). */
export function LabelChip({ label, size = 'xs', maxWidth = 120, onRemove }: LabelChipProps) {
  const t = useT();
  return (
    <Badge
      size={size}
      variant="light"
      color={label.color}
      radius="sm"
      maw={maxWidth}
      title={label.name}
      data-label-id={label.id}
      data-color={label.color}
      style={{ flex: 'none', textTransform: 'none' }}
      rightSection={
        onRemove ? (
          <CloseButton
            size={14}
            iconSize={10}
            variant="transparent"
            c="inherit"
            aria-label={t('thread.labels.remove', { name: label.name })}
            onClick={(event) => {
              event.stopPropagation();
              onRemove();
            }}
          />
        ) : undefined
      }
    >
      <bdi>{label.name}</bdi>
    </Badge>
  );
}

export interface LabelChipsProps {
  labels: readonly Label[];
  /** At most this many chips; the rest become one "+N" whose tooltip names them. */
  max?: number;
}

/** A conversation's labels in a row: the first few, then "+N". */
export function LabelChips({ labels, max = 3 }: LabelChipsProps) {
  const t = useT();
  if (labels.length === 0) return null;
  const shown = labels.slice(0, max);
  const hidden = labels.slice(max);
  const names = hidden.map((l) => l.name).join(', ');
  return (
    <Group gap={4} wrap="nowrap" miw={0} style={{ overflow: 'hidden' }} data-testid="label-chips">
      {shown.map((label) => (
        <LabelChip key={label.id} label={label} maxWidth={84} />
      ))}
      {hidden.length > 0 && (
        <Tooltip label={names} openDelay={300}>
          <Badge
            size="xs"
            variant="default"
            radius="sm"
            style={{ flex: 'none' }}
            aria-label={t('inbox.labels.moreLabel', { count: hidden.length, names })}
          >
            {t('inbox.labels.more', { count: hidden.length })}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

const PRIORITY_COLORS: Partial<Record<Priority, string>> = { urgent: 'red', high: 'orange' };

/** A small flag on urgent (red) and high (orange) conversations; nothing for the others. */
export function PriorityMark({ priority, size = 13 }: { priority: Priority | undefined; size?: number }) {
  const t = useT();
  const color = priority ? PRIORITY_COLORS[priority] : undefined;
  if (!priority || !color) return null;
  const name = t('inbox.labels.priority', { priority: t(`thread.priority.${priority}`) });
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      data-priority={priority}
      style={{ display: 'inline-flex', flex: 'none' }}
    >
      <IconFlag3Filled size={size} aria-hidden style={{ color: `var(--mantine-color-${color}-6)` }} />
    </span>
  );
}

import { ActionIcon, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/** A settings row's icon button (edit, duplicate, merge, delete…): its label is both the tooltip and the name. */
export function RowAction(props: { label: string; icon: ReactNode; color?: string; onClick(): void }) {
  return (
    <Tooltip label={props.label}>
      <ActionIcon variant="subtle" color={props.color ?? 'gray'} aria-label={props.label} onClick={props.onClick}>
        {props.icon}
      </ActionIcon>
    </Tooltip>
  );
}

import { Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconChecks, IconClock, type Icon } from '@tabler/icons-react';
import type { MessageStatus } from '../../../../core';
import { useT } from '../../../i18n';

const GLYPHS: Record<MessageStatus, { icon: Icon; color: string }> = {
  pending: { icon: IconClock, color: 'var(--mantine-color-dimmed)' },
  sent: { icon: IconCheck, color: 'var(--mantine-color-dimmed)' },
  delivered: { icon: IconChecks, color: 'var(--mantine-color-dimmed)' },
  read: { icon: IconChecks, color: 'var(--mantine-color-blue-5)' },
  failed: { icon: IconAlertCircle, color: 'var(--mantine-color-red-6)' },
};

export interface DeliveryStatusProps {
  status: MessageStatus;
  error: string | null;
}

/** Where an outbound reply stands: clock, ✓, ✓✓, blue ✓✓, or a red mark whose tooltip says what went wrong. */
export function DeliveryStatus({ status, error }: DeliveryStatusProps) {
  const t = useT();
  const { icon: Glyph, color } = GLYPHS[status];
  const label =
    status === 'failed' && error ? `${t('message.status.failed')}: ${error}` : t(`message.status.${status}`);
  return (
    <Tooltip label={label} multiline maw={320}>
      <span role="img" aria-label={label} data-status={status} style={{ display: 'inline-flex', color }}>
        <Glyph size={14} stroke={2} aria-hidden />
      </span>
    </Tooltip>
  );
}

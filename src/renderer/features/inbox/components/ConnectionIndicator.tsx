import { Box, Group, Text } from '@mantine/core';
import { useT } from '../../../i18n';

export type ConnectionStatus = 'connecting' | 'syncing' | 'online' | 'offline' | 'unauthorized';

const DOT: Record<ConnectionStatus, string> = {
  connecting: 'var(--mantine-color-yellow-5)',
  syncing: 'var(--mantine-color-blue-5)',
  online: 'var(--mantine-color-green-6)',
  offline: 'var(--mantine-color-gray-5)',
  unauthorized: 'var(--mantine-color-red-6)',
};

export interface ConnectionIndicatorProps {
  status: ConnectionStatus;
  queued: number;
}

/** Where the desktop stands with the gateway, and how many replies wait to go out. */
export function ConnectionIndicator({ status, queued }: ConnectionIndicatorProps) {
  const t = useT();
  return (
    <Box role="status" aria-live="polite" data-status={status}>
      <Group gap={8} wrap="nowrap">
        <Box
          aria-hidden
          w={8}
          h={8}
          style={{ borderRadius: '50%', background: DOT[status], flex: 'none' }}
          className={status === 'syncing' || status === 'connecting' ? 'comptoir-pulse' : undefined}
        />
        <Text size="xs" c="dimmed" fw={500}>
          {t(`connection.${status}`)}
        </Text>
      </Group>
      {queued > 0 && (
        <Text size="xs" c="orange" ml={16} mt={2}>
          {t('connection.queued', { count: queued })}
        </Text>
      )}
    </Box>
  );
}

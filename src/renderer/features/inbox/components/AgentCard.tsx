import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useT } from '../../../i18n';
import { CustomerAvatar } from '../../common/components/CustomerAvatar';

export interface AgentCardProps {
  name: string | null;
  onOpenSettings(): void;
}

/** The signed-in agent at the foot of the navigation, next to the settings entry. */
export function AgentCard({ name, onOpenSettings }: AgentCardProps) {
  const t = useT();
  return (
    <Group gap={10} wrap="nowrap" justify="space-between">
      <Group gap={8} wrap="nowrap" miw={0}>
        <CustomerAvatar name={name ?? '?'} colorKey={name ?? ''} size={28} />
        <Text size="sm" fw={500} truncate c={name ? undefined : 'dimmed'}>
          {name ?? t('connection.agentUnknown')}
        </Text>
      </Group>
      <Tooltip label={t('nav.settings')}>
        <ActionIcon size="lg" aria-label={t('nav.settings')} onClick={onOpenSettings}>
          <IconSettings size={18} stroke={1.75} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

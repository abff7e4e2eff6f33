import { Group, Text, Title } from '@mantine/core';
import { useT } from '../../../i18n';

export interface ListHeaderProps {
  title: string;
  count: number | undefined;
}

export function ListHeader({ title, count }: ListHeaderProps) {
  const t = useT();
  return (
    <Group
      justify="space-between"
      align="center"
      px="md"
      h={56}
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
    >
      <Title order={1} size="h4" fw={650}>
        {title}
      </Title>
      {count !== undefined && (
        <Text size="xs" c="dimmed">
          {t('list.count', { count })}
        </Text>
      )}
    </Group>
  );
}

import { Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useT } from '../../../i18n';

export interface SearchButtonProps {
  modKey: string;
  onClick(): void;
}

/** Opens the command palette; shows its shortcut so agents learn it. */
export function SearchButton({ modKey, onClick }: SearchButtonProps) {
  const t = useT();
  return (
    <UnstyledButton
      onClick={onClick}
      aria-label={t('nav.search')}
      aria-keyshortcuts="Control+K Meta+K"
      px={10}
      h={32}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: '1px solid var(--mantine-color-default-border)',
        background: 'var(--mantine-color-body)',
      }}
    >
      <Group gap={8} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap">
          <IconSearch size={14} stroke={1.75} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed">
            {t('nav.searchShort')}
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          <Kbd size="xs">{modKey}</Kbd>
          <Kbd size="xs">K</Kbd>
        </Group>
      </Group>
    </UnstyledButton>
  );
}

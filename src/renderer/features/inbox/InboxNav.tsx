import { AppShell, Box, Group, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useConnection, useInboxCounts, useLabels } from '../../data/hooks';
import { liveLabels } from '../../data/queries';
import { useT } from '../../i18n';
import { AgentCard } from './components/AgentCard';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { SearchButton } from './components/SearchButton';
import { ViewNav } from './components/ViewNav';
import type { InboxView } from './model';

export interface InboxNavProps {
  view: InboxView;
  onViewChange(view: InboxView): void;
  onOpenPalette(): void;
  onOpenSettings(): void;
  modKey: string;
}

/** The left column: brand, search, the views with their counts, and who/where the agent is. */
export function InboxNav({ view, onViewChange, onOpenPalette, onOpenSettings, modKey }: InboxNavProps) {
  const t = useT();
  const counts = useInboxCounts();
  const allLabels = useLabels();
  const labels = useMemo(() => liveLabels(allLabels ?? []), [allLabels]);
  const connection = useConnection();
  return (
    <>
      <AppShell.Section p="md" pb="xs">
        <Stack gap="md">
          <Group gap={8} wrap="nowrap">
            <ThemeIcon size={28} radius="md" variant="filled" aria-hidden>
              <IconMessages size={17} stroke={1.8} />
            </ThemeIcon>
            <Text fw={700} size="lg" lh={1}>
              {t('app.name')}
            </Text>
          </Group>
          <SearchButton modKey={modKey} onClick={onOpenPalette} />
        </Stack>
      </AppShell.Section>
      <AppShell.Section grow component={ScrollArea} px="xs" py="xs">
        <ViewNav
          view={view}
          counts={counts?.views}
          labels={labels}
          labelCounts={counts?.labels}
          onChange={onViewChange}
        />
      </AppShell.Section>
      <AppShell.Section p="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Stack gap="sm">
          <Box>
            <ConnectionIndicator status={connection.status} queued={connection.queued} />
          </Box>
          <AgentCard name={connection.agent?.name ?? null} onOpenSettings={onOpenSettings} />
        </Stack>
      </AppShell.Section>
    </>
  );
}

import { ActionIcon, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconLayoutSidebarRightCollapse,
  IconLayoutSidebarRightExpand,
  IconUserMinus,
  IconUserPlus,
} from '@tabler/icons-react';
import type { Channel, ThreadStatus } from '../../../../core';
import { useT } from '../../../i18n';
import { ChannelIcon } from '../../common/components/ChannelIcon';

/** Who holds the conversation, from the signed-in agent's point of view. */
export type Assignment = 'me' | 'other' | 'nobody';

export interface ThreadHeaderProps {
  name: string;
  channel: Channel;
  status: ThreadStatus;
  assignment: Assignment;
  /** An action is on its way to the gateway: its button shows a spinner. */
  busy: 'resolve' | 'reopen' | 'assign' | null;
  contactPanelOpen: boolean;
  onResolve(): void;
  onReopen(): void;
  onAssignToMe(): void;
  onUnassign(): void;
  onToggleContactPanel(): void;
}

export function ThreadHeader(props: ThreadHeaderProps) {
  const t = useT();
  const { name, channel, status, assignment, busy, contactPanelOpen } = props;
  const resolved = status === 'resolved';
  const assignmentLabel =
    assignment === 'me'
      ? t('thread.assignedToYou')
      : assignment === 'other'
        ? t('thread.assignedToOther')
        : t('thread.unassigned');
  const toggleLabel = contactPanelOpen ? t('thread.hideContact') : t('thread.showContact');
  return (
    <Group
      component="header"
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      px="md"
      h={56}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', flex: 'none' }}
    >
      <Group gap={10} wrap="nowrap" miw={0}>
        <ChannelIcon channel={channel} size={18} />
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h5" lineClamp={1} dir="auto">
            {name}
          </Title>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" variant="light" color={resolved ? 'gray' : 'green'} radius="sm">
              {t(`thread.status.${status}`)}
            </Badge>
            <Text size="xs" c="dimmed" truncate>
              {t(`channel.${channel}`)} · {assignmentLabel}
            </Text>
          </Group>
        </div>
      </Group>
      <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
        {assignment === 'me' ? (
          <Button
            variant="default"
            leftSection={<IconUserMinus size={14} />}
            loading={busy === 'assign'}
            onClick={props.onUnassign}
          >
            {t('thread.unassign')}
          </Button>
        ) : (
          <Button
            variant="default"
            leftSection={<IconUserPlus size={14} />}
            loading={busy === 'assign'}
            onClick={props.onAssignToMe}
          >
            {t('thread.assignToMe')}
          </Button>
        )}
        {resolved ? (
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={14} />}
            loading={busy === 'reopen'}
            onClick={props.onReopen}
          >
            {t('thread.reopen')}
          </Button>
        ) : (
          <Button
            color="green"
            leftSection={<IconCheck size={14} />}
            loading={busy === 'resolve'}
            onClick={props.onResolve}
          >
            {t('thread.resolve')}
          </Button>
        )}
        <Tooltip label={toggleLabel}>
          <ActionIcon
            size="lg"
            aria-label={toggleLabel}
            aria-pressed={contactPanelOpen}
            onClick={props.onToggleContactPanel}
          >
            {contactPanelOpen ? (
              <IconLayoutSidebarRightCollapse size={18} />
            ) : (
              <IconLayoutSidebarRightExpand size={18} />
            )}
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}

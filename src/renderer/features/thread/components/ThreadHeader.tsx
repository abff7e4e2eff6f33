import { ActionIcon, Badge, Button, Group, Menu, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconBan,
  IconCheck,
  IconFlag3,
  IconFlag3Filled,
  IconLayoutSidebarRightCollapse,
  IconLayoutSidebarRightExpand,
  IconUserMinus,
  IconUserPlus,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Channel, Priority, ThreadStatus } from '../../../../core';
import { useT } from '../../../i18n';
import { ChannelIcon } from '../../common/components/ChannelIcon';
import type { ThreadCommandName } from '../useThreadCommands';
import classes from './ThreadHeader.module.css';
import { ThreadLabels, type ThreadLabelsProps } from './ThreadLabels';

const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
const PRIORITY_COLORS: Record<Priority, string | undefined> = {
  urgent: 'red',
  high: 'orange',
  normal: undefined,
  low: 'gray',
};

/** Who holds the conversation, from the signed-in agent's point of view. */
export type Assignment = 'me' | 'other' | 'nobody';

export interface ThreadHeaderProps {
  name: string;
  channel: Channel;
  status: ThreadStatus;
  assignment: Assignment;
  /** An action is on its way to the gateway: its button shows a spinner. */
  busy: ThreadCommandName | null;
  contactPanelOpen: boolean;
  onResolve(): void;
  onReopen(): void;
  onAssignToMe(): void;
  onUnassign(): void;
  onToggleContactPanel(): void;
  /** Absent means normal. */
  priority?: Priority;
  spam?: boolean;
  /** With it, the priority menu and the spam toggle show. */
  onSetPriority?(priority: Priority): void;
  onSetSpam?(spam: boolean): void;
  /** The labels row under the title; absent, it is not shown. */
  labels?: ThreadLabelsProps;
}

function PriorityMenu({ priority, onChange }: { priority: Priority; onChange(priority: Priority): void }) {
  const t = useT();
  const label = t('thread.priority.current', { priority: t(`thread.priority.${priority}`) });
  const raised = priority === 'urgent' || priority === 'high';
  const color = PRIORITY_COLORS[priority];
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Tooltip label={label} openDelay={400}>
          <ActionIcon size="lg" variant="default" aria-label={label} data-priority={priority}>
            {raised ? (
              <IconFlag3Filled size={16} style={{ color: `var(--mantine-color-${color}-6)` }} />
            ) : (
              <IconFlag3 size={16} />
            )}
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('thread.priority.label')}</Menu.Label>
        {PRIORITIES.map((p) => (
          <Menu.Item
            key={p}
            leftSection={
              <IconFlag3Filled
                size={14}
                style={{ color: PRIORITY_COLORS[p] ? `var(--mantine-color-${PRIORITY_COLORS[p]}-6)` : undefined }}
              />
            }
            rightSection={p === priority ? <IconCheck size={14} /> : null}
            data-checked={p === priority || undefined}
            onClick={() => onChange(p)}
          >
            {t(`thread.priority.${p}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

interface ActionProps {
  label: string;
  icon: ReactNode;
  loading: boolean;
  primary?: boolean;
  onClick(): void;
}

/** A header button whose words hide when the thread is narrow; its name and tooltip stay. */
function Action({ label, icon, loading, primary = false, onClick }: ActionProps) {
  return (
    <Tooltip label={label} openDelay={400}>
      <Button
        variant={primary ? 'filled' : 'default'}
        color={primary ? 'green' : undefined}
        leftSection={icon}
        loading={loading}
        aria-label={label}
        classNames={{ root: classes.action, section: classes.section }}
        onClick={onClick}
      >
        <span className={classes.label}>{label}</span>
      </Button>
    </Tooltip>
  );
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
  const details = `${t(`channel.${channel}`)} · ${assignmentLabel}`;
  const toggleLabel = contactPanelOpen ? t('thread.hideContact') : t('thread.showContact');
  const spam = props.spam === true;
  const spamLabel = spam ? t('thread.labels.notSpam') : t('thread.labels.markSpam');
  return (
    <header className={classes.wrap}>
      <Group justify="space-between" wrap="nowrap" gap="sm" px="md" className={classes.header}>
        <Group gap={10} wrap="nowrap" className={classes.identity}>
          <ChannelIcon channel={channel} size={18} />
          <div style={{ minWidth: 0 }}>
            <Title order={2} size="h5" lineClamp={1} dir="auto" title={name} className={classes.name}>
              {name}
            </Title>
            <Group gap={6} wrap="nowrap">
              <Badge
                size="xs"
                variant="light"
                color={resolved ? 'gray' : 'green'}
                radius="sm"
                className={classes.status}
              >
                {t(`thread.status.${status}`)}
              </Badge>
              <Text size="xs" c="dimmed" truncate title={details}>
                {details}
              </Text>
            </Group>
          </div>
        </Group>
        <Group gap={6} wrap="nowrap" className={classes.actions}>
          {props.onSetPriority && <PriorityMenu priority={props.priority ?? 'normal'} onChange={props.onSetPriority} />}
          {props.onSetSpam && (
            <Tooltip label={spamLabel} openDelay={400}>
              <ActionIcon
                size="lg"
                variant={spam ? 'light' : 'default'}
                color={spam ? 'red' : undefined}
                aria-label={spamLabel}
                loading={busy === 'spam'}
                onClick={() => props.onSetSpam?.(!spam)}
              >
                <IconBan size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          {assignment === 'me' ? (
            <Action
              label={t('thread.unassign')}
              icon={<IconUserMinus size={14} />}
              loading={busy === 'assign'}
              onClick={props.onUnassign}
            />
          ) : (
            <Action
              label={t('thread.assignToMe')}
              icon={<IconUserPlus size={14} />}
              loading={busy === 'assign'}
              onClick={props.onAssignToMe}
            />
          )}
          {resolved ? (
            <Action
              label={t('thread.reopen')}
              icon={<IconArrowBackUp size={14} />}
              loading={busy === 'reopen'}
              onClick={props.onReopen}
            />
          ) : (
            <Action
              primary
              label={t('thread.resolve')}
              icon={<IconCheck size={14} />}
              loading={busy === 'resolve'}
              onClick={props.onResolve}
            />
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
      {props.labels && <ThreadLabels {...props.labels} />}
    </header>
  );
}

import { Group, Text } from '@mantine/core';
import { IconClockHour4, IconUserCheck } from '@tabler/icons-react';
import type { ReplyWindow } from '../../../../core';
import { useT } from '../../../i18n';
import { formatTimeLeft } from '../replyWindow';
import classes from './Composer.module.css';

const HOUR = 3_600_000;

/** How long free-form replies stay possible; amber in the last hour, so the agent answers before it closes. */
export function WindowNotice({ rules, now }: { rules: ReplyWindow; now: number }) {
  const t = useT();
  if (rules.state === 'open') {
    const left = rules.closesAt - now;
    return (
      <Group gap={6} wrap="nowrap" className={classes.notice} data-urgent={left < HOUR || undefined} role="status">
        <IconClockHour4 size={14} aria-hidden style={{ flex: 'none' }} />
        <Text size="xs" inherit title={t('composer.window.help')}>
          {t('composer.window.closesIn', { time: formatTimeLeft(left, t) })}
        </Text>
      </Group>
    );
  }
  if (rules.state === 'human-agent') {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" className={classes.notice} data-note role="status">
        <IconUserCheck size={14} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Text size="xs" inherit>
          {t('composer.window.humanAgent', { time: formatTimeLeft(rules.closesAt - now, t) })}
        </Text>
      </Group>
    );
  }
  return null;
}

import { Loading, LoadFailed } from './LoadStatus';
import { Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconRefresh, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { settingEnvName, type ChannelStatus, type Result } from '../../../../core';
import { useI18n, type MessageKey } from '../../../i18n';
import { ChannelIcon } from '../../common/components/ChannelIcon';
import type { ChannelCredentialsApi } from '../channelCredentials';
import { CredentialsEditor } from './CredentialsEditor';
import { ShopSection } from './ShopSection';
import classes from './Settings.module.css';

export interface ChannelsSectionProps {
  load(): Promise<Result<ChannelStatus[]>>;
  /** The desktop app's credential store; null where there is none (the web mode, an older desktop build). */
  credentials: ChannelCredentialsApi | null;
  now: number;
}

type State = 'connected' | 'error' | 'waiting' | 'notConfigured';

const COLORS: Record<State, string> = { connected: 'green', error: 'red', waiting: 'yellow', notConfigured: 'gray' };
const LABELS: Record<State, MessageKey> = {
  connected: 'settings.channels.state.connected',
  error: 'settings.channels.state.error',
  waiting: 'settings.channels.state.waiting',
  notConfigured: 'settings.channels.state.notConfigured',
};

export function channelState(status: ChannelStatus): State {
  if (!status.configured) return 'notConfigured';
  if (status.connected) return 'connected';
  return status.lastError ? 'error' : 'waiting';
}

function ChannelRow({ status, now }: { status: ChannelStatus; now: number }) {
  const { t, time } = useI18n();
  const state = channelState(status);
  const name = t(`channel.${status.channel}`);
  return (
    <div className={classes.channel} data-channel={status.channel} aria-label={name} role="group">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={8} wrap="nowrap">
          <ChannelIcon channel={status.channel} size={16} />
          <Text fw={600} size="sm">
            {name}
          </Text>
        </Group>
        <Badge color={COLORS[state]} variant="light" size="sm" radius="sm" data-state={state}>
          {t(LABELS[state])}
        </Badge>
      </Group>
      <dl className={classes.facts}>
        <dt>{t('settings.channels.lastWebhook')}</dt>
        <dd>
          {status.lastWebhookAt === null ? (
            t('settings.channels.never')
          ) : (
            <time dateTime={new Date(status.lastWebhookAt).toISOString()} title={time.dateTime(status.lastWebhookAt)}>
              {time.relative(status.lastWebhookAt, now)}
            </time>
          )}
        </dd>
        {status.lastError && (
          <>
            <dt>{t('settings.channels.lastError')}</dt>
            <dd className={classes.error}>{status.lastError}</dd>
          </>
        )}
        {Object.keys(status.settings).length > 0 && (
          <>
            <dt>{t('settings.channels.settings')}</dt>
            <dd>
              <Group gap={4}>
                {Object.entries(status.settings).map(([setting, set]) => (
                  <Tooltip
                    key={setting}
                    label={t(set ? 'settings.channels.set' : 'settings.channels.unset', {
                      name: settingEnvName(status.channel, setting),
                    })}
                  >
                    <Badge
                      size="xs"
                      radius="sm"
                      variant={set ? 'light' : 'outline'}
                      color={set ? 'green' : 'gray'}
                      leftSection={set ? <IconCheck size={10} aria-hidden /> : <IconX size={10} aria-hidden />}
                      aria-label={t(set ? 'settings.channels.set' : 'settings.channels.unset', {
                        name: settingEnvName(status.channel, setting),
                      })}
                      className={classes.setting}
                    >
                      {settingEnvName(status.channel, setting)}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** Each channel's state as the gateway sees it, read again every time the settings open (and on Refresh). */
export function ChannelsSection({ load, credentials, now }: ChannelsSectionProps) {
  const { t } = useI18n();
  const [state, setState] = useState<
    { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; channels: ChannelStatus[] }
  >({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => {
    setState({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    let live = true;
    load()
      .then((result) => {
        if (!live) return;
        setState(result.ok ? { state: 'ready', channels: result.value } : { state: 'error', error: result.error });
      })
      .catch((error: unknown) => {
        if (live) setState({ state: 'error', error: String(error) });
      });
    return () => {
      live = false;
    };
  }, [load, attempt]);

  return (
    <Stack gap={6} component="section" aria-labelledby="settings-channels" aria-busy={state.state === 'loading'}>
      <Group justify="space-between">
        <Text size="sm" fw={600} id="settings-channels">
          {t('settings.channels')}
        </Text>
        <Anchor component="button" type="button" size="xs" onClick={refresh} className={classes.refresh}>
          <IconRefresh size={12} aria-hidden /> {t('settings.channels.refresh')}
        </Anchor>
      </Group>
      {state.state === 'loading' && <Loading text={t('settings.channels.loading')} />}
      {state.state === 'error' && <LoadFailed title={t('settings.channels.error')} error={state.error} />}
      {state.state === 'ready' &&
        state.channels.map((status) => <ChannelRow key={status.channel} status={status} now={now} />)}
      {credentials && <CredentialsEditor api={credentials} onSaved={refresh} />}
      <ShopSection />
    </Stack>
  );
}

import { Button, Divider, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { settingEnvName, type Channel } from '../../../../core';
import { useT } from '../../../i18n';
import type { ChannelCredentialSettings, ChannelCredentialsApi } from '../channelCredentials';

interface FormProps {
  entry: ChannelCredentialSettings;
  api: ChannelCredentialsApi;
  onDone(saved: boolean): void;
}

/**
 * One channel's secrets as password fields that start empty: a stored value is never read back into the page,
 * only whether it is set. Empty fields are left out of the save, so they keep what is stored.
 */
function CredentialsForm({ entry, api, onDone }: FormProps) {
  const t = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = t(`channel.${entry.channel}`);
  const changed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(changed).length === 0) return;
    setBusy(true);
    setError(null);
    const result = await api
      .save(entry.channel, changed)
      .catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    setBusy(false);
    if (result.ok) {
      setValues({});
      onDone(true);
    } else {
      setError(result.error);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('settings.channels.editFor', { channel: name })}>
      <Stack gap={6}>
        {Object.entries(entry.settings).map(([setting, set]) => (
          <PasswordInput
            key={setting}
            label={settingEnvName(entry.channel, setting)}
            size="xs"
            autoComplete="off"
            placeholder={set ? t('settings.channels.keep') : t('settings.channels.notSet')}
            value={values[setting] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((current) => ({ ...current, [setting]: value }));
            }}
          />
        ))}
        {error && (
          <Text size="xs" c="red" role="alert" style={{ overflowWrap: 'anywhere' }}>
            {t('settings.channels.saveFailed', { error })}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => onDone(false)}>
            {t('settings.channels.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={Object.keys(changed).length === 0}>
            {t('settings.channels.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The desktop-only part of the Channels section: enter or replace each channel's secrets on this computer. */
export function CredentialsEditor({ api, onSaved }: { api: ChannelCredentialsApi; onSaved(): void }) {
  const t = useT();
  const [entries, setEntries] = useState<ChannelCredentialSettings[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [reload, setReload] = useState(0);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .get()
      .then((result) => {
        if (!live) return;
        if (result.ok) setEntries(result.value);
        else setLoadError(result.error);
      })
      .catch((error: unknown) => {
        if (live) setLoadError(String(error));
      });
    return () => {
      live = false;
    };
  }, [api, reload]);

  return (
    <Stack gap="xs" data-testid="channel-credentials">
      <Divider
        mt="xs"
        labelPosition="left"
        label={
          <Group gap={4} component="span">
            <IconKey size={12} aria-hidden />
            {t('settings.channels.credentials')}
          </Group>
        }
      />
      <Text size="xs" c="dimmed">
        {t('settings.channels.credentialsHelp')}
      </Text>
      {loadError && (
        <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
          {loadError}
        </Text>
      )}
      {saved && (
        <Text size="xs" c="green" role="status">
          {t('settings.channels.saved')}
        </Text>
      )}
      {entries?.map((entry) =>
        editing === entry.channel ? (
          <CredentialsForm
            key={entry.channel}
            entry={entry}
            api={api}
            onDone={(didSave) => {
              setEditing(null);
              setSaved(didSave);
              if (didSave) {
                setReload((n) => n + 1);
                onSaved();
              }
            }}
          />
        ) : (
          <Group key={entry.channel} justify="space-between" gap="xs">
            <Text size="sm">{t(`channel.${entry.channel}`)}</Text>
            <Button
              variant="default"
              aria-label={t('settings.channels.editFor', { channel: t(`channel.${entry.channel}`) })}
              onClick={() => {
                setSaved(false);
                setEditing(entry.channel);
              }}
            >
              {t('settings.channels.edit')}
            </Button>
          </Group>
        ),
      )}
    </Stack>
  );
}

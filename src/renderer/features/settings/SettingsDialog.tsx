import { useMantineColorScheme } from '@mantine/core';
import type { ChannelStatus, Result } from '../../../core';
import { useI18n } from '../../i18n';
import type { ChannelCredentialsApi } from './channelCredentials';
import { ChannelsSection } from './components/ChannelsSection';
import { SettingsModal } from './components/SettingsModal';

export interface SettingsDialogProps {
  opened: boolean;
  onClose(): void;
  onSignOut: (() => void) | null;
  modKey: string;
  /** Where the gateway is reachable: its channels' state, and the desktop's credential store if there is one. */
  channels?: {
    load(): Promise<Result<ChannelStatus[]>>;
    credentials: ChannelCredentialsApi | null;
    now: number;
  } | null;
}

/** Language and theme, both applied at once and remembered in localStorage; the channels' state. */
export function SettingsDialog({ opened, onClose, onSignOut, modKey, channels }: SettingsDialogProps) {
  const { preference, setPreference } = useI18n();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SettingsModal
      opened={opened}
      onClose={onClose}
      language={preference}
      onLanguageChange={setPreference}
      colorScheme={colorScheme}
      onColorSchemeChange={setColorScheme}
      onSignOut={onSignOut}
      modKey={modKey}
      // Mounted only while the dialog is open, so every opening reads the channels' state afresh.
      channels={channels && opened ? <ChannelsSection {...channels} /> : null}
    />
  );
}

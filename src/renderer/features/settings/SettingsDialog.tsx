import { useMantineColorScheme } from '@mantine/core';
import type { ChannelStatus, Result } from '../../../core';
import { useOptionalServices } from '../../data/context';
import { useI18n } from '../../i18n';
import type { ChannelCredentialsApi } from './channelCredentials';
import { ChannelsSection } from './components/ChannelsSection';
import { LabelsSection } from './components/LabelsSection';
import { QuickRepliesSection } from './components/QuickRepliesSection';
import { RulesSection } from './components/RulesSection';
import { SettingsModal } from './components/SettingsModal';
import { SortingSection } from './components/SortingSection';

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
  /** The conversation open behind the dialog: quick-reply previews fill in its values. */
  previewThreadId?: string | null;
}

/**
 * Language and theme, both applied at once and remembered in localStorage; the channels' state; and, where the
 * app is connected to a gateway (its services are provided), the labels, the classifier, the rules and the quick
 * replies.
 */
export function SettingsDialog({ opened, onClose, onSignOut, modKey, channels, previewThreadId }: SettingsDialogProps) {
  const { preference, setPreference } = useI18n();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const sortable = useOptionalServices() !== null && opened;
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
      labels={sortable ? <LabelsSection /> : null}
      sorting={sortable ? <SortingSection /> : null}
      rules={sortable ? <RulesSection /> : null}
      replies={sortable ? <QuickRepliesSection previewThreadId={previewThreadId ?? null} /> : null}
    />
  );
}

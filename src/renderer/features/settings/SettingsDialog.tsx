import { useMantineColorScheme } from '@mantine/core';
import { useI18n } from '../../i18n';
import { SettingsModal } from './components/SettingsModal';

export interface SettingsDialogProps {
  opened: boolean;
  onClose(): void;
  onSignOut: (() => void) | null;
  modKey: string;
}

/** Language and theme, both applied at once and remembered in localStorage. */
export function SettingsDialog({ opened, onClose, onSignOut, modKey }: SettingsDialogProps) {
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
    />
  );
}

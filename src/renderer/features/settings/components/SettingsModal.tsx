import { Button, Group, Kbd, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useT, type LanguagePreference } from '../../../i18n';

export type ColorSchemePreference = 'auto' | 'light' | 'dark';

export interface SettingsModalProps {
  opened: boolean;
  onClose(): void;
  language: LanguagePreference;
  onLanguageChange(language: LanguagePreference): void;
  colorScheme: ColorSchemePreference;
  onColorSchemeChange(scheme: ColorSchemePreference): void;
  /** Only where a token was pasted (web mode); the desktop app's session belongs to its main process. */
  onSignOut?: (() => void) | null;
  /** "⌘" on a Mac, "Ctrl" elsewhere. */
  modKey: string;
  /** The Channels section, where the gateway can tell each channel's state. */
  channels?: ReactNode;
}

function Setting({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function SettingsModal(props: SettingsModalProps) {
  const t = useT();
  const shortcuts: Array<[ReactNode, string]> = [
    [<Kbd key="j">J</Kbd>, t('settings.shortcut.next')],
    [<Kbd key="k">K</Kbd>, t('settings.shortcut.previous')],
    [<Kbd key="e">E</Kbd>, t('settings.shortcut.resolve')],
    [<Kbd key="r">R</Kbd>, t('settings.shortcut.reply')],
    [
      <span key="mod-k">
        <Kbd>{props.modKey}</Kbd> + <Kbd>K</Kbd>
      </span>,
      t('settings.shortcut.palette'),
    ],
  ];
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('settings.title')} centered size="lg">
      <Stack gap="lg">
        <Setting label={t('settings.language')}>
          <SegmentedControl
            aria-label={t('settings.language')}
            fullWidth
            value={props.language}
            onChange={(v) => props.onLanguageChange(v as LanguagePreference)}
            data={[
              { value: 'auto', label: t('settings.language.auto') },
              // Language names are written in their own language, so anyone can find theirs.
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Setting>
        <Setting label={t('settings.theme')}>
          <SegmentedControl
            aria-label={t('settings.theme')}
            fullWidth
            value={props.colorScheme}
            onChange={(v) => props.onColorSchemeChange(v as ColorSchemePreference)}
            data={[
              { value: 'auto', label: t('settings.theme.auto') },
              { value: 'light', label: t('settings.theme.light') },
              { value: 'dark', label: t('settings.theme.dark') },
            ]}
          />
        </Setting>
        {props.channels}
        <Setting label={t('settings.shortcuts')}>
          <Table withRowBorders={false} verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {shortcuts.map(([keys, label]) => (
                <Table.Tr key={label}>
                  <Table.Td w={110}>{keys}</Table.Td>
                  <Table.Td>{label}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Setting>
        {props.onSignOut && (
          <Group justify="flex-end">
            <Button variant="subtle" color="red" leftSection={<IconLogout size={14} />} onClick={props.onSignOut}>
              {t('settings.signOut')}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}

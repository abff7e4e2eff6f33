import { Button, Group, Kbd, Modal, SegmentedControl, Stack, Table, Tabs, Text } from '@mantine/core';
import {
  IconAdjustments,
  IconBolt,
  IconBrandWhatsapp,
  IconLogout,
  IconRoute,
  IconSparkles,
  IconTags,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useT, type LanguagePreference } from '../../../i18n';
import { ClickToChatSection } from './ClickToChatSection';

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
  /** Sorting's sections (labels, the classifier, rules), each on a tab of its own; where there is a gateway. */
  labels?: ReactNode;
  sorting?: ReactNode;
  rules?: ReactNode;
  /** The workspace's quick replies; where there is a gateway. */
  replies?: ReactNode;
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
  const general = (
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
  );
  const tabbed = Boolean(props.labels || props.sorting || props.rules || props.replies);
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('settings.title')}
      centered
      size={tabbed ? 'xl' : 'lg'}
    >
      {tabbed ? (
        // Only the open tab is mounted: each section reads the gateway afresh when it is shown.
        <Tabs defaultValue="general" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="general" leftSection={<IconAdjustments size={14} />}>
              {t('settings.general')}
            </Tabs.Tab>
            {props.labels && (
              <Tabs.Tab value="labels" leftSection={<IconTags size={14} />}>
                {t('labels.title')}
              </Tabs.Tab>
            )}
            {props.sorting && (
              <Tabs.Tab value="sorting" leftSection={<IconSparkles size={14} />}>
                {t('sorting.title')}
              </Tabs.Tab>
            )}
            {props.rules && (
              <Tabs.Tab value="rules" leftSection={<IconRoute size={14} />}>
                {t('rules.title')}
              </Tabs.Tab>
            )}
            {props.replies && (
              <Tabs.Tab value="replies" leftSection={<IconBolt size={14} />}>
                {t('replies.title')}
              </Tabs.Tab>
            )}
            <Tabs.Tab value="click-to-chat" leftSection={<IconBrandWhatsapp size={14} />}>
              {t('clickToChat.title')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="general">{general}</Tabs.Panel>
          {props.labels && <Tabs.Panel value="labels">{props.labels}</Tabs.Panel>}
          {props.sorting && <Tabs.Panel value="sorting">{props.sorting}</Tabs.Panel>}
          {props.rules && <Tabs.Panel value="rules">{props.rules}</Tabs.Panel>}
          {props.replies && <Tabs.Panel value="replies">{props.replies}</Tabs.Panel>}
          <Tabs.Panel value="click-to-chat">
            <ClickToChatSection />
          </Tabs.Panel>
        </Tabs>
      ) : (
        general
      )}
    </Modal>
  );
}

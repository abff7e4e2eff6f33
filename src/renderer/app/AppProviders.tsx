import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { I18nProvider, type LanguagePreference } from '../i18n';
import { colorSchemeManager, theme } from '../theme/theme';

export interface AppProvidersProps {
  children: ReactNode;
  /** `test` turns off Mantine's transitions and portals. */
  env?: 'default' | 'test';
  /** Overrides the stored language choice (tests). */
  language?: LanguagePreference;
  /** The OS language `auto` follows (tests); navigator.language otherwise. */
  systemLocale?: string;
}

/** Theme (light/dark following the OS unless chosen), UI language, and toasts: what every screen stands on. */
export function AppProviders({ children, env = 'default', language, systemLocale }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager} env={env}>
      <I18nProvider initialPreference={language} systemLocale={systemLocale}>
        <Notifications position="bottom-right" limit={3} />
        {children}
      </I18nProvider>
    </MantineProvider>
  );
}

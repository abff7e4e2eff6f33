import { render as testingRender, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { AppProviders } from '../../../src/renderer/app/AppProviders';
import type { LanguagePreference } from '../../../src/renderer/i18n';

export interface ProvidersOptions extends Omit<RenderOptions, 'wrapper'> {
  /** UI language; English unless a test says otherwise. */
  language?: LanguagePreference;
  /** What `auto` follows. */
  systemLocale?: string;
}

/**
 * Renders inside the app's own providers (Mantine theme in test mode: no transitions, no portals; our i18n),
 * and hands back a userEvent session bound to the same document.
 */
export function render(
  ui: ReactElement,
  { language = 'en', systemLocale = 'en-US', ...options }: ProvidersOptions = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProviders env="test" language={language} systemLocale={systemLocale}>
      {children}
    </AppProviders>
  );
  return { user: userEvent.setup(), ...testingRender(ui, { wrapper, ...options }) };
}

export { screen, within, waitFor, act, fireEvent } from '@testing-library/react';

import { createTheme, localStorageColorSchemeManager, type MantineColor } from '@mantine/core';
import type { Channel } from '../../core';

/**
 * A calm, dense inbox: system fonts (no web font to download, and it matches the OS), small controls, soft
 * radii, one restrained primary colour so the customer's channel colours stay the only accents.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '600' },
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  components: {
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
    Button: { defaultProps: { size: 'xs' } },
    ActionIcon: { defaultProps: { variant: 'subtle', color: 'gray' } },
  },
});

/** Subtle, recognisable channel colours (Mantine palette names, so both color schemes get a fitting shade). */
export const CHANNEL_COLORS: Record<Channel, MantineColor> = {
  whatsapp: 'green',
  messenger: 'blue',
  instagram: 'pink',
};

export const COLOR_SCHEME_STORAGE_KEY = 'comptoir.color-scheme';

/** Light, dark or auto (follows the OS), remembered between launches. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });

import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useCallback } from 'react';

/** Flips what is on screen now (so "auto" showing dark becomes light), then remembers that explicit choice. */
export function useColorSchemeToggle(): () => void {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  return useCallback(() => setColorScheme(computed === 'dark' ? 'light' : 'dark'), [computed, setColorScheme]);
}

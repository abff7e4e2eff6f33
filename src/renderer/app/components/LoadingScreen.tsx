import { Center, Loader, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n';

export function LoadingScreen() {
  const t = useT();
  return (
    <Center h="100dvh" aria-busy="true">
      <Stack align="center" gap="sm">
        <Loader type="dots" />
        <Text size="sm" c="dimmed">
          {t('app.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

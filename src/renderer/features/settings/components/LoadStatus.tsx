import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';

/** "Loading…" while a settings section waits for the gateway. */
export function Loading({ text }: { text: string }) {
  return (
    <Group gap="xs">
      <Loader size="xs" type="dots" />
      <Text size="sm" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}

/** A section that could not load: the gateway's reason, and a retry when the section offers one. */
export function LoadFailed(props: { title: string; error: string; retry?: { label: string; onRetry: () => void } }) {
  return (
    <Alert color="red" variant="light" p="xs" title={props.title}>
      <Stack gap={6} align="flex-start">
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {props.error}
        </Text>
        {props.retry && (
          <Button size="xs" variant="default" onClick={props.retry.onRetry}>
            {props.retry.label}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

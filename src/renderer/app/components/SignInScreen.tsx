import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../../i18n';

/** The gateway's session schema asks for at least this much (core `SessionSchema`). */
const MIN_TOKEN_LENGTH = 16;

export interface SignInScreenProps {
  /** Why the last attempt failed (the gateway refused the token), if it did. */
  error: string | null;
  /** Web mode: the pasted token. `null` in the desktop app, whose session comes from its main process. */
  onSubmit: ((token: string) => void) | null;
  onRetry(): void;
}

/** Web mode without a token: paste the one the gateway printed. The desktop app only offers to try again. */
export function SignInScreen({ error, onSubmit, onRetry }: SignInScreenProps) {
  const t = useT();
  const [token, setToken] = useState('');
  const [tooShort, setTooShort] = useState(false);
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder shadow="sm" radius="lg" p="xl" w="100%" maw={420}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!onSubmit) return onRetry();
            const value = token.trim();
            if (value.length < MIN_TOKEN_LENGTH) return setTooShort(true);
            onSubmit(value);
          }}
        >
          <Stack gap="md">
            <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
              <IconKey size={22} />
            </ThemeIcon>
            <div>
              <Title order={1} size="h3">
                {t('signin.title')}
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {onSubmit ? t('signin.description') : t('signin.desktopError')}
              </Text>
            </div>
            {error && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} role="alert">
                {error === 'unauthorized' ? t('signin.refused') : error}
              </Alert>
            )}
            {onSubmit && (
              <PasswordInput
                label={t('signin.token')}
                value={token}
                onChange={(e) => {
                  setToken(e.currentTarget.value);
                  setTooShort(false);
                }}
                error={tooShort ? t('signin.tokenTooShort') : undefined}
                autoComplete="off"
                spellCheck={false}
                autoFocus
              />
            )}
            <Button type="submit" size="sm" fullWidth>
              {onSubmit ? t('signin.submit') : t('signin.retry')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

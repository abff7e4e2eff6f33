import { Alert, Badge, Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { Result, ShopKind, ShopSettingsPresence } from '../../../../core';
import { desktopApi } from '../../../platform/platform';
import { useT } from '../../../i18n';

/** The desktop's store for the shop's settings (encrypted in main), or null in the web mode. */
export interface ShopSettingsApi {
  get(): Promise<Result<ShopSettingsPresence>>;
  save(kind: ShopKind, values: Record<string, string>): Promise<Result<null>>;
}

export function shopSettingsApi(): ShopSettingsApi | null {
  const shop = desktopApi()?.shop;
  return shop && typeof shop.get === 'function' && typeof shop.save === 'function' ? shop : null;
}

type FieldName = 'storeDomain' | 'accessToken' | 'siteUrl' | 'consumerKey' | 'consumerSecret';

const FIELDS: Record<ShopKind, readonly { name: FieldName; secret: boolean }[]> = {
  demo: [],
  shopify: [
    { name: 'storeDomain', secret: false },
    { name: 'accessToken', secret: true },
  ],
  woocommerce: [
    { name: 'siteUrl', secret: false },
    { name: 'consumerKey', secret: true },
    { name: 'consumerSecret', secret: true },
  ],
};

/**
 * Where orders come from: the demo shop, Shopify or WooCommerce, with the shop's credentials. Like the channels'
 * secrets, values go into main (encrypted) and never come back: the fields start empty and say what is set.
 * The web mode has no such store: there the gateway reads COMPTOIR_ORDERS and the shop's variables.
 */
export function ShopSection({ api = shopSettingsApi() }: { api?: ShopSettingsApi | null }) {
  const t = useT();
  const [presence, setPresence] = useState<ShopSettingsPresence | null>(null);
  const [kind, setKind] = useState<ShopKind>('demo');
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = async () => {
    if (!api) return;
    const result = await api.get();
    if (result.ok) {
      setPresence(result.value);
      setKind(result.value.kind);
    } else setMessage({ ok: false, text: result.error });
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per api
  }, [api]);

  if (!api) {
    return (
      <Text size="xs" c="dimmed">
        {t('shop.webMode')}
      </Text>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const changed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    const result = await api.save(kind, changed).catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    setBusy(false);
    if (result.ok) {
      setValues({});
      setMessage({ ok: true, text: t('shop.saved') });
      await load();
    } else setMessage({ ok: false, text: result.error });
  };

  const isSet = (name: string) => presence?.kind === kind && presence.settings[name] === true;
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-label={t('shop.title')}>
      <Text size="sm" fw={600}>
        {t('shop.title')}
      </Text>
      {presence?.fromEnvironment && (
        <Alert color="blue" variant="light" p="xs">
          <Text size="xs">{t('shop.fromEnvironment')}</Text>
        </Alert>
      )}
      <SegmentedControl
        size="xs"
        value={kind}
        onChange={(v) => {
          setKind(v as ShopKind);
          setValues({});
        }}
        data={(['demo', 'shopify', 'woocommerce'] as const).map((k) => ({ value: k, label: t(`orders.source.${k}`) }))}
      />
      {FIELDS[kind].map((field) => {
        const Input = field.secret ? PasswordInput : TextInput;
        return (
          <Input
            key={field.name}
            size="xs"
            label={
              <Group gap={6} component="span">
                {t(`shop.field.${field.name}`)}
                <Badge size="xs" variant="light" color={isSet(field.name) ? 'green' : 'gray'}>
                  {isSet(field.name) ? t('shop.set') : t('shop.notSet')}
                </Badge>
              </Group>
            }
            value={values[field.name] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, [field.name]: value }));
            }}
            autoComplete="off"
          />
        );
      })}
      {message && (
        <Text size="xs" c={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Text>
      )}
      <Group justify="flex-end">
        <Button type="submit" size="xs" loading={busy}>
          {t('shop.save')}
        </Button>
      </Group>
    </Stack>
  );
}

import { ActionIcon, Button, Group, Image, Popover, ScrollArea, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconBuildingStore, IconPhoto, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatTotal, type CatalogProduct, type Locale } from '../../../../core';
import type { CatalogClient } from '../../../data/catalog';
import { useT } from '../../../i18n';

/** A product's picture as a blob: URL while it is shown (the bytes come through the gateway with the token). */
function Thumbnail({ client, pictureId }: { client: CatalogClient; pictureId: string | null }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pictureId) return;
    let live = true;
    let made: string | null = null;
    void client.picture(pictureId).then((blob) => {
      if (!live || !blob) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [client, pictureId]);
  return url ? (
    <Image src={url} w={44} h={44} radius="sm" alt="" />
  ) : (
    <IconPhoto size={44} stroke={1} aria-hidden style={{ color: 'var(--mantine-color-dimmed)' }} />
  );
}

/**
 * The catalogue from the composer: search the shop's products and send one (its picture, name and price, in the
 * customer's language) into the conversation.
 */
export function CatalogPicker(props: {
  client: CatalogClient;
  locale: Locale;
  disabled?: boolean;
  onSend(product: CatalogProduct): void;
}) {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ products: CatalogProduct[]; error: string | null } | null>(null);
  const { client } = props;

  useEffect(() => {
    if (!opened) return;
    let live = true;
    // Each keystroke asks again; a slower earlier answer never replaces a newer one.
    void client.search(query).then((result) => {
      if (!live) return;
      setFound(result.ok ? { products: result.value, error: null } : { products: [], error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client, query, opened]);

  return (
    <Popover opened={opened} onChange={setOpened} position="top-end" width={360} shadow="md" trapFocus>
      <Popover.Target>
        <Tooltip label={t('catalog.open')} disabled={opened}>
          <ActionIcon
            variant="default"
            size={36}
            aria-label={t('catalog.open')}
            disabled={props.disabled}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBuildingStore size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Stack gap="xs" role="dialog" aria-label={t('catalog.title')}>
          <TextInput
            size="xs"
            data-autofocus
            aria-label={t('catalog.search')}
            placeholder={t('catalog.search')}
            leftSection={<IconSearch size={14} />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
          {found?.error && (
            <Text size="xs" c="red" role="alert">
              {found.error}
            </Text>
          )}
          {found && !found.error && found.products.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('catalog.none')}
            </Text>
          )}
          <ScrollArea.Autosize mah={320}>
            <Stack gap={6} role="list">
              {found?.products.map((product) => (
                <Group key={product.sku} gap="sm" wrap="nowrap" role="listitem" aria-label={product.name}>
                  <Thumbnail client={client} pictureId={product.pictureId} />
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={600} lineClamp={2}>
                      {product.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatTotal(product.price, product.currency, props.locale)} · {product.sku}
                    </Text>
                  </div>
                  <Button
                    size="compact-xs"
                    variant="light"
                    aria-label={t('catalog.send', { name: product.name })}
                    onClick={() => {
                      props.onSend(product);
                      setOpened(false);
                    }}
                  >
                    {t('catalog.sendShort')}
                  </Button>
                </Group>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** What the customer reads with the picture: the name and the price in their language, and the description. */
export function productText(product: CatalogProduct, locale: Locale): string {
  const price = formatTotal(product.price, product.currency, locale) ?? `${product.price} ${product.currency}`;
  return [`${product.name} — ${price}`, product.description?.trim()].filter(Boolean).join('\n');
}

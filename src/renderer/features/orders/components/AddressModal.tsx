import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { AddressSchema, describeIssues, type Address } from '../../../../core';
import { useT } from '../../../i18n';

const EMPTY: Address = {
  name: '',
  line1: '',
  line2: null,
  city: '',
  postalCode: '',
  region: null,
  country: 'FR',
  phone: null,
};

/** The new shipping address, checked before it leaves; the shop's refusal is shown as it is. */
export function AddressModal(props: {
  number: string;
  initial: Address | null;
  opened: boolean;
  onClose(): void;
  onSave(address: Address): Promise<string | null>;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Address>(props.initial ?? EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof Address) => ({
    value: draft[key] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setDraft((d) => ({
        ...d,
        [key]: value === '' && (key === 'line2' || key === 'region' || key === 'phone') ? null : value,
      }));
    },
  });
  const save = async () => {
    const parsed = AddressSchema.safeParse({ ...draft, country: draft.country.toUpperCase() });
    if (!parsed.success) {
      setError(describeIssues(parsed.error.issues));
      return;
    }
    setBusy(true);
    const refused = await props.onSave(parsed.data);
    setBusy(false);
    if (refused) setError(refused);
    else props.onClose();
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('orders.address.title', { number: props.number })}>
      <Stack gap="sm">
        <TextInput label={t('orders.address.name')} required {...field('name')} />
        <TextInput label={t('orders.address.line1')} required {...field('line1')} />
        <TextInput label={t('orders.address.line2')} {...field('line2')} />
        <SimpleGrid cols={2}>
          <TextInput label={t('orders.address.postalCode')} {...field('postalCode')} />
          <TextInput label={t('orders.address.city')} required {...field('city')} />
          <TextInput label={t('orders.address.country')} required maxLength={2} {...field('country')} />
          <TextInput label={t('orders.address.phone')} {...field('phone')} />
        </SimpleGrid>
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('orders.address.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            {t('orders.address.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Loading } from './LoadStatus';
import { Badge, Button, CheckIcon, ColorSwatch, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowMerge, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { LABEL_COLORS, type Label, type LabelColor, type Result } from '../../../../core';
import {
  useLiveLabels,
  useLabelUsage,
  useSortingActions,
  type LabelFields,
  type SortingActions,
} from '../../../data/sorting';
import { useT } from '../../../i18n';
import { RowAction } from './RowAction';
import classes from './Settings.module.css';

/** A gateway refusal or a failed call, as text. */
async function attempt<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function ColorPicker({ value, onChange }: { value: LabelColor; onChange(color: LabelColor): void }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="label-color">
        {t('labels.color')}
      </Text>
      <Group gap={6} role="radiogroup" aria-labelledby="label-color">
        {LABEL_COLORS.map((color) => (
          <ColorSwatch
            key={color}
            component="button"
            type="button"
            role="radio"
            aria-checked={color === value}
            aria-label={t(`labels.color.${color}`)}
            title={t(`labels.color.${color}`)}
            color={`var(--mantine-color-${color}-filled)`}
            size={22}
            style={{ cursor: 'pointer', color: 'var(--mantine-color-white)' }}
            onClick={() => onChange(color)}
          >
            {color === value && <CheckIcon size={10} />}
          </ColorSwatch>
        ))}
      </Group>
    </Stack>
  );
}

interface LabelFormProps {
  initial: LabelFields;
  /** The form's accessible name. */
  title: string;
  submitLabel: string;
  onSubmit(fields: LabelFields): Promise<Result<unknown>>;
  onCancel(): void;
}

/** Name, colour and description: creates a label, or edits one. */
function LabelForm({ initial, title, submitLabel, onSubmit, onCancel }: LabelFormProps) {
  const t = useT();
  const [fields, setFields] = useState<LabelFields>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fields.name.trim() === '') return;
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      onSubmit({ ...fields, name: fields.name.trim(), description: fields.description.trim() }),
    );
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={title} className={classes.channel}>
      <Stack gap="xs">
        <TextInput
          label={t('labels.name')}
          size="xs"
          maxLength={40}
          required
          value={fields.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setFields((f) => ({ ...f, name }));
          }}
        />
        <ColorPicker value={fields.color} onChange={(color) => setFields((f) => ({ ...f, color }))} />
        <TextInput
          label={t('labels.description')}
          placeholder={t('labels.descriptionPlaceholder')}
          size="xs"
          maxLength={200}
          value={fields.description}
          onChange={(e) => {
            const description = e.currentTarget.value;
            setFields((f) => ({ ...f, description }));
          }}
        />
        {error && (
          <Text size="xs" role="alert" className={classes.error}>
            {t('labels.failed', { error })}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('labels.cancel')}
          </Button>
          <Button type="submit" size="xs" loading={busy} disabled={fields.name.trim() === ''}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ConfirmProps {
  message: string;
  confirmLabel: string;
  color?: string;
  disabled?: boolean;
  onConfirm(): Promise<Result<unknown>>;
  onCancel(): void;
  children?: ReactNode;
}

/** An inline confirmation under a row: what will happen, then Cancel / the action, and the gateway's refusal. */
function Confirm({ message, confirmLabel, color, disabled, onConfirm, onCancel, children }: ConfirmProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await attempt(onConfirm);
    setBusy(false);
    if (!result.ok) setError(result.error);
  };
  return (
    <Stack gap={6} mt={6}>
      {children}
      {message && (
        <Text size="xs" data-testid="label-confirm-message">
          {message}
        </Text>
      )}
      {error && (
        <Text size="xs" role="alert" className={classes.error}>
          {t('labels.failed', { error })}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onCancel}>
          {t('labels.cancel')}
        </Button>
        <Button size="xs" color={color} loading={busy} disabled={disabled} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}

type RowMode = 'view' | 'edit' | 'merge' | 'delete';

interface RowProps {
  label: Label;
  count: number;
  others: Label[];
  actions: SortingActions;
}

function LabelRow({ label, count, others, actions }: RowProps) {
  const t = useT();
  const [mode, setMode] = useState<RowMode>('view');
  const [into, setInto] = useState('');
  const done = <T,>(result: Result<T>): Result<T> => {
    if (result.ok) setMode('view');
    return result;
  };

  if (mode === 'edit') {
    return (
      <LabelForm
        title={t('labels.editForm', { name: label.name })}
        submitLabel={t('labels.save')}
        initial={{ name: label.name, color: label.color, description: label.description }}
        onCancel={() => setMode('view')}
        onSubmit={async (fields) => {
          // Only what changed travels.
          const changed: Partial<LabelFields> = {};
          if (fields.name !== label.name) changed.name = fields.name;
          if (fields.color !== label.color) changed.color = fields.color;
          if (fields.description !== label.description) changed.description = fields.description;
          if (Object.keys(changed).length === 0) return done({ ok: true, value: null });
          return done(await actions.updateLabel(label.id, changed));
        }}
      />
    );
  }

  const target = others.find((l) => l.id === into);
  return (
    <div className={classes.channel} role="group" aria-label={label.name} data-label={label.id}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={8} wrap="nowrap">
            <Badge color={label.color} variant="light" radius="sm" size="md" tt="none">
              {label.name}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('labels.count', { count })}
            </Text>
          </Group>
          {label.description && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {label.description}
            </Text>
          )}
        </Stack>
        <Group gap={2} wrap="nowrap">
          <RowAction
            label={t('labels.edit', { name: label.name })}
            icon={<IconPencil size={14} aria-hidden />}
            onClick={() => setMode('edit')}
          />
          <RowAction
            label={t('labels.merge', { name: label.name })}
            icon={<IconArrowMerge size={14} aria-hidden />}
            onClick={() => {
              setInto('');
              setMode('merge');
            }}
          />
          <RowAction
            label={t('labels.delete', { name: label.name })}
            icon={<IconTrash size={14} aria-hidden />}
            color="red"
            onClick={() => setMode('delete')}
          />
        </Group>
      </Group>
      {mode === 'merge' && (
        <Confirm
          message={target ? t('labels.mergeWarning', { count, from: label.name, into: target.name }) : ''}
          confirmLabel={t('labels.mergeConfirm')}
          disabled={!target}
          onCancel={() => setMode('view')}
          onConfirm={async () => done(await actions.mergeLabel(label.id, into))}
        >
          {others.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('labels.mergeNone')}
            </Text>
          ) : (
            <NativeSelect
              size="xs"
              label={t('labels.mergeInto')}
              value={into}
              onChange={(e) => setInto(e.currentTarget.value)}
              data={[
                { value: '', label: t('labels.mergePick'), disabled: true },
                ...others.map((l) => ({ value: l.id, label: l.name })),
              ]}
            />
          )}
        </Confirm>
      )}
      {mode === 'delete' && (
        <Confirm
          message={t('labels.deleteWarning', { count, name: label.name })}
          confirmLabel={t('labels.deleteConfirm')}
          color="red"
          onCancel={() => setMode('view')}
          onConfirm={async () => done(await actions.deleteLabel(label.id))}
        />
      )}
    </div>
  );
}

/**
 * The workspace's labels: create, rename, recolour, describe, merge and delete. Each change goes to the gateway;
 * the list follows the replica, where the change lands as the label's event.
 */
export function LabelsSection() {
  const t = useT();
  const labels = useLiveLabels();
  const usage = useLabelUsage();
  const actions = useSortingActions();
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap={6} component="section" aria-labelledby="settings-labels" aria-busy={labels === undefined}>
      <Group justify="space-between">
        <Text size="sm" fw={600} id="settings-labels">
          {t('labels.title')}
        </Text>
        {!creating && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
            {t('labels.new')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('labels.help')}
      </Text>
      {creating && (
        <LabelForm
          title={t('labels.newForm')}
          submitLabel={t('labels.create')}
          initial={{ name: '', color: 'blue', description: '' }}
          onCancel={() => setCreating(false)}
          onSubmit={async (fields) => {
            const result = await actions.createLabel(fields);
            if (result.ok) setCreating(false);
            return result;
          }}
        />
      )}
      {labels === undefined ? (
        <Loading text={t('labels.loading')} />
      ) : labels.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('labels.empty')}
        </Text>
      ) : (
        labels.map((label) => (
          <LabelRow
            key={label.id}
            label={label}
            count={usage?.get(label.id) ?? 0}
            others={labels.filter((l) => l.id !== label.id)}
            actions={actions}
          />
        ))
      )}
    </Stack>
  );
}

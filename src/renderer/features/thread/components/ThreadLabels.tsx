import { ActionIcon, Badge, Button, ColorSwatch, Combobox, Group, Text, Tooltip, useCombobox } from '@mantine/core';
import { IconBan, IconCheck, IconTagPlus, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Label } from '../../../../core';
import { useI18n } from '../../../i18n';
import { LabelChip } from '../../common/components/LabelChip';
import { normalizeForSearch } from '../../palette/commands';
import { formatPercent } from '../activity';
import classes from './ThreadHeader.module.css';

export interface SuggestedLabel {
  label: Label;
  confidence: number;
}

export interface ThreadLabelsProps {
  /** The conversation's live labels, in the order they were applied. */
  labels: readonly Label[];
  /** Every live label, for the add control. */
  available: readonly Label[];
  /** The classifier's proposals (live labels only, none already applied). */
  suggestions: readonly SuggestedLabel[];
  spam: boolean;
  onAdd(labelId: string): void;
  onRemove(labelId: string): void;
  onAccept(labelId: string): void;
  onDismiss(labelId: string): void;
}

function AddLabel({ options, onAdd }: { options: readonly Label[]; onAdd(labelId: string): void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
    onDropdownOpen: () => combobox.focusSearchInput(),
  });
  const query = normalizeForSearch(search.trim());
  const shown = query ? options.filter((l) => normalizeForSearch(l.name).includes(query)) : options;
  return (
    <Combobox
      store={combobox}
      width={240}
      position="bottom-start"
      onOptionSubmit={(labelId) => {
        onAdd(labelId);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target withAriaAttributes={false}>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconTagPlus size={13} />}
          aria-haspopup="listbox"
          aria-expanded={combobox.dropdownOpened}
          onClick={() => combobox.toggleDropdown()}
        >
          {t('thread.labels.add')}
        </Button>
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Search
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          placeholder={t('thread.labels.search')}
          aria-label={t('thread.labels.search')}
        />
        <Combobox.Options mah={260} style={{ overflowY: 'auto' }} aria-label={t('thread.labels.add')}>
          {shown.length > 0 ? (
            shown.map((label) => (
              <Combobox.Option key={label.id} value={label.id}>
                <Group gap={8} wrap="nowrap">
                  <ColorSwatch
                    component="span"
                    size={10}
                    color={`var(--mantine-color-${label.color}-6)`}
                    withShadow={false}
                    aria-hidden
                  />
                  <Text size="sm" truncate>
                    <bdi>{label.name}</bdi>
                  </Text>
                </Group>
              </Combobox.Option>
            ))
          ) : (
            <Combobox.Empty>
              {options.length === 0 ? t('thread.labels.noLabels') : t('thread.labels.nothingFound')}
            </Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/**
 * The conversation's labels (× removes one), the classifier's suggestions ("Refund? 72%", ✓ accepts, × dismisses)
 * and the control that adds a label. Every change is a command: the chips change when the gateway's event lands.
 */
export function ThreadLabels(props: ThreadLabelsProps) {
  const { t, language } = useI18n();
  const { labels, available, suggestions, spam } = props;
  const options = useMemo(() => {
    const applied = new Set(labels.map((l) => l.id));
    return available.filter((l) => !applied.has(l.id));
  }, [labels, available]);
  return (
    <Group
      gap={6}
      px="md"
      py={6}
      wrap="wrap"
      className={classes.bar}
      role="group"
      aria-label={t('thread.labels.label')}
    >
      {spam && (
        <Badge size="sm" color="red" variant="filled" radius="sm" leftSection={<IconBan size={11} />}>
          {t('thread.labels.spam')}
        </Badge>
      )}
      {labels.map((label) => (
        <LabelChip key={label.id} label={label} size="sm" maxWidth={160} onRemove={() => props.onRemove(label.id)} />
      ))}
      {suggestions.map(({ label, confidence }) => {
        const percent = formatPercent(language, confidence);
        return (
          <Group
            key={label.id}
            gap={2}
            wrap="nowrap"
            className={classes.suggestion}
            data-suggestion={label.id}
            data-color={label.color}
            style={{ color: `var(--mantine-color-${label.color}-light-color)` }}
          >
            <Tooltip label={t('thread.labels.suggestionHint', { percent })} openDelay={300}>
              <Text span size="xs" fw={600} truncate maw={160}>
                {t('thread.labels.suggestion', { name: label.name, percent })}
              </Text>
            </Tooltip>
            <ActionIcon
              size={18}
              variant="subtle"
              color={label.color}
              aria-label={t('thread.labels.accept', { name: label.name })}
              onClick={() => props.onAccept(label.id)}
            >
              <IconCheck size={12} />
            </ActionIcon>
            <ActionIcon
              size={18}
              variant="subtle"
              color="gray"
              aria-label={t('thread.labels.dismiss', { name: label.name })}
              onClick={() => props.onDismiss(label.id)}
            >
              <IconX size={12} />
            </ActionIcon>
          </Group>
        );
      })}
      <AddLabel options={options} onAdd={props.onAdd} />
    </Group>
  );
}

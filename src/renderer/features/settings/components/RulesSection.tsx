import { Loading, LoadFailed } from './LoadStatus';
import { Button, Group, Stack, Switch, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Agent, Label, Rule, RuleDraft } from '../../../../core';
import {
  draftOf,
  useAssignableAgents,
  useLiveLabels,
  useSortingActions,
  type SortingActions,
} from '../../../data/sorting';
import { useT } from '../../../i18n';
import { RuleEditor } from './RuleEditor';
import { ruleSummary } from './ruleSummary';
import { RowAction } from './RowAction';
import classes from './Settings.module.css';

type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; rules: Rule[] };

interface RowProps {
  rule: Rule;
  summary: string;
  actions: SortingActions;
  onChanged(rule: Rule): void;
  onDeleted(rules: Rule[]): void;
  onEdit(): void;
}

function RuleRow({ rule, summary, actions, onChanged, onDeleted, onEdit }: RowProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async <T,>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: string }>,
    then: (v: T) => void,
  ) => {
    setBusy(true);
    setError(null);
    const result = await call().catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    setBusy(false);
    if (result.ok) then(result.value);
    else setError(result.error);
  };

  return (
    <div className={classes.channel} role="group" aria-label={rule.name} data-rule={rule.id}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Switch
            size="sm"
            mt={2}
            aria-label={t('rules.enable', { name: rule.name })}
            checked={rule.enabled}
            disabled={busy}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              void run(() => actions.saveRule({ ...draftOf(rule), enabled }), onChanged);
            }}
          />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} c={rule.enabled ? undefined : 'dimmed'}>
              {rule.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {summary}
            </Text>
          </Stack>
        </Group>
        <Group gap={2} wrap="nowrap">
          <RowAction
            label={t('rules.edit', { name: rule.name })}
            icon={<IconPencil size={14} aria-hidden />}
            onClick={onEdit}
          />
          <RowAction
            label={t('rules.delete', { name: rule.name })}
            icon={<IconTrash size={14} aria-hidden />}
            color="red"
            onClick={() => setConfirming(true)}
          />
        </Group>
      </Group>
      {confirming && (
        <Stack gap={6} mt={6}>
          <Text size="xs">{t('rules.deleteWarning', { name: rule.name })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('rules.cancel')}
            </Button>
            <Button
              size="xs"
              color="red"
              loading={busy}
              onClick={() => void run(() => actions.deleteRule(rule.id), onDeleted)}
            >
              {t('rules.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
      {error && (
        <Text size="xs" role="alert" className={classes.error} mt={4}>
          {t('rules.failed', { error })}
        </Text>
      )}
    </div>
  );
}

/** The rules, in the order they run: switch one on or off, edit it (with a live preview), delete it. */
export function RulesSection() {
  const actions = useSortingActions();
  const labels = useLiveLabels();
  const agents = useAssignableAgents();
  return <RulesPanel actions={actions} labels={labels ?? []} agents={agents} />;
}

export interface RulesPanelProps {
  actions: SortingActions;
  labels: readonly Label[];
  agents: readonly Agent[];
}

export function RulesPanel({ actions, labels, agents }: RulesPanelProps) {
  const t = useT();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [tries, setTries] = useState(0);
  /** The rule open in the editor: `null` for a new one; `undefined` when the list shows. */
  const [editing, setEditing] = useState<RuleDraft | null | undefined>(undefined);
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);

  useEffect(() => {
    let live = true;
    actions
      .listRules()
      .then((result) => {
        if (live)
          setLoad(result.ok ? { state: 'ready', rules: result.value } : { state: 'error', error: result.error });
      })
      .catch((error: unknown) => {
        if (live) setLoad({ state: 'error', error: String(error) });
      });
    return () => {
      live = false;
    };
  }, [actions, tries]);

  const retry = useCallback(() => {
    setLoad({ state: 'loading' });
    setTries((n) => n + 1);
  }, []);

  const replace = (rule: Rule) =>
    setLoad((current) => {
      if (current.state !== 'ready') return current;
      const known = current.rules.some((r) => r.id === rule.id);
      return {
        state: 'ready',
        rules: known ? current.rules.map((r) => (r.id === rule.id ? rule : r)) : [...current.rules, rule],
      };
    });

  if (editing !== undefined) {
    return (
      <Stack gap={6} component="section" aria-labelledby="settings-rules">
        <Text size="sm" fw={600} id="settings-rules">
          {editing?.name || t('rules.new')}
        </Text>
        <RuleEditor
          rule={editing}
          labels={labels}
          agents={agents}
          actions={actions}
          onCancel={() => setEditing(undefined)}
          onSaved={(rule) => {
            replace(rule);
            setEditing(undefined);
          }}
        />
      </Stack>
    );
  }

  return (
    <Stack gap={6} component="section" aria-labelledby="settings-rules" aria-busy={load.state === 'loading'}>
      <Group justify="space-between">
        <Text size="sm" fw={600} id="settings-rules">
          {t('rules.title')}
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing(null)}>
          {t('rules.new')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('rules.help')}
      </Text>
      {load.state === 'loading' && <Loading text={t('rules.loading')} />}
      {load.state === 'error' && (
        <LoadFailed
          title={t('rules.loadFailed')}
          error={load.error}
          retry={{ label: t('rules.retry'), onRetry: retry }}
        />
      )}
      {load.state === 'ready' && load.rules.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('rules.empty')}
        </Text>
      )}
      {load.state === 'ready' &&
        load.rules.map((rule) => (
          <RuleRow
            key={rule.id}
            rule={rule}
            summary={ruleSummary(rule, { t, labels: labelMap, agents })}
            actions={actions}
            onChanged={replace}
            onDeleted={(rules) => setLoad({ state: 'ready', rules })}
            onEdit={() => setEditing(rule)}
          />
        ))}
    </Stack>
  );
}

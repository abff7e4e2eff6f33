import {
  ActionIcon,
  Button,
  Chip,
  Group,
  Loader,
  NativeSelect,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  ChannelSchema,
  PrioritySchema,
  type Agent,
  type Channel,
  type Label,
  type Priority,
  type Rule,
  type RuleAction,
  type RuleCondition,
  type RuleDraft,
  type RulePreview,
} from '../../../../core';
import type { SortingActions } from '../../../data/sorting';
import { useI18n, useT } from '../../../i18n';
import {
  ACTION_KINDS,
  CONDITION_KINDS,
  defaultAction,
  defaultCondition,
  formOf,
  parseForm,
  regexError,
  row,
  type ActionKind,
  type ConditionKind,
  type RowDefaults,
  type RuleForm,
} from './ruleForm';
import classes from './Settings.module.css';

/** How long the draft must stay unchanged before it is previewed. */
export const PREVIEW_DELAY_MS = 300;
/** The newest matches shown under the count. */
const SHOWN_MATCHES = 10;
const EXCERPT = 160;

export interface RuleEditorProps {
  /** The rule to edit, or null for a new one. */
  rule: RuleDraft | null;
  labels: readonly Label[];
  agents: readonly Agent[];
  actions: SortingActions;
  onSaved(rule: Rule): void;
  onCancel(): void;
}

const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);

/** A small choice among fixed values: a segmented control named for screen readers. */
function Choice<V extends string>(props: {
  label: string;
  value: V;
  data: Array<{ value: V; label: string }>;
  onChange(value: V): void;
}) {
  return (
    <SegmentedControl
      size="xs"
      aria-label={props.label}
      value={props.value}
      data={props.data}
      onChange={(v) => props.onChange(v as V)}
    />
  );
}

function LabelSelect(props: { labels: readonly Label[]; value: string; label: string; onChange(id: string): void }) {
  const t = useT();
  const known = props.labels.some((l) => l.id === props.value);
  return (
    <NativeSelect
      size="xs"
      aria-label={props.label}
      value={known ? props.value : ''}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('rules.pickLabelPlaceholder'), disabled: true },
        ...props.labels.map((l) => ({ value: l.id, label: l.name })),
      ]}
    />
  );
}

function ConditionFields(props: {
  condition: RuleCondition;
  labels: readonly Label[];
  onChange(condition: RuleCondition): void;
}) {
  const t = useT();
  const { condition: c, onChange } = props;
  switch (c.kind) {
    case 'text':
      return (
        <Stack gap={4} style={{ flex: 1 }}>
          <TagsInput
            size="xs"
            label={t('rules.words')}
            placeholder={t('rules.wordsPlaceholder')}
            value={c.words}
            onChange={(words) => onChange({ ...c, words })}
            acceptValueOnBlur
            splitChars={[',']}
            maxTags={50}
          />
          <Choice
            label={t('rules.words.match')}
            value={c.match}
            data={[
              { value: 'any', label: t('rules.words.any') },
              { value: 'all', label: t('rules.words.all') },
            ]}
            onChange={(match) => onChange({ ...c, match })}
          />
        </Stack>
      );
    case 'regex': {
      const error = regexError(c.pattern);
      return (
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          label={t('rules.regex')}
          placeholder="commande\s*n°?\s*\d+"
          maxLength={300}
          ff="monospace"
          value={c.pattern}
          error={error ? t('rules.regexInvalid', { error }) : null}
          onChange={(e) => onChange({ ...c, pattern: e.currentTarget.value })}
        />
      );
    }
    case 'channel':
      return (
        <Group gap={6} role="group" aria-label={t('rules.channels')}>
          <Chip.Group multiple value={c.channels} onChange={(v) => onChange({ ...c, channels: v as Channel[] })}>
            {ChannelSchema.options.map((channel) => (
              <Chip key={channel} value={channel} size="xs">
                {t(`channel.${channel}`)}
              </Chip>
            ))}
          </Chip.Group>
        </Group>
      );
    case 'language':
      return (
        <Choice
          label={t('rules.cond.language')}
          value={c.language}
          data={[
            { value: 'fr', label: t('rules.language.fr') },
            { value: 'en', label: t('rules.language.en') },
          ]}
          onChange={(language) => onChange({ ...c, language })}
        />
      );
    case 'customer':
      return (
        <Choice
          label={t('rules.cond.customer')}
          value={c.is}
          data={[
            { value: 'new', label: t('rules.customer.new') },
            { value: 'returning', label: t('rules.customer.returning') },
          ]}
          onChange={(is) => onChange({ ...c, is })}
        />
      );
    case 'openOrder':
      return (
        <Choice
          label={t('rules.cond.openOrder')}
          value={c.has ? 'yes' : 'no'}
          data={[
            { value: 'yes', label: t('rules.openOrder.yes') },
            { value: 'no', label: t('rules.openOrder.no') },
          ]}
          onChange={(v) => onChange({ ...c, has: v === 'yes' })}
        />
      );
    case 'hours':
      return (
        <Choice
          label={t('rules.cond.hours')}
          value={c.when}
          data={[
            { value: 'inside', label: t('rules.hours.inside') },
            { value: 'outside', label: t('rules.hours.outside') },
          ]}
          onChange={(when) => onChange({ ...c, when })}
        />
      );
    case 'label':
      return (
        <Group gap={6}>
          <Choice
            label={t('rules.cond.label')}
            value={c.has ? 'has' : 'lacks'}
            data={[
              { value: 'has', label: t('rules.label.has') },
              { value: 'lacks', label: t('rules.label.lacks') },
            ]}
            onChange={(v) => onChange({ ...c, has: v === 'has' })}
          />
          <LabelSelect
            labels={props.labels}
            value={c.labelId}
            label={t('rules.pickLabel')}
            onChange={(labelId) => onChange({ ...c, labelId })}
          />
        </Group>
      );
    case 'status':
      return (
        <Choice
          label={t('rules.cond.status')}
          value={c.status}
          data={[
            { value: 'open', label: t('rules.status.open') },
            { value: 'resolved', label: t('rules.status.resolved') },
          ]}
          onChange={(status) => onChange({ ...c, status })}
        />
      );
  }
}

function ActionFields(props: {
  action: RuleAction;
  labels: readonly Label[];
  agents: readonly Agent[];
  onChange(action: RuleAction): void;
}) {
  const t = useT();
  const { action: a, onChange } = props;
  switch (a.kind) {
    case 'addLabel':
    case 'removeLabel':
      return (
        <LabelSelect
          labels={props.labels}
          value={a.labelId}
          label={t('rules.pickLabel')}
          onChange={(labelId) => onChange({ ...a, labelId })}
        />
      );
    case 'priority':
      return (
        <NativeSelect
          size="xs"
          aria-label={t('rules.priority')}
          value={a.priority}
          onChange={(e) => onChange({ ...a, priority: e.currentTarget.value as Priority })}
          data={PrioritySchema.options.map((p) => ({ value: p, label: t(`rules.priority.${p}`) }))}
        />
      );
    case 'assign': {
      const agents =
        props.agents.some((agent) => agent.id === a.agentId) || a.agentId === ''
          ? props.agents
          : [...props.agents, { id: a.agentId, name: a.agentId, role: 'agent' as const }];
      return (
        <NativeSelect
          size="xs"
          aria-label={t('rules.agent')}
          value={a.agentId}
          onChange={(e) => onChange({ ...a, agentId: e.currentTarget.value })}
          data={[
            { value: '', label: t('rules.agentPlaceholder'), disabled: true },
            ...agents.map((agent) => ({ value: agent.id, label: agent.name })),
          ]}
        />
      );
    }
    case 'resolve':
    case 'spam':
      return null;
  }
}

function RowShell(props: { kind: ReactNode; children: ReactNode; removeLabel: string; onRemove(): void }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" className={classes.channel}>
      <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
        {props.kind}
        {props.children}
      </Stack>
      <ActionIcon variant="subtle" color="gray" aria-label={props.removeLabel} onClick={props.onRemove}>
        <IconX size={14} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

type PreviewState =
  { key: string; state: 'ready'; preview: RulePreview } | { key: string; state: 'error'; error: string };

function PreviewPanel(props: { state: PreviewState | null; pending: boolean; complete: boolean; now: number }) {
  const { t, time } = useI18n();
  const { state, pending, complete } = props;
  let body: ReactNode;
  if (!complete) {
    body = (
      <Text size="xs" c="dimmed">
        {t('rules.incomplete')}
      </Text>
    );
  } else if (pending || !state) {
    body = (
      <Group gap="xs">
        <Loader size="xs" type="dots" />
        <Text size="xs" c="dimmed">
          {t('rules.previewing')}
        </Text>
      </Group>
    );
  } else if (state.state === 'error') {
    body = (
      <Text size="xs" className={classes.error}>
        {t('rules.previewFailed', { error: state.error })}
      </Text>
    );
  } else {
    const { preview } = state;
    const shown = preview.matches.slice(0, SHOWN_MATCHES);
    body = (
      <Stack gap={4}>
        <Text size="xs" fw={600} data-testid="rule-preview-count">
          {t('rules.previewResult', { matched: preview.matched, checked: preview.checked })}
        </Text>
        {shown.length > 0 && (
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('rules.preview')}>
            {shown.map((match) => (
              <li key={match.messageId}>
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Text size="xs" fw={600} style={{ flexShrink: 0 }}>
                    {match.contactName}
                  </Text>
                  {/* The customer's words as text, never markup. */}
                  <Text size="xs" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                    {excerpt(match.text)}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    <time dateTime={new Date(match.ts).toISOString()} title={time.dateTime(match.ts)}>
                      {time.relative(match.ts, props.now)}
                    </time>
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap={4} className={classes.channel} role="region" aria-label={t('rules.preview')} aria-live="polite">
      <Text size="xs" fw={600} c="dimmed">
        {t('rules.preview')}
      </Text>
      {body}
    </Stack>
  );
}

/**
 * One rule: its name, whether all or any conditions must hold, the conditions and the actions. While it is
 * complete, it is run over recent customer messages (a moment after the last change) to show what it would
 * have matched; saving sends it to the gateway, which may refuse it and say why.
 */
export function RuleEditor({ rule, labels, agents, actions, onSaved, onCancel }: RuleEditorProps) {
  const t = useT();
  const defaults: RowDefaults = { labelId: labels[0]?.id ?? '', agentId: agents[0]?.id ?? '' };
  const [form, setForm] = useState<RuleForm>(() => formOf(rule, defaults));
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [now] = useState(() => Date.now());

  const draft = useMemo(() => parseForm(form), [form]);
  // A pattern that does not even compile here is not worth a round trip.
  const previewable = draft !== null && draft.conditions.every((c) => c.kind !== 'regex' || !regexError(c.pattern));
  const previewKey = previewable ? JSON.stringify(draft) : null;

  useEffect(() => {
    if (previewKey === null) return;
    let live = true;
    const timer = setTimeout(() => {
      const key = previewKey;
      actions
        .previewRule(JSON.parse(key) as RuleDraft)
        .catch((error: unknown) => ({ ok: false as const, error: String(error) }))
        .then((result) => {
          if (!live) return;
          setPreview(
            result.ok ? { key, state: 'ready', preview: result.value } : { key, state: 'error', error: result.error },
          );
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [previewKey, actions]);

  const edit = (change: (form: RuleForm) => RuleForm) => {
    setSaveError(null);
    setForm(change);
  };
  const setCondition = (key: number, value: RuleCondition) =>
    edit((f) => ({ ...f, conditions: f.conditions.map((r) => (r.key === key ? { key, value } : r)) }));
  const setAction = (key: number, value: RuleAction) =>
    edit((f) => ({ ...f, actions: f.actions.map((r) => (r.key === key ? { key, value } : r)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setSaveError(null);
    const result = await actions
      .saveRule(draft)
      .catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setSaveError(result.error);
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('rules.editor')}>
      <Stack gap="sm">
        <TextInput
          size="xs"
          label={t('rules.name')}
          required
          maxLength={80}
          value={form.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            edit((f) => ({ ...f, name }));
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('rules.match')}
          </Text>
          <Choice
            label={t('rules.match')}
            value={form.match}
            data={[
              { value: 'all', label: t('rules.match.all') },
              { value: 'any', label: t('rules.match.any') },
            ]}
            onChange={(match) => edit((f) => ({ ...f, match }))}
          />
        </Stack>

        <Stack gap={6} role="group" aria-label={t('rules.conditions')}>
          <Text size="sm" fw={600}>
            {t('rules.conditions')}
          </Text>
          {form.conditions.map(({ key, value }, index) => (
            <RowShell
              key={key}
              removeLabel={t('rules.removeCondition', { n: index + 1 })}
              onRemove={() => edit((f) => ({ ...f, conditions: f.conditions.filter((r) => r.key !== key) }))}
              kind={
                <NativeSelect
                  size="xs"
                  aria-label={t('rules.conditionKind', { n: index + 1 })}
                  value={value.kind}
                  onChange={(e) =>
                    setCondition(key, defaultCondition(e.currentTarget.value as ConditionKind, defaults))
                  }
                  data={CONDITION_KINDS.map((kind) => ({ value: kind, label: t(`rules.cond.${kind}`) }))}
                />
              }
            >
              <ConditionFields
                condition={value}
                labels={labels}
                onChange={(condition) => setCondition(key, condition)}
              />
            </RowShell>
          ))}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                edit((f) => ({ ...f, conditions: [...f.conditions, row(defaultCondition('text', defaults))] }))
              }
            >
              {t('rules.addCondition')}
            </Button>
          </Group>
        </Stack>

        <Stack gap={6} role="group" aria-label={t('rules.actions')}>
          <Text size="sm" fw={600}>
            {t('rules.actions')}
          </Text>
          {form.actions.map(({ key, value }, index) => (
            <RowShell
              key={key}
              removeLabel={t('rules.removeAction', { n: index + 1 })}
              onRemove={() => edit((f) => ({ ...f, actions: f.actions.filter((r) => r.key !== key) }))}
              kind={
                <NativeSelect
                  size="xs"
                  aria-label={t('rules.actionKind', { n: index + 1 })}
                  value={value.kind}
                  onChange={(e) => setAction(key, defaultAction(e.currentTarget.value as ActionKind, defaults))}
                  data={ACTION_KINDS.map((kind) => ({ value: kind, label: t(`rules.act.${kind}`) }))}
                />
              }
            >
              <ActionFields
                action={value}
                labels={labels}
                agents={agents}
                onChange={(action) => setAction(key, action)}
              />
            </RowShell>
          ))}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => edit((f) => ({ ...f, actions: [...f.actions, row(defaultAction('addLabel', defaults))] }))}
            >
              {t('rules.addAction')}
            </Button>
          </Group>
        </Stack>

        <PreviewPanel
          state={preview}
          complete={previewable}
          pending={preview === null || preview.key !== previewKey}
          now={now}
        />

        {saveError && (
          <Text size="xs" role="alert" className={classes.error}>
            {t('rules.saveFailed', { error: saveError })}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('rules.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={busy} disabled={!draft}>
            {t('rules.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

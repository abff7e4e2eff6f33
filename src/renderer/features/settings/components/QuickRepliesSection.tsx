import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCopy, IconDownload, IconPencil, IconPlus, IconTrash, IconUpload, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import {
  describeIssues,
  parseTemplate,
  QuickReplyDraftSchema,
  renderTemplate,
  TEMPLATE_VARIABLES,
  type Business,
  type Contact,
  type Label,
  type Locale,
  type OrderSummary,
  type QuickReply,
  type QuickReplyDraft,
  type Result,
  type TemplateVariable,
  type TemplateAttachment,
} from '../../../../core';
import { useConnection } from '../../../data/hooks';
import { AttachmentsField } from './AttachmentsField';
import {
  exportDrafts,
  replyDraftOf,
  useBusiness,
  useQuickReplies,
  useQuickReplyActions,
  type QuickReplyActions,
} from '../../../data/quickReplies';
import { useLiveLabels } from '../../../data/sorting';
import { useT } from '../../../i18n';
import { valuesOf } from '../../composer/quickReplies';
import { useConversationFacts } from '../../composer/useQuickReplyKit';
import { Loading } from './LoadStatus';
import { RowAction } from './RowAction';
import classes from './Settings.module.css';

const LOCALES: Locale[] = ['fr', 'en'];

/** What a preview fills templates with in settings, where no conversation is open. */
const SAMPLE_CONTACT = {
  id: 'sample',
  name: 'Camille Martin',
  channel: 'whatsapp' as const,
  handle: '+33600000000',
  email: null,
  phone: null,
  locale: 'fr' as const,
  createdAt: 0,
};
const SAMPLE_ORDER = {
  number: '1042',
  status: 'shipped',
  trackingUrl: 'https://track.example.com/1042',
  total: 49.9,
  currency: 'EUR',
  createdAt: 0,
};

/** Where a downloaded export goes; a test hands its own. */
export type Download = (fileName: string, json: string) => void;

const downloadFile: Download = (fileName, json) => {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/**
 * Settings → Quick replies: the workspace's replies, shared through the gateway. Previews fill templates with the
 * conversation open behind the dialog (its customer and latest order), or sample values when none is.
 */
export function QuickRepliesSection({ previewThreadId = null }: { previewThreadId?: string | null }) {
  const preview = useConversationFacts(previewThreadId);
  const replies = useQuickReplies();
  const labels = useLiveLabels();
  const actions = useQuickReplyActions();
  const { agent } = useConnection();
  const business = useBusiness();
  return (
    <QuickRepliesPanel
      replies={replies}
      labels={labels ?? []}
      actions={actions}
      agentId={agent?.id ?? null}
      agentName={agent?.name ?? null}
      business={business}
      preview={preview}
    />
  );
}

/** A real conversation to preview with: its customer and latest order (null: none; undefined: not known). */
export interface PreviewFacts {
  contact: Contact;
  order: OrderSummary | null | undefined;
}

export interface QuickRepliesPanelProps {
  /** `undefined` while loading. */
  replies: readonly QuickReply[] | undefined;
  labels: readonly Label[];
  actions: QuickReplyActions;
  agentId: string | null;
  agentName?: string | null;
  business?: Business | null;
  preview?: PreviewFacts;
  download?: Download;
}

type Editing = { draft: QuickReplyDraft } | null;

export function QuickRepliesPanel(props: QuickRepliesPanelProps) {
  const { replies, labels, actions, agentId } = props;
  const t = useT();
  const [editing, setEditing] = useState<Editing>(null);
  const [importState, setImportState] = useState<
    { state: 'busy' } | { state: 'done'; created: number; updated: number } | { state: 'error'; error: string } | null
  >(null);
  const [resetKey, setResetKey] = useState(0);

  const importFile = async (file: File | null) => {
    setResetKey((k) => k + 1);
    if (!file) return;
    setImportState({ state: 'busy' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text()) as unknown;
    } catch {
      setImportState({ state: 'error', error: t('replies.import.notJson') });
      return;
    }
    const list = Array.isArray(parsed)
      ? parsed
      : parsed && typeof parsed === 'object' && Array.isArray((parsed as { replies?: unknown }).replies)
        ? ((parsed as { replies: unknown[] }).replies as unknown[])
        : null;
    if (!list || list.length === 0) {
      setImportState({ state: 'error', error: t('replies.import.notList') });
      return;
    }
    const result = await actions.importDrafts(list).catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    setImportState(result.ok ? { state: 'done', ...result.value } : { state: 'error', error: result.error });
  };

  const exportAll = () => {
    const json = JSON.stringify(exportDrafts(replies ?? []), null, 2);
    (props.download ?? downloadFile)('quick-replies.json', `${json}\n`);
  };

  if (editing) {
    return (
      <Stack gap={6} component="section" aria-labelledby="settings-replies">
        <Text size="sm" fw={600} id="settings-replies">
          {editing.draft.id ? t('replies.editTitle', { title: editing.draft.title }) : t('replies.new')}
        </Text>
        <QuickReplyEditor
          draft={editing.draft}
          labels={labels}
          actions={actions}
          agentName={props.agentName ?? null}
          business={props.business ?? null}
          preview={props.preview}
          onCancel={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      </Stack>
    );
  }

  return (
    <Stack gap={6} component="section" aria-labelledby="settings-replies" aria-busy={replies === undefined}>
      <Group justify="space-between">
        <Text size="sm" fw={600} id="settings-replies">
          {t('replies.title')}
        </Text>
        <Group gap="xs">
          <FileButton key={resetKey} onChange={(file) => void importFile(file)} accept="application/json,.json">
            {(fileProps) => (
              <Button
                {...fileProps}
                size="xs"
                variant="default"
                leftSection={<IconUpload size={14} />}
                loading={importState?.state === 'busy'}
              >
                {t('replies.import')}
              </Button>
            )}
          </FileButton>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            disabled={!replies || replies.length === 0}
            onClick={exportAll}
          >
            {t('replies.export')}
          </Button>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setEditing({
                draft: { shortcut: '', title: '', variants: [], attachments: [], labels: [], resolve: false },
              })
            }
          >
            {t('replies.new')}
          </Button>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {t('replies.help')}
      </Text>
      {importState?.state === 'error' && (
        <Alert color="red" variant="light" p="xs" role="alert" title={t('replies.import.failed')}>
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
            {importState.error}
          </Text>
        </Alert>
      )}
      {importState?.state === 'done' && (
        <Text size="xs" role="status">
          {t('replies.import.done', { created: importState.created, updated: importState.updated })}
        </Text>
      )}
      {replies === undefined && <Loading text={t('replies.loading')} />}
      {replies?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('replies.empty')}
        </Text>
      )}
      {replies?.map((reply) => (
        <ReplyRow
          key={reply.id}
          reply={reply}
          agentId={agentId}
          actions={actions}
          onEdit={() => setEditing({ draft: replyDraftOf(reply) })}
          onDuplicate={() => {
            const { id: _id, ...draft } = replyDraftOf(reply);
            void _id;
            setEditing({
              draft: {
                ...draft,
                shortcut: `${reply.shortcut.slice(0, 27)}-copy`,
                title: t('replies.copyOf', { title: reply.title }).slice(0, 80),
              },
            });
          }}
        />
      ))}
    </Stack>
  );
}

interface RowProps {
  reply: QuickReply;
  agentId: string | null;
  actions: QuickReplyActions;
  onEdit(): void;
  onDuplicate(): void;
}

function ReplyRow({ reply, agentId, actions, onEdit, onDuplicate }: RowProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const used = agentId ? (reply.usage[agentId]?.count ?? 0) : 0;

  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await actions.remove(reply.id).catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    setBusy(false);
    if (result.ok) setConfirming(false);
    else setError(result.error);
  };

  return (
    <div className={classes.channel} role="group" aria-label={reply.title} data-reply={reply.id}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {reply.title}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              /{reply.shortcut}
            </Text>
            {reply.variants.map((v) => (
              <Badge key={v.language} size="xs" variant="light" color="gray">
                {v.language.toUpperCase()}
              </Badge>
            ))}
            {reply.resolve && (
              <Badge size="xs" variant="light" color="green">
                {t('replies.resolveBadge')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('replies.usedByMe', { count: used })}
          </Text>
        </Stack>
        <Group gap={2} wrap="nowrap">
          <RowAction
            label={t('replies.edit', { title: reply.title })}
            icon={<IconPencil size={14} aria-hidden />}
            onClick={onEdit}
          />
          <RowAction
            label={t('replies.duplicate', { title: reply.title })}
            icon={<IconCopy size={14} aria-hidden />}
            onClick={onDuplicate}
          />
          <RowAction
            label={t('replies.delete', { title: reply.title })}
            icon={<IconTrash size={14} aria-hidden />}
            color="red"
            onClick={() => setConfirming(true)}
          />
        </Group>
      </Group>
      {confirming && (
        <Stack gap={6} mt={6}>
          <Text size="xs">{t('replies.deleteWarning', { title: reply.title })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('replies.cancel')}
            </Button>
            <Button size="xs" color="red" loading={busy} onClick={() => void remove()}>
              {t('replies.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
      {error && (
        <Text size="xs" role="alert" className={classes.error} mt={4}>
          {t('replies.failed', { error })}
        </Text>
      )}
    </div>
  );
}

interface EditorProps {
  draft: QuickReplyDraft;
  labels: readonly Label[];
  actions: QuickReplyActions;
  agentName: string | null;
  business: Business | null;
  preview?: PreviewFacts;
  onCancel(): void;
  onSaved(reply: QuickReply): void;
}

function QuickReplyEditor({ draft, labels, actions, agentName, business, preview, onCancel, onSaved }: EditorProps) {
  const t = useT();
  const contact = preview?.contact ?? SAMPLE_CONTACT;
  const order = preview ? (preview.order ?? null) : SAMPLE_ORDER;
  const [shortcut, setShortcut] = useState(draft.shortcut);
  const [title, setTitle] = useState(draft.title);
  const [bodies, setBodies] = useState<Record<Locale, string>>({
    fr: draft.variants.find((v) => v.language === 'fr')?.body ?? '',
    en: draft.variants.find((v) => v.language === 'en')?.body ?? '',
  });
  const [chosenLabels, setChosenLabels] = useState<string[]>(draft.labels ?? []);
  const [attachments, setAttachments] = useState<TemplateAttachment[]>(draft.attachments ?? []);
  const [resolve, setResolve] = useState(draft.resolve ?? false);
  const [waName, setWaName] = useState(draft.whatsapp?.name ?? '');
  const [waLanguage, setWaLanguage] = useState(draft.whatsapp?.language ?? '');
  const [waParameters, setWaParameters] = useState<TemplateVariable[]>(draft.whatsapp?.parameters ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const labelData = useMemo(() => labels.map((l) => ({ value: l.id, label: l.name })), [labels]);
  const next: QuickReplyDraft = {
    ...(draft.id ? { id: draft.id } : {}),
    shortcut: shortcut.trim().toLowerCase(),
    title: title.trim(),
    variants: LOCALES.filter((l) => bodies[l].trim() !== '').map((language) => ({ language, body: bodies[language] })),
    attachments,
    labels: chosenLabels,
    resolve,
    // No name, no language and no parameter: the reply has no WhatsApp template.
    ...(waName.trim() || waLanguage.trim() || waParameters.length > 0
      ? { whatsapp: { name: waName.trim(), language: waLanguage.trim(), parameters: waParameters } }
      : {}),
  };

  const save = async () => {
    setError(null);
    const parsed = QuickReplyDraftSchema.safeParse(next);
    if (!parsed.success) {
      setError(describeIssues(parsed.error.issues));
      return;
    }
    for (const variant of next.variants) {
      const template = parseTemplate(variant.body);
      if (!template.ok) {
        const { message, line, column } = template.error;
        setError(t('replies.templateError', { language: variant.language.toUpperCase(), line, column, message }));
        return;
      }
    }
    setBusy(true);
    const result: Result<QuickReply> = await actions
      .save(next)
      .catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setError(result.error);
  };

  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput
          label={t('replies.field.shortcut')}
          description={t('replies.field.shortcutHelp')}
          leftSection={<Text size="sm">/</Text>}
          value={shortcut}
          onChange={(e) => setShortcut(e.currentTarget.value)}
          maxLength={32}
        />
        <TextInput
          label={t('replies.field.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={80}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {preview ? t('replies.previewWith', { name: preview.contact.name }) : t('replies.previewSample')}
      </Text>
      {LOCALES.map((language) => {
        const body = bodies[language];
        const values = valuesOf({ contact, agentName: agentName ?? 'Alex', business, order }, language);
        const rendered = body.trim() ? renderTemplate(body, values, language) : null;
        return (
          <Stack key={language} gap={4}>
            <Textarea
              label={t(language === 'fr' ? 'replies.field.bodyFr' : 'replies.field.bodyEn')}
              autosize
              minRows={3}
              maxRows={10}
              value={body}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setBodies((b) => ({ ...b, [language]: value }));
              }}
            />
            {rendered?.error && (
              <Text size="xs" c="red" role="alert">
                {t('replies.templateError', {
                  language: language.toUpperCase(),
                  line: rendered.error.line,
                  column: rendered.error.column,
                  message: rendered.error.message,
                })}
              </Text>
            )}
            {rendered && !rendered.error && (
              <div
                className={classes.replyPreview}
                data-testid={`reply-preview-${language}`}
                aria-label={t('replies.preview', { language: language.toUpperCase() })}
                role="note"
              >
                {rendered.text}
              </div>
            )}
          </Stack>
        );
      })}
      <Text size="xs" c="dimmed">
        {t('replies.variablesHelp')}
      </Text>
      <AttachmentsField value={attachments} onChange={setAttachments} />
      <MultiSelect
        label={t('replies.field.labels')}
        data={labelData}
        value={chosenLabels}
        onChange={setChosenLabels}
        searchable
        clearable
      />
      <Switch
        label={t('replies.field.resolve')}
        checked={resolve}
        onChange={(e) => setResolve(e.currentTarget.checked)}
      />
      <Stack gap={6} role="group" aria-label={t('replies.whatsapp.title')}>
        <Text size="sm" fw={500}>
          {t('replies.whatsapp.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('replies.whatsapp.help')}
        </Text>
        <Group grow align="flex-start" gap="xs">
          <TextInput
            label={t('replies.whatsapp.name')}
            value={waName}
            onChange={(e) => setWaName(e.currentTarget.value)}
            maxLength={512}
            size="xs"
          />
          <TextInput
            label={t('replies.whatsapp.language')}
            placeholder="fr, en_US"
            value={waLanguage}
            onChange={(e) => setWaLanguage(e.currentTarget.value)}
            maxLength={15}
            size="xs"
          />
        </Group>
        {waParameters.map((variable, i) => (
          <Group key={i} gap="xs" wrap="nowrap">
            <Select
              size="xs"
              style={{ flex: 1 }}
              aria-label={t('replies.whatsapp.parameter', { n: i + 1 })}
              leftSection={<Text size="xs" ff="monospace">{`{{${i + 1}}}`}</Text>}
              leftSectionWidth={44}
              data={TEMPLATE_VARIABLES.map((v) => ({ value: v, label: `{{${v}}}` }))}
              value={variable}
              allowDeselect={false}
              onChange={(value) => {
                if (!value) return;
                setWaParameters((ps) => ps.map((p, j) => (j === i ? (value as TemplateVariable) : p)));
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('replies.whatsapp.removeParameter', { n: i + 1 })}
              onClick={() => setWaParameters((ps) => ps.filter((_, j) => j !== i))}
            >
              <IconX size={14} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconPlus size={12} aria-hidden />}
            disabled={waParameters.length >= 20}
            onClick={() => setWaParameters((ps) => [...ps, 'contact.first_name'])}
          >
            {t('replies.whatsapp.addParameter')}
          </Button>
        </Group>
      </Stack>
      {error && (
        <Alert color="red" variant="light" p="xs" role="alert">
          <Text size="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {error}
          </Text>
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={onCancel}>
          {t('replies.cancel')}
        </Button>
        <Button size="xs" loading={busy} onClick={() => void save()}>
          {t('replies.save')}
        </Button>
      </Group>
    </Stack>
  );
}

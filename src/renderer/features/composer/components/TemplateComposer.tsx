import { Alert, Box, Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import {
  approvedParameters,
  type Locale,
  type MessageTemplate,
  type QuickReply,
  type TemplateSend,
  type TemplateValues,
} from '../../../../core';
import type { TemplatesState } from '../../../data/templates';
import { useT } from '../../../i18n';
import { fillTemplate, parameterCount, templateKey, templateSend } from '../template';
import classes from './Composer.module.css';

/** The quick replies that name an approved template, and how the conversation fills their variables. */
export interface TemplateQuickReplies {
  replies: readonly QuickReply[];
  locale: Locale;
  valuesFor(locale: Locale): TemplateValues;
  prepare(): Promise<(locale: Locale) => TemplateValues>;
}

export interface TemplateComposerProps {
  templates: TemplatesState & { retry(): void };
  onSend(text: string, template: TemplateSend, meta?: { quickReplyId: string }): void;
  hint?: string | null;
  quickReplies?: TemplateQuickReplies | null;
}

/** Select values for quick replies, apart from the templates' keys. */
const REPLY_PREFIX = 'reply\u0000';

/** The locale a template in `language` ("fr", "en_US") reads in, else the conversation's. */
function localeOfTemplate(language: string, fallback: Locale): Locale {
  const base = language.slice(0, 2).toLowerCase();
  return base === 'fr' || base === 'en' ? base : fallback;
}

/**
 * Outside WhatsApp's 24-hour window only an approved template goes out: the agent picks one, fills its
 * {{1}}, {{2}}... and sees the message as the customer will read it before sending.
 */
export function TemplateComposer({ templates, onSend, hint, quickReplies = null }: TemplateComposerProps) {
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const filling = useRef(0);
  const list = useMemo(() => (templates.state === 'ready' ? templates.templates : []), [templates]);
  // Quick replies whose WhatsApp mapping names one of this number's approved templates.
  const mapped = useMemo(() => {
    const keys = new Set(list.map(templateKey));
    return (quickReplies?.replies ?? []).filter(
      (r) => r.deletedAt === undefined && r.whatsapp && keys.has(templateKey(r.whatsapp)),
    );
  }, [list, quickReplies?.replies]);
  const reply = chosen?.startsWith(REPLY_PREFIX) ? mapped.find((r) => REPLY_PREFIX + r.id === chosen) : undefined;
  const key = reply?.whatsapp ? templateKey(reply.whatsapp) : chosen;
  const template: MessageTemplate | undefined = list.find((tpl) => templateKey(tpl) === key);
  const count = template ? parameterCount(template) : 0;
  const ready = template ? templateSend(template, values) : null;

  const choose = (value: string | null) => {
    setChosen(value);
    setValues([]);
    const mine = ++filling.current;
    const picked = value?.startsWith(REPLY_PREFIX) ? mapped.find((r) => REPLY_PREFIX + r.id === value) : undefined;
    const mapping = picked?.whatsapp;
    if (!mapping || !quickReplies) return;
    // What is known now at once, then what the latest order adds; what the agent typed meanwhile stays.
    const locale = localeOfTemplate(mapping.language, quickReplies.locale);
    const fill = (from: (locale: Locale) => TemplateValues) => {
      if (filling.current !== mine) return;
      const filled = approvedParameters(mapping, from(locale), locale).values;
      setValues((prev) => filled.map((v, i) => (prev[i]?.trim() ? prev[i]! : v)));
    };
    fill(quickReplies.valuesFor);
    void quickReplies.prepare().then(fill, () => {});
  };
  const send = () => {
    if (!ready) return;
    onSend(ready.text, ready.template, reply ? { quickReplyId: reply.id } : undefined);
    setValues([]);
  };
  const templateItems = list.map((tpl) => ({ value: templateKey(tpl), label: `${tpl.name} · ${tpl.language}` }));
  const data =
    mapped.length > 0
      ? [
          {
            group: t('replies.whatsapp.groupReplies'),
            items: mapped.map((r) => ({ value: REPLY_PREFIX + r.id, label: `/${r.shortcut} · ${r.title}` })),
          },
          { group: t('replies.whatsapp.groupTemplates'), items: templateItems },
        ]
      : templateItems;

  return (
    <Box
      component="form"
      px="md"
      pt="sm"
      pb="md"
      className={classes.form}
      aria-label={t('composer.template.send')}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <Group gap={6} wrap="nowrap" align="flex-start" className={classes.notice} data-note role="status">
        <IconInfoCircle size={14} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Text size="xs" inherit>
          {t('composer.template.explain')}
        </Text>
      </Group>
      {templates.state === 'loading' && (
        <Group gap="xs" py={6}>
          <Loader size="xs" type="dots" />
          <Text size="sm" c="dimmed">
            {t('composer.template.loading')}
          </Text>
        </Group>
      )}
      {templates.state === 'error' && (
        <Alert color="red" variant="light" p="xs" title={t('composer.template.error')}>
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
            {templates.error}
          </Text>
          <Button variant="default" size="compact-xs" mt={6} onClick={templates.retry}>
            {t('composer.template.retry')}
          </Button>
        </Alert>
      )}
      {templates.state === 'ready' && list.length === 0 && (
        <Text size="sm" c="dimmed" py={6}>
          {t('composer.template.none')}
        </Text>
      )}
      {list.length > 0 && (
        <Stack gap="xs">
          <Select
            label={t('composer.template.pick')}
            placeholder={t('composer.template.pickPlaceholder')}
            data={data}
            value={chosen}
            onChange={choose}
            allowDeselect={false}
            searchable={list.length > 8 || mapped.length > 0}
          />
          {reply && template && (
            <Text size="xs" c="dimmed">
              {t('replies.whatsapp.fromReply', { template: `${template.name} · ${template.language}` })}
            </Text>
          )}
          {template && (
            <>
              {count > 0 && (
                <Group gap="xs" grow preventGrowOverflow={false} wrap="wrap">
                  {Array.from({ length: count }, (_, i) => (
                    <TextInput
                      key={`${chosen}-${i}`}
                      label={t('composer.template.parameter', { n: i + 1 })}
                      description={
                        reply?.whatsapp?.parameters[i]
                          ? `{{${i + 1}}} · ${reply.whatsapp.parameters[i]}`
                          : `{{${i + 1}}}`
                      }
                      value={values[i] ?? ''}
                      maxLength={1024}
                      miw={160}
                      onChange={(e) => {
                        const next = [...values];
                        next[i] = e.currentTarget.value;
                        setValues(next);
                      }}
                    />
                  ))}
                </Group>
              )}
              <div>
                <Text size="xs" fw={600} c="dimmed" mb={4}>
                  {t('composer.template.preview')}
                </Text>
                <p className={classes.preview} dir="auto" data-testid="template-preview">
                  {fillTemplate(template.body, values)}
                </p>
              </div>
            </>
          )}
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
            <Button type="submit" size="sm" rightSection={<IconSend size={16} />} disabled={!ready}>
              {t('composer.template.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </Box>
  );
}

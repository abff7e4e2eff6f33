import { Alert, Box, Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { MessageTemplate, TemplateSend } from '../../../../core';
import type { TemplatesState } from '../../../data/templates';
import { useT } from '../../../i18n';
import { fillTemplate, parameterCount, templateKey, templateSend } from '../template';
import classes from './Composer.module.css';

export interface TemplateComposerProps {
  templates: TemplatesState & { retry(): void };
  onSend(text: string, template: TemplateSend): void;
  hint?: string | null;
}

/**
 * Outside WhatsApp's 24-hour window only an approved template goes out: the agent picks one, fills its
 * {{1}}, {{2}}... and sees the message as the customer will read it before sending.
 */
export function TemplateComposer({ templates, onSend, hint }: TemplateComposerProps) {
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const list = useMemo(() => (templates.state === 'ready' ? templates.templates : []), [templates]);
  const template: MessageTemplate | undefined = list.find((tpl) => templateKey(tpl) === chosen);
  const count = template ? parameterCount(template) : 0;
  const ready = template ? templateSend(template, values) : null;

  const choose = (key: string | null) => {
    setChosen(key);
    setValues([]);
  };
  const send = () => {
    if (!ready) return;
    onSend(ready.text, ready.template);
    setValues([]);
  };

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
            data={list.map((tpl) => ({ value: templateKey(tpl), label: `${tpl.name} · ${tpl.language}` }))}
            value={chosen}
            onChange={choose}
            allowDeselect={false}
            searchable={list.length > 8}
          />
          {template && (
            <>
              {count > 0 && (
                <Group gap="xs" grow preventGrowOverflow={false} wrap="wrap">
                  {Array.from({ length: count }, (_, i) => (
                    <TextInput
                      key={`${chosen}-${i}`}
                      label={t('composer.template.parameter', { n: i + 1 })}
                      description={`{{${i + 1}}}`}
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

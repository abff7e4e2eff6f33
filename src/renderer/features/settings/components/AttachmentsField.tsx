import { Button, FileButton, Group, Select, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { LibraryFile, TemplateAttachment } from '../../../../core';
import { useOptionalServices } from '../../../data/context';
import { useT } from '../../../i18n';
import { AttachmentChips } from '../../composer/components/AttachmentChips';

/** WhatsApp and the Send API take one file per message; five keeps a reply from flooding the conversation. */
const MAX_ATTACHMENTS = 5;

/**
 * A quick reply's files: picked from the template library, or uploaded to it here. The gateway decides what a
 * file is from its bytes; its refusal ("only JPEG or PNG images and PDF documents…") is shown as it is.
 */
export function AttachmentsField(props: {
  value: readonly TemplateAttachment[];
  onChange(next: TemplateAttachment[]): void;
}) {
  const t = useT();
  const library = useOptionalServices()?.library ?? null;
  const [files, setFiles] = useState<LibraryFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    let live = true;
    void library?.list().then((result) => {
      if (!live) return;
      if (result.ok) setFiles(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [library]);

  const attached = new Set(props.value.map((a) => a.id));
  const full = props.value.length >= MAX_ATTACHMENTS;
  const add = (file: LibraryFile) => {
    if (attached.has(file.id) || full) return;
    props.onChange([...props.value, { id: file.id, kind: file.kind, name: file.name }]);
  };

  const upload = async (file: File | null) => {
    if (!file || !library) return;
    setError(null);
    setUploading(true);
    const result = await library.upload(file, file.name);
    setUploading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setFiles((list) => [result.value, ...list.filter((f) => f.id !== result.value.id)]);
    add(result.value);
  };

  return (
    <Stack gap={6} role="group" aria-label={t('replies.field.attachments')}>
      <Text size="sm" fw={500}>
        {t('replies.field.attachments')}
      </Text>
      {props.value.length > 0 && (
        <AttachmentChips
          attachments={props.value}
          onRemove={(id) => props.onChange(props.value.filter((a) => a.id !== id))}
        />
      )}
      {library ? (
        <Group gap="xs" align="flex-end">
          <Select
            aria-label={t('replies.library.pick')}
            placeholder={t('replies.library.pick')}
            data={files.filter((f) => !attached.has(f.id)).map((f) => ({ value: f.id, label: f.name }))}
            value={null}
            onChange={(id) => {
              const file = files.find((f) => f.id === id);
              if (file) add(file);
            }}
            disabled={full}
            searchable
            nothingFoundMessage={t('replies.library.empty')}
            style={{ flex: 1 }}
          />
          <FileButton onChange={(file) => void upload(file)} accept="image/jpeg,image/png,application/pdf">
            {(button) => (
              <Button
                {...button}
                variant="default"
                leftSection={<IconUpload size={14} />}
                loading={uploading}
                disabled={full}
              >
                {t('replies.library.upload')}
              </Button>
            )}
          </FileButton>
        </Group>
      ) : null}
      <Text size="xs" c={error ? 'red' : 'dimmed'} role={error ? 'alert' : undefined}>
        {error ?? t('replies.library.help')}
      </Text>
    </Stack>
  );
}
